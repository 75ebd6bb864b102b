import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { DEFAULT_RATE_LIMITS, loadConfig } from '../src/config';
import { openDatabase, type Database } from '../src/db/client';
import { TestClock } from '../src/lib/clock';
import { transfer, verifyLedger } from '../src/modules/ledger/index';
import { adminUrl, testEngine, urlForDatabase } from './engine';
import { TEST_SECRET, TestClient } from './build-test-app';
import { nextPerson } from './factories';
import { PgBossQueue } from '../src/jobs/pg-boss';
import { defineJob } from '../src/jobs/queue';

const runtimeJobRuns: number[] = [];
defineJob<{ n: number }>('test-runtime-job', async (_ctx, data) => void runtimeJobRuns.push(data.n));

/**
 * Against the database owner, the hash chain and anchors are the proof; against everything else,
 * the server runs as a role that cannot change tables, disable triggers or rewrite history.
 */
describe.runIf(testEngine() === 'postgres')('the server as a runtime role without DDL rights (PostgreSQL)', () => {
  const suffix = crypto.randomBytes(5).toString('hex');
  const role = `aixin_rt_${suffix}`;
  const dbName = `aixin_t_rt_${suffix}`;
  const password = crypto.randomBytes(12).toString('hex');
  let database: Database;
  let app: FastifyInstance;
  let runtime: pg.Client;

  const ownerUrl = () => urlForDatabase(adminUrl(), dbName);
  const runtimeUrl = () => {
    const u = new URL(ownerUrl());
    u.username = role;
    u.password = password;
    return u.toString();
  };

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`create role ${role} login password '${password}'`);
    await admin.query(`create database ${dbName}`);
    await admin.end();
    // what `DATABASE_URL=<runtime> DATABASE_OWNER_URL=<owner> npm start` does
    database = await openDatabase({ databaseUrl: runtimeUrl(), ownerUrl: ownerUrl(), poolSize: 4 });
    await database.migrate();
    const config = loadConfig({}, { dataDir: path.join(os.tmpdir(), 'aixin-test-data'), secret: TEST_SECRET, serveWeb: false, rateLimits: { ...DEFAULT_RATE_LIMITS, registerPerIpPerHour: 1000 } });
    app = await buildApp(config, { database, clock: new TestClock(), logger: false });
    await app.ready();
    runtime = new pg.Client({ connectionString: runtimeUrl() });
    await runtime.connect();
  });

  afterAll(async () => {
    await runtime?.end();
    await app?.close();
    await database?.close();
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.query(`drop role if exists ${role}`);
    await admin.end();
  });

  it('serves: registration, a transfer, sealing and the proof all work as the runtime role', async () => {
    const p = nextPerson();
    const c = new TestClient(app);
    const r = await c.post('/api/v1/auth/register', { phone: p.phone, password: 'Passw0rd!', name: '运行角色', idNumber: p.idNumber, regionCode: '140502001001' });
    expect(r.status).toBe(201);
    const t = await transfer(app.ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: r.body.user.id }, amount: 5, code: 'adjustment', actorId: null, idempotencyKey: `rt-${suffix}` });
    expect(t.replayed).toBe(false);
    const proof = await verifyLedger(app.ctx.db);
    expect(proof.problems).toEqual([]);
    expect(proof.transfers).toBe(1);
  });

  it('the job queue: pg-boss installed by the owner, worked by the runtime role, which cannot change its tables', async () => {
    const q = new PgBossQueue(app.ctx, { url: runtimeUrl(), ownerUrl: ownerUrl(), jobs: ['test-runtime-job'], schedules: false, pollingIntervalSeconds: 0.5 });
    await q.start();
    try {
      await q.enqueue('test-runtime-job', { n: 1 });
      for (let i = 0; i < 100 && runtimeJobRuns.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(runtimeJobRuns).toEqual([1]);
    } finally {
      await q.stop();
    }
    const err = await runtime.query('alter table pgboss.job add column x int').then(
      () => null,
      (e: { code?: string }) => e,
    );
    expect(err?.code).toBe('42501');
  });

  it('cannot alter tables, disable triggers, truncate, or update and delete append-only rows', async () => {
    const refused = async (q: string) => {
      const err = await runtime.query(q).then(
        () => null,
        (e: { code?: string; message?: string }) => e,
      );
      expect(err, q).not.toBeNull();
      expect(err!.code, q).toBe('42501'); // insufficient_privilege
      // refused by the privileges themselves, not only by a trigger the owner could disable
      expect(err!.message, q).toMatch(/permission denied|must be owner/);
    };
    await refused('alter table ledger_transfers disable trigger all');
    await refused('alter table audit_log disable trigger audit_log_append_only');
    await refused('alter table ledger_accounts drop constraint ledger_accounts_no_overdraft_ck');
    await refused('drop table ledger_chain_links');
    await refused('create table aixin_evil (id int)');
    await refused('truncate ledger_seal_queue');
    await refused('update ledger_transfers set amount = amount + 1');
    await refused('delete from ledger_transfers');
    await refused('update ledger_chain_links set hash = hash');
    await refused('delete from audit_log');
    await refused('delete from ledger_accounts');
    await refused('delete from partner_benefit_uses');
    await refused('update award_votes set day = day');
    await refused('delete from account_recoveries');
    // and ordinary writes of the application still pass
    const ok = await runtime.query('select count(*)::int as n from ledger_transfers');
    expect(ok.rows[0].n).toBe(1);
  });
});
