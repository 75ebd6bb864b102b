import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '@shared/schemas/common';
import { Org, OrgCreateBody, OrgListQuery, OrgPage, OrgReviewBody, Station, StationCreateBody, StationListQuery, StationPage } from '@shared/schemas/orgs';
import * as service from './orgs.service';

export const orgsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/orgs',
    { schema: { tags: ['orgs'], summary: 'Register an organisation (pending review); the creator becomes its org_admin', body: OrgCreateBody, response: { 201: Org } } },
    async (req, reply) => {
      const org = await service.createOrg(app.ctx, req.requireActor(), req.body);
      reply.status(201);
      return org;
    },
  );

  app.get('/orgs', { schema: { tags: ['orgs'], summary: 'Organisations (public: active ones)', querystring: OrgListQuery, response: { 200: OrgPage } } }, async (req) =>
    service.listOrganizations(app.ctx, req.actor, req.query),
  );

  app.get('/orgs/:id', { schema: { tags: ['orgs'], summary: 'One organisation', params: IdParams, response: { 200: Org } } }, async (req) =>
    service.getOrg(app.ctx, req.actor, req.params.id),
  );

  app.post(
    '/orgs/:id/review',
    { schema: { tags: ['orgs'], summary: 'Approve, reject (with a reason) or ask for changes; region admin of the org’s region', params: IdParams, body: OrgReviewBody, response: { 200: Org } } },
    async (req) => service.reviewOrg(app.ctx, req.requireActor(), req.params.id, req.body.decision, req.body.reason),
  );

  app.post(
    '/stations',
    { schema: { tags: ['stations'], summary: 'Create a service station; region admin', body: StationCreateBody, response: { 201: Station } } },
    async (req, reply) => {
      const s = await service.createStation(app.ctx, req.requireActor(), req.body);
      reply.status(201);
      return s;
    },
  );

  app.get('/stations', { schema: { tags: ['stations'], summary: 'Stations (public)', querystring: StationListQuery, response: { 200: StationPage } } }, async (req) =>
    service.listStationsPublic(app.ctx, req.query),
  );
};
