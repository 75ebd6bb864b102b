import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeOrg, makeStation, makeUser, type MadeUser } from '../../../test/factories';
import { auditLog, grants } from '../../db/schema/index';

let t: TestApp;
let city: MadeUser;
let district: MadeUser;
beforeAll(async () => {
  t = await buildTestApp();
  city = await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
});
afterAll(async () => t.close());

const activeGrants = (userId: string) => t.app.ctx.db.select().from(grants).where(and(eq(grants.userId, userId), isNull(grants.revokedAt)));

describe('granting roles inside one’s own scope', () => {
  it('a district admin grants a community admin inside the district, audited with before and after', async () => {
    const person = await makeUser(t);
    const c = await t.client().login(district.phone);
    const r = await c.post('/api/v1/grants', { userId: person.id, role: 'region_admin', regionCode: '140502001001' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ role: 'region_admin', regionCode: '140502001001', userId: person.id });
    expect(await activeGrants(person.id)).toHaveLength(1);
    const [entry] = await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.objectId, r.body.id), eq(auditLog.action, 'grant.create')));
    expect(entry).toBeDefined();
    expect(entry!.actorId).toBe(district.id);
    expect(entry!.regionCode).toBe('140502001001');
    expect(entry!.before).toBeNull();
    expect((entry!.after as { role: string }).role).toBe('region_admin');
    // the new admin sees it in /me
    const me = await (await t.client().login(person.phone)).get('/api/v1/me');
    expect(me.body.grants).toEqual([expect.objectContaining({ role: 'region_admin', regionCode: '140502001001', regionName: '凤台社区' })]);
  });

  it('a district admin cannot grant outside the district (FORBIDDEN), and nothing is written', async () => {
    const person = await makeUser(t);
    const c = await t.client().login(district.phone);
    for (const body of [
      { userId: person.id, role: 'region_admin', regionCode: '140522' },
      { userId: person.id, role: 'region_admin', regionCode: '140500' },
      { userId: person.id, role: 'partner', regionCode: '140521' },
    ]) {
      const r = await c.post('/api/v1/grants', body);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    expect(await activeGrants(person.id)).toHaveLength(0);
  });

  it('a volunteer cannot grant anything', async () => {
    const person = await makeUser(t);
    const c = await t.client().login(person.phone);
    const r = await c.post('/api/v1/grants', { userId: person.id, role: 'region_admin', regionCode: '140502001001' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
  });

  it('an org admin grants org_admin for their own organisation only', async () => {
    const founder = await makeUser(t);
    const org = await makeOrg(t, founder, { approvedBy: district });
    const otherFounder = await makeUser(t);
    const other = await makeOrg(t, otherFounder, { approvedBy: district });
    const helper = await makeUser(t);
    const c = await t.client().login(founder.phone);
    expect((await c.post('/api/v1/grants', { userId: helper.id, role: 'org_admin', orgId: org.id })).status).toBe(201);
    const r = await c.post('/api/v1/grants', { userId: helper.id, role: 'org_admin', orgId: other.id });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    const up = await c.post('/api/v1/grants', { userId: helper.id, role: 'region_admin', regionCode: '140502001001' });
    expect(up.status).toBe(403);
  });

  it('a station admin is granted by the region admin holding the station', async () => {
    const station = await makeStation(t, city);
    const person = await makeUser(t);
    const outsider = await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
    const refused = await (await t.client().login(outsider.phone)).post('/api/v1/grants', { userId: person.id, role: 'station_admin', stationId: station.id });
    expect(refused.status).toBe(403);
    const ok = await (await t.client().login(district.phone)).post('/api/v1/grants', { userId: person.id, role: 'station_admin', stationId: station.id });
    expect(ok.status).toBe(201);
    expect(ok.body.regionCode).toBe(station.regionCode);
  });

  it('a duplicate grant is CONFLICT; revoking follows the same scope rule and is audited', async () => {
    const person = await makeUser(t);
    const c = await t.client().login(city.phone);
    const g = await c.post('/api/v1/grants', { userId: person.id, role: 'partner', regionCode: '140502' });
    expect(g.status).toBe(201);
    const dup = await c.post('/api/v1/grants', { userId: person.id, role: 'partner', regionCode: '140502' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('CONFLICT');
    const yangcheng = await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
    const refused = await (await t.client().login(yangcheng.phone)).delete(`/api/v1/grants/${g.body.id}`);
    expect(refused.status).toBe(403);
    expect((await c.delete(`/api/v1/grants/${g.body.id}`)).status).toBe(204);
    expect(await activeGrants(person.id)).toHaveLength(0);
    const again = await c.delete(`/api/v1/grants/${g.body.id}`);
    expect(again.status).toBe(404);
    const entries = await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.objectId, g.body.id), eq(auditLog.action, 'grant.revoke')));
    expect(entries).toHaveLength(1);
  });

  it('missing scope fields name the field', async () => {
    const person = await makeUser(t);
    const r = await (await t.client().login(city.phone)).post('/api/v1/grants', { userId: person.id, role: 'org_admin' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.details.fields.orgId).toBeTruthy();
  });

  it('lists the grants inside my scope only, phone numbers masked for people outside my region scope', async () => {
    const c = await t.client().login(district.phone);
    const r = await c.get('/api/v1/grants?pageSize=100');
    expect(r.status).toBe(200);
    expect(r.body.total).toBeGreaterThan(0);
    for (const g of r.body.items) expect(g.regionCode.startsWith('140502')).toBe(true);
    expect(r.body.items.some((g: { userId: string }) => g.userId === city.id)).toBe(false);
  });
});
