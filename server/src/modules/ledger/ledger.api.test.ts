import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeUser, type MadeUser } from '../../../test/factories';
import { AppError } from '../../lib/app-error';
import { balances, creditService, expirePending, postPending, reserve, reverse, transfer, verifyLedger, voidPending } from './index';

let t: TestApp;
let admin: MadeUser;
let seq = 0;
const key = (p = 'k') => `${p}-${Date.now()}-${++seq}`;

async function fund(userId: string, ledger: 'points' | 'time', amount: number) {
  return transfer(t.app.ctx, null, { ledger, from: { system: 'issuance', regionCode: '140500' }, to: { userId }, amount, code: 'adjustment', actorId: null, idempotencyKey: key('fund') });
}
async function rows(q: ReturnType<typeof sql>) {
  const r = await t.app.ctx.db.execute(q);
  return (r as unknown as { rows: Array<Record<string, unknown>> }).rows;
}
async function expectAppError(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
}

beforeAll(async () => {
  // the last test edits a transfer behind the application's back on purpose
  t = await buildTestApp({ allowBrokenLedger: true });
  admin = await makeUser(t, { name: '区管理员', grants: [{ role: 'region_admin', regionCode: '140000' }] });
});
afterAll(async () => {
  await t.close();
});

describe('family transfers over the API', () => {
  let a: MadeUser;
  let b: MadeUser;
  let ca: ReturnType<TestApp['client']>;
  beforeAll(async () => {
    // time given to a relative is withdrawn for them: the receiver is of the policy's withdrawal age (60)
    a = await makeUser(t, { name: '张三', birthDate: '1938-01-01' });
    b = await makeUser(t, { name: '张小三', birthDate: '1962-05-05' });
    ca = await t.client().login(a.phone);
    await fund(a.id, 'time', 300);
  });

  it('refuses before the relation is verified, accepts after, and answers repeats with the first result', async () => {
    const body = { toUserId: b.id, ledger: 'time', amount: 60, memo: '给儿子', idempotencyKey: key('fam') };
    const refused = await ca.post('/api/v1/transfers', body);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('RELATION_NOT_VERIFIED');
    expect((await balances(t.app.ctx.db, b.id)).time).toBe(0);

    const link = await ca.post('/api/v1/relatives', { relativeUserId: b.id, relation: 'child' });
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({ status: 'pending' });
    const dup = await ca.post('/api/v1/relatives', { relativeUserId: b.id, relation: 'child' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('CONFLICT');

    // the volunteer cannot verify it; a region admin can (audited)
    const self = await ca.post(`/api/v1/relatives/${link.body.id}/verify`);
    expect(self.status).toBe(403);
    const cadmin = await t.client().login(admin.phone);
    const queue = await cadmin.get('/api/v1/relatives?status=pending');
    expect(queue.status).toBe(200);
    expect(queue.body.items).toEqual([expect.objectContaining({ id: link.body.id, userName: '张三', relativeName: '张小三', relation: 'child', userIdNumberMasked: expect.stringContaining('********') })]);
    expect((await ca.get('/api/v1/relatives')).status).toBe(403);
    const ok = await cadmin.post(`/api/v1/relatives/${link.body.id}/verify`);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('verified');
    const audit = await rows(sql`select action from audit_log where object_id = ${link.body.id}`);
    expect(audit.map((r) => r.action)).toEqual(['relative.verify']);
    const again = await cadmin.post(`/api/v1/relatives/${link.body.id}/verify`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');

    const first = await ca.post('/api/v1/transfers', body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ ledger: 'time', amount: 60, code: 'family_transfer', status: 'posted', debitBalanceAfter: 240, creditBalanceAfter: 60 });
    const repeat = await ca.post('/api/v1/transfers', body);
    expect(repeat.status).toBe(201);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(repeat.body).toEqual(first.body);
    expect(await balances(t.app.ctx.db, a.id)).toEqual({ points: 0, time: 240 });
    expect(await balances(t.app.ctx.db, b.id)).toEqual({ points: 0, time: 60 });

    const conflicting = await ca.post('/api/v1/transfers', { ...body, amount: 61 });
    expect(conflicting.status).toBe(409);
    expect(conflicting.body.error.code).toBe('CONFLICT');
    const n = await rows(sql`select count(*)::int as n from ledger_transfers where code = 'family_transfer'`);
    expect(n[0]!.n).toBe(1);

    // the relative sees the link from the other side
    const cb = await t.client().login(b.phone);
    const mine = await cb.get('/api/v1/me/relatives');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ status: 'verified', otherName: '张三' });
  });

  it('refuses more than the spendable balance with INSUFFICIENT_BALANCE and changes nothing', async () => {
    const before = await balances(t.app.ctx.db, a.id);
    const r = await ca.post('/api/v1/transfers', { toUserId: b.id, ledger: 'time', amount: before.time + 1, idempotencyKey: key('big') });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(await balances(t.app.ctx.db, a.id)).toEqual(before);
    const pts = await ca.post('/api/v1/transfers', { toUserId: b.id, ledger: 'points', amount: 1, idempotencyKey: key('pts') });
    expect(pts.status).toBe(409);
    expect(pts.body.error.code).toBe('INSUFFICIENT_BALANCE');
  });

  it('donates to the city public pool', async () => {
    const r = await ca.post('/api/v1/donations', { ledger: 'time', amount: 30, idempotencyKey: key('don') });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ code: 'donation', amount: 30 });
    const pool = await rows(sql`select balance from ledger_accounts where purpose = 'public_pool' and ledger = 'time' and region_code = '140500'`);
    expect(Number(pool[0]!.balance)).toBe(30);
  });

  it('validates the body', async () => {
    const r = await ca.post('/api/v1/transfers', { toUserId: b.id, ledger: 'time', amount: 1.5, idempotencyKey: key('v') });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('pending transfers', () => {
  let u: MadeUser;
  const supermarket = { system: 'supermarket' as const, regionCode: '140500' };
  beforeAll(async () => {
    u = await makeUser(t);
    await fund(u.id, 'points', 100);
  });

  it('reserves (spendable falls now), posts exactly once', async () => {
    const ctx = t.app.ctx;
    const p = await reserve(ctx, null, { ledger: 'points', from: { userId: u.id }, to: supermarket, amount: 40, code: 'redeemed', actorId: u.id, idempotencyKey: key('res'), timeoutAt: new Date(ctx.clock.now().getTime() + 3600_000) });
    expect(p.transfer.status).toBe('pending');
    expect((await balances(ctx.db, u.id)).points).toBe(60);
    await expectAppError(transfer(ctx, null, { ledger: 'points', from: { userId: u.id }, to: supermarket, amount: 61, code: 'redeemed', actorId: u.id, idempotencyKey: key('x') }), 'INSUFFICIENT_BALANCE');
    const posted = await postPending(ctx, null, p.transfer.id);
    expect(posted.replayed).toBe(false);
    expect(posted.transfer).toMatchObject({ status: 'post_pending', pendingId: p.transfer.id, amount: 40 });
    const again = await postPending(ctx, null, p.transfer.id);
    expect(again.replayed).toBe(true);
    expect(again.transfer.id).toBe(posted.transfer.id);
    await expectAppError(voidPending(ctx, null, p.transfer.id), 'INVALID_STATE');
    const acct = await rows(sql`select balance, pending_debits from ledger_accounts where owner_user_id = ${u.id} and ledger = 'points'`);
    expect(acct[0]).toMatchObject({ balance: 60, pending_debits: 0 });
  });

  it('voids: the reserved amount comes back', async () => {
    const ctx = t.app.ctx;
    const p = await reserve(ctx, null, { ledger: 'points', from: { userId: u.id }, to: supermarket, amount: 10, code: 'redeemed', actorId: u.id, idempotencyKey: key('res'), timeoutAt: new Date(ctx.clock.now().getTime() + 3600_000) });
    expect((await balances(ctx.db, u.id)).points).toBe(50);
    const v = await voidPending(ctx, null, p.transfer.id);
    expect(v.transfer.status).toBe('void_pending');
    expect((await balances(ctx.db, u.id)).points).toBe(60);
    await expectAppError(postPending(ctx, null, p.transfer.id), 'INVALID_STATE');
  });

  it('expires after the timeout (TestClock), and a late post is refused', async () => {
    const ctx = t.app.ctx;
    const p = await reserve(ctx, null, { ledger: 'points', from: { userId: u.id }, to: supermarket, amount: 20, code: 'redeemed', actorId: u.id, idempotencyKey: key('res'), timeoutAt: new Date(ctx.clock.now().getTime() + 30 * 60_000) });
    expect(await expirePending(ctx)).toBe(0);
    t.clock.advanceMinutes(31);
    await expectAppError(postPending(ctx, null, p.transfer.id), 'INVALID_STATE');
    expect(await expirePending(ctx)).toBe(1);
    expect(await expirePending(ctx)).toBe(0);
    const r = await rows(sql`select status from ledger_transfers where pending_id = ${p.transfer.id}`);
    expect(r).toEqual([{ status: 'expired' }]);
    expect((await balances(ctx.db, u.id)).points).toBe(60);
  });
});

describe('reversal', () => {
  it('a staff reversal is a new transfer pointing at the old one, once, audited', async () => {
    const u = await makeUser(t);
    const f = await fund(u.id, 'points', 25);
    const cu = await t.client().login(u.phone);
    const forbidden = await cu.post(`/api/v1/ledger/transfers/${f.transfer.id}/reverse`, { reason: '录入错误' });
    expect(forbidden.status).toBe(403);
    const cadmin = await t.client().login(admin.phone);
    const r = await cadmin.post(`/api/v1/ledger/transfers/${f.transfer.id}/reverse`, { reason: '录入错误' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ code: 'reversal', reversesId: f.transfer.id, amount: 25, debitBalanceAfter: 0 });
    expect((await balances(t.app.ctx.db, u.id)).points).toBe(0);
    const again = await cadmin.post(`/api/v1/ledger/transfers/${f.transfer.id}/reverse`, { reason: '录入错误' });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(r.body.id);
    const audit = await rows(sql`select action from audit_log where object_id = ${f.transfer.id}`);
    expect(audit).toEqual([{ action: 'ledger.transfer.reverse' }]);
    // the original is still there, unchanged
    const orig = await rows(sql`select amount, status from ledger_transfers where id = ${f.transfer.id}`);
    expect(orig[0]).toMatchObject({ amount: 25, status: 'posted' });
  });

  it('cannot reverse what the receiver already spent', async () => {
    const u = await makeUser(t);
    const f = await fund(u.id, 'points', 10);
    await transfer(t.app.ctx, null, { ledger: 'points', from: { userId: u.id }, to: { system: 'supermarket', regionCode: '140500' }, amount: 5, code: 'redeemed', actorId: u.id, idempotencyKey: key('sp') });
    await expectAppError(reverse(t.app.ctx, null, { transferId: f.transfer.id, actorId: admin.id, reason: 'x' }), 'INSUFFICIENT_BALANCE');
  });
});

describe('policies and service credits', () => {
  it("credits the seed's 2 h 20 min as 140 minutes of time (the time given) and 25 points (rounded up to 2 h 30), once per key", async () => {
    const u = await makeUser(t);
    const ctx = t.app.ctx;
    const input = { userId: u.id, regionCode: '140502001001', measuredMinutes: 140, at: ctx.clock.now(), objectType: 'service_record', objectId: 'sr-1', idempotencyKey: key('credit') };
    const r = await creditService(ctx, null, input);
    expect(r).toMatchObject({ creditedMinutes: 140, timeMinutes: 140, roundedMinutes: 150, points: 25, replayed: false });
    const again = await creditService(ctx, null, input);
    expect(again.replayed).toBe(true);
    expect(again.transfers.map((x) => x.id).sort()).toEqual(r.transfers.map((x) => x.id).sort());
    expect(await balances(ctx.db, u.id)).toEqual({ points: 25, time: 140 });
    await expectAppError(creditService(ctx, null, { ...input, measuredMinutes: 141 }), 'CONFLICT');
    // shorter than the region's minimum (15 minutes by default): a record, but nothing earned
    const short = await creditService(ctx, null, { ...input, measuredMinutes: 10, objectId: 'sr-2', idempotencyKey: key('credit') });
    expect(short).toMatchObject({ creditedMinutes: 0, timeMinutes: 0, points: 0, belowMinimum: true, transfers: [] });
    expect(await balances(ctx.db, u.id)).toEqual({ points: 25, time: 140 });
  });

  it('a policy change applies from its effective date, never retroactively; the daily cap counts the day', async () => {
    const ctx = t.app.ctx;
    const cadmin = await t.client().login(admin.phone);
    const now = ctx.clock.now();
    const past = await cadmin.put('/api/v1/regions/140502/ledger-policy', { pointsPerHour: 20, effectiveFrom: new Date(now.getTime() - 86_400_000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe('VALIDATION_FAILED');
    const from = new Date(now.getTime() + 86_400_000);
    const put = await cadmin.put('/api/v1/regions/140502/ledger-policy', { pointsPerHour: 20, rounding: 'exact', dailyCapMinutes: 100, effectiveFrom: from.toISOString() });
    expect(put.status).toBe(200);
    expect(put.body.effective).toMatchObject({ pointsPerHour: 10, sourceRegionCode: null });
    expect(put.body.own[0]).toMatchObject({ pointsPerHour: 20, rounding: 'exact', sourceRegionCode: '140502' });
    const audit = await rows(sql`select action, region_code from audit_log where action = 'ledger.policy.set'`);
    expect(audit).toEqual([{ action: 'ledger.policy.set', region_code: '140502' }]);

    const vol = await makeUser(t);
    const cvol = await t.client().login(vol.phone);
    const denied = await cvol.put('/api/v1/regions/140502/ledger-policy', { pointsPerHour: 99 });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');

    const before = await creditService(ctx, null, { userId: vol.id, regionCode: '140502001001', measuredMinutes: 70, at: now, objectType: 's', objectId: '1', idempotencyKey: key('c') });
    expect(before).toMatchObject({ creditedMinutes: 70, roundedMinutes: 90, points: 15 });
    const after1 = await creditService(ctx, null, { userId: vol.id, regionCode: '140502001001', measuredMinutes: 70, at: from, objectType: 's', objectId: '2', idempotencyKey: key('c') });
    expect(after1).toMatchObject({ creditedMinutes: 70, points: 23 });
    const after2 = await creditService(ctx, null, { userId: vol.id, regionCode: '140502001001', measuredMinutes: 70, at: new Date(from.getTime() + 3600_000), objectType: 's', objectId: '3', idempotencyKey: key('c') });
    expect(after2).toMatchObject({ creditedMinutes: 30, points: 10, cappedByDailyLimit: true });
    // a region outside 140502 keeps the defaults
    const other = await creditService(ctx, null, { userId: vol.id, regionCode: '140521', measuredMinutes: 70, at: from, objectType: 's', objectId: '4', idempotencyKey: key('c') });
    expect(other).toMatchObject({ creditedMinutes: 70, points: 15 });
    expect(await balances(ctx.db, vol.id)).toEqual({ points: 15 + 23 + 10 + 15, time: 70 + 70 + 30 + 70 });
  });
});

describe('passbook', () => {
  it('pages newest first with signed amounts and balances after; staff read it within their region', async () => {
    const u = await makeUser(t);
    for (let i = 1; i <= 5; i++) {
      await fund(u.id, 'points', i * 10);
      t.clock.advance(1000);
    }
    await transfer(t.app.ctx, null, { ledger: 'points', from: { userId: u.id }, to: { system: 'supermarket', regionCode: '140500' }, amount: 7, code: 'redeemed', actorId: u.id, memo: '兑换毛巾', idempotencyKey: key('r') });
    const cu = await t.client().login(u.phone);
    const p1 = await cu.get('/api/v1/me/passbook?ledger=points&page=1&pageSize=4');
    expect(p1.status).toBe(200);
    expect(p1.body.total).toBe(6);
    expect(p1.body.balances).toEqual({ points: 143, time: 0 });
    expect(p1.body.items).toHaveLength(4);
    expect(p1.body.items[0]).toMatchObject({ amount: -7, kind: 'redeemed', memo: '兑换毛巾', balanceAfter: 143 });
    expect(p1.body.items[1]).toMatchObject({ amount: 50, balanceAfter: 150 });
    const p2 = await cu.get('/api/v1/me/passbook?ledger=points&page=2&pageSize=4');
    expect(p2.body.items.map((i: { amount: number }) => i.amount)).toEqual([20, 10]);
    expect(p2.body.items[1].balanceAfter).toBe(10);

    const stranger = await makeUser(t, { regionCode: '140521' });
    const cs = await t.client().login(stranger.phone);
    const no = await cs.get(`/api/v1/volunteers/${u.id}/passbook`);
    expect(no.status).toBe(403);
    const cadmin = await t.client().login(admin.phone);
    const yes = await cadmin.get(`/api/v1/volunteers/${u.id}/passbook?pageSize=2`);
    expect(yes.status).toBe(200);
    expect(yes.body.total).toBe(6);

    const xlsx = await cu.get('/api/v1/me/passbook.xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await cu.get('/api/v1/me/passbook.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('passbook files and the proof for staff', () => {
  it('staff in scope download a volunteer’s passbook as PDF and Excel; others are refused; any region admin runs the proof', async () => {
    const v = await makeUser(t, { name: '存折人' });
    await fund(v.id, 'points', 25);
    const district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
    const dc = await t.client().login(district.phone);
    const pdf = await dc.get(`/api/v1/volunteers/${v.id}/passbook.pdf`);
    expect(pdf.status).toBe(200);
    expect(String(pdf.headers['content-type'])).toContain('application/pdf');
    expect(pdf.raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await dc.get(`/api/v1/volunteers/${v.id}/passbook.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const other = await t.client().login((await makeUser(t)).phone);
    const refused = await other.get(`/api/v1/volunteers/${v.id}/passbook.pdf`);
    expect(refused.status).toBe(403);
    expect((await other.get('/api/v1/ledger/verify')).status).toBe(403);
    const proof = await dc.get('/api/v1/ledger/verify');
    expect(proof.status).toBe(200);
    expect(proof.body.ok).toBe(true);
  });
});

describe('verify', () => {
  it('is clean after all of the above, and detects a row edited behind the application', async () => {
    const clean = await verifyLedger(t.app.ctx.db);
    expect(clean.problems).toEqual([]);
    expect(clean.ok).toBe(true);
    const cadmin = await t.client().login(admin.phone);
    const viaApi = await cadmin.get('/api/v1/ledger/verify');
    expect(viaApi.status).toBe(200);
    expect(viaApi.body.ok).toBe(true);

    // the trigger refuses edits
    await expect(t.app.ctx.db.execute(sql`update ledger_transfers set amount = amount + 1`)).rejects.toThrow();
    const [victim] = await rows(sql`select id from ledger_transfers where code = 'family_transfer' limit 1`);
    await t.app.ctx.db.execute(sql`alter table ledger_transfers disable trigger ledger_transfers_append_only`);
    await t.app.ctx.db.execute(sql`update ledger_transfers set amount = amount + 1 where id = ${victim!.id as string}`);
    await t.app.ctx.db.execute(sql`alter table ledger_transfers enable trigger ledger_transfers_append_only`);
    const bad = await verifyLedger(t.app.ctx.db);
    expect(bad.ok).toBe(false);
    const kinds = new Set(bad.problems.map((p) => p.kind));
    expect(kinds.has('hash_mismatch')).toBe(true);
    expect(kinds.has('account_mismatch')).toBe(true);
    const api = await cadmin.get('/api/v1/ledger/verify');
    expect(api.body.ok).toBe(false);
  });
});
