import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { adminUrl, testEngine, urlForDatabase } from '../../test/engine';
import type { AppContext } from '../context';
import { withTx } from '../db/client';
import { PgBossQueue, type PgBossOptions } from './pg-boss';
import { defineJob } from './queue';

/**
 * pg-boss on PostgreSQL: two queues in one test stand for two server processes (each its own
 * pg-boss and pool). Skipped on PGlite (no pg-boss there: the in-process runner, jobs.api.test.ts).
 */
const onPostgres = testEngine() === 'postgres';

const label = new WeakMap<object, string>();
const ran: Array<{ job: string; key: string; attempt: number; by: string }> = [];
const neverEnds = new Promise<void>(() => undefined);

defineJob<{ key: string }>(
  'test-shared',
  async (ctx, data, run) => {
    ran.push({ job: 'test-shared', key: data.key, attempt: run.attempt, by: label.get(ctx) ?? '?' });
    await new Promise((r) => setTimeout(r, 40));
    await ctx.db.execute(sql`insert into job_test_effects (key) values (${data.key}) on conflict (key) do update set runs = job_test_effects.runs + 1`);
  },
  { retryLimit: 2 },
);

/** Dies mid-run on its first attempt: `hang` after its effect is committed (a process that stops answering), `rollback` by throwing inside its transaction. */
defineJob<{ key: string; mode: 'hang' | 'rollback' | 'stop' }>(
  'test-crash',
  async (ctx, data, run) => {
    ran.push({ job: 'test-crash', key: data.key, attempt: run.attempt, by: label.get(ctx) ?? '?' });
    if (data.mode === 'rollback') {
      await withTx(ctx.db, async (tx) => {
        await tx.execute(sql`insert into job_test_effects (key) values (${data.key}) on conflict (key) do update set runs = job_test_effects.runs + 1`);
        if (run.attempt === 0) throw new Error('the worker dies inside its transaction');
      });
      return;
    }
    // compare-and-set: the effect is made once, whoever runs it
    await ctx.db.execute(sql`insert into job_test_effects (key) values (${data.key}) on conflict (key) do nothing`);
    if (run.attempt === 0) await neverEnds;
  },
  { retryLimit: 2 },
);

/** Scheduled every minute: one run per minute across both processes. */
defineJob<object>(
  'test-every-minute',
  async (ctx, _data, run) => {
    ran.push({ job: 'test-every-minute', key: new Date().toISOString().slice(0, 16), attempt: run.attempt, by: label.get(ctx) ?? '?' });
  },
  { schedule: '* * * * *', singleton: true, retryLimit: 0 },
);

let t: TestApp;
let url: string;
const queues: PgBossQueue[] = [];

function processCtx(name: string): AppContext {
  const ctx = { ...t.app.ctx };
  label.set(ctx, name);
  return ctx;
}
function queue(name: string, opts: Partial<PgBossOptions> = {}): PgBossQueue {
  const q = new PgBossQueue(processCtx(name), { url, jobs: ['test-shared', 'test-crash'], schedules: false, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, expireInSeconds: 3, retryDelaySeconds: 0, ...opts });
  queues.push(q);
  return q;
}
async function until<T>(what: () => Promise<T> | T, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const effects = async (prefix: string) =>
  (await t.app.ctx.db.execute<{ key: string; runs: number }>(sql`select key, runs from job_test_effects where key like ${prefix + '%'} order by key`)).rows;

beforeAll(async () => {
  if (!onPostgres) return;
  t = await buildTestApp();
  const { rows } = await t.app.ctx.db.execute<{ db: string }>(sql`select current_database() as db`);
  url = urlForDatabase(adminUrl(), rows[0]!.db);
  await t.app.ctx.db.execute(sql`create table job_test_effects (key text primary key, runs int not null default 1)`);
});
afterAll(async () => {
  if (!onPostgres) return;
  for (const q of queues) await q.stop({ graceful: false }).catch(() => undefined);
  await t.close();
});

describe.skipIf(!onPostgres)('jobs on pg-boss (PostgreSQL)', () => {
  it('two processes share 20 enqueued jobs: each done exactly once, both took part', { timeout: 60_000 }, async () => {
    const a = queue('A');
    const b = queue('B');
    // started together, as the cluster's workers are
    await Promise.all([a.start(), b.start()]);
    try {
      expect(a.engine).toBe('pg-boss');
      for (let i = 0; i < 20; i++) await (i % 2 ? a : b).enqueue('test-shared', { key: `s${String(i).padStart(2, '0')}` });
      const rows = await until(() => effects('s'), (r) => r.length === 20);
      await new Promise((r) => setTimeout(r, 500));
      expect((await effects('s')).every((r) => r.runs === 1)).toBe(true);
      expect(rows).toHaveLength(20);
      const mine = ran.filter((r) => r.job === 'test-shared');
      expect(mine).toHaveLength(20);
      expect(new Set(mine.map((r) => r.key)).size).toBe(20);
      expect(new Set(mine.map((r) => r.by))).toEqual(new Set(['A', 'B']));
      // pg-boss's own tables live in their own schema
      const { rows: schemas } = await t.app.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from information_schema.tables where table_schema = 'pgboss' and table_name = 'job'`);
      expect(schemas[0]!.n).toBe(1);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('a job whose process stops answering mid-run is retried by another after its expiry; its effect is there once', { timeout: 60_000 }, async () => {
    const a = queue('A2');
    const b = queue('B2');
    try {
      await a.start();
      await a.enqueue('test-crash', { key: 'hang', mode: 'hang' });
      await until(() => ran.filter((r) => r.key === 'hang'), (r) => r.length === 1);
      // A's run never finishes (as if SIGKILLed: nothing tells the database); when the job expires
      // it is retried — by B, or by A's worker once pg-boss gave up waiting on the handler
      await b.start();
      const runs = await until(() => ran.filter((r) => r.key === 'hang'), (r) => r.length === 2);
      expect(runs.map((r) => r.attempt)).toEqual([0, 1]);
      expect(runs[0]!.by).toBe('A2');
      await until(() => b.boss.getQueueSize('test-crash', { before: 'completed' }), (n) => n === 0);
      expect(await effects('hang')).toEqual([{ key: 'hang', runs: 1 }]);
    } finally {
      await a.stop({ graceful: false });
      await b.stop();
    }
  });

  it('a worker stopped without waiting, and one that dies inside its transaction: retried, the effect once', { timeout: 60_000 }, async () => {
    const a = queue('A3', { expireInSeconds: 60 });
    const b = queue('B3', { expireInSeconds: 60 });
    try {
      await a.start();
      await a.enqueue('test-crash', { key: 'stop', mode: 'stop' });
      await until(() => ran.filter((r) => r.key === 'stop'), (r) => r.length === 1);
      await a.stop({ graceful: false });
      await b.start();
      await b.enqueue('test-crash', { key: 'rollback', mode: 'rollback' });
      await until(() => ran.filter((r) => r.key === 'stop' || r.key === 'rollback'), (r) => r.length === 4);
      expect(ran.filter((r) => r.key === 'stop').map((r) => [r.attempt, r.by])).toEqual([
        [0, 'A3'],
        [1, 'B3'],
      ]);
      expect(ran.filter((r) => r.key === 'rollback').map((r) => r.attempt)).toEqual([0, 1]);
      // a run is noted before its transaction commits: wait for the retry's commit, then look again
      await until(() => effects('rollback'), (r) => r.length === 1);
      await until(() => effects('stop'), (r) => r.length === 1);
      await new Promise((r) => setTimeout(r, 300));
      expect(await effects('rollback')).toEqual([{ key: 'rollback', runs: 1 }]);
      expect(await effects('stop')).toEqual([{ key: 'stop', runs: 1 }]);
    } finally {
      await b.stop();
    }
  });

  it('a schedule runs once a minute across two processes, not once in each', { timeout: 150_000 }, async () => {
    const a = queue('A4', { jobs: ['test-every-minute'], schedules: true });
    const b = queue('B4', { jobs: ['test-every-minute'], schedules: true });
    await Promise.all([a.start(), b.start()]);
    try {
      const first = await until(() => ran.filter((r) => r.job === 'test-every-minute'), (r) => r.length >= 1, 130_000);
      // the other process had the same minute to run it too: it did not
      await new Promise((r) => setTimeout(r, 4000));
      const minute = first[0]!.key;
      expect(ran.filter((r) => r.job === 'test-every-minute' && r.key === minute)).toHaveLength(1);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
