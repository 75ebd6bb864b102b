import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { auditLog, serviceRecords, serviceRequests } from '../../db/schema/index';
import { balances, transfer } from '../ledger/index';
import { dbError } from '../../../test/expect-db';

let t: TestApp;
let community: MadeUser;
let staff: TestClient;
let leader: MadeUser;
let teamId: string;
let lead: TestClient;
const HOME = { lat: 35.4985, lng: 112.86 };

beforeAll(async () => {
  t = await buildTestApp();
  community = await makeUser(t, { regionCode: '140502001001', grants: [{ role: 'region_admin', regionCode: '140502001001' }] });
  const district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  staff = await t.client().login(community.phone);
  leader = await makeUser(t, { name: '队长' });
  teamId = (await makeOrg(t, leader, { approvedBy: district })).id;
  await (await t.client().login(leader.phone)).patch(`/api/v1/orgs/${teamId}`, { serviceCategories: ['elderly'] });
  lead = await t.client().login(leader.phone);
});
afterAll(async () => t.close());

async function fundTime(userId: string, minutes: number) {
  await transfer(t.app.ctx, null, { ledger: 'time', from: { system: 'issuance', regionCode: '140500' }, to: { userId }, amount: minutes, code: 'adjustment', actorId: null, idempotencyKey: `fund-${userId}-${minutes}` });
}

describe('the four-order method', () => {
  it('点单 → 派单 (with suggestions) → 接单 → check-in/out → 评单: helpers credited, the reserved time paid; history kept', async () => {
    const resident = await makeUser(t, { name: '孙木林', birthDate: '1948-02-02' });
    await fundTime(resident.id, 120);
    const rc = await t.client().login(resident.phone);
    const order = await rc.post('/api/v1/service-requests', { category: 'elderly', description: '帮忙打扫卫生', regionCode: '140502001001', address: '凤台社区3号楼2单元', ...HOME, payMinutes: 60 });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ status: 'ordered', payMinutes: 60, overdue: null });
    expect(await balances(t.app.ctx.db, resident.id)).toEqual({ points: 0, time: 60 });
    const queue = await staff.get('/api/v1/service-requests?scope=queue');
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(order.body.id);
    const sug = await staff.get(`/api/v1/service-requests/${order.body.id}/suggestions`);
    expect(sug.body.items[0]).toMatchObject({ orgId: teamId, matchesCategory: true });
    expect(sug.body.items[0].why).toContain('助老');
    const d = await staff.post(`/api/v1/service-requests/${order.body.id}/dispatch`, { orgId: teamId, dueAt: '2026-11-26T18:00:00+08:00' });
    expect(d.body.status).toBe('dispatched');
    const member = await makeUser(t, { name: '队员' });
    await lead.post(`/api/v1/orgs/${teamId}/members`, { userId: member.id });
    const acc = await lead.post(`/api/v1/service-requests/${order.body.id}/accept`, { helperIds: [member.id] });
    expect(acc.body).toMatchObject({ status: 'accepted', helperIds: [member.id] });
    const mc = await t.client().login(member.phone);
    expect((await mc.get('/api/v1/service-requests?scope=assigned')).body.items.map((r: { id: string }) => r.id)).toContain(order.body.id);
    const far = await mc.post(`/api/v1/service-requests/${order.body.id}/checkin`, { lat: 35.51, lng: 112.86 });
    expect(far.status).toBe(422);
    expect(far.body.error.code).toBe('OUTSIDE_GEOFENCE');
    t.clock.set('2026-11-25T09:00:00+08:00');
    expect((await mc.post(`/api/v1/service-requests/${order.body.id}/checkin`, HOME)).body.status).toBe('serving');
    t.clock.set('2026-11-25T10:20:00+08:00');
    expect((await mc.post(`/api/v1/service-requests/${order.body.id}/checkout`, HOME)).body.status).toBe('served');
    const noStars = await rc.post(`/api/v1/service-requests/${order.body.id}/rate`, { happened: true });
    expect(noStars.body.error.details.fields.stars).toBeDefined();
    const rated = await rc.post(`/api/v1/service-requests/${order.body.id}/rate`, { happened: true, stars: 5, comment: '非常感谢' });
    expect(rated.body).toMatchObject({ status: 'rated', stars: 5 });
    expect(await balances(t.app.ctx.db, member.id)).toEqual({ points: 15, time: 80 }); // 80 min served → 80 in time, rounded to 90 → 15 points
    const [record] = await t.app.ctx.db.select().from(serviceRecords).where(eq(serviceRecords.requestId, order.body.id));
    expect(record).toMatchObject({ volunteerId: member.id, kind: 'request', minutes: 80, creditedMinutes: 80, points: 15, orgId: teamId, place: '凤台社区3号楼2单元', serviceDate: '2026-11-25' });
    const mine = await mc.get('/api/v1/me/service-records');
    expect(mine.body.items[0]).toMatchObject({ kind: 'request', requestId: order.body.id, activityTitle: '上门服务：助老' });
    expect(await balances(t.app.ctx.db, resident.id)).toEqual({ points: 0, time: 60 });
    const again = await rc.post(`/api/v1/service-requests/${order.body.id}/rate`, { happened: true, stars: 1 });
    expect(again.status).toBe(409);
    const detail = await rc.get(`/api/v1/service-requests/${order.body.id}`);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['order', 'dispatch', 'accept', 'checkin', 'checkout', 'rate']);
    expect(await dbError(t.app.ctx.db.execute(sql`delete from service_request_events`))).toMatch(/append-only/);
    t.clock.set('2026-11-24T09:00:00+08:00');
  });

  it('staff enter an order for an elder without a phone (audited) and rate it for them; declining sends it back; cancelling returns the reserved time', async () => {
    const elder = await makeUser(t, { name: '王阿姨', birthDate: '1945-05-05' });
    await fundTime(elder.id, 30);
    const o = await staff.post('/api/v1/service-requests', { residentId: elder.id, category: 'elderly', description: '养老认证上门服务', regionCode: '140502001001', address: '秀水小区', payMinutes: 30 });
    expect(o.status).toBe(201);
    expect(o.body.onBehalf).toBe(true);
    expect((await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, o.body.id))).map((e) => e.action)).toEqual(['request.order_on_behalf']);
    const stranger = await makeUser(t);
    const refused = await (await t.client().login(stranger.phone)).post('/api/v1/service-requests', { residentId: elder.id, category: 'elderly', description: '冒充', regionCode: '140502001001', address: 'x地址' });
    expect(refused.status).toBe(403);
    await staff.post(`/api/v1/service-requests/${o.body.id}/dispatch`, { orgId: teamId, dueAt: '2026-11-26T18:00:00+08:00' });
    const dec = await lead.post(`/api/v1/service-requests/${o.body.id}/decline`, { reason: '本周人手不足' });
    expect(dec.body.status).toBe('ordered');
    const declined = await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, o.body.id));
    expect(declined.map((e) => e.action)).toEqual(expect.arrayContaining(['request.order_on_behalf', 'request.dispatch', 'request.decline']));
    expect(await balances(t.app.ctx.db, elder.id)).toEqual({ points: 0, time: 0 });
    const c = await staff.post(`/api/v1/service-requests/${o.body.id}/cancel`, { reason: '家属已帮忙办理' });
    expect(c.body.status).toBe('cancelled');
    expect(await balances(t.app.ctx.db, elder.id)).toEqual({ points: 0, time: 30 });
  });

  it('staff pay from the city’s public pool of donated time for an elder in need; residents cannot; the pool never goes below zero', async () => {
    const donor = await makeUser(t);
    await fundTime(donor.id, 100);
    const dc = await t.client().login(donor.phone);
    expect((await dc.post('/api/v1/donations', { ledger: 'time', amount: 60, idempotencyKey: 'pool-gift-1' })).status).toBe(201);
    const elder = await makeUser(t, { birthDate: '1940-01-01' });
    const body = { residentId: elder.id, category: 'elderly', description: '助浴服务', regionCode: '140502001001', address: '凤台社区5号楼', payMinutes: 60, payFrom: 'public_pool' };
    const paid = await staff.post('/api/v1/service-requests', body);
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ payFrom: 'public_pool', payMinutes: 60 });
    expect(await balances(t.app.ctx.db, elder.id)).toEqual({ points: 0, time: 0 });
    const empty = await staff.post('/api/v1/service-requests', body);
    expect(empty.status).toBe(409);
    expect(empty.body.error.code).toBe('INSUFFICIENT_BALANCE');
    const self = await (await t.client().login(elder.phone)).post('/api/v1/service-requests', { ...body, residentId: undefined });
    expect(self.status).toBe(403);
    await staff.post(`/api/v1/service-requests/${paid.body.id}/cancel`, { reason: '改期' });
    expect((await staff.post('/api/v1/service-requests', body)).status).toBe(201);
  });

  it('a volunteer dispatched in person gets a record the community answers for: disputed, corrected by a new record', async () => {
    const resident = await makeUser(t, { birthDate: '1944-04-04' });
    const helper = await makeUser(t, { name: '个人志愿者' });
    const o = await staff.post('/api/v1/service-requests', { residentId: resident.id, category: 'elderly', description: '陪同散步', regionCode: '140502001001', address: '凤台社区', ...HOME });
    await staff.post(`/api/v1/service-requests/${o.body.id}/dispatch`, { userId: helper.id, dueAt: '2026-11-26T18:00:00+08:00' });
    const hc = await t.client().login(helper.phone);
    expect((await hc.post(`/api/v1/service-requests/${o.body.id}/accept`, {})).body.status).toBe('accepted');
    t.clock.set('2026-11-25T15:00:00+08:00');
    await hc.post(`/api/v1/service-requests/${o.body.id}/checkin`, HOME);
    t.clock.set('2026-11-25T15:40:00+08:00');
    await hc.post(`/api/v1/service-requests/${o.body.id}/checkout`, HOME);
    await staff.post(`/api/v1/service-requests/${o.body.id}/rate`, { happened: true, stars: 4 });
    t.clock.set('2026-11-24T09:00:00+08:00');
    const [record] = await t.app.ctx.db.select().from(serviceRecords).where(eq(serviceRecords.requestId, o.body.id));
    expect(record).toMatchObject({ orgId: null, minutes: 40, creditedMinutes: 40, points: 10, orgName: '凤台社区' });
    const d = await hc.post(`/api/v1/service-records/${record!.id}/disputes`, { reason: '实际陪同了70分钟' });
    expect(d.status).toBe(201);
    expect(d.body.orgId).toBeNull();
    const queue = await staff.get('/api/v1/disputes?scope=community&status=open');
    expect(queue.body.items.map((x: { id: string }) => x.id)).toContain(d.body.id);
    const outsider = await t.client().login((await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] })).phone);
    expect((await outsider.post(`/api/v1/disputes/${d.body.id}/answer`, { decision: 'correct', answer: '越权', minutes: 70 })).status).toBe(403);
    expect((await outsider.get('/api/v1/disputes?scope=community')).body.items.map((x: { id: string }) => x.id)).not.toContain(d.body.id);
    const ans = await staff.post(`/api/v1/disputes/${d.body.id}/answer`, { decision: 'correct', answer: '居民家属确认陪同70分钟', minutes: 70 });
    expect(ans.status).toBe(200);
    expect(ans.body.correction).toMatchObject({ kind: 'correction', requestId: o.body.id, minutes: 70, creditedMinutes: 70, points: 15, reversesId: record!.id });
    expect(await balances(t.app.ctx.db, helper.id)).toEqual({ points: 15, time: 70 });
  });

  it('paying more minutes than the balance is INSUFFICIENT_BALANCE and creates no order', async () => {
    const poor = await makeUser(t, { birthDate: '1950-01-01' });
    const pc = await t.client().login(poor.phone);
    const r = await pc.post('/api/v1/service-requests', { category: 'elderly', description: '需要帮忙', regionCode: '140502001001', address: '某地址', payMinutes: 10 });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(await t.app.ctx.db.select().from(serviceRequests).where(eq(serviceRequests.residentId, poor.id))).toHaveLength(0);
  });

  it('flags and lists orders past their dispatch deadline; only the region’s staff dispatch', async () => {
    const r = await staff.post('/api/v1/service-requests', { residentId: (await makeUser(t)).id, category: 'health', description: '量血压', regionCode: '140502001001', address: '凤台社区' });
    const other = await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
    expect((await (await t.client().login(other.phone)).post(`/api/v1/service-requests/${r.body.id}/dispatch`, { orgId: teamId, dueAt: '2026-11-26T18:00:00+08:00' })).status).toBe(403);
    t.clock.advanceMinutes(25 * 60);
    const overdue = await staff.get('/api/v1/service-requests?scope=queue&overdue=true');
    const found = overdue.body.items.find((x: { id: string }) => x.id === r.body.id);
    expect(found.overdue).toBe('dispatch');
    t.clock.set('2026-11-24T09:00:00+08:00');
  });

  it('two team admins accepting at once: exactly one wins (compare-and-set)', async () => {
    const r = await staff.post('/api/v1/service-requests', { residentId: (await makeUser(t)).id, category: 'elderly', description: '陪同就医', regionCode: '140502001001', address: '凤台社区' });
    await staff.post(`/api/v1/service-requests/${r.body.id}/dispatch`, { orgId: teamId, dueAt: '2026-11-26T18:00:00+08:00' });
    const second = await makeUser(t);
    await lead.post('/api/v1/grants', { userId: second.id, role: 'org_admin', orgId: teamId });
    const sc = await t.client().login(second.phone);
    const results = await Promise.all([lead.post(`/api/v1/service-requests/${r.body.id}/accept`, {}), sc.post(`/api/v1/service-requests/${r.body.id}/accept`, {})]);
    expect(results.map((x) => x.status).sort()).toEqual([200, 409]);
  });
});
