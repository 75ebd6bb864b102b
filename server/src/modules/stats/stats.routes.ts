import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { StatsBreakdown, StatsBreakdownQuery, StatsOverview, StatsQuery, StatsReportQuery } from '@shared/schemas/stats';
import * as files from './stats.files';
import * as figures from './stats.figures';
import { onReads } from '../../plugins/read-routing';

export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/stats/overview',
    { schema: { tags: ['stats'], summary: "A region's figures (whole subtree) for a period; the office's work in hand for staff of the region", querystring: StatsQuery, response: { 200: StatsOverview } } },
    async (req) => onReads(app, req, (ctx) => figures.overview(ctx, req.actor, req.query)),
  );
  app.get(
    '/stats/breakdown',
    { schema: { tags: ['stats'], summary: 'The figures by month, by service category, or by child region (one level down)', querystring: StatsBreakdownQuery, response: { 200: StatsBreakdown } } },
    async (req) => onReads(app, req, (ctx) => figures.breakdown(ctx, req.query)),
  );
  app.get('/stats/export.xlsx', { schema: { tags: ['stats'], summary: 'Every table of the figures, one sheet each (Excel); staff of the region; audited', querystring: StatsQuery } }, async (req, reply) => {
    const xlsx = await files.exportXlsx(app.ctx, req.requireActor(), req.query);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', 'attachment; filename="stats.xlsx"').send(xlsx);
  });
  app.get('/stats/report.pdf', { schema: { tags: ['stats'], summary: "A region's one-page monthly report (PDF) with its figures and charts; staff of the region; audited", querystring: StatsReportQuery } }, async (req, reply) => {
    const pdf = await files.monthlyReport(app.ctx, req.requireActor(), req.query);
    return reply.type('application/pdf').header('content-disposition', 'attachment; filename="report.pdf"').send(pdf);
  });
};
