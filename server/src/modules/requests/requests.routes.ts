import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '@shared/schemas/common';
import { AcceptBody, CancelBody, DeclineBody, DispatchBody, PositionBody, RateBody, RequestCreateBody, RequestDetail, RequestListQuery, RequestPage, ServiceRequest, Suggestion } from '@shared/schemas/requests';
import { clientKeyOf, idempotent, sendIdempotent } from '../idempotency/index';
import * as service from './requests.service';

export const requestsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/service-requests', { schema: { tags: ['requests'], summary: '点单: order a service (staff: for a resident with residentId); payMinutes reserves time-bank minutes; `Idempotency-Key` (UUID) answers a retry with the first answer', body: RequestCreateBody, response: { 201: ServiceRequest } } }, async (req, reply) => {
    const actor = req.requireActor();
    const key = clientKeyOf(req, req.body.clientKey);
    return sendIdempotent(reply, await idempotent(app.ctx, actor, { key, scope: 'service_request', request: req.body, status: 201 }, (ctx) => service.orderService(ctx, actor, req.body)));
  });
  app.get('/service-requests', { schema: { tags: ['requests'], summary: 'mine | queue (dispatch queue of my subtree; overdue=true) | assigned (to my teams or me)', querystring: RequestListQuery, response: { 200: RequestPage } } }, async (req) =>
    service.listRequests(app.ctx, req.requireActor(), req.query),
  );
  app.get('/service-requests/:id', { schema: { tags: ['requests'], summary: 'A request with its history', params: IdParams, response: { 200: RequestDetail } } }, async (req) => service.getRequest(app.ctx, req.requireActor(), req.params.id));
  app.get('/service-requests/:id/suggestions', { schema: { tags: ['requests'], summary: 'Teams to dispatch to: matching category, nearest, least loaded — each with why', params: IdParams, response: { 200: z.object({ items: z.array(Suggestion) }) } } }, async (req) => ({
    items: await service.suggestTeams(app.ctx, req.requireActor(), req.params.id),
  }));
  app.post('/service-requests/:id/dispatch', { schema: { tags: ['requests'], summary: '派单 to a team (orgId) or a volunteer (userId) with a due time', params: IdParams, body: DispatchBody, response: { 200: ServiceRequest } } }, async (req) =>
    service.dispatch(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.post('/service-requests/:id/accept', { schema: { tags: ['requests'], summary: '接单, naming who will go', params: IdParams, body: AcceptBody, response: { 200: ServiceRequest } } }, async (req) =>
    service.accept(app.ctx, req.requireActor(), req.params.id, req.body.helperIds),
  );
  app.post('/service-requests/:id/decline', { schema: { tags: ['requests'], summary: 'Decline with a reason: back to the dispatch queue', params: IdParams, body: DeclineBody, response: { 200: ServiceRequest } } }, async (req) =>
    service.decline(app.ctx, req.requireActor(), req.params.id, req.body.reason),
  );
  app.post('/service-requests/:id/checkin', { schema: { tags: ['requests'], summary: 'A helper checks in at the address', params: IdParams, body: PositionBody, response: { 200: ServiceRequest } } }, async (req) =>
    service.checkIn(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.post('/service-requests/:id/checkout', { schema: { tags: ['requests'], summary: 'A helper checks out', params: IdParams, body: PositionBody, response: { 200: ServiceRequest } } }, async (req) =>
    service.checkOut(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.post('/service-requests/:id/rate', { schema: { tags: ['requests'], summary: '评单: confirm and rate (or: it did not happen); credits helpers, posts or voids the payment', params: IdParams, body: RateBody, response: { 200: ServiceRequest } } }, async (req) =>
    service.rate(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.post('/service-requests/:id/cancel', { schema: { tags: ['requests'], summary: 'Cancel before the service; a reserved payment comes back', params: IdParams, body: CancelBody, response: { 200: ServiceRequest } } }, async (req) =>
    service.cancel(app.ctx, req.requireActor(), req.params.id, req.body.reason),
  );
};
