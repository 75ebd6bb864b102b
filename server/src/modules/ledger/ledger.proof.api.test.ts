import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeUser, type MadeUser } from '../../../test/factories';
import { adminUrl, testEngine, urlForDatabase } from '../../../test/engine';
import { MIGRATIONS_DIR, openDatabase, type Database, type Db } from '../../db/client';
import { ledgerTransfers } from '../../db/schema/index';
import { newId } from '../../lib/ids';
import { balances, expirePending, postPending, reserve, transfer, verifyLedger, voidPending } from './index';
import { createAnchorKeyPair, currentHeads, linkHashV1, linkHashV2, loadAnchorKeys, parseAnchors, sealAll, signHeads } from './ledger.proof';
import type { TransferRow } from './ledger.repository';

let seq = 0;
const key = (p = 'k') => `${p}-key-${process.pid}-${++seq}`; // at least 8 characters whatever the pid (a fresh container has small ones)

async function rows(db: Db, q: ReturnType<typeof sql>) {
  const r = await db.execute(q);
  return (r as unknown as { rows: Array<Record<string, unknown>> }).rows;
}
const count = async (db: Db, q: ReturnType<typeof sql>) => Number((await rows(db, q))[0]!.n);

describe('one string never breaks the proof', () => {
  let t: TestApp;
  let u: MadeUser;
  beforeAll(async () => {
    t = await buildTestApp();
    u = await makeUser(t, { name: '捐赠人' });
    await transfer(t.app.ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: u.id }, amount: 100, code: 'adjustment', actorId: null, idempotencyKey: key('fund') });
  });
  afterAll(async () => t.close());

  it('a lone surrogate or a NUL anywhere in a request is 400 naming the field, and nothing is written', async () => {
    const c = await t.client().login(u.phone);
    const before = await count(t.app.ctx.db, sql`select count(*)::int as n from ledger_transfers`);
    const cases: Array<[string, unknown, string]> = [
      ['/api/v1/donations', { ledger: 'points', amount: 1, memo: '爱心\uD800捐赠', idempotencyKey: key() }, 'memo'],
      ['/api/v1/donations', { ledger: 'points', amount: 1, memo: 'ok', idempotencyKey: 'k\uDC00' }, 'idempotencyKey'],
      ['/api/v1/donations', { ledger: 'points', amount: 1, memo: 'a\u0000b', idempotencyKey: key() }, 'memo'],
      ['/api/v1/donations', { ledger: 'points', amount: 1, idempotencyKey: key(), 'x\uD83D': 1 }, 'x\uD83D'],
    ];
    for (const [url, body, field] of cases) {
      const r = await c.post(url, body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(r.body.error.details.fields)).toEqual([field]);
      expect(r.body.error.message).toContain('/');
    }
    const q = await c.get('/api/v1/activities?q=%00');
    expect(q.status).toBe(400);
    expect(q.body.error.details).toMatchObject({ in: 'querystring', fields: { q: expect.any(String) } });
    expect(await count(t.app.ctx.db, sql`select count(*)::int as n from ledger_transfers`)).toBe(before);
    expect((await balances(t.app.ctx.db, u.id)).points).toBe(100);
  });

  it('text that is valid (U+FFFD itself, emoji, Chinese) is kept exactly, and the chain still proves', async () => {
    const c = await t.client().login(u.phone);
    const memo = '捐给社区 🧡 \uFFFD 完';
    const r = await c.post('/api/v1/donations', { ledger: 'points', amount: 5, memo, idempotencyKey: key() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const [row] = await rows(t.app.ctx.db, sql`select memo from ledger_transfers where id = ${r.body.id}`);
    expect(row!.memo).toBe(memo);
    const proof = await verifyLedger(t.app.ctx.db);
    expect(proof.problems).toEqual([]);
    const [link] = await rows(t.app.ctx.db, sql`select version from ledger_chain_links where transfer_id = ${r.body.id}`);
    expect(link!.version).toBe(2);
  });

  it('even a module that bypasses the guard cannot break it: the sealer hashes what the database holds', async () => {
    const r = await transfer(t.app.ctx, null, { ledger: 'points', from: { userId: u.id }, to: { system: 'public_pool', regionCode: '140500' }, amount: 1, code: 'donation', actorId: u.id, memo: 'lone \uD800 surrogate', idempotencyKey: key() });
    const [row] = await rows(t.app.ctx.db, sql`select memo from ledger_transfers where id = ${r.transfer.id}`);
    expect(row!.memo).not.toBe('lone \uD800 surrogate'); // the database cannot hold it
    const proof = await verifyLedger(t.app.ctx.db);
    expect(proof.problems).toEqual([]);
    expect(proof.ok).toBe(true);
  });
});

describe('chains written by the first release still prove after the upgrade', () => {
  let database: Database;
  let drop: (() => Promise<void>) | null = null;
  let migrationsBefore: string;

  beforeAll(async () => {
    // the migrations of the first release (0000–0012), as they were before the chain moved
    migrationsBefore = fs.mkdtempSync(path.join(os.tmpdir(), 'aixin-mig-'));
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ idx: number; tag: string }> };
    journal.entries = journal.entries.filter((e) => e.idx <= 12);
    fs.mkdirSync(path.join(migrationsBefore, 'meta'));
    fs.writeFileSync(path.join(migrationsBefore, 'meta/_journal.json'), JSON.stringify(journal));
    for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(migrationsBefore, `${e.tag}.sql`));
    if (testEngine() === 'pglite') {
      database = await openDatabase({ memory: true });
      await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder: migrationsBefore });
    } else {
      const name = `aixin_t_old_${crypto.randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      database = await openDatabase({ databaseUrl: urlForDatabase(adminUrl(), name), poolSize: 4 });
      await migratePg(database.db as unknown as Parameters<typeof migratePg>[0], { migrationsFolder: migrationsBefore });
      drop = async () => {
        const a = new pg.Client({ connectionString: adminUrl() });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      };
    }
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
    fs.rmSync(migrationsBefore, { recursive: true, force: true });
  });

  it('moves every link unchanged, repairs around the memo the first release broke, keeps open reservations, and continues the chain', async () => {
    const db = database.db;
    const at = new Date('2026-11-01T02:00:00Z');
    const issuance = newId();
    const pool = newId();
    const person = newId();
    await db.execute(sql`insert into ledger_accounts (id, city_code, ledger, kind, region_code, purpose, flags, created_at) values
      (${issuance}, '1405', 'points', 'system', '140500', 'issuance', 1, ${at}), (${pool}, '1405', 'points', 'system', '140500', 'public_pool', 0, ${at})`);
    await db.execute(sql`insert into ledger_accounts (id, city_code, ledger, kind, owner_user_id, created_at) values (${person}, '1405', 'points', 'person', ${newId()}, ${at})`);
    // three transfers as the first release wrote them: in-row seq / prev_hash / hash (version 1)
    let prev = '0'.repeat(64);
    const written: Array<{ memo: string; stored: string }> = [
      { memo: '服务获得', stored: '服务获得' },
      // the attack: the request held a lone surrogate, the hash covered it, PostgreSQL stored U+FFFD
      { memo: '捐赠\uD800', stored: '捐赠\uFFFD' },
      { memo: '预留', stored: '预留' },
    ];
    let balance = 0;
    for (const [i, w] of written.entries()) {
      const s = i + 1;
      const status = i === 2 ? 'pending' : 'posted';
      const amount = i === 0 ? 50 : 10;
      const from = i === 0 ? issuance : person;
      const to = i === 0 ? person : pool;
      if (status === 'posted') balance += i === 0 ? 50 : -10;
      const t: TransferRow = {
        id: newId(),
        cityCode: '1405',
        ledger: 'points',
        debitAccountId: from,
        creditAccountId: to,
        amount,
        code: i === 0 ? 'earned' : 'donation',
        status,
        pendingId: null,
        reversesId: null,
        timeoutAt: status === 'pending' ? new Date('2026-12-01T00:00:00Z') : null,
        actorId: null,
        objectType: null,
        objectId: null,
        memo: w.memo,
        idempotencyKey: `old-${i}`,
        requestHash: 'a'.repeat(64),
        debitBalanceAfter: i === 0 ? -50 : balance - (status === 'pending' ? 10 : 0),
        creditBalanceAfter: i === 0 ? 50 : 10,
        createdAt: new Date(at.getTime() + s * 1000),
      };
      const hash = linkHashV1(prev, t, s);
      await db.execute(sql`insert into ledger_transfers (id, city_code, ledger, debit_account_id, credit_account_id, amount, code, status, pending_id, reverses_id, timeout_at,
        actor_id, object_type, object_id, memo, idempotency_key, request_hash, debit_balance_after, credit_balance_after, created_at, seq, prev_hash, hash)
        values (${t.id}, '1405', 'points', ${t.debitAccountId}, ${t.creditAccountId}, ${t.amount}, ${t.code}, ${t.status}, null, null, ${t.timeoutAt}, null, null, null,
        ${w.stored}, ${t.idempotencyKey}, ${t.requestHash}, ${t.debitBalanceAfter}, ${t.creditBalanceAfter}, ${t.createdAt}, ${s}, ${prev}, ${hash})`);
      prev = hash;
    }
    await db.execute(sql`update ledger_accounts set balance = -50, debits_posted = 50 where id = ${issuance}`);
    await db.execute(sql`update ledger_accounts set balance = 40, credits_posted = 50, debits_posted = 10, pending_debits = 10 where id = ${person}`);
    await db.execute(sql`update ledger_accounts set balance = 10, credits_posted = 10, pending_credits = 10 where id = ${pool}`);
    await db.execute(sql`insert into ledger_chain_heads (city_code, ledger, seq, hash, updated_at) values ('1405', 'points', 3, ${prev}, ${at})`);

    await database.migrate(); // 0013 onwards

    expect(await count(db, sql`select count(*)::int as n from ledger_chain_links where version = 1`)).toBe(3);
    expect(await count(db, sql`select count(*)::int as n from ledger_open_pending`)).toBe(1);
    const proof = await verifyLedger(db);
    expect(proof.problems).toEqual([]);
    expect(proof.ok).toBe(true);
    expect(proof.notes?.join('\n')).toContain('memo');

    // the chain goes on with version-2 links from seq 4
    const ctx = { db, clock: { now: () => new Date('2026-11-02T00:00:00Z') } } as unknown as Parameters<typeof transfer>[0];
    const next = await transfer(ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { system: 'public_pool', regionCode: '140500' }, amount: 7, code: 'adjustment', actorId: null, idempotencyKey: 'new-1' });
    await sealAll(db, new Date());
    const [link] = await rows(db, sql`select seq, version, prev_hash from ledger_chain_links where transfer_id = ${next.transfer.id}`);
    expect(link).toMatchObject({ seq: 4, version: 2, prev_hash: prev });
    const after = await verifyLedger(db);
    expect(after.problems).toEqual([]);
    // and a first-release link edited behind the application is still caught
    await db.execute(sql`alter table ledger_transfers disable trigger ledger_transfers_append_only`);
    await db.execute(sql`update ledger_transfers set memo = '服务获得（改）' where idempotency_key = 'old-0'`);
    await db.execute(sql`alter table ledger_transfers enable trigger ledger_transfers_append_only`);
    const bad = await verifyLedger(db);
    expect(bad.problems.map((p) => p.kind)).toContain('hash_mismatch');
  });
});

describe('anchors prove against the database owner', () => {
  let t: TestApp;
  let u: MadeUser;
  beforeAll(async () => {
    t = await buildTestApp({ allowBrokenLedger: true });
    u = await makeUser(t);
    for (let i = 0; i < 5; i++) {
      await transfer(t.app.ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: u.id }, amount: 10 + i, code: 'adjustment', actorId: null, memo: `第${i}笔`, idempotencyKey: key('a') });
    }
  });
  afterAll(async () => t.close());

  it('a rewrite that recomputes every hash passes the plain proof but not the signed heads; an altered anchor file is caught too', async () => {
    const db = t.app.ctx.db;
    const keys = createAnchorKeyPair();
    const { privateKey, publicKey } = loadAnchorKeys(keys.privatePem);
    const heads = await currentHeads(db, new Date());
    expect(heads).toEqual([expect.objectContaining({ cityCode: '1405', ledger: 'points', seq: 5 })]);
    const file = signHeads(heads, privateKey!, new Date()).map((a) => JSON.stringify(a)).join('\n') + '\n';
    const anchors = parseAnchors(file);
    const good = await verifyLedger(db, { anchors, anchorKey: publicKey });
    expect(good.problems).toEqual([]);
    expect(good.anchorsChecked).toBe(1);
    // the public key alone checks them
    expect((await verifyLedger(db, { anchors, anchorKey: loadAnchorKeys(keys.publicPem).publicKey })).ok).toBe(true);

    // the owner rewrites the third transfer and recomputes the chain from there, head included
    await db.execute(sql`alter table ledger_transfers disable trigger ledger_transfers_append_only`);
    await db.execute(sql`alter table ledger_chain_links disable trigger ledger_chain_links_append_only`);
    const links = await rows(db, sql`select l.seq, t.id from ledger_chain_links l join ledger_transfers t on t.id = l.transfer_id where l.city_code = '1405' and l.ledger = 'points' order by l.seq`);
    await db.execute(sql`update ledger_transfers set memo = '第2笔（改写）' where id = ${links[2]!.id as string}`);
    let prev = '0'.repeat(64);
    for (const l of links) {
      const [tr] = await t.app.ctx.db.select().from(ledgerTransfers).where(sql`id = ${l.id as string}`);
      const h = linkHashV2(prev, tr!, Number(l.seq));
      await db.execute(sql`update ledger_chain_links set prev_hash = ${prev}, hash = ${h} where transfer_id = ${l.id as string}`);
      prev = h;
    }
    await db.execute(sql`update ledger_chain_heads set hash = ${prev} where city_code = '1405' and ledger = 'points'`);
    await db.execute(sql`alter table ledger_transfers enable trigger ledger_transfers_append_only`);
    await db.execute(sql`alter table ledger_chain_links enable trigger ledger_chain_links_append_only`);

    const plain = await verifyLedger(db);
    expect(plain.ok).toBe(true); // a consistent forgery: only something kept outside the database can tell
    const anchored = await verifyLedger(db, { anchors, anchorKey: publicKey });
    expect(anchored.ok).toBe(false);
    expect(anchored.problems.map((p) => p.kind)).toEqual(['anchor_mismatch']);

    // a forged anchor file (a new hash put in) fails its signature
    const forged = parseAnchors(file.replace(anchors[0]!.hash, prev));
    const f = await verifyLedger(db, { anchors: forged, anchorKey: publicKey });
    expect(f.problems.map((p) => p.kind)).toContain('anchor_signature');
    // anchors signed by another key are named as such
    const other = loadAnchorKeys(createAnchorKeyPair().publicPem).publicKey;
    expect((await verifyLedger(db, { anchors, anchorKey: other })).problems.map((p) => p.kind)).toContain('anchor_key');
  });
});

describe('who proves what', () => {
  let t: TestApp;
  let root: MadeUser;
  let city: MadeUser;
  let district: MadeUser;
  let otherDistrict: MadeUser;
  let resident: MadeUser;
  beforeAll(async () => {
    t = await buildTestApp({ allowBrokenLedger: true });
    root = await makeUser(t, { regionCode: '140000', grants: [{ role: 'region_admin', regionCode: '140000' }] });
    city = await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
    district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
    otherDistrict = await makeUser(t, { regionCode: '140521', grants: [{ role: 'region_admin', regionCode: '140521' }] });
    resident = await makeUser(t, { regionCode: '140502001001' });
    await transfer(t.app.ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: resident.id }, amount: 30, code: 'adjustment', actorId: null, idempotencyKey: key('s') });
  });
  afterAll(async () => t.close());

  it('a root admin proves everything, a city admin the city, a district admin the people of the district; volunteers are refused', async () => {
    const scopeOf = async (u: MadeUser, q = '') => {
      const c = await t.client().login(u.phone);
      const r = await c.get(`/api/v1/ledger/verify${q}`);
      expect(r.status).toBe(200);
      return r.body;
    };
    expect((await scopeOf(root)).scope).toMatchObject({ kind: 'all', regionCode: '140000' });
    const c = await scopeOf(city);
    expect(c.scope).toMatchObject({ kind: 'cities', regionCode: '140500', cityCodes: ['1405'] });
    expect(c.ok).toBe(true);
    expect(c.heads).toEqual([expect.objectContaining({ cityCode: '1405', ledger: 'points', seq: 1 })]);
    const d = await scopeOf(district);
    expect(d.scope).toMatchObject({ kind: 'subtree', regionCode: '140502' });
    expect(d.transfers).toBe(1);
    expect((await scopeOf(root, '?regionCode=140502')).scope.kind).toBe('subtree');
    const vol = await t.client().login(resident.phone);
    const refused = await vol.get('/api/v1/ledger/verify');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const outside = await (await t.client().login(district.phone)).get('/api/v1/ledger/verify?regionCode=140521');
    expect(outside.status).toBe(403);
  });

  it('a subtree proof catches an edited transfer of a person living there; the next district does not see it', async () => {
    const db = t.app.ctx.db;
    await db.execute(sql`alter table ledger_transfers disable trigger ledger_transfers_append_only`);
    await db.execute(sql`update ledger_transfers set amount = 300 where credit_account_id in (select id from ledger_accounts where owner_user_id = ${resident.id})`);
    await db.execute(sql`alter table ledger_transfers enable trigger ledger_transfers_append_only`);
    const mine = await (await t.client().login(district.phone)).get('/api/v1/ledger/verify');
    expect(mine.body.ok).toBe(false);
    expect(new Set(mine.body.problems.map((p: { kind: string }) => p.kind))).toEqual(new Set(['account_mismatch', 'hash_mismatch']));
    const theirs = await (await t.client().login(otherDistrict.phone)).get('/api/v1/ledger/verify');
    expect(theirs.body).toMatchObject({ ok: true, scope: { kind: 'subtree', regionCode: '140521' } });
  });
});

describe('the sweeper reads only what is open', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('resolved reservations leave the open list at once; expiry finds the one still open', async () => {
    const ctx = t.app.ctx;
    const u = await makeUser(t);
    await transfer(ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: u.id }, amount: 100, code: 'adjustment', actorId: null, idempotencyKey: key('f') });
    const timeoutAt = new Date(ctx.clock.now().getTime() + 3600_000);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await reserve(ctx, null, { ledger: 'points', from: { userId: u.id }, to: { system: 'supermarket', regionCode: '140500' }, amount: 1, code: 'redeemed', actorId: u.id, idempotencyKey: key('r'), timeoutAt });
      ids.push(r.transfer.id);
    }
    for (const [i, id] of ids.slice(0, 29).entries()) {
      if (i % 2 === 0) await postPending(ctx, null, id);
      else await voidPending(ctx, null, id);
    }
    expect(await rows(ctx.db, sql`select transfer_id from ledger_open_pending`)).toEqual([{ transfer_id: ids[29] }]);
    t.clock.advance(2 * 3600_000);
    expect(await expirePending(ctx)).toBe(1);
    expect(await count(ctx.db, sql`select count(*)::int as n from ledger_open_pending`)).toBe(0);
    expect(await expirePending(ctx)).toBe(0);
    expect((await balances(ctx.db, u.id)).points).toBe(100 - 15);
  });
});

describe.runIf(testEngine() === 'postgres')('sealing under concurrency (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('400 concurrent transfers among 40 people while three sealers run: one contiguous chain per ledger, every transfer in it once', async () => {
    const ctx = t.app.ctx;
    const people: MadeUser[] = [];
    for (let i = 0; i < 40; i++) people.push(await makeUser(t));
    for (const p of people) {
      await transfer(ctx, null, { ledger: 'time', from: { system: 'issuance', regionCode: '140500' }, to: { userId: p.id }, amount: 100, code: 'adjustment', actorId: null, idempotencyKey: key('f') });
    }
    let running = true;
    const sealer = async () => {
      while (running) {
        await sealAll(ctx.db, new Date(), { skipLocked: true });
        await new Promise((r) => setTimeout(r, 2));
      }
    };
    const sealers = [sealer(), sealer(), sealer()];
    const results = await Promise.allSettled(
      Array.from({ length: 400 }, (_, i) =>
        transfer(ctx, null, { ledger: 'time', from: { userId: people[i % 40]!.id }, to: { userId: people[(i * 7 + 3) % 40]!.id }, amount: 1 + (i % 3), code: 'family_transfer', actorId: null, idempotencyKey: key('c') }),
      ),
    );
    running = false;
    await Promise.all(sealers);
    // a sealer that skipped a head another held may stop before the last commits are queued for it:
    // the running server's sealer takes them on its next tick; here, one more pass that waits
    await sealAll(ctx.db, new Date());
    expect(await count(ctx.db, sql`select count(*)::int as n from ledger_seal_queue`)).toBe(0);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const [chain] = await rows(ctx.db, sql`select count(*)::int as n, max(seq)::int as max, count(distinct transfer_id)::int as distinct from ledger_chain_links where ledger = 'time'`);
    expect(chain).toEqual({ n: 440, max: 440, distinct: 440 });
    const proof = await verifyLedger(ctx.db);
    expect(proof.problems).toEqual([]);
  });

  it('20 parallel repeats of one request write it once and all answer the same transfer', async () => {
    const ctx = t.app.ctx;
    const a = await makeUser(t);
    await transfer(ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: a.id }, amount: 10, code: 'adjustment', actorId: null, idempotencyKey: key('f') });
    const k = key('same');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => transfer(ctx, null, { ledger: 'points', from: { userId: a.id }, to: { system: 'public_pool', regionCode: '140500' }, amount: 10, code: 'donation', actorId: a.id, idempotencyKey: k })),
    );
    expect(new Set(results.map((r) => r.transfer.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await balances(ctx.db, a.id)).points).toBe(0);
    expect(await count(ctx.db, sql`select count(*)::int as n from ledger_transfers where idempotency_key = ${k}`)).toBe(1);
  });
});

