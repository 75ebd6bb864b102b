import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MyRanking, MyRankingQuery, Rankings, RankingsQuery } from '@shared/schemas/rankings';
import { myRanking, rankings } from './rankings.service';
import { onReads } from '../../plugins/read-routing';

export const rankingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/rankings',
    {
      schema: {
        tags: ['rankings'],
        summary: 'A ranking (排行榜) of volunteers or teams in a region or an organisation, by hours, points or participations, for a year or a month (public; names only with consent)',
        querystring: RankingsQuery,
        response: { 200: Rankings },
      },
    },
    async (req) => onReads(app, req, (ctx) => rankings(ctx, req.query)),
  );
  app.get(
    '/me/rankings',
    { schema: { tags: ['rankings'], summary: 'My place and figures in a ranking (default: my city, this year, by hours)', querystring: MyRankingQuery, response: { 200: MyRanking } } },
    async (req) => {
      const actor = req.requireActor();
      return onReads(app, req, (ctx) => myRanking(ctx, actor, req.query));
    },
  );
};
