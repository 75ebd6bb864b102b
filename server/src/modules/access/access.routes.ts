import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { GrantBody, Grant, Role } from '@shared/schemas/auth';
import { IdParams, PageQuery, RegionCode, Id, pageOf } from '@shared/schemas/common';
import { createGrant, listGrantsInScope, revokeGrantById } from './access.service';

const GrantListItem = Grant.extend({ userName: z.string(), userPhone: z.string() });
const GrantListQuery = PageQuery.extend({ role: Role.optional(), regionCode: RegionCode.optional(), userId: Id.optional() });

export const accessRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/grants',
    {
      schema: {
        tags: ['access'],
        summary: 'Grant a role over a scope (only inside the granting admin’s own scope)',
        body: GrantBody,
        response: { 201: Grant },
      },
    },
    async (req, reply) => {
      const g = await createGrant(app.ctx, req.requireActor(), req.body);
      reply.status(201);
      return { ...g, createdAt: g.createdAt.toISOString() };
    },
  );

  app.get(
    '/grants',
    { schema: { tags: ['access'], summary: 'Grants inside my scope', querystring: GrantListQuery, response: { 200: pageOf(GrantListItem) } } },
    async (req) => {
      const page = await listGrantsInScope(app.ctx, req.requireActor(), req.query);
      return { total: page.total, items: page.items.map((g) => ({ ...g, createdAt: g.createdAt.toISOString() })) };
    },
  );

  app.delete(
    '/grants/:id',
    { schema: { tags: ['access'], summary: 'Revoke a grant (same scope rule as granting)', params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await revokeGrantById(app.ctx, req.requireActor(), req.params.id);
      return reply.status(204).send(null);
    },
  );
};
