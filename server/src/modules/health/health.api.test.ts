import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeUser } from '../../../test/factories';
import { loadConfig } from '../../config';
import { makeContext } from '../../context';
import { sealAll, transfer } from '../ledger/index';
import { firstRunNotes } from '../setup/index';

/** Liveness, readiness, the metrics behind AIXIN_METRICS, and what a fresh installation is told. */
let t: TestApp;
let metered: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  metered = await buildTestApp({ env: { AIXIN_METRICS: '1' } });
});
afterAll(async () => {
  await t.close();
  await metered.close();
});

const rows = (r: unknown) => (r as { rows: Array<Record<string, unknown>> }).rows;

describe('health and readiness', () => {
  it('/healthz keeps its answer; /readyz says the migrations of this version are applied', async () => {
    const live = await t.client().get('/healthz');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok', database: t.database.engine });
    const ready = await t.client().get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    const [applied] = rows(await t.database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    expect(ready.body.migrations).toEqual({ applied: applied!.n, expected: applied!.n });
  });

  it('/readyz answers 503 UNAVAILABLE (reason migrations) while the newest migration is missing', async () => {
    const db = t.database.db;
    const [newest] = rows(await db.execute(sql`select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`));
    await db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${newest!.id}`);
    try {
      const r = await t.client().get('/readyz');
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('UNAVAILABLE');
      expect(r.body.error.details.reason).toBe('migrations');
      expect(r.body.error.details.applied).toBe(r.body.error.details.expected - 1);
      expect((await t.client().get('/healthz')).status).toBe(200); // alive all the same
    } finally {
      await db.execute(sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${newest!.id}, ${newest!.hash}, ${newest!.created_at})`);
    }
    expect((await t.client().get('/readyz')).status).toBe(200);
  });
});

describe('metrics', () => {
  it('without AIXIN_METRICS there is no /metrics (the JSON 404)', async () => {
    const r = await t.client().get('/metrics');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
  });

  it('with AIXIN_METRICS=1: requests by route pattern, pool use, the seal queue and the transfers sealed', async () => {
    const u = await makeUser(metered);
    await metered.client().get('/api/v1/regions/140502');
    await transfer(metered.app.ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: u.id }, amount: 5, code: 'adjustment', actorId: null, idempotencyKey: `metrics-${u.id}` });
    const queued = await metered.app.inject({ method: 'GET', url: '/metrics' });
    expect(queued.statusCode).toBe(200);
    expect(queued.headers['content-type']).toContain('text/plain');
    expect(queued.body).toMatch(/aixin_job_queue_depth\{queue="ledger_seal"\} [1-9]/);
    await sealAll(metered.database.db, metered.clock.now());
    const [sealed] = rows(await metered.database.db.execute(sql`select coalesce(sum(seq), 0)::int as n from ledger_chain_heads`));
    expect(sealed!.n).toBeGreaterThan(0);
    const m = (await metered.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(m).toContain('aixin_http_requests_total{method="GET",route="/api/v1/regions/:code",status="200"} 1');
    expect(m).toMatch(/aixin_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/regions\/:code",status="200"\} 1/);
    expect(m).toContain(`aixin_ledger_transfers_total ${sealed!.n}`);
    expect(m).toContain('aixin_job_queue_depth{queue="ledger_seal"} 0');
    expect(m).toMatch(/aixin_db_pool_connections\{state="max"\} \d+/);
    expect(m).toContain('aixin_process_resident_memory_bytes');
    expect(m).not.toContain('route="/metrics"');
  });
});

describe('the first run', () => {
  it('GET /api/v1/setup/status says needsAdmin until a region admin exists', async () => {
    const before = await t.client().get('/api/v1/setup/status');
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ needsAdmin: true });
    expect((await firstRunNotes(t.app.ctx)).join('\n')).toContain('npx aixin admin create');
    await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
    const [admins] = rows(await t.database.db.execute(sql`select count(*)::int as n from grants where role = 'region_admin' and revoked_at is null`));
    expect(admins!.n).toBe(1);
    expect((await t.client().get('/api/v1/setup/status')).body).toEqual({ needsAdmin: false });
    expect(await firstRunNotes(t.app.ctx)).toEqual([]);
  });

  it('DATABASE_URL without AIXIN_SECRET: the warning names the generated secret file and says every process must share it', async () => {
    const dataDir = path.join(os.tmpdir(), `aixin-secret-${process.pid}`);
    const config = loadConfig({ DATABASE_URL: 'postgres://aixin@127.0.0.1:5432/aixin', AIXIN_DATA_DIR: dataDir });
    expect(config.secretFile).toBe(path.join(dataDir, 'secret.key'));
    const notes = await firstRunNotes(makeContext(config, t.database, t.clock, t.app.log));
    const warning = notes.find((n) => n.includes('AIXIN_SECRET'));
    expect(warning).toContain(path.join(dataDir, 'secret.key'));
    expect(warning).toContain('must share that one secret');
    const given = loadConfig({ DATABASE_URL: 'postgres://aixin@127.0.0.1:5432/aixin', AIXIN_DATA_DIR: dataDir, AIXIN_SECRET: 'y'.repeat(40) });
    expect((await firstRunNotes(makeContext(given, t.database, t.clock, t.app.log))).some((n) => n.includes('AIXIN_SECRET'))).toBe(false);
  });
});
