import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeUser, type MadeUser } from '../../../test/factories';
import { auditLog, councilDecisions, councilSupports, councilTopics, notifications, serviceRequests } from '../../db/schema/index';
import { notifyOverdueFollowUps } from './index';

let t: TestApp;
let staff: TestClient;
let staffUser: MadeUser;
let outsiderStaff: TestClient;
let resident: TestClient;
let residentUser: MadeUser;
let neighbour: TestClient;
let neighbour2: TestClient;
let elsewhere: TestClient;
let elder: MadeUser;
const COMMUNITY = '140502001001';

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set('2026-11-24T09:00:00+08:00');
  staffUser = await makeUser(t, { name: '社区书记', regionCode: COMMUNITY, grants: [{ role: 'region_admin', regionCode: COMMUNITY }] });
  staff = await t.client().login(staffUser.phone);
  outsiderStaff = await t.client().login((await makeUser(t, { name: '县管理员', regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] })).phone);
  residentUser = await makeUser(t, { name: '高成', regionCode: COMMUNITY });
  resident = await t.client().login(residentUser.phone);
  neighbour = await t.client().login((await makeUser(t, { name: '刘治国', regionCode: COMMUNITY })).phone);
  neighbour2 = await t.client().login((await makeUser(t, { name: '王阿姨', regionCode: COMMUNITY })).phone);
  elsewhere = await t.client().login((await makeUser(t, { name: '外区居民', regionCode: '140502002001' })).phone);
  elder = await makeUser(t, { name: '孙木林', regionCode: COMMUNITY, birthDate: '1948-02-02' });
});
afterAll(async () => t.close());

const topic = async (c: TestClient, title = '3号楼地下室又开始漏水了', o: Record<string, unknown> = {}) => {
  const r = await c.post('/api/v1/council-topics', { regionCode: COMMUNITY, title, description: '每逢下雨就漏水，储物间的东西都泡了', ...o });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
};

describe('小板凳议事会', () => {
  it('a resident raises a topic for their own community only; neighbours support it once each; the raiser is masked to them', async () => {
    const x = await topic(resident);
    expect(x).toMatchObject({ status: 'open', supportCount: 0, isMine: true, raisedByName: '高成' });
    const out = await elsewhere.post('/api/v1/council-topics', { regionCode: COMMUNITY, title: '我不住这里', description: '但我想提一个议题' });
    expect(out.status).toBe(403);
    const s1 = await neighbour.post(`/api/v1/council-topics/${x.id}/support`);
    expect(s1.status).toBe(200);
    expect(s1.body).toMatchObject({ supportCount: 1, supportedByMe: true, raisedByName: '高*' });
    const again = await neighbour.post(`/api/v1/council-topics/${x.id}/support`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect((await resident.post(`/api/v1/council-topics/${x.id}/support`)).status).toBe(409);
    // two supports at once from the same account count once
    const [a, b] = await Promise.all([neighbour2.post(`/api/v1/council-topics/${x.id}/support`), neighbour2.post(`/api/v1/council-topics/${x.id}/support`)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [row] = await t.app.ctx.db.select().from(councilTopics).where(eq(councilTopics.id, x.id));
    expect(row!.supportCount).toBe(2);
    expect(await t.app.ctx.db.select().from(councilSupports).where(eq(councilSupports.topicId, x.id))).toHaveLength(2);
    // a resident of another community neither sees nor supports it
    expect((await elsewhere.get(`/api/v1/council-topics/${x.id}`)).status).toBe(404);
    expect((await elsewhere.post(`/api/v1/council-topics/${x.id}/support`)).status).toBe(404);
    expect((await elsewhere.get(`/api/v1/council-topics?regionCode=${COMMUNITY}`)).status).toBe(403);
  });

  it('staff schedule a meeting, record minutes with decisions; the resident follows the topic to its end; a late follow-up is flagged overdue', async () => {
    const leak = await topic(resident, '地下室漏水');
    const dance = await topic(neighbour, '广场舞声音太大');
    const quiet = await topic(neighbour2, '想要一个读书角');
    expect((await resident.post('/api/v1/council-meetings', { regionCode: COMMUNITY, title: '议事会', place: '党员阵地', startsAt: '2026-11-28T19:00:00+08:00', topicIds: [leak.id] })).status).toBe(403);
    expect((await outsiderStaff.post('/api/v1/council-meetings', { regionCode: COMMUNITY, title: '议事会', place: '党员阵地', startsAt: '2026-11-28T19:00:00+08:00', topicIds: [leak.id] })).status).toBe(403);
    const m = await staff.post('/api/v1/council-meetings', { regionCode: COMMUNITY, title: '小板凳议事会（第一期）', place: '小区党员阵地', startsAt: '2026-11-28T19:00:00+08:00', topicIds: [leak.id, dance.id, quiet.id] });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    expect(m.body.topics.map((x: { status: string }) => x.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    const seen = await resident.get(`/api/v1/council-topics/${leak.id}`);
    expect(seen.body.status).toBe('scheduled');
    expect(seen.body.meetings[0]).toMatchObject({ title: '小板凳议事会（第一期）', status: 'scheduled' });

    t.clock.set('2026-11-28T21:00:00+08:00');
    const off = await staff.post(`/api/v1/council-meetings/${m.body.id}/minutes`, { minutes: '会议纪要：讨论了三个议题。', attendees: 18, decisions: [{ topicId: (await topic(resident, '不在议程上的')).id, decision: 'x', ownerName: 'y', dueDate: '2026-12-05' }] });
    expect(off.status).toBe(400);
    const min = await staff.post(`/api/v1/council-meetings/${m.body.id}/minutes`, {
      minutes: '社区书记主持，居民代表、物业参加。',
      attendees: 18,
      decisions: [
        { topicId: leak.id, decision: '物业联系施工方维修地下室防水层', ownerName: '物业王经理', dueDate: '2026-12-05' },
        { topicId: dance.id, decision: '广场舞每晚九点前结束', ownerName: '刘队长', dueDate: '2026-12-31' },
      ],
      closed: [{ topicId: quiet.id, note: '已有社区书屋，开放时间延长即可' }],
    });
    expect(min.status, JSON.stringify(min.body)).toBe(200);
    expect(min.body).toMatchObject({ status: 'held', attendees: 18 });
    expect((await staff.post(`/api/v1/council-meetings/${m.body.id}/minutes`, { minutes: '再记一次纪要内容，看看会不会被拒绝', attendees: 1 })).body.error.code).toBe('INVALID_STATE');
    const closed = await neighbour2.get(`/api/v1/council-topics/${quiet.id}`);
    expect(closed.body).toMatchObject({ status: 'closed', closedNote: '已有社区书屋，开放时间延长即可' });

    // past the day: the leak's follow-up is overdue, flagged on the topic and listed for the staff
    t.clock.set('2026-12-06T09:00:00+08:00');
    const late = await resident.get(`/api/v1/council-topics/${leak.id}`);
    expect(late.body).toMatchObject({ status: 'decided', overdue: true });
    expect(late.body.decisions[0]).toMatchObject({ ownerName: '物业王经理', dueDate: '2026-12-05', overdue: true });
    const list = await staff.get('/api/v1/council-decisions/overdue');
    expect(list.status).toBe(200);
    expect(list.body.items.map((d: { topicId: string }) => d.topicId)).toEqual([leak.id]);
    expect((await resident.get('/api/v1/council-decisions/overdue')).status).toBe(403);
    expect((await outsiderStaff.get(`/api/v1/council-decisions/overdue?regionCode=${COMMUNITY}`)).status).toBe(403);
    // the sweep tells the resident who raised it and the community's staff once (the owner has no account here)
    const toldOf = async () => t.app.ctx.db.select({ userId: notifications.userId, title: notifications.title }).from(notifications).where(and(eq(notifications.objectId, leak.id), eq(notifications.kind, 'council_followup_overdue')));
    expect(await notifyOverdueFollowUps(t.app.ctx)).toBeGreaterThanOrEqual(1);
    const told = await toldOf();
    expect(told.map((n) => n.userId).sort()).toEqual([residentUser.id, staffUser.id].sort());
    expect(told[0]!.title).toContain('地下室漏水');
    await notifyOverdueFollowUps(t.app.ctx);
    expect(await toldOf()).toHaveLength(2);
    const [marked] = await t.app.ctx.db.select({ at: councilDecisions.overdueNotifiedAt }).from(councilDecisions).where(eq(councilDecisions.topicId, leak.id));
    expect(marked!.at).not.toBeNull();

    // done: the topic reaches its end, the overdue list empties
    const done = await staff.post(`/api/v1/council-decisions/${late.body.decisions[0].id}/done`, { note: '防水层已重做，雨后复查无渗漏' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', overdue: false });
    expect((await staff.get('/api/v1/council-decisions/overdue')).body.items).toEqual([]);
    expect((await staff.post(`/api/v1/council-decisions/${late.body.decisions[0].id}/done`, { note: '再办一次' })).body.error.code).toBe('INVALID_STATE');
    expect((await resident.get(`/api/v1/council-topics/${leak.id}`)).body.status).toBe('done');
    t.clock.set('2026-11-24T09:00:00+08:00');
  });

  it('a topic becomes a residents’ request in one step, ordered on behalf of the resident who raised it, once', async () => {
    const x = await topic(resident, '楼道灯坏了没人修');
    expect((await resident.post(`/api/v1/council-topics/${x.id}/request`, { address: '东街3号楼' })).status).toBe(403);
    const r = await staff.post(`/api/v1/council-topics/${x.id}/request`, { address: '东街3号楼2单元' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.requestId).toBeTruthy();
    const [req] = await t.app.ctx.db.select().from(serviceRequests).where(eq(serviceRequests.id, r.body.requestId));
    expect(req).toMatchObject({ residentId: residentUser.id, category: 'community_governance', status: 'ordered', regionCode: COMMUNITY });
    expect(req!.description).toContain('楼道灯坏了没人修');
    const again = await staff.post(`/api/v1/council-topics/${x.id}/request`, { address: '东街3号楼2单元' });
    expect(again.status).toBe(409);
    expect(await t.app.ctx.db.select().from(serviceRequests).where(eq(serviceRequests.residentId, residentUser.id))).toHaveLength(1);
    // the resident sees their request among their own
    const mine = await resident.get('/api/v1/service-requests?scope=mine');
    expect(JSON.stringify(mine.body)).toContain(r.body.requestId);
    const audit = await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, x.id));
    expect(audit.map((a) => a.action)).toContain('council.topic.to_request');
  });

  it('staff type in a topic for an elder without a smartphone (on behalf, audited)', async () => {
    const r = await staff.post('/api/v1/council-topics', { regionCode: COMMUNITY, title: '单元门禁坏了', description: '老人进出不方便', residentId: elder.id });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ onBehalf: true, raisedByName: '孙木林' });
    expect((await resident.post('/api/v1/council-topics', { regionCode: COMMUNITY, title: '替别人提', description: '冒名提出议题', residentId: elder.id })).status).toBe(403);
    const audit = await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, r.body.id));
    expect(audit[0]).toMatchObject({ action: 'council.topic.raise_on_behalf', onBehalfOf: elder.id });
  });
});
