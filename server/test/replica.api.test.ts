import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { WRITE_LSN_COOKIE } from '@shared/constants';
import { buildApp } from '../src/app';
import { DEFAULT_RATE_LIMITS, loadConfig } from '../src/config';
import { openDatabase, type Database } from '../src/db/client';
import { TestClock } from '../src/lib/clock';
import { creditService, verifyLedger } from '../src/modules/ledger/index';
import { overview } from '../src/modules/stats/stats.figures';
import { TEST_SECRET, TestClient, type TestApp } from './build-test-app';
import { makeUser } from './factories';
import { urlForDatabase } from './engine';

/**
 * The province step: a primary and its streaming replica (scripts/replica.sh start), reads of the
 * portal, statistics, rankings, passbooks and records from the replica, read-your-writes for the
 * person who wrote. Runs only with both clusters:
 *
 *   scripts/replica.sh start && eval "$(scripts/replica.sh env)" && export TEST_PRIMARY_URL TEST_REPLICA_URL
 *   npx vitest run --project api server/test/replica.api.test.ts
 *
 * Replay on the replica is paused (pg_wal_replay_pause, as its superuser) to make it stale on
 * purpose: then a read that comes from the replica can be told from one that comes from the primary.
 */
const PRIMARY = process.env.TEST_PRIMARY_URL;
const REPLICA = process.env.TEST_REPLICA_URL;

async function one<T>(url: string, text: string, values: unknown[] = []): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows[0] as T;
  } finally {
    await c.end();
  }
}

/** Waits until the replica has replayed everything the primary has written so far. */
async function caughtUp(primaryDb: string, replicaDb: string) {
  const { lsn } = await one<{ lsn: string }>(primaryDb, 'select pg_current_wal_lsn()::text as lsn');
  for (let i = 0; i < 400; i++) {
    const r = await one<{ ok: boolean }>(replicaDb, 'select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok', [lsn]);
    if (r.ok) return;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error('the replica did not catch up in 10 s');
}

describe.skipIf(!PRIMARY || !REPLICA)('a primary with a streaming replica (DATABASE_REPLICA_URL)', () => {
  const name = `aixin_replica_t_${crypto.randomBytes(5).toString('hex')}`;
  const primaryUrl = urlForDatabase(PRIMARY ?? 'postgres://x@localhost/x', name);
  const replicaUrl = urlForDatabase(REPLICA ?? 'postgres://x@localhost/x', name);
  let database: Database;
  let t: TestApp;

  const paused = async <T>(fn: () => Promise<T>): Promise<T> => {
    await one(replicaUrl, 'select pg_wal_replay_pause()');
    try {
      return await fn();
    } finally {
      await one(replicaUrl, 'select pg_wal_replay_resume()');
    }
  };

  async function appOn(db: Database, metrics = false): Promise<TestApp> {
    const clock = new TestClock();
    const config = loadConfig({}, { dataDir: path.join(os.tmpdir(), 'aixin-test-data'), secret: TEST_SECRET, serveWeb: false, metrics, rateLimits: { ...DEFAULT_RATE_LIMITS, loginPerIpPerMinute: 10_000 } });
    const app = await buildApp(config, { database: db, clock, logger: false });
    await app.ready();
    return { app, database: db, clock, client: () => new TestClient(app), close: async () => app.close() };
  }

  beforeAll(async () => {
    await one(PRIMARY!, `create database ${name}`);
    database = await openDatabase({ databaseUrl: primaryUrl, replicaUrl, poolSize: 5 });
    await database.migrate();
    t = await appOn(database);
    await caughtUp(primaryUrl, replicaUrl);
  });

  afterAll(async () => {
    await one(replicaUrl, 'select pg_wal_replay_resume()').catch(() => undefined);
    if (t) {
      const proof = await verifyLedger(database.db);
      await t.close();
      await database.close();
      expect(proof.ok).toBe(true);
    }
    await one(PRIMARY!, `drop database if exists ${name} with (force)`);
  });

  it('the read pool is the standby, the write pool the primary', async () => {
    const router = t.app.ctx.reads!;
    expect(router).not.toBeNull();
    const onReplica = await router.replicaDb.execute<{ r: boolean }>(sql`select pg_is_in_recovery() as r`);
    const onPrimary = await t.app.ctx.db.execute<{ r: boolean }>(sql`select pg_is_in_recovery() as r`);
    expect(onReplica.rows[0]!.r).toBe(true);
    expect(onPrimary.rows[0]!.r).toBe(false);
  });

  it('an anonymous portal read is served by the replica: while it replays nothing, the figures it answers are the replica’s', async () => {
    const router = t.app.ctx.reads!;
    const anyone = t.client();
    const before = await anyone.get('/api/v1/stats/overview?regionCode=140502');
    expect(before.status).toBe(200);
    await paused(async () => {
      // a new volunteer in the district: the primary counts them at once
      await makeUser(t, { regionCode: '140502001001' });
      const onPrimary = await overview(t.app.ctx, null, { regionCode: '140502' });
      expect(onPrimary.volunteers).toBe(before.body.volunteers + 1);
      const servedBefore = router.served.replica;
      const stale = await anyone.get('/api/v1/stats/overview?regionCode=140502');
      expect(stale.status).toBe(200);
      expect(stale.body.volunteers).toBe(before.body.volunteers);
      expect(router.served.replica).toBe(servedBefore + 1);
      // the rankings and the public activity list come from the same place
      expect((await anyone.get('/api/v1/rankings?regionCode=140502&period=year&metric=hours')).status).toBe(200);
      expect((await anyone.get('/api/v1/activities?regionCode=140502')).status).toBe(200);
      expect(router.served.replica).toBe(servedBefore + 3);
    });
    await caughtUp(primaryUrl, replicaUrl);
    const after = await anyone.get('/api/v1/stats/overview?regionCode=140502');
    expect(after.body.volunteers).toBe(before.body.volunteers + 1);
  });

  it('a person who just wrote sees their write at once (the primary answers until the replica has replayed it); others keep reading the replica', async () => {
    const router = t.app.ctx.reads!;
    const giver = await makeUser(t);
    const other = await makeUser(t);
    await creditService(t.app.ctx, null, { userId: giver.id, regionCode: giver.regionCode, measuredMinutes: 120, at: t.clock.now(), objectType: 'service_record', objectId: crypto.randomUUID(), idempotencyKey: `replica-${crypto.randomUUID()}` });
    await caughtUp(primaryUrl, replicaUrl);
    const me = await t.client().login(giver.phone);
    const them = await t.client().login(other.phone);
    const start = await me.get('/api/v1/me/passbook?page=1&pageSize=20');
    expect(start.status).toBe(200);
    const points = start.body.balances.points as number;
    expect(points).toBeGreaterThan(5);

    await paused(async () => {
      const gift = await me.post('/api/v1/donations', { ledger: 'points', amount: 5, idempotencyKey: `replica-${crypto.randomUUID()}` });
      expect(gift.status).toBe(201);
      // the answer carried the primary's position after the write, sealed (not readable as a WAL position)
      const hint = me.cookies.get(WRITE_LSN_COOKIE);
      expect(hint).toMatch(/^v1\./);
      expect(decodeURIComponent(hint!)).not.toMatch(/[0-9A-F]+\/[0-9A-F]+/);
      const before = { ...router.served };
      const mine = await me.get('/api/v1/me/passbook?page=1&pageSize=20');
      expect(mine.status).toBe(200);
      expect(mine.body.balances.points).toBe(points - 5);
      expect(mine.body.items[0]).toMatchObject({ kind: 'donation', amount: -5 });
      expect(router.served['not-replayed']).toBe(before['not-replayed'] + 1);
      // the replica itself still holds the old balance: the answer above could only come from the primary
      const onReplica = await one<{ balance: number }>(replicaUrl, `select balance from ledger_accounts where owner_user_id = $1 and ledger = 'points'`, [giver.id]);
      expect(Number(onReplica.balance)).toBe(points);
      // the records page of the same person waits for the replica too
      expect((await me.get('/api/v1/me/service-records?page=1&pageSize=20')).status).toBe(200);
      expect(router.served['not-replayed']).toBe(before['not-replayed'] + 2);
      // someone who wrote nothing reads the replica
      expect((await them.get('/api/v1/me/passbook?page=1&pageSize=20')).status).toBe(200);
      expect(router.served.replica).toBe(before.replica + 1);
      // a person dropping the cookie only sees the replica's older page of their own
      const withoutHint = t.client();
      withoutHint.cookies = new Map([...me.cookies].filter(([k]) => k !== WRITE_LSN_COOKIE));
      expect((await withoutHint.get('/api/v1/me/passbook?page=1&pageSize=20')).body.balances.points).toBe(points);
      // a made-up position, or the giver's cookie carried by someone else, counts as none: the replica answers
      withoutHint.cookies.set(WRITE_LSN_COOKIE, 'FFFFFFFF/FFFFFFFF');
      expect((await withoutHint.get('/api/v1/me/passbook?page=1&pageSize=20')).body.balances.points).toBe(points);
      them.cookies.set(WRITE_LSN_COOKIE, hint!);
      const servedBefore = router.served.replica;
      expect((await them.get('/api/v1/me/passbook?page=1&pageSize=20')).status).toBe(200);
      expect(router.served.replica).toBe(servedBefore + 1);
    });
    await caughtUp(primaryUrl, replicaUrl);
    // replayed: the same person now reads the replica, and it agrees
    const served = router.served.replica;
    await new Promise((r) => setTimeout(r, 60)); // the router's cached replay position ages out
    const later = await me.get('/api/v1/me/passbook?page=1&pageSize=20');
    expect(later.body.balances.points).toBe(points - 5);
    expect(router.served.replica).toBe(served + 1);
  });

  it('a refused write leaves no position behind (nothing to wait for)', async () => {
    const poor = await makeUser(t);
    const c = await t.client().login(poor.phone);
    const r = await c.post('/api/v1/donations', { ledger: 'points', amount: 5, idempotencyKey: `replica-${crypto.randomUUID()}` });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(c.cookies.has(WRITE_LSN_COOKIE)).toBe(false);
  });

  it('with the replica unreachable, reads still answer from the primary (the router says so once)', async () => {
    // the same primary, a replica address where nothing listens
    const deadReplica = new URL(replicaUrl);
    deadReplica.port = '1';
    const db2 = await openDatabase({ databaseUrl: primaryUrl, replicaUrl: deadReplica.toString(), poolSize: 3 });
    const t2 = await appOn(db2, true);
    try {
      const anyone = t2.client();
      for (const p of ['/api/v1/stats/overview?regionCode=140502', '/api/v1/rankings?regionCode=140502&period=year&metric=hours', '/api/v1/activities']) {
        const r = await anyone.get(p);
        expect(r.status, p).toBe(200);
      }
      expect(t2.app.ctx.reads!.served['replica-down']).toBe(3);
      expect(t2.app.ctx.reads!.served.replica).toBe(0);
      // and the operator sees it
      const metrics = await t2.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toContain('aixin_reads_total{served_by="primary",reason="replica-down"} 3');
    } finally {
      await t2.close();
      await db2.close();
    }
  });

  it('a replica connection that dies under a read is answered from the primary', async () => {
    const router = t.app.ctx.reads!;
    // the replica ends every connection of this test's database (as an administrator would, or a restart)
    await one(replicaUrl, `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [name]);
    await new Promise((r) => setTimeout(r, 60));
    const r = await t.client().get('/api/v1/stats/overview?regionCode=140502');
    expect(r.status).toBe(200);
    expect(r.body.regionCode).toBe('140502');
    // and reads return to the replica once it answers (a replica marked down is asked again in the background after 2 s)
    await new Promise((res) => setTimeout(res, 2100));
    expect((await t.client().get('/api/v1/stats/overview?regionCode=140502')).status).toBe(200);
    await new Promise((res) => setTimeout(res, 100));
    const before = router.served.replica;
    expect((await t.client().get('/api/v1/stats/overview?regionCode=140502')).status).toBe(200);
    expect(router.served.replica).toBe(before + 1);
  });
});
