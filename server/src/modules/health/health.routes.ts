import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../lib/app-error';
import { migrationState } from './health.repository';

const Engine = z.enum(['pglite', 'postgres']);

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Alive (liveness): the process answers and its database connection works',
        response: { 200: z.object({ status: z.literal('ok'), database: Engine }) },
      },
    },
    async () => {
      try {
        await migrationState(app.ctx.db, { ping: true });
      } catch {
        throw new AppError('UNAVAILABLE', '数据库不可用 / Database unavailable');
      }
      return { status: 'ok' as const, database: app.ctx.engine };
    },
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Ready to serve (readiness): the database is reachable and every migration of this version is applied; else 503 UNAVAILABLE',
        response: { 200: z.object({ status: z.literal('ready'), database: Engine, migrations: z.object({ applied: z.number().int(), expected: z.number().int() }) }) },
      },
    },
    async () => {
      let state;
      try {
        state = await migrationState(app.ctx.db);
      } catch {
        throw new AppError('UNAVAILABLE', '数据库不可用 / Database unavailable', { reason: 'database' });
      }
      if (!state.current) {
        throw new AppError('UNAVAILABLE', '数据库迁移尚未完成：请运行 npx aixin migrate / Database migrations are not applied: run npx aixin migrate', {
          reason: 'migrations',
          applied: state.applied,
          expected: state.expected,
        });
      }
      return { status: 'ready' as const, database: app.ctx.engine, migrations: { applied: state.applied, expected: state.expected } };
    },
  );
};
