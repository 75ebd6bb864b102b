import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { auditLog, orgMemberships, organizations } from '../../db/schema/index';

let t: TestApp;
let district: MadeUser;
let founder: MadeUser;
let orgId: string;
beforeAll(async () => {
  t = await buildTestApp();
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  founder = await makeUser(t);
  orgId = (await makeOrg(t, founder, { approvedBy: district })).id;
});
afterAll(async () => t.close());

const memberships = (userId: string) => t.app.ctx.db.select().from(orgMemberships).where(and(eq(orgMemberships.orgId, orgId), eq(orgMemberships.userId, userId)));

describe('members', () => {
  it('a volunteer asks to join; the org admin approves; a second request is a conflict; the member leaves', async () => {
    const v = await makeUser(t);
    const vc = await t.client().login(v.phone);
    const req = await vc.post(`/api/v1/orgs/${orgId}/join`, { message: '我想参加助老服务' });
    expect(req.status).toBe(201);
    expect(req.body.member.status).toBe('requested');
    const dup = await vc.post(`/api/v1/orgs/${orgId}/join`, {});
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('CONFLICT');
    // another volunteer cannot decide it
    const other = await t.client().login((await makeUser(t)).phone);
    expect((await other.post(`/api/v1/memberships/${req.body.member.id}/decide`, { decision: 'approve' })).status).toBe(403);
    const admin = await t.client().login(founder.phone);
    const ok = await admin.post(`/api/v1/memberships/${req.body.member.id}/decide`, { decision: 'approve' });
    expect(ok.status).toBe(200);
    expect(ok.body.member.status).toBe('active');
    const twice = await admin.post(`/api/v1/memberships/${req.body.member.id}/decide`, { decision: 'reject' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('INVALID_STATE');
    const list = await admin.get(`/api/v1/orgs/${orgId}/members?status=active`);
    expect(list.body.items.map((m: { userId: string }) => m.userId)).toContain(v.id);
    expect(list.body.items[0].idNumberMasked).toMatch(/\*{8}/);
    const mine = await vc.get('/api/v1/me/memberships');
    expect(mine.body.items[0]).toMatchObject({ orgId, status: 'active' });
    expect((await vc.post(`/api/v1/memberships/${req.body.member.id}/leave`, {})).body.member.status).toBe('left');
    expect((await memberships(v.id)).map((m) => m.status)).toEqual(['left']);
    // and may ask again later
    expect((await vc.post(`/api/v1/orgs/${orgId}/join`, {})).status).toBe(201);
  });

  it('invitation: accepted by the invitee only', async () => {
    const v = await makeUser(t);
    const admin = await t.client().login(founder.phone);
    const inv = await admin.post(`/api/v1/orgs/${orgId}/invitations`, { userId: v.id, role: 'admin' });
    expect(inv.status).toBe(201);
    expect(inv.body.member.status).toBe('invited');
    expect((await admin.post(`/api/v1/memberships/${inv.body.member.id}/respond`, { accept: true })).status).toBe(404);
    const r = await (await t.client().login(v.phone)).post(`/api/v1/memberships/${inv.body.member.id}/respond`, { accept: true });
    expect(r.status).toBe(200);
    expect(r.body.member).toMatchObject({ status: 'active', role: 'admin' });
  });

  it('direct add by the org admin is audited; removal too; role changes', async () => {
    const v = await makeUser(t);
    const admin = await t.client().login(founder.phone);
    const add = await admin.post(`/api/v1/orgs/${orgId}/members`, { userId: v.id });
    expect(add.status).toBe(201);
    expect(add.body.member.status).toBe('active');
    const role = await admin.patch(`/api/v1/memberships/${add.body.member.id}`, { role: 'leader' });
    expect(role.body.member.role).toBe('leader');
    const rm = await admin.post(`/api/v1/memberships/${add.body.member.id}/leave`, { reason: '长期未参加' });
    expect(rm.body.member.status).toBe('removed');
    const actions = (await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, add.body.member.id))).map((e) => e.action).sort();
    expect(actions).toEqual(['org.member.add', 'org.member.remove', 'org.member.role']);
  });

  it('nobody joins an organisation that is not active', async () => {
    const f = await makeUser(t);
    const pending = await makeOrg(t, f);
    const r = await (await t.client().login((await makeUser(t)).phone)).post(`/api/v1/orgs/${pending.id}/join`, {});
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('INVALID_STATE');
  });
});

describe('organisation lifecycle', () => {
  it('changes requested → edited by its admin → back in the queue → approved → suspended → reinstated → dissolved', async () => {
    const f = await makeUser(t);
    const fc = await t.client().login(f.phone);
    const org = (await fc.post('/api/v1/orgs', { name: '五龙河西社区便民服务队', type: 'community_team', regionCode: '140502002001', supervisingUnit: '西街街道办事处', contactName: '张三', contactPhone: '0356-2021234' })).body;
    const admin = await t.client().login(district.phone);
    expect((await admin.post(`/api/v1/orgs/${org.id}/review`, { decision: 'request_changes', reason: '请补充业务主管单位证明' })).body).toMatchObject({ status: 'changes_requested', statusReason: '请补充业务主管单位证明' });
    const edited = await fc.patch(`/api/v1/orgs/${org.id}`, { description: '已补充证明材料' });
    expect(edited.body.status).toBe('pending');
    expect((await admin.post(`/api/v1/orgs/${org.id}/review`, { decision: 'approve' })).body.status).toBe('active');
    expect((await fc.post(`/api/v1/orgs/${org.id}/state`, { action: 'suspend', reason: '违规' })).status).toBe(403);
    expect((await admin.post(`/api/v1/orgs/${org.id}/state`, { action: 'suspend', reason: '年检未通过' })).body.status).toBe('suspended');
    expect((await admin.post(`/api/v1/orgs/${org.id}/state`, { action: 'suspend', reason: '重复' })).status).toBe(409);
    expect((await admin.post(`/api/v1/orgs/${org.id}/state`, { action: 'reinstate', reason: '已整改' })).body.status).toBe('active');
    expect((await admin.post(`/api/v1/orgs/${org.id}/state`, { action: 'dissolve', reason: '自行解散' })).body.status).toBe('dissolved');
    const [row] = await t.app.ctx.db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(row!.status).toBe('dissolved');
    const actions = (await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, org.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['org.review.request_changes', 'org.resubmit', 'org.review.approve', 'org.suspend', 'org.reinstate', 'org.dissolve']));
  });
});
