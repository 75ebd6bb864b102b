import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { notifications } from '../../db/schema/index';
import { transfer } from '../ledger/index';

/** Issue 18 point 1: every step of an elder's request, and every credit to him, reaches his inbox. */
let t: TestApp;
let staff: TestClient;
let admin: MadeUser;
let leader: MadeUser;
let teamId: string;
let lead: TestClient;
const HOME = { lat: 35.4985, lng: 112.86 };

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set('2026-11-24T09:00:00+08:00');
  admin = await makeUser(t, { name: '社区李', regionCode: '140502001001', grants: [{ role: 'region_admin', regionCode: '140502001001' }] });
  const district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  staff = await t.client().login(admin.phone);
  leader = await makeUser(t, { name: '队长' });
  teamId = (await makeOrg(t, leader, { name: '凤台助老服务队', approvedBy: district })).id;
  lead = await t.client().login(leader.phone);
});
afterAll(async () => t.close());

async function inbox(userId: string) {
  return t.app.ctx.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.createdAt), asc(notifications.id));
}

describe('the elder hears back', () => {
  it('dispatched, accepted, arrived, done: one notification per step, in the step’s transaction, none for his own steps', async () => {
    const elder = await makeUser(t, { name: '孙木林', birthDate: '1948-02-02' });
    const ec = await t.client().login(elder.phone);
    const order = await ec.post('/api/v1/service-requests', { category: 'elderly', description: '帮忙换灯泡', regionCode: '140502001001', address: '凤台社区3号楼2单元', ...HOME });
    expect(order.status).toBe(201);
    const id = order.body.id as string;
    expect(await inbox(elder.id)).toHaveLength(0); // his own step
    expect((await staff.post(`/api/v1/service-requests/${id}/dispatch`, { orgId: teamId, dueAt: '2026-11-26T18:00:00+08:00' })).status).toBe(200);
    expect((await lead.post(`/api/v1/service-requests/${id}/accept`, {})).status).toBe(200);
    expect((await lead.post(`/api/v1/service-requests/${id}/checkin`, HOME)).status).toBe(200);
    t.clock.set('2026-11-24T10:00:00+08:00');
    expect((await lead.post(`/api/v1/service-requests/${id}/checkout`, HOME)).status).toBe(200);
    expect((await ec.post(`/api/v1/service-requests/${id}/rate`, { happened: true, stars: 5 })).status).toBe(200);

    const got = await inbox(elder.id);
    expect(got.map((n) => n.title)).toEqual(['您的求助已派单', '志愿者已接单，正准备上门', '志愿者已到达，服务开始', '服务已完成，请确认']);
    expect(got.every((n) => n.kind === 'request_progress' && n.objectType === 'service_request' && n.objectId === id)).toBe(true);
    // the team's name and the time in China, in words
    expect(got[0]!.body).toBe('已派给凤台助老服务队，计划在2026年11月26日 18:00前上门。');
    expect(got[1]!.body).toContain('2026年11月26日 18:00');
    expect(got.map((n) => n.body).join('')).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('declined, then cancelled by staff: he is told both', async () => {
    const elder = await makeUser(t, { name: '王阿姨', birthDate: '1945-05-05' });
    const o = await staff.post('/api/v1/service-requests', { residentId: elder.id, category: 'elderly', description: '陪同就医', regionCode: '140502001001', address: '秀水小区' });
    expect(o.status).toBe(201);
    await staff.post(`/api/v1/service-requests/${o.body.id}/dispatch`, { orgId: teamId, dueAt: '2026-11-26T18:00:00+08:00' });
    expect((await lead.post(`/api/v1/service-requests/${o.body.id}/decline`, { reason: '人手不足' })).status).toBe(200);
    expect((await staff.post(`/api/v1/service-requests/${o.body.id}/cancel`, { reason: '家属已陪同' })).status).toBe(200);
    const titles = (await inbox(elder.id)).map((n) => n.title);
    expect(titles).toEqual(['已为您登记求助', '您的求助已派单', '您的求助正在重新安排', '您的求助已取消']);
  });

  it('a family transfer to him is a notification that names the giver and says 分钟 or 积分; a repeat is not told twice', async () => {
    const elder = await makeUser(t, { name: '孙木林', birthDate: '1948-02-02' });
    const son = await makeUser(t, { name: '孙建国', birthDate: '1975-03-03' });
    const sc = await t.client().login(son.phone);
    await transfer(t.app.ctx, null, { ledger: 'time', from: { system: 'issuance', regionCode: '140500' }, to: { userId: son.id }, amount: 200, code: 'adjustment', actorId: null, idempotencyKey: `fund-${son.id}` });
    const link = await sc.post('/api/v1/relatives', { relativeUserId: elder.id, relation: 'parent' });
    expect(link.status).toBe(201);
    expect((await staff.post(`/api/v1/relatives/${link.body.id}/verify`)).status).toBe(200);
    const body = { toUserId: elder.id, ledger: 'time', amount: 90, memo: '给爸爸', idempotencyKey: 'fam-0001' };
    const first = await sc.post('/api/v1/transfers', body);
    expect(first.status).toBe(201);
    expect((await sc.post('/api/v1/transfers', body)).status).toBe(201);
    const got = (await inbox(elder.id)).filter((n) => n.kind === 'family_transfer_received');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ title: '亲属转赠：1小时30分钟服务时间', objectId: first.body.id });
    expect(got[0]!.body).toContain('孙建国');
  });
});
