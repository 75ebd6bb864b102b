import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeOrg, makeStation, makeUser, type MadeUser } from '../../../test/factories';
import { marketRedemptions, serviceRecords, serviceRequests, wishes } from '../../db/schema/index';
import { balances, transfer } from '../ledger/index';

/** Issue 10 point 7: nobody dispatches, confirms or redeems to their own benefit (four eyes). */

let t: TestApp;
let staffUser: MadeUser;
let staff: TestClient;
let colleague: TestClient;
let district: MadeUser;
const HOME = { lat: 35.4985, lng: 112.86 };
const COMMUNITY = '140502001001';

beforeAll(async () => {
  t = await buildTestApp();
  staffUser = await makeUser(t, { name: '社区干事', regionCode: COMMUNITY, grants: [{ role: 'region_admin', regionCode: COMMUNITY }] });
  staff = await t.client().login(staffUser.phone);
  colleague = await t.client().login((await makeUser(t, { name: '另一位干事', regionCode: COMMUNITY, grants: [{ role: 'region_admin', regionCode: COMMUNITY }] })).phone);
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
});
afterAll(async () => t.close());

async function requestRow(id: string) {
  const [r] = await t.app.ctx.db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
  return r!;
}
async function recordsOf(requestId: string) {
  return t.app.ctx.db.select().from(serviceRecords).where(eq(serviceRecords.requestId, requestId));
}
async function order() {
  const elder = await makeUser(t, { birthDate: '1942-02-02' });
  const o = await staff.post('/api/v1/service-requests', { residentId: elder.id, category: 'elderly', description: '上门理发', regionCode: COMMUNITY, address: '凤台社区7号楼', ...HOME });
  expect(o.status).toBe(201);
  return { id: o.body.id as string, elder };
}
async function serve(id: string, helper: TestClient) {
  t.clock.set('2026-11-25T09:00:00+08:00');
  expect((await helper.post(`/api/v1/service-requests/${id}/checkin`, HOME)).status).toBe(200);
  t.clock.set('2026-11-25T10:00:00+08:00');
  expect((await helper.post(`/api/v1/service-requests/${id}/checkout`, HOME)).status).toBe(200);
  t.clock.set('2026-11-24T09:00:00+08:00');
}

describe('four eyes on service requests', () => {
  it('staff cannot dispatch a request to themselves: 403 SELF_BENEFIT, the order stays in the queue', async () => {
    const { id } = await order();
    const r = await staff.post(`/api/v1/service-requests/${id}/dispatch`, { userId: staffUser.id, dueAt: '2026-11-26T18:00:00+08:00' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('SELF_BENEFIT');
    expect(r.body.error.message).toContain('/');
    expect(await requestRow(id)).toMatchObject({ status: 'ordered', assignedUserId: null, dispatchedBy: null });
  });

  it('a staff member who served a request cannot confirm it for the resident; the resident can', async () => {
    const { id, elder } = await order();
    // the staff member is dispatched in person by a colleague and serves
    expect((await colleague.post(`/api/v1/service-requests/${id}/dispatch`, { userId: staffUser.id, dueAt: '2026-11-26T18:00:00+08:00' })).status).toBe(200);
    expect((await staff.post(`/api/v1/service-requests/${id}/accept`, {})).status).toBe(200);
    await serve(id, staff);
    const self = await staff.post(`/api/v1/service-requests/${id}/rate`, { happened: true, stars: 5 });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_BENEFIT');
    expect((await requestRow(id)).status).toBe('served');
    expect(await recordsOf(id)).toHaveLength(0);
    expect(await balances(t.app.ctx.db, staffUser.id)).toEqual({ points: 0, time: 0 });
    const resident = await t.client().login(elder.phone);
    const ok = await resident.post(`/api/v1/service-requests/${id}/rate`, { happened: true, stars: 5 });
    expect(ok.status).toBe(200);
    expect(await recordsOf(id)).toHaveLength(1);
    expect(await balances(t.app.ctx.db, staffUser.id)).toEqual({ points: 10, time: 60 });
  });

  it('dispatched to a team the staff member belongs to: they cannot confirm it, another staff member can', async () => {
    const leader = await makeUser(t, { name: '队长' });
    const teamId = (await makeOrg(t, leader, { approvedBy: district })).id;
    const lead = await t.client().login(leader.phone);
    expect((await lead.post(`/api/v1/orgs/${teamId}/members`, { userId: staffUser.id })).status).toBe(201);
    const member = await makeUser(t);
    await lead.post(`/api/v1/orgs/${teamId}/members`, { userId: member.id });
    const { id } = await order();
    expect((await staff.post(`/api/v1/service-requests/${id}/dispatch`, { orgId: teamId, dueAt: '2026-11-26T18:00:00+08:00' })).status).toBe(200);
    expect((await lead.post(`/api/v1/service-requests/${id}/accept`, { helperIds: [member.id] })).status).toBe(200);
    await serve(id, await t.client().login(member.phone));
    const own = await staff.post(`/api/v1/service-requests/${id}/rate`, { happened: true, stars: 5 });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('SELF_BENEFIT');
    expect((await requestRow(id)).status).toBe('served');
    expect(await recordsOf(id)).toHaveLength(0);
    // the team's own admin confirming for the resident is refused as well
    const leaderStaff = await makeUser(t, { regionCode: COMMUNITY, grants: [{ role: 'region_admin', regionCode: COMMUNITY }, { role: 'org_admin', orgId: teamId }] });
    const ls = await (await t.client().login(leaderStaff.phone)).post(`/api/v1/service-requests/${id}/rate`, { happened: true, stars: 5 });
    expect(ls.status).toBe(403);
    expect(ls.body.error.code).toBe('SELF_BENEFIT');
    const ok = await colleague.post(`/api/v1/service-requests/${id}/rate`, { happened: true, stars: 4 });
    expect(ok.status).toBe(200);
    expect((await requestRow(id)).status).toBe('rated');
    expect(await recordsOf(id)).toHaveLength(1);
  });
});

describe('four eyes on micro-wishes', () => {
  it('staff who claimed a wish cannot confirm it fulfilled; a colleague can', async () => {
    const w = await staff.post('/api/v1/wishes', { title: '一双棉鞋', story: '冬天需要', valueYuan: 80, regionCode: COMMUNITY, beneficiaryName: '刘奶奶' });
    expect(w.status).toBe(201);
    expect((await staff.post(`/api/v1/wishes/${w.body.id}/claim`, { claimantType: 'volunteer' })).status).toBe(201);
    expect((await staff.post(`/api/v1/wishes/${w.body.id}/deliver`, { note: '已送到' })).status).toBe(200);
    const self = await staff.post(`/api/v1/wishes/${w.body.id}/confirm`);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_BENEFIT');
    const [row] = await t.app.ctx.db.select().from(wishes).where(eq(wishes.id, w.body.id));
    expect(row).toMatchObject({ status: 'delivered', confirmedBy: null });
    const ok = await colleague.post(`/api/v1/wishes/${w.body.id}/confirm`);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('fulfilled');
  });
});

describe('four eyes in the love supermarket', () => {
  it('staff cannot redeem on their own behalf (self-service stays open) nor confirm the pickup of their own order', async () => {
    const stationId = (await makeStation(t, district, { name: '四眼服务站' })).id;
    const keeper = await makeUser(t, { name: '孙站长', grants: [{ role: 'station_admin', stationId }] });
    const kc = await t.client().login(keeper.phone);
    const p = await kc.post(`/api/v1/stations/${stationId}/products`, { name: '洗衣液', pointsPrice: 50, stock: 3 });
    expect(p.status).toBe(201);
    await transfer(t.app.ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: keeper.id }, amount: 200, code: 'adjustment', actorId: null, idempotencyKey: `four-eyes-fund-${keeper.id}` });

    const onBehalf = await kc.post('/api/v1/redemptions', { productId: p.body.product.id, quantity: 1, onBehalfOf: keeper.id });
    expect(onBehalf.status).toBe(403);
    expect(onBehalf.body.error.code).toBe('SELF_BENEFIT');
    expect(await t.app.ctx.db.select().from(marketRedemptions).where(eq(marketRedemptions.userId, keeper.id))).toHaveLength(0);
    expect((await balances(t.app.ctx.db, keeper.id)).points).toBe(200);

    const mine = await kc.post('/api/v1/redemptions', { productId: p.body.product.id, quantity: 1 });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ onBehalf: false, userId: keeper.id });
    const pickup = await kc.post(`/api/v1/redemptions/${mine.body.id}/fulfil`, { pickupCode: mine.body.pickupCode });
    expect(pickup.status).toBe(403);
    expect(pickup.body.error.code).toBe('SELF_BENEFIT');
    const [row] = await t.app.ctx.db.select().from(marketRedemptions).where(eq(marketRedemptions.id, mine.body.id));
    expect(row!.status).toBe('reserved');
    expect((await balances(t.app.ctx.db, keeper.id)).points).toBe(150);
    const other = await (await t.client().login(district.phone)).post(`/api/v1/redemptions/${mine.body.id}/fulfil`, { pickupCode: mine.body.pickupCode });
    expect(other.status).toBe(200);
  });
});
