import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RegionsQuery, RegionsResponse, RegionParams, RegionDetail } from '@shared/schemas/regions';
import { listChildren } from './regions.repository';
import { regionTrail } from './regions.service';

export const regionsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/regions',
    { schema: { tags: ['regions'], summary: 'Children of a region, or the roots', querystring: RegionsQuery, response: { 200: RegionsResponse } } },
    async (req) => {
      const items = await listChildren(app.ctx.db, req.query.parent ?? null);
      return { items, total: items.length };
    },
  );

  app.get(
    '/regions/:code',
    { schema: { tags: ['regions'], summary: 'A region with its ancestors', params: RegionParams, response: { 200: RegionDetail } } },
    async (req) => {
      const { region, trail } = await regionTrail(app.ctx.db, req.params.code);
      const [child] = await listChildren(app.ctx.db, region.code);
      return {
        code: region.code,
        name: region.name,
        parentCode: region.parentCode,
        level: region.level,
        hasChildren: !!child,
        path: trail.map((r) => ({ code: r.code, name: r.name, level: r.level })),
      };
    },
  );
};
