import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/client';
import { sealFigures } from '../modules/ledger/index';

/**
 * Prometheus metrics at `GET /metrics` (text format), only with AIXIN_METRICS=1: requests by
 * route (rate and latency), database connections in use, the ledger's seal queue (the background
 * job queue) and the transfers sealed into the books, plus the process's own (memory, CPU, event
 * loop), and with a read replica where the read-only requests were read. Not in the OpenAPI document; keep it off the public proxy (docs/DEPLOY.md).
 */
export function registerMetrics(app: FastifyInstance, database: Database, enabled: boolean): void {
  if (!enabled) return;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'aixin_' });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'aixin_http_requests_total', help: 'HTTP requests answered, by route pattern and status', labelNames, registers: [registry] });
  const latency = new Histogram({
    name: 'aixin_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'aixin_db_pool_connections',
    help: 'Database connections: max allowed, open, idle, and queries waiting for one',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const u = database.poolUse();
      this.set({ state: 'max' }, u.max);
      this.set({ state: 'open' }, u.open);
      this.set({ state: 'idle' }, u.idle);
      this.set({ state: 'busy' }, u.open - u.idle);
      this.set({ state: 'waiting' }, u.waiting);
    },
  });
  const seal = () => sealFigures(database.db);
  new Gauge({
    name: 'aixin_job_queue_depth',
    help: 'Background work waiting: ledger transfers committed and not yet sealed into their hash chain',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.set({ queue: 'ledger_seal' }, (await seal()).queued);
    },
  });
  new Counter({
    name: 'aixin_ledger_transfers_total',
    help: 'Ledger transfers sealed into the books (all processes: the sum of the hash chains’ heads)',
    registers: [registry],
    async collect() {
      this.reset();
      this.inc((await seal()).sealed);
    },
  });

  const reads = app.ctx.reads;
  if (reads) {
    new Counter({
      name: 'aixin_reads_total',
      help: 'Read-only requests by where they were read (DATABASE_REPLICA_URL): replica, or primary and why (replica-down, lagging, not-replayed: the reader’s own write, fallback: the replica failed during the read)',
      labelNames: ['served_by', 'reason'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [reason, n] of Object.entries(reads.served)) this.inc({ served_by: reason === 'replica' ? 'replica' : 'primary', reason }, n);
      },
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
