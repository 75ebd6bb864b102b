import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeUser, type MadeUser } from '../../../test/factories';
import { ledgerTransfers, serviceRecords, serviceRequestEvents, serviceRequests } from '../../db/schema/index';
import { balances, expirePending, transfer, verifyLedger } from '../ledger/index';

/** Paid service requests: the withdrawal age (issue 10 point 10); a reservation that timed out (point 15). */

let t: TestApp;
let staffUser: MadeUser;
const HOME = { lat: 35.4985, lng: 112.86 };
const COMMUNITY = '140502001001';
const START = '2026-11-24T09:00:00+08:00';
let seq = 0;

beforeAll(async () => {
  t = await buildTestApp();
  staffUser = await makeUser(t, { regionCode: COMMUNITY, grants: [{ role: 'region_admin', regionCode: COMMUNITY }] });
});
afterAll(async () => {
  const v = await verifyLedger(t.app.ctx.db);
  expect(v.ok).toBe(true);
  await t.close();
});

async function fundTime(userId: string, minutes: number) {
  await transfer(t.app.ctx, null, { ledger: 'time', from: { system: 'issuance', regionCode: '140500' }, to: { userId }, amount: minutes, code: 'adjustment', actorId: null, idempotencyKey: `pay-fund-${userId}-${++seq}` });
}
async function eventsOf(id: string) {
  return (await t.app.ctx.db.select().from(serviceRequestEvents).where(eq(serviceRequestEvents.requestId, id))).map((e) => e.action);
}
async function paymentRows(id: string) {
  return t.app.ctx.db
    .select({ status: ledgerTransfers.status, amount: ledgerTransfers.amount, key: ledgerTransfers.idempotencyKey })
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.objectType, 'service_request'), eq(ledgerTransfers.objectId, id)))
    .orderBy(ledgerTransfers.createdAt, ledgerTransfers.id);
}
async function openReservations() {
  const r = await t.app.ctx.db.execute(sql`select count(*)::int as n from ledger_open_pending`);
  return (r as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
}

/** A resident (aged 78) orders 60 paid minutes; a volunteer is dispatched, accepts; optionally serves. */
async function paidOrder(o: { serve: boolean }) {
  t.clock.set(START);
  const resident = await makeUser(t, { birthDate: '1948-06-06' });
  await fundTime(resident.id, 100);
  const rc = await t.client().login(resident.phone);
  const staff = await t.client().login(staffUser.phone);
  const order = await rc.post('/api/v1/service-requests', { category: 'elderly', description: '上门助浴', regionCode: COMMUNITY, address: '凤台社区2号楼', ...HOME, payMinutes: 60 });
  expect(order.status).toBe(201);
  const helper = await makeUser(t);
  expect((await staff.post(`/api/v1/service-requests/${order.body.id}/dispatch`, { userId: helper.id, dueAt: '2026-11-26T18:00:00+08:00' })).status).toBe(200);
  const hc = await t.client().login(helper.phone);
  expect((await hc.post(`/api/v1/service-requests/${order.body.id}/accept`, {})).status).toBe(200);
  if (o.serve) {
    t.clock.set('2026-11-25T09:00:00+08:00');
    expect((await hc.post(`/api/v1/service-requests/${order.body.id}/checkin`, HOME)).status).toBe(200);
    t.clock.set('2026-11-25T10:00:00+08:00');
    expect((await hc.post(`/api/v1/service-requests/${order.body.id}/checkout`, HOME)).status).toBe(200);
  }
  expect(await balances(t.app.ctx.db, resident.id)).toEqual({ points: 0, time: 40 });
  return { id: order.body.id as string, resident, helper };
}

/** Past the 30-day payment timeout; the sweeper runs (or not); sessions of a month ago have lapsed. */
async function afterTimeout(sweep: boolean): Promise<void> {
  t.clock.set('2027-01-05T09:00:00+08:00');
  if (sweep) expect(await expirePending(t.app.ctx)).toBeGreaterThanOrEqual(1);
}

describe('a paid request whose reservation timed out', () => {
  it('can still be rated after the sweeper expired it: the minutes are charged afresh, once, and the helper credited', async () => {
    const { id, resident, helper } = await paidOrder({ serve: true });
    await afterTimeout(true);
    expect(await balances(t.app.ctx.db, resident.id)).toEqual({ points: 0, time: 100 });
    const rc: TestClient = await t.client().login(resident.phone);
    const rated = await rc.post(`/api/v1/service-requests/${id}/rate`, { happened: true, stars: 5 });
    expect(rated.status).toBe(200);
    expect(rated.body.status).toBe('rated');
    expect(await balances(t.app.ctx.db, resident.id)).toEqual({ points: 0, time: 40 });
    expect(await balances(t.app.ctx.db, helper.id)).toEqual({ points: 10, time: 60 });
    expect((await paymentRows(id)).map((r) => [r.status, r.amount])).toEqual([['pending', 60], ['expired', 60], ['posted', 60]]);
    expect((await paymentRows(id))[2]!.key).toMatch(/^late:/);
    expect(await eventsOf(id)).toContain('payment_late');
    expect(await t.app.ctx.db.select().from(serviceRecords).where(eq(serviceRecords.requestId, id))).toHaveLength(1);
    const again = await rc.post(`/api/v1/service-requests/${id}/rate`, { happened: true, stars: 5 });
    expect(again.status).toBe(409);
    expect(await balances(t.app.ctx.db, resident.id)).toEqual({ points: 0, time: 40 });
  });

  it('can be rated before the sweeper came by: expired and charged afresh in the rating itself', async () => {
    const { id, resident } = await paidOrder({ serve: true });
    await afterTimeout(false);
    const rated = await (await t.client().login(resident.phone)).post(`/api/v1/service-requests/${id}/rate`, { happened: true, stars: 4 });
    expect(rated.status).toBe(200);
    expect((await paymentRows(id)).map((r) => r.status)).toEqual(['pending', 'expired', 'posted']);
    expect(await balances(t.app.ctx.db, resident.id)).toEqual({ points: 0, time: 40 });
    expect(await expirePending(t.app.ctx)).toBe(0);
  });

  it('rated when the resident no longer holds the minutes: the rating stands, the helper is credited, the lapse is in the history', async () => {
    const { id, resident, helper } = await paidOrder({ serve: true });
    await afterTimeout(true);
    const rc = await t.client().login(resident.phone);
    expect((await rc.post('/api/v1/donations', { ledger: 'time', amount: 100, idempotencyKey: `pay-gift-${id}` })).status).toBe(201);
    const rated = await rc.post(`/api/v1/service-requests/${id}/rate`, { happened: true, stars: 5 });
    expect(rated.status).toBe(200);
    expect(await balances(t.app.ctx.db, resident.id)).toEqual({ points: 0, time: 0 });
    expect(await balances(t.app.ctx.db, helper.id)).toEqual({ points: 10, time: 60 });
    expect((await paymentRows(id)).map((r) => r.status)).toEqual(['pending', 'expired']);
    expect(await eventsOf(id)).toContain('payment_lapsed');
  });

  it('can be voided (not happened) or cancelled after the sweeper expired it: the minutes stay returned, once', async () => {
    const served = await paidOrder({ serve: true });
    const waiting = await paidOrder({ serve: false });
    await afterTimeout(true);
    const open = await openReservations();
    const notHappened = await (await t.client().login(served.resident.phone)).post(`/api/v1/service-requests/${served.id}/rate`, { happened: false, comment: '没有来' });
    expect(notHappened.status).toBe(200);
    expect(notHappened.body.status).toBe('cancelled');
    expect(await balances(t.app.ctx.db, served.resident.id)).toEqual({ points: 0, time: 100 });
    expect((await paymentRows(served.id)).map((r) => r.status)).toEqual(['pending', 'expired']);
    const cancelled = await (await t.client().login(staffUser.phone)).post(`/api/v1/service-requests/${waiting.id}/cancel`, { reason: '居民住院' });
    expect(cancelled.status).toBe(200);
    const [row] = await t.app.ctx.db.select().from(serviceRequests).where(eq(serviceRequests.id, waiting.id));
    expect(row!.status).toBe('cancelled');
    expect(await balances(t.app.ctx.db, waiting.resident.id)).toEqual({ points: 0, time: 100 });
    expect((await paymentRows(waiting.id)).map((r) => r.status)).toEqual(['pending', 'expired']);
    expect(await openReservations()).toBe(open);
  });
});

describe('the withdrawal age of the region’s policy', () => {
  it('a resident below withdrawMinAge cannot pay with stored time: 422 WITHDRAW_AGE with the minimum age, no order, nothing reserved', async () => {
    t.clock.set(START);
    const young = await makeUser(t, { birthDate: '1980-03-03' });
    await fundTime(young.id, 100);
    const yc = await t.client().login(young.phone);
    const body = { category: 'elderly', description: '打扫卫生', regionCode: COMMUNITY, address: '凤台社区1号楼', payMinutes: 30 };
    const r = await yc.post('/api/v1/service-requests', body);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('WITHDRAW_AGE');
    expect(r.body.error.details).toMatchObject({ minAge: 60, age: 46 });
    expect(r.body.error.message).toContain('60');
    expect(await t.app.ctx.db.select().from(serviceRequests).where(eq(serviceRequests.residentId, young.id))).toHaveLength(0);
    expect(await balances(t.app.ctx.db, young.id)).toEqual({ points: 0, time: 100 });
    // an unpaid order stays open to everyone
    expect((await yc.post('/api/v1/service-requests', { ...body, payMinutes: 0 })).status).toBe(201);
    // the public pool pays only for someone of that age too
    const staff = await t.client().login(staffUser.phone);
    const pool = await staff.post('/api/v1/service-requests', { ...body, residentId: young.id, payFrom: 'public_pool' });
    expect(pool.status).toBe(422);
    expect(pool.body.error.code).toBe('WITHDRAW_AGE');
  });

  it('follows the region’s policy: where withdrawMinAge is 45, the same resident may pay', async () => {
    t.clock.set(START);
    const region = await makeUser(t, { regionCode: '140502001', grants: [{ role: 'region_admin', regionCode: '140502001' }] });
    const rc = await t.client().login(region.phone);
    expect((await rc.put('/api/v1/regions/140502001/ledger-policy', { withdrawMinAge: 45 })).status).toBe(200);
    const young = await makeUser(t, { birthDate: '1980-03-03' });
    await fundTime(young.id, 100);
    const r = await (await t.client().login(young.phone)).post('/api/v1/service-requests', { category: 'elderly', description: '打扫卫生', regionCode: COMMUNITY, address: '凤台社区1号楼', payMinutes: 30 });
    expect(r.status).toBe(201);
    expect(await balances(t.app.ctx.db, young.id)).toEqual({ points: 0, time: 70 });
    expect((await rc.put('/api/v1/regions/140502001/ledger-policy', { withdrawMinAge: 60 })).status).toBe(200);
  });
});
