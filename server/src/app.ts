import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import { makeContext, type AppContext } from './context';
import { AUTH_CHANNEL } from './modules/accounts/auth-cache';
import { openDatabase, type Database } from './db/client';
import { systemClock, type Clock } from './lib/clock';
import { frameworkErrors, registerErrorHandler } from './plugins/error-handler';
import { registerOpenApi } from './plugins/openapi';
import { authPlugin } from './plugins/auth';
import { registerWeb } from './plugins/web';
import { registerMetrics } from './plugins/metrics';
import { registerInputGuard } from './plugins/input-guard';
import { JSON_BODY_LIMIT } from './plugins/body-limit';
import { registerSecurityHeaders } from './plugins/security-headers';
import { registerReadRouting } from './plugins/read-routing';
import { registerBodyGuard } from './lib/body-guard';
import { loggerOptions } from './lib/log-scrub';
import { healthRoutes } from './modules/health/health.routes';
import { regionsRoutes } from './modules/regions/index';
import { accountsRoutes } from './modules/accounts/index';
import { accessRoutes } from './modules/access/index';
import { auditRoutes } from './modules/audit/index';
import { orgsRoutes } from './modules/orgs/index';
import { importRoutes, volunteersRoutes } from './modules/volunteers/index';
import { activitiesRoutes } from './modules/activities/index';
import { notificationsRoutes } from './modules/notifications/index';
import { requestsRoutes } from './modules/requests/index';
import { wishesRoutes } from './modules/wishes/index';
import { statsRoutes } from './modules/stats/index';
import { ledgerRoutes } from './modules/ledger/index';
import { marketRoutes } from './modules/market/index';
import { setupRoutes } from './modules/setup/index';
import { honoursRoutes } from './modules/honours/index';
import { awardsRoutes } from './modules/awards/index';
import { partnersRoutes } from './modules/partners/index';
import { charityRoutes } from './modules/charity/index';
import { civilityRoutes } from './modules/civility/index';
import { councilRoutes } from './modules/council/index';
import { rankingsRoutes } from './modules/rankings/index';
import { careRoutes } from './modules/care/index';
import { postsRoutes } from './modules/posts/index';
import { bootstrap } from './bootstrap';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

export interface BuildOptions {
  /** An open database (tests pass one); otherwise one is opened from the config and migrated. */
  database?: Database;
  clock?: Clock;
  /** pino logger options; `false` silences logs (tests). */
  logger?: boolean | Record<string, unknown>;
}

/** A hop count as Fastify's trust function: the nearest `hops` addresses are proxies. */
function hopsTrusted(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/** Builds the whole application. Never listens: server.ts does, tests call `app.inject`. */
export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(opts.logger ?? true, config.logLevel),
    bodyLimit: JSON_BODY_LIMIT,
    // X-Forwarded-For is believed only from the proxies AIXIN_TRUST_PROXY names (none by default)
    trustProxy: typeof config.trustProxy === 'number' ? hopsTrusted(config.trustProxy) : config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();

  const ownDatabase = !opts.database;
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, ownerUrl: config.databaseOwnerUrl, replicaUrl: config.databaseReplicaUrl }));
  if (ownDatabase) await database.migrate();
  if (config.databaseReplicaUrl && database.engine === 'pglite') app.log.warn('DATABASE_REPLICA_URL is ignored: the embedded database has no replica (set DATABASE_URL to the primary)');
  const ctx: AppContext = makeContext(config, database, opts.clock ?? systemClock, app.log);
  app.decorate('ctx', ctx);
  // signed-in people are remembered only while the database's change announcements are heard
  const stopListening = await database.listen(
    AUTH_CHANNEL,
    (userId) => ctx.authCache.evict(userId),
    (connected) => {
      ctx.authCache.listening = connected;
      if (!connected) ctx.authCache.evict('*');
    },
  );
  app.addHook('onClose', async () => stopListening().catch(() => undefined));
  if (ownDatabase) app.addHook('onClose', async () => database.close());

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerInputGuard(app);
  await registerSecurityHeaders(app);
  await app.register(cookie);
  await registerOpenApi(app);
  await app.register(authPlugin);
  registerReadRouting(app);
  registerBodyGuard(app);
  registerMetrics(app, database, config.metrics);

  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      await api.register(regionsRoutes);
      await api.register(accountsRoutes);
      await api.register(accessRoutes);
      await api.register(auditRoutes);
      await api.register(orgsRoutes);
      await api.register(volunteersRoutes);
      await api.register(importRoutes);
      await api.register(activitiesRoutes);
      await api.register(notificationsRoutes);
      await api.register(requestsRoutes);
      await api.register(wishesRoutes);
      await api.register(statsRoutes);
      await api.register(ledgerRoutes);
      await api.register(marketRoutes);
      await api.register(setupRoutes);
      await api.register(honoursRoutes);
      await api.register(awardsRoutes);
      await api.register(partnersRoutes);
      await api.register(rankingsRoutes);
      await api.register(charityRoutes);
      await api.register(civilityRoutes);
      await api.register(councilRoutes);
      await api.register(careRoutes);
      await api.register(postsRoutes);
    },
    { prefix: '/api/v1' },
  );
  await registerWeb(app, config.serveWeb);

  await bootstrap(ctx);
  return app;
}
