import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { rankingTotals } from '../../db/schema/index';

/**
 * Rankings (排行榜): kept with the records, read by anyone; a volunteer is named only with their
 * consent to public display, masked otherwise; teams ranked in a region; my own place.
 */

let t: TestApp;
let district: MadeUser;
let orgAdmin: MadeUser;
let orgId: string;
let otherOrgId: string;
let admin: TestClient;
let anon: TestClient;
const START = '2026-11-24T09:00:00+08:00';

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(START);
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  orgAdmin = await makeUser(t, { name: '陈志强' });
  orgId = (await makeOrg(t, orgAdmin, { name: '春晖志愿服务队', approvedBy: district })).id;
  otherOrgId = (await makeOrg(t, orgAdmin, { name: '夕阳红服务队', approvedBy: district })).id;
  admin = await t.client().login(orgAdmin.phone);
  anon = t.client();
});
afterAll(async () => t.close());

async function member(name: string, regionCode = '140502001001', org = orgId): Promise<{ u: MadeUser; c: TestClient }> {
  const u = await makeUser(t, { name, regionCode });
  expect((await admin.post(`/api/v1/orgs/${org}/members`, { userId: u.id })).status).toBe(201);
  return { u, c: await t.client().login(u.phone) };
}

/** A confirmed 补录 of `minutes` on a November day. */
async function serve(u: MadeUser, day: number, minutes: number, org = orgId) {
  const from = new Date(`2026-11-${String(day).padStart(2, '0')}T09:00:00+08:00`).getTime();
  const r = await admin.post('/api/v1/service-records', { volunteerId: u.id, orgId: org, startedAt: new Date(from).toISOString(), endedAt: new Date(from + minutes * 60_000).toISOString(), content: '为独居老人送餐', evidenceNote: '社区值班记录' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect(r.body.serviceRecord.status).toBe('confirmed');
  return r.body.serviceRecord as { id: string; points: number };
}

async function row(scopeKey: string, subjectId: string, period = 'M2026-11') {
  const [r] = await t.app.ctx.db
    .select()
    .from(rankingTotals)
    .where(and(eq(rankingTotals.period, period), eq(rankingTotals.scopeKey, scopeKey), eq(rankingTotals.subjectId, subjectId)));
  return r;
}

describe('rankings', () => {
  let zhou: MadeUser;
  let li: MadeUser;
  let wang: MadeUser;

  it('ranks volunteers of a region by hours, naming only those who consented (周*梅 otherwise), with the figures of the rollup', async () => {
    const a = await member('周红梅');
    const b = await member('李明', '140502002001');
    const c = await member('王建国', '140502001001', otherOrgId);
    [zhou, li, wang] = [a.u, b.u, c.u];
    expect((await b.c.post('/api/v1/me/consents/public-display')).status).toBe(200);
    await serve(zhou, 10, 120);
    await serve(zhou, 12, 60);
    await serve(li, 11, 240);
    await serve(wang, 11, 30, otherOrgId);

    const res = await anon.get('/api/v1/rankings?regionCode=140502&period=month&year=2026&month=11&metric=hours');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.scope).toMatchObject({ kind: 'region', regionCode: '140502' });
    const mine = res.body.items.filter((x: { name: string }) => ['李明', '周*梅', '王*国'].includes(x.name));
    expect(mine).toEqual([
      { rank: 1, name: '李明', masked: false, orgId: null, hours: 4, points: expect.any(Number), participations: 1 },
      { rank: 2, name: '周*梅', masked: true, orgId: null, hours: 3, points: expect.any(Number), participations: 2 },
      { rank: 3, name: '王*国', masked: true, orgId: null, hours: 0.5, points: expect.any(Number), participations: 1 },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('周红梅');
    expect(JSON.stringify(res.body)).not.toContain(zhou.id);
    // the rollup holds the community, the street, the district and the city, and the organisation; not the province
    for (const key of ['140502001001', '140502001', '140502', '140500', orgId]) expect((await row(key, zhou.id))?.minutes, key).toBe(180);
    expect(await row('140000', zhou.id)).toBeUndefined();
    expect((await row('140502', zhou.id, 'Y2026'))?.participations).toBe(2);
    // a community's ranking holds only its own
    const community = await anon.get('/api/v1/rankings?regionCode=140502002001&period=month&year=2026&month=11');
    expect(community.body.items.map((x: { name: string }) => x.name)).toEqual(['李明']);
  });

  it('ranks by participations and by points; an organisation’s own volunteers; teams of a region', async () => {
    const byCount = await anon.get('/api/v1/rankings?regionCode=140502&period=month&year=2026&month=11&metric=participations');
    expect(byCount.status).toBe(200);
    expect(byCount.body.items[0]).toMatchObject({ rank: 1, name: '周*梅', participations: 2 });
    const points = await anon.get('/api/v1/rankings?regionCode=140502&period=year&year=2026&metric=points');
    expect(points.status).toBe(200);
    const dbPoints = (await row('140502', li.id, 'Y2026'))!.points;
    expect(points.body.items.find((x: { name: string }) => x.name === '李明')?.points).toBe(dbPoints);

    const org = await anon.get(`/api/v1/rankings?orgId=${orgId}&period=month&year=2026&month=11`);
    expect(org.status).toBe(200);
    expect(org.body.scope).toMatchObject({ kind: 'org', orgId, name: '春晖志愿服务队' });
    expect(org.body.items.map((x: { name: string }) => x.name)).toEqual(['李明', '周*梅']);

    const teams = await anon.get('/api/v1/rankings?regionCode=140502&kind=teams&period=month&year=2026&month=11');
    expect(teams.status).toBe(200);
    expect(teams.body.items.map((x: { name: string; orgId: string; hours: number }) => [x.name, x.orgId, x.hours])).toEqual([
      ['春晖志愿服务队', orgId, 7],
      ['夕阳红服务队', otherOrgId, 0.5],
    ]);
  });

  it('withdrawing the consent masks the name again', async () => {
    const c = await t.client().login(li.phone);
    expect((await c.delete('/api/v1/me/consents/public-display')).status).toBe(200);
    const res = await anon.get('/api/v1/rankings?regionCode=140502&period=month&year=2026&month=11');
    expect(res.body.items[0]).toMatchObject({ rank: 1, name: '李*', masked: true });
  });

  it('a correction moves the ranking in its own transaction; my place is counted from the same rows', async () => {
    const c = await t.client().login(zhou.phone);
    const before = await c.get('/api/v1/me/rankings?regionCode=140502&period=month&year=2026&month=11');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ rank: 2, hours: 3, participations: 2 });
    // 周红梅's 60-minute record corrected to 300 minutes: 7 hours, first place
    const rec = (await c.get('/api/v1/me/service-records?page=1&pageSize=20')).body.items.find((x: { minutes: number }) => x.minutes === 60);
    const d = await c.post(`/api/v1/service-records/${rec.id}/disputes`, { reason: '时长有误' });
    expect(d.status).toBe(201);
    const a = await admin.post(`/api/v1/disputes/${d.body.id}/answer`, { decision: 'correct', answer: '核实后更正', minutes: 300 });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect((await row('140502', zhou.id))).toMatchObject({ minutes: 420, participations: 2 });
    const after = await c.get('/api/v1/me/rankings?regionCode=140502&period=month&year=2026&month=11');
    expect(after.body).toMatchObject({ rank: 1, hours: 7, participations: 2, scope: { kind: 'region', regionCode: '140502' } });
    // default: my city, this year, by hours
    const city = await c.get('/api/v1/me/rankings');
    expect(city.status).toBe(200);
    expect(city.body).toMatchObject({ scope: { regionCode: '140500' }, period: 'year', year: 2026, metric: 'hours', hours: 7 });
    // someone with no record this month has no place
    const none = await (await t.client().login(district.phone)).get('/api/v1/me/rankings?period=month');
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ rank: null, hours: 0, participations: 0 });
    const out = await anon.get('/api/v1/me/rankings');
    expect(out.status).toBe(401);
    expect(out.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('my place is counted exactly down to the 10,000th; further down it says so, without counting a whole city', async () => {
    // a city month with 10,005 volunteers ahead of 周红梅 (rows as the rollup keeps them)
    await t.app.ctx.db.execute(sql`insert into ranking_totals (city_code, period, scope_kind, scope_key, subject_kind, subject_id, minutes, points, participations)
      select '1405', 'M2026-10', 'r', '140500', 'v', gen_random_uuid(), 1000 + g, 10, 1 from generate_series(1, 10005) g`);
    await t.app.ctx.db.insert(rankingTotals).values({ cityCode: '1405', period: 'M2026-10', scopeKind: 'r', scopeKey: '140500', subjectKind: 'v', subjectId: zhou.id, minutes: 60, points: 5, participations: 1 });
    const c = await t.client().login(zhou.phone);
    const far = await c.get('/api/v1/me/rankings?period=month&year=2026&month=10');
    expect(far.status).toBe(200);
    expect(far.body).toMatchObject({ rank: 10_001, rankBeyond: 10_000, hours: 1 });
    // by points (she has 5, they have 10 each) she is as far down
    const byPoints = await c.get('/api/v1/me/rankings?period=month&year=2026&month=10&metric=points');
    expect(byPoints.body.rank).toBe(10_001);
    expect(byPoints.body.rankBeyond).toBe(10_000);
    // near the top the place is exact and says nothing more
    await t.app.ctx.db.update(rankingTotals).set({ minutes: 10_999 }).where(and(eq(rankingTotals.period, 'M2026-10'), eq(rankingTotals.subjectId, zhou.id)));
    const near = await c.get('/api/v1/me/rankings?period=month&year=2026&month=10');
    expect(near.body.rank).toBe(7); // 11,000 … 11,005 are ahead
    expect(near.body.rankBeyond).toBeUndefined();
  });

  it('refuses a region and an organisation together, teams of an organisation, the province, an unknown organisation', async () => {
    const both = await anon.get(`/api/v1/rankings?regionCode=140502&orgId=${orgId}`);
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('VALIDATION_FAILED');
    expect(both.body.error.details.fields.orgId).toBeTruthy();
    const teams = await anon.get(`/api/v1/rankings?orgId=${orgId}&kind=teams`);
    expect(teams.status).toBe(400);
    expect(teams.body.error.details.fields.kind).toBeTruthy();
    const province = await anon.get('/api/v1/rankings?regionCode=140000');
    expect(province.status).toBe(400);
    expect(province.body.error.details.fields.regionCode).toBeTruthy();
    const unknown = await anon.get('/api/v1/rankings?orgId=00000000-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const limit = await anon.get('/api/v1/rankings?limit=500');
    expect(limit.status).toBe(400);
    expect(limit.body.error.code).toBe('VALIDATION_FAILED');
  });
});
