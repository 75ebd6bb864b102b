import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeStation, makeUser, nextPerson, type MadeUser } from '../../../test/factories';
import { users } from '../../db/schema/index';

/** Issue 10, point 17: people stay inside the regions that hold them. */
let t: TestApp;
let regionAdmin: MadeUser;
let stationId: string;
let cStation: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  regionAdmin = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  // a station of 凤台社区 (140502001001)
  stationId = (await makeStation(t, regionAdmin, { regionCode: '140502001001' })).id;
  cStation = await t.client().login((await makeUser(t, { grants: [{ role: 'station_admin', stationId }] })).phone);
});
afterAll(async () => t.close());

async function regionOf(userId: string) {
  const [u] = await t.app.ctx.db.select({ regionCode: users.regionCode }).from(users).where(eq(users.id, userId));
  return u!.regionCode;
}

describe('a volunteer moves themselves only within their district', () => {
  it('may move to another street or community of the same district', async () => {
    const v = await makeUser(t, { regionCode: '140502001001' });
    const c = await t.client().login(v.phone);
    const r = await c.put('/api/v1/me/profile', { regionCode: '140502008002' });
    expect(r.status).toBe(200);
    expect(r.body.regionCode).toBe('140502008002');
    expect(await regionOf(v.id)).toBe('140502008002');
  });

  it('may not move to another district (county): 403 with the reason, nothing changed, figures untouched', async () => {
    const v = await makeUser(t, { regionCode: '140502001001' });
    const c = await t.client().login(v.phone);
    const counters = async () => (await t.app.ctx.db.execute(sql`select coalesce(sum(value), 0)::int as n from stat_counters where metric = 'volunteers' and region_code in ('140522', '140522100001')`)) as unknown as { rows: Array<{ n: number }> };
    const before = (await counters()).rows[0]!.n;
    for (const to of ['140522100001', '140522', '140500', '140581001001']) {
      const r = await c.put('/api/v1/me/profile', { regionCode: to });
      expect(r.status, to).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
      expect(r.body.error.details.reason).toBe('other_district');
      expect(r.body.error.message).toMatch(/区县.* \/ .*district/);
    }
    expect(await regionOf(v.id)).toBe('140502001001');
    expect((await counters()).rows[0]!.n).toBe(before);
    // the same request with the same region (no move) and other edits still pass
    expect((await c.put('/api/v1/me/profile', { regionCode: '140502001001', skills: ['理发'] })).status).toBe(200);
  });

  it('staff of the new district move them (PATCH /volunteers/:id, audited); staff of the old one alone cannot', async () => {
    const v = await makeUser(t, { regionCode: '140502001001' });
    const yangcheng = await t.client().login((await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] })).phone);
    const own = await t.client().login(regionAdmin.phone);
    const refused = await own.patch(`/api/v1/volunteers/${v.id}`, { regionCode: '140522100001', reason: '搬家到阳城县' });
    expect(refused.status).toBe(403);
    expect(await regionOf(v.id)).toBe('140502001001');
    expect((await yangcheng.patch(`/api/v1/volunteers/${v.id}`, { regionCode: '140522100001', reason: '搬家到阳城县' })).status).toBe(403);
    const city = await t.client().login((await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] })).phone);
    const moved = await city.patch(`/api/v1/volunteers/${v.id}`, { regionCode: '140522100001', reason: '搬家到阳城县' });
    expect(moved.status).toBe(200);
    expect(await regionOf(v.id)).toBe('140522100001');
  });
});

describe('station staff register only residents of their station’s region', () => {
  function body(regionCode: string) {
    const p = nextPerson('1950-05-06');
    return { name: '张大爷', idNumber: p.idNumber, phone: p.phone, regionCode, consentMethod: 'paper', stationId };
  }

  it('inside the station’s community: 201', async () => {
    const r = await cStation.post('/api/v1/volunteers', body('140502001001'));
    expect(r.status).toBe(201);
    expect(r.body.regionCode).toBe('140502001001');
  });

  it('outside it (another community, another district): 403 with the reason, nobody created', async () => {
    for (const regionCode of ['140502008002', '140522100001', '140502']) {
      const b = body(regionCode);
      const r = await cStation.post('/api/v1/volunteers', b);
      expect(r.status, regionCode).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
      expect(r.body.error.details.reason).toBe('outside_station_region');
      expect(await t.app.ctx.db.select().from(users).where(eq(users.phone, b.phone))).toHaveLength(0);
    }
  });

  it('a region admin holding the region registers there with any station of it', async () => {
    const c = await t.client().login(regionAdmin.phone);
    const r = await c.post('/api/v1/volunteers', body('140502008002'));
    expect(r.status).toBe(201);
  });
});
