import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeStation, makeUser, nextPerson, type MadeUser } from '../../../test/factories';
import { accountRecoveries, auditLog, ledgerTransfers, marketRedemptions, notifications, serviceRequests } from '../../db/schema/index';
import { balances, transfer } from '../ledger/index';

/**
 * Found at review (issue 18): whoever issues a one-time code — station staff, a verified relative,
 * the registrar of an account made on someone's behalf — knows it and can type it themselves. The
 * recovered account then cannot move anything out for 72 hours by self-service, never to the
 * code's issuer, and the issuer never spends it on the holder's behalf, until other staff confirm
 * the holder in person.
 */
let t: TestApp;
let regionAdmin: MadeUser;
let colleague: MadeUser;
let keeper: MadeUser;
let stationId: string;
let seq = 0;
const NEW = 'NewPassw0rd!';

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set('2026-11-24T09:00:00+08:00');
  regionAdmin = await makeUser(t, { name: '社区李', regionCode: '140502001001', grants: [{ role: 'region_admin', regionCode: '140502001001' }] });
  colleague = await makeUser(t, { name: '街道王', regionCode: '140502001', grants: [{ role: 'region_admin', regionCode: '140502001' }] });
  stationId = (await makeStation(t, regionAdmin, { name: '凤台社区志愿服务站' })).id;
  keeper = await makeUser(t, { name: '赵站长', regionCode: '140502001001', grants: [{ role: 'station_admin', stationId }] });
});
afterAll(async () => t.close());

async function fund(userId: string, ledger: 'points' | 'time', amount: number) {
  await transfer(t.app.ctx, null, { ledger, from: { system: 'issuance', regionCode: '140500' }, to: { userId }, amount, code: 'adjustment', actorId: null, idempotencyKey: `recovery-fund-${++seq}` });
}
const key = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const recoveries = (userId: string) => t.app.ctx.db.select().from(accountRecoveries).where(eq(accountRecoveries.userId, userId));
const debitsOf = async (userId: string) => {
  const r = await t.app.ctx.db.execute(sql`select count(*)::int as n from ledger_transfers t join ledger_accounts a on a.id = t.debit_account_id where a.owner_user_id = ${userId}`);
  return (r as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
};

/** The issuer types the code themselves: a fresh browser now holds the person's account. */
async function takeOver(issuer: TestClient, path: string, phone: string): Promise<TestClient> {
  const issued = await issuer.post(path);
  expect(issued.status).toBe(201);
  const thief = t.client();
  const r = await thief.post('/api/v1/auth/password-reset', { phone, code: issued.body.code, password: NEW });
  expect(r.status).toBe(200);
  return thief;
}

describe('a station keeper who resets an elder’s password and uses the code', () => {
  it('is recorded as the recovery’s issuer; for 72 hours the account gives, donates and redeems nothing; the keeper cannot spend it on behalf', async () => {
    const elder = await makeUser(t, { name: '孙木林', regionCode: '140502001001', birthDate: '1948-02-02' });
    await fund(elder.id, 'points', 1000);
    await fund(elder.id, 'time', 600);
    const cKeeper = await t.client().login(keeper.phone);
    const thief = await takeOver(cKeeper, `/api/v1/users/${elder.id}/reset-code`, elder.phone);

    const [rec] = await recoveries(elder.id);
    expect(rec).toMatchObject({ kind: 'password_reset', issuedBy: keeper.id, confirmedAt: null });
    expect(rec!.holdUntil.getTime() - rec!.recoveredAt.getTime()).toBe(72 * 3600_000);
    const audit = (await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.objectId, elder.id), eq(auditLog.action, 'account.password.reset'))))[0]!;
    expect(JSON.stringify(audit.after)).toContain(keeper.id);

    // the holder (or whoever holds the account) sees why and who issued the code
    const mine = await thief.get('/api/v1/me/recoveries');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ kind: 'password_reset', held: true, issuedByName: '赵站长', confirmedAt: null });

    const before = await balances(t.app.ctx.db, elder.id);
    const debits = await debitsOf(elder.id);
    const donation = await thief.post('/api/v1/donations', { ledger: 'points', amount: 100, idempotencyKey: key() });
    expect(donation.status).toBe(403);
    expect(donation.body.error.code).toBe('RECOVERY_HOLD');
    expect(donation.body.error.details.reason).toBe('hold');
    expect(donation.body.error.message).toContain('当面核验');

    const made = await cKeeper.post(`/api/v1/stations/${stationId}/products`, { name: '电饭煲', pointsPrice: 800, stock: 5 });
    expect(made.status).toBe(201);
    const product = { body: made.body.product as { id: string } };
    const redeem = await thief.post('/api/v1/redemptions', { productId: product.body.id, quantity: 1 });
    expect(redeem.status).toBe(403);
    expect(redeem.body.error.code).toBe('RECOVERY_HOLD');
    // the keeper redeeming "for" the elder at their own counter: the issuer never spends it
    const onBehalf = await cKeeper.post('/api/v1/redemptions', { productId: product.body.id, quantity: 1, onBehalfOf: elder.id });
    expect(onBehalf.status).toBe(403);
    expect(onBehalf.body.error.code).toBe('RECOVERY_HOLD');
    expect(onBehalf.body.error.details.reason).toBe('issuer_on_behalf');
    const paid = await thief.post('/api/v1/service-requests', { category: 'elderly', description: '帮忙打扫卫生', regionCode: '140502001001', address: '凤台社区3号楼', payMinutes: 60 });
    expect(paid.status).toBe(403);
    expect(paid.body.error.code).toBe('RECOVERY_HOLD');

    expect(await balances(t.app.ctx.db, elder.id)).toEqual(before);
    expect(await debitsOf(elder.id)).toBe(debits);
    expect(await t.app.ctx.db.select().from(marketRedemptions).where(eq(marketRedemptions.userId, elder.id))).toHaveLength(0);
    expect(await t.app.ctx.db.select().from(serviceRequests).where(eq(serviceRequests.residentId, elder.id))).toHaveLength(0);
    const [p] = (await t.app.ctx.db.execute(sql`select stock from market_products where id = ${product.body.id}`) as unknown as { rows: Array<{ stock: number }> }).rows;
    expect(p!.stock).toBe(5);

    // another member of staff at the counter (not the issuer) may still help the person in front of them
    const byColleague = await (await t.client().login(regionAdmin.phone)).post('/api/v1/redemptions', { productId: product.body.id, quantity: 1, onBehalfOf: elder.id });
    expect(byColleague.status).toBe(201);

    // after the hold the holder spends again (not to the issuer, who stays barred until confirmed)
    t.clock.advanceMinutes(72 * 60 + 1);
    expect((await thief.get('/api/v1/me/recoveries')).body.items[0].held).toBe(false);
    const later = await thief.post('/api/v1/donations', { ledger: 'points', amount: 10, idempotencyKey: key() });
    expect(later.status).toBe(201);
    const stillNot = await cKeeper.post('/api/v1/redemptions', { productId: product.body.id, quantity: 1, onBehalfOf: elder.id });
    expect(stillNot.status).toBe(403);
    expect(stillNot.body.error.details.reason).toBe('issuer_on_behalf');
  });
});

describe('a verified relative who resets the elder’s password', () => {
  it('is never given anything from the account until other staff confirm the holder in person; the issuer cannot confirm', async () => {
    t.clock.set('2026-11-25T09:00:00+08:00');
    const elder = await makeUser(t, { name: '王阿姨', regionCode: '140502001001', birthDate: '1950-03-03' });
    const child = await makeUser(t, { name: '王小明', regionCode: '140502001001', birthDate: '1962-04-04' });
    await fund(elder.id, 'points', 500);
    const cChild = await t.client().login(child.phone);
    const link = await cChild.post('/api/v1/relatives', { relativeUserId: elder.id, relation: 'parent' });
    expect(link.status).toBe(201);
    const cAdmin = await t.client().login(regionAdmin.phone);
    expect((await cAdmin.post(`/api/v1/relatives/${link.body.id}/verify`)).status).toBe(200);

    const thief = await takeOver(cChild, `/api/v1/me/relatives/${elder.id}/reset-code`, elder.phone);
    expect((await recoveries(elder.id))[0]).toMatchObject({ issuedBy: child.id, kind: 'password_reset' });

    const give = { toUserId: child.id, ledger: 'points', amount: 200 };
    const first = await thief.post('/api/v1/transfers', { ...give, idempotencyKey: key() });
    expect(first.status).toBe(403);
    expect(first.body.error.code).toBe('RECOVERY_HOLD');
    expect(first.body.error.details.reason).toBe('to_issuer');
    t.clock.advanceMinutes(100 * 60); // long after the hold: still never to the issuer
    const later = await thief.post('/api/v1/transfers', { ...give, idempotencyKey: key() });
    expect(later.status).toBe(403);
    expect(later.body.error.details.reason).toBe('to_issuer');
    expect((await balances(t.app.ctx.db, elder.id)).points).toBe(500);
    expect((await balances(t.app.ctx.db, child.id)).points).toBe(0);

    // confirming: not the holder's own session, not a stranger, not a relative without grants
    expect((await thief.post(`/api/v1/users/${elder.id}/recoveries/confirm`)).status).toBe(403);
    expect((await cChild.post(`/api/v1/users/${elder.id}/recoveries/confirm`)).status).toBe(403);
    const outsider = await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
    expect((await (await t.client().login(outsider.phone)).post(`/api/v1/users/${elder.id}/recoveries/confirm`)).status).toBe(403);
    expect((await recoveries(elder.id))[0]!.confirmedAt).toBeNull();

    const staffView = await cAdmin.get(`/api/v1/users/${elder.id}/recoveries`);
    expect(staffView.status).toBe(200);
    expect(staffView.body.items[0]).toMatchObject({ issuedByName: '王小明', confirmedAt: null });
    const confirmed = await cAdmin.post(`/api/v1/users/${elder.id}/recoveries/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.items[0]).toMatchObject({ confirmedByName: '社区李', held: false });
    const [row] = await recoveries(elder.id);
    expect(row!.confirmedBy).toBe(regionAdmin.id);
    expect((await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.objectId, elder.id), eq(auditLog.action, 'account.recovery.confirm')))).length).toBe(1);
    expect((await t.app.ctx.db.select().from(notifications).where(eq(notifications.userId, elder.id))).some((n) => n.title === '账号已当面核验')).toBe(true);
    const again = await cAdmin.post(`/api/v1/users/${elder.id}/recoveries/confirm`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');

    const now = await thief.post('/api/v1/transfers', { ...give, idempotencyKey: key() });
    expect(now.status).toBe(201);
    expect((await balances(t.app.ctx.db, child.id)).points).toBe(200);
    expect((await thief.get('/api/v1/me/recoveries')).body.items).toHaveLength(0);
  });

  it('the staff member who issued the code cannot confirm the holder themselves', async () => {
    const elder = await makeUser(t, { name: '李大爷', regionCode: '140502001001', birthDate: '1946-01-01' });
    const cAdmin = await t.client().login(regionAdmin.phone);
    await takeOver(cAdmin, `/api/v1/users/${elder.id}/reset-code`, elder.phone);
    const self = await cAdmin.post(`/api/v1/users/${elder.id}/recoveries/confirm`);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_BENEFIT');
    expect((await recoveries(elder.id))[0]!.confirmedAt).toBeNull();
    const other = await (await t.client().login(colleague.phone)).post(`/api/v1/users/${elder.id}/recoveries/confirm`);
    expect(other.status).toBe(200);
  });
});

describe('claiming an account registered on someone’s behalf', () => {
  it('records the registrar as the issuer: the claimed account is held like a reset one', async () => {
    t.clock.set('2026-11-26T09:00:00+08:00');
    const cAdmin = await t.client().login(regionAdmin.phone);
    const p = nextPerson('1948-02-02');
    const reg = await cAdmin.post('/api/v1/volunteers', { name: '孙大娘', idNumber: p.idNumber, phone: p.phone, regionCode: '140502001001', consentMethod: 'verbal' });
    expect(reg.status).toBe(201);
    const userId = reg.body.userId as string;
    await fund(userId, 'time', 300);
    const code = await cAdmin.post(`/api/v1/users/${userId}/claim-code`);
    const thief = t.client();
    expect((await thief.post('/api/v1/auth/claim', { phone: p.phone, idNumber: p.idNumber, name: '孙大娘', password: NEW, claimCode: code.body.code })).status).toBe(200);
    expect((await recoveries(userId))[0]).toMatchObject({ kind: 'claim', issuedBy: regionAdmin.id });
    const paid = await thief.post('/api/v1/service-requests', { category: 'elderly', description: '帮忙买菜', regionCode: '140502001001', address: '凤台社区5号楼', payMinutes: 60 });
    expect(paid.status).toBe(403);
    expect(paid.body.error.code).toBe('RECOVERY_HOLD');
    // the registrar's own paid request "for" the resident, from the resident's time: refused too
    const onBehalf = await cAdmin.post('/api/v1/service-requests', { residentId: userId, category: 'elderly', description: '代下单', regionCode: '140502001001', address: '凤台社区5号楼', payMinutes: 60 });
    expect(onBehalf.status).toBe(403);
    expect(onBehalf.body.error.details.reason).toBe('issuer_on_behalf');
    expect((await balances(t.app.ctx.db, userId)).time).toBe(300);
    const pending = await t.app.ctx.db.select().from(ledgerTransfers).where(eq(ledgerTransfers.objectType, 'service_request'));
    expect(pending.filter((x) => x.actorId === regionAdmin.id || x.actorId === userId)).toHaveLength(0);
  });

  it('a recovery is kept: the runtime cannot delete one or change what it says', async () => {
    const [any] = await t.app.ctx.db.select().from(accountRecoveries).limit(1);
    await expect(t.app.ctx.db.execute(sql`delete from account_recoveries where id = ${any!.id}`)).rejects.toThrow();
    await expect(t.app.ctx.db.execute(sql`update account_recoveries set issued_by = ${regionAdmin.id} where id = ${any!.id}`)).rejects.toThrow();
    expect((await t.app.ctx.db.select().from(accountRecoveries).where(eq(accountRecoveries.id, any!.id)))).toHaveLength(1);
  });
});
