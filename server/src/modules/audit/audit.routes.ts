import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditQuery, AuditPage } from '@shared/schemas/audit';
import { listAuditEntries } from './audit.service';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    { schema: { tags: ['audit'], summary: 'Audit entries of the regions under my region_admin grants', querystring: AuditQuery, response: { 200: AuditPage } } },
    async (req) => listAuditEntries(app.ctx, req.requireActor(), req.query),
  );
};
