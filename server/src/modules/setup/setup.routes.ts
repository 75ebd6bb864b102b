import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SetupStatus } from '@shared/schemas/setup';
import { needsAdmin } from './setup.service';

export const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/setup/status',
    { schema: { tags: ['setup'], summary: 'What a fresh installation still lacks (public: the login page shows how to make the first admin)', response: { 200: SetupStatus } } },
    async () => ({ needsAdmin: await needsAdmin(app.ctx) }),
  );
};
