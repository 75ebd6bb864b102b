import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeUser, type MadeUser } from '../../../test/factories';
import type { Db } from '../../db/client';
import { newId, newIdAt } from '../../lib/ids';
import { insertRecord } from '../activities/activities.repository';
import { balances, postPending, reserve, transfer, verifyLedger } from './index';
import { archiveYear, verifyArchive } from './ledger.archive';

/**
 * A year leaves the database (issue 17): attendance, service records and transfers are partitioned
 * by the year their UUIDv7 was minted (attendance by its activity's), so `Date` is moved to mint
 * 2025 ids, then 2026 ones; 2025 is archived and its partitions dropped, and the proof, the
 * balances, the idempotency keys and the one-record rule still hold.
 */

const IN_2025 = new Date('2025-06-01T02:00:00Z');
const IN_2026 = new Date('2026-02-01T02:00:00Z');
let n = 0;
const key = (p: string) => `${p}-archive-${process.pid}-${++n}`;

async function rows(db: Db, q: ReturnType<typeof sql>) {
  return (await db.execute(q)) as unknown as { rows: Array<Record<string, unknown>> };
}
const one = async (db: Db, q: ReturnType<typeof sql>) => (await rows(db, q)).rows[0]!;

function at(t: TestApp, when: Date) {
  vi.setSystemTime(when);
  t.clock.set(when);
}

describe('a year is archived: its partitions leave, the books still prove', () => {
  let t: TestApp;
  let a: MadeUser;
  let b: MadeUser;
  let dir: string;
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: IN_2025 });
    t = await buildTestApp();
    at(t, IN_2025);
    // what every start does: this year's partition and the next two (2025 here)
    await t.database.migrate();
    a = await makeUser(t, { name: '甲' });
    b = await makeUser(t, { name: '乙' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aixin-archive-'));
  });
  afterAll(async () => {
    vi.useRealTimers();
    fs.rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('a year is China’s: the bounds fall at midnight in Beijing, and newIdAt mints history into its own year', async () => {
    const db = t.app.ctx.db;
    const yearOf = async (id: string) => Number((await one(db, sql`select aixin_uuid7_year(${id}::uuid) as y`)).y);
    expect(await yearOf(newIdAt(new Date('2024-12-31T15:59:59.999Z')))).toBe(2024);
    expect(await yearOf(newIdAt(new Date('2024-12-31T16:00:00.000Z')))).toBe(2025);
    expect(await yearOf(newId())).toBe(2025);
    // a row of 2024 minted now goes to 2024's partition once it exists, not to DEFAULT
    await db.execute(sql`select aixin_year_partitions(2024)`);
    const id = newIdAt(new Date('2024-03-01T00:00:00Z'));
    await db.execute(sql`insert into attendance (id, city_code, activity_id, user_id, checkin_at, created_at) values (${newId()}, '1405', ${id}, ${a.id}, now(), now())`);
    expect(Number((await one(db, sql`select count(*)::int as n from attendance_y2024`)).n)).toBe(1);
    expect(Number((await one(db, sql`select count(*)::int as n from attendance_default`)).n)).toBe(0);
    // a year whose partition was never made: its rows work from DEFAULT, and making the year later
    // skips it with a warning rather than failing (every start makes partitions)
    const late = newIdAt(new Date('2031-03-01T00:00:00Z'));
    await db.execute(sql`insert into attendance (id, city_code, activity_id, user_id, checkin_at, created_at) values (${newId()}, '1405', ${late}, ${a.id}, now(), now())`);
    await t.database.migrate();
    await db.execute(sql`select aixin_year_partitions(2031)`);
    expect((await one(db, sql`select to_regclass('attendance_y2031')::text as r`)).r).toBeNull();
    expect((await one(db, sql`select to_regclass('service_records_y2031')::text as r`)).r).toBe('service_records_y2031');
    expect(Number((await one(db, sql`select count(*)::int as n from attendance where activity_id = ${late}`)).n)).toBe(1);
  });

  it('2025 goes to a file checked against the chains; 2026 keeps working; a retry of 2025 is refused, not paid twice', { timeout: 120_000 }, async () => {
    const db = t.app.ctx.db;
    const ctx = t.app.ctx;
    // ——— 2025 ———
    await transfer(ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: a.id }, amount: 1000, code: 'adjustment', actorId: null, idempotencyKey: key('fund') });
    const c = await t.client().login(a.phone);
    const donationKey = key('donation');
    const donated = await c.post('/api/v1/donations', { ledger: 'points', amount: 30, memo: '二〇二五年的捐赠', idempotencyKey: donationKey });
    expect(donated.status, JSON.stringify(donated.body)).toBe(201);
    const held = await reserve(ctx, null, { ledger: 'points', from: { userId: a.id }, to: { system: 'supermarket', regionCode: '140500' }, amount: 200, code: 'redeemed', actorId: a.id, idempotencyKey: key('reserve'), timeoutAt: new Date('2026-06-01T00:00:00Z') });
    const activityId = newId();
    const record = await insertRecord(db, {
      id: newId(), cityCode: '1405', volunteerId: b.id, orgId: null, activityId, kind: 'activity', status: 'confirmed', activityTitle: '河道清理', serviceDate: '2025-06-01', place: '汾河',
      content: '清理河道垃圾', orgName: '晋城志愿者协会', personInCharge: '王', regionCode: '140502', startedAt: new Date('2025-06-01T01:00:00Z'), endedAt: new Date('2025-06-01T03:20:00Z'),
      minutes: 140, creditedMinutes: 140, points: 25, createdAt: IN_2025,
    });
    expect(record.created).toBe(true);
    await db.execute(sql`insert into attendance (id, city_code, activity_id, user_id, checkin_at, checkout_at, created_at) values (${newId()}, '1405', ${activityId}, ${b.id}, ${IN_2025}, ${IN_2025}, ${IN_2025})`);
    const n2025 = Number((await one(db, sql`select count(*)::int as n from ledger_transfers_y2025`)).n);
    expect(n2025).toBe(3);
    expect(Number((await one(db, sql`select count(*)::int as n from service_records_y2025`)).n)).toBe(1);
    expect(Number((await one(db, sql`select count(*)::int as n from attendance_y2025`)).n)).toBe(1);

    // ——— 2026 ———
    at(t, IN_2026);
    const file = path.join(dir, 'aixin-2025.jsonl.gz');
    // a reservation of 2025 still open: the year cannot close, and nothing is written
    await expect(archiveYear(db, 2025, file, IN_2026)).rejects.toMatchObject({ code: 'INVALID_STATE', details: { reason: 'open_reservations', open: 1 } });
    expect(fs.existsSync(file)).toBe(false);
    // the year in progress cannot leave
    await expect(archiveYear(db, 2026, path.join(dir, 'x.gz'), IN_2026)).rejects.toMatchObject({ code: 'INVALID_STATE', details: { reason: 'year_open' } });
    // resolved in 2026: its resolution is a 2026 transfer naming a 2025 one
    await postPending(ctx, null, held.transfer.id);
    await transfer(ctx, null, { ledger: 'points', from: { userId: a.id }, to: { userId: b.id }, amount: 7, code: 'family_transfer', actorId: a.id, idempotencyKey: key('t2026') });
    const before = { a: await balances(db, a.id), b: await balances(db, b.id) };

    const summary = await archiveYear(db, 2025, file, IN_2026);
    expect(summary).toMatchObject({ year: 2025, transfers: 3, records: 1, attendance: 1 });
    // the partitions are gone; the file is the one named in the database
    for (const table of ['ledger_transfers', 'service_records', 'attendance']) {
      expect((await one(db, sql`select to_regclass(${table + '_y2025'})::text as r`)).r).toBeNull();
    }
    const sha = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    expect(await one(db, sql`select year, transfers, records, attendance, file_sha256 from ledger_archived_years`)).toEqual({ year: 2025, transfers: 3, records: 1, attendance: 1, file_sha256: sha });
    expect(Number((await one(db, sql`select count(*)::int as n from ledger_transfers`)).n)).toBe(2);

    // the proof: balances from the archived sums plus what is left, every chain intact
    const proof = await verifyLedger(db, { now: IN_2026 });
    expect(proof.problems).toEqual([]);
    expect(proof.notes?.join('\n')).toContain('archived years');
    expect({ a: await balances(db, a.id), b: await balances(db, b.id) }).toEqual(before);
    expect(before.a.points).toBe(1000 - 30 - 200 - 7);

    // a retry of the 2025 donation (signed in again: that session has long expired) is refused with the reason, not paid again
    const c2 = await t.client().login(a.phone);
    const retried = await c2.post('/api/v1/donations', { ledger: 'points', amount: 30, memo: '二〇二五年的捐赠', idempotencyKey: donationKey });
    expect(retried.status).toBe(409);
    expect(retried.body.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'archived_year' } });
    expect(Number((await one(db, sql`select count(*)::int as n from ledger_transfers`)).n)).toBe(2);
    // a second record for the archived activity is still not written
    const again = await insertRecord(db, { ...record.row, id: newId(), createdAt: IN_2026 });
    expect(again.created).toBe(false);
    expect(Number((await one(db, sql`select count(*)::int as n from service_records where activity_id = ${activityId}`)).n)).toBe(0);

    // the passbook shows what is left; 2026 goes on and still proves
    const page = await c2.get('/api/v1/me/passbook?ledger=points');
    expect(page.status).toBe(200);
    await transfer(ctx, null, { ledger: 'points', from: { userId: b.id }, to: { userId: a.id }, amount: 2, code: 'family_transfer', actorId: b.id, idempotencyKey: key('t2026b') });
    expect((await verifyLedger(db, { now: IN_2026 })).problems).toEqual([]);

    // the file checks out against the chains; an altered copy does not
    const check = await verifyArchive(db, file);
    expect(check).toMatchObject({ ok: true, year: 2025, transfers: 3, records: 1, attendance: 1, problems: [] });
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const i = lines.findIndex((l) => l.includes('"t":"transfer"') && l.includes('"amount":1000'));
    lines[i] = lines[i]!.replace('"amount":1000', '"amount":1001');
    const altered = path.join(dir, 'altered.jsonl.gz');
    fs.writeFileSync(altered, zlib.gzipSync(lines.join('\n')));
    const bad = await verifyArchive(db, altered);
    expect(bad.ok).toBe(false);
    expect(bad.problems.join('\n')).toMatch(/do not match its chain link/);
    expect(bad.problems.join('\n')).toMatch(/not the one archived/);

    // archived once only
    await expect(archiveYear(db, 2025, path.join(dir, 'again.gz'), IN_2026)).rejects.toMatchObject({ details: { reason: 'archived' } });
  });
});
