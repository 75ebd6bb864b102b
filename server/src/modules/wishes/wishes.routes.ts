import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, RegionCode, pageOf } from '@shared/schemas/common';
import { ClaimBody, DeliverBody, PublicWish, StaffWish, WishCreateBody, WishListQuery, WishStats } from '@shared/schemas/requests';
import * as service from './wishes.service';
import { IMAGE_TYPES } from '../../lib/storage';
import { parseEarly, type BodyGuard } from '../../lib/body-guard';
import { registerRawBodyParser } from '../../plugins/body-limit';

/** A delivery note with a base64 photo of at most 5 MB (base64 is 4/3 of the bytes). */
const DELIVER_BODY_LIMIT = 7 * 1024 * 1024 + 64 * 1024;

const AnyWish = z.union([StaffWish, PublicWish]);

export const wishesRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRawBodyParser(app, Object.keys(IMAGE_TYPES));
  const claimantOnly: BodyGuard = async (req) => service.checkClaimant(app.ctx, req.requireActor(), parseEarly(IdParams, req.params, 'params').id);
  app.post('/wishes', { schema: { tags: ['wishes'], summary: 'Register a micro-wish for a person in need (kept private on the wall); staff', body: WishCreateBody, response: { 201: StaffWish } } }, async (req, reply) => {
    const w = await service.registerWish(app.ctx, req.requireActor(), req.body);
    reply.status(201);
    return w;
  });
  app.get('/wishes', { schema: { tags: ['wishes'], summary: 'The wish wall (public: never who); staff of the region see the person', querystring: WishListQuery, response: { 200: pageOf(AnyWish) } } }, async (req) =>
    service.listWall(app.ctx, req.actor, req.query),
  );
  app.get('/wishes/stats', { schema: { tags: ['wishes'], summary: 'Wishes collected, claimed, fulfilled for a region subtree', querystring: z.object({ regionCode: RegionCode.optional() }), response: { 200: WishStats } } }, async (req) =>
    service.wishStats(app.ctx, req.query.regionCode),
  );
  app.get('/wishes/:id', { schema: { tags: ['wishes'], summary: 'One wish', params: IdParams, response: { 200: AnyWish } } }, async (req) => service.getWish(app.ctx, req.actor, req.params.id));
  app.post('/wishes/:id/claim', { schema: { tags: ['wishes'], summary: '认领: one claim at a time', params: IdParams, body: ClaimBody, response: { 201: PublicWish } } }, async (req, reply) => {
    const w = await service.claimWish(app.ctx, req.requireActor(), req.params.id, req.body);
    reply.status(201);
    return w;
  });
  // the photo may travel inside the delivery (base64, up to 5 MB of picture) or as a raw body
  app.post(
    '/wishes/:id/deliver',
    {
      bodyLimit: DELIVER_BODY_LIMIT,
      config: { checkedBeforeBody: claimantOnly },
      schema: { tags: ['wishes'], summary: 'The claimant delivers with a note and optionally a photo (base64; re-encoded without EXIF)', params: IdParams, body: DeliverBody, response: { 200: PublicWish } },
    },
    async (req) => service.deliverWish(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.put(
    '/wishes/:id/photo',
    {
      config: { rawBody: { types: Object.keys(IMAGE_TYPES), limitBytes: service.MAX_PHOTO_BYTES }, checkedBeforeBody: claimantOnly },
      schema: { tags: ['wishes'], summary: 'The claimant sends the delivery photo as the raw body (PNG, JPEG or WebP, at most 5 MB; re-encoded without EXIF)', params: IdParams, response: { 200: PublicWish } },
    },
    async (req) => service.putWishPhoto(app.ctx, req.requireActor(), req.params.id, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)),
  );
  app.get('/wishes/:id/photo', { schema: { tags: ['wishes'], summary: 'The delivery photo; the region’s staff and the claimant', params: IdParams } }, async (req, reply) => {
    const p = await service.wishPhoto(app.ctx, req.requireActor(), req.params.id);
    return reply.type(p.contentType).header('cache-control', 'private, max-age=300').send(p.bytes);
  });
  app.post('/wishes/:id/confirm', { schema: { tags: ['wishes'], summary: 'Staff confirm it fulfilled', params: IdParams, response: { 200: StaffWish } } }, async (req) => service.confirmWish(app.ctx, req.requireActor(), req.params.id));
};
