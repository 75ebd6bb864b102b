import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeUser, type MadeUser } from '../../../test/factories';
import { auditLog, grants, organizations } from '../../db/schema/index';

let t: TestApp;
let district: MadeUser;
let yangcheng: MadeUser;
beforeAll(async () => {
  t = await buildTestApp();
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  yangcheng = await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
});
afterAll(async () => t.close());

describe('organisations: create and review', () => {
  it('is created pending with its creator as org_admin; only the holding region admin reviews it', async () => {
    const founder = await makeUser(t);
    const c = await t.client().login(founder.phone);
    const r = await c.post('/api/v1/orgs', { name: '凤台社区助老服务队', type: 'community_team', regionCode: '140502001001' });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('pending');
    const g = await t.app.ctx.db.select().from(grants).where(and(eq(grants.userId, founder.id), eq(grants.orgId, r.body.id)));
    expect(g).toHaveLength(1);

    const refused = await (await t.client().login(yangcheng.phone)).post(`/api/v1/orgs/${r.body.id}/review`, { decision: 'approve' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const [still] = await t.app.ctx.db.select().from(organizations).where(eq(organizations.id, r.body.id));
    expect(still!.status).toBe('pending');

    const reviewer = await t.client().login(district.phone);
    const noReason = await reviewer.post(`/api/v1/orgs/${r.body.id}/review`, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.fields.reason).toBeTruthy();
    const ok = await reviewer.post(`/api/v1/orgs/${r.body.id}/review`, { decision: 'approve' });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('active');
    const twice = await reviewer.post(`/api/v1/orgs/${r.body.id}/review`, { decision: 'approve' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('INVALID_STATE');
    const entries = await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, r.body.id));
    expect(entries.map((e) => e.action)).toEqual(['org.review.approve']);
    expect((entries[0]!.before as { status: string }).status).toBe('pending');
    expect((entries[0]!.after as { status: string }).status).toBe('active');
  });

  it('the public sees active organisations only', async () => {
    const founder = await makeUser(t);
    const c = await t.client().login(founder.phone);
    const pending = await c.post('/api/v1/orgs', { name: '待审核队伍', type: 'grid_team', regionCode: '140502001001' });
    const list = await t.client().get('/api/v1/orgs?pageSize=100');
    expect(list.status).toBe(200);
    expect(list.body.items.every((o: { status: string }) => o.status === 'active')).toBe(true);
    expect(list.body.items.some((o: { id: string }) => o.id === pending.body.id)).toBe(false);
    const hidden = await t.client().get(`/api/v1/orgs/${pending.body.id}`);
    expect(hidden.status).toBe(404);
    const asAdmin = await (await t.client().login(district.phone)).get('/api/v1/orgs?status=pending&pageSize=100');
    expect(asAdmin.body.items.some((o: { id: string }) => o.id === pending.body.id)).toBe(true);
  });

  it('stations: region admins create them inside their scope; anyone lists them', async () => {
    const body = { name: '凤台社区志愿服务站', type: 'community_station', regionCode: '140502001001', address: '凤台社区', lat: 35.4985, lng: 112.86 };
    const refused = await (await t.client().login(yangcheng.phone)).post('/api/v1/stations', body);
    expect(refused.status).toBe(403);
    const ok = await (await t.client().login(district.phone)).post('/api/v1/stations', body);
    expect(ok.status).toBe(201);
    const list = await t.client().get('/api/v1/stations?regionCode=140502');
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(ok.body.id);
  });
});
