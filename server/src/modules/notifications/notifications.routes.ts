import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PageQuery } from '@shared/schemas/common';
import { NotificationPage } from '@shared/schemas/activities';
import * as service from './notifications.service';

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/notifications',
    { schema: { tags: ['notifications'], summary: 'My inbox, newest first', querystring: PageQuery.extend({ unread: z.enum(['true', 'false']).optional() }), response: { 200: NotificationPage } } },
    async (req) => service.listMyNotifications(app.ctx, req.requireActor(), req.query),
  );
  app.post('/me/notifications/:id/read', { schema: { tags: ['notifications'], summary: 'Mark one as read', params: IdParams, response: { 200: z.object({ updated: z.number().int() }) } } }, async (req) => ({
    updated: await service.markMyNotificationsRead(app.ctx, req.requireActor(), req.params.id),
  }));
  app.post('/me/notifications/read-all', { schema: { tags: ['notifications'], summary: 'Mark all as read', response: { 200: z.object({ updated: z.number().int() }) } } }, async (req) => ({
    updated: await service.markMyNotificationsRead(app.ctx, req.requireActor(), null),
  }));
};
