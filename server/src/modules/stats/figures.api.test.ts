import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { transfer } from '../ledger/index';

/**
 * The published figures and the office's view: each figure of /stats/overview and
 * /stats/breakdown against a count from the base tables (for a subtree, all time and periods
 * whose edges cut months), work figures for staff in scope only, the Excel export and the
 * monthly PDF report for staff of the region only, each audited.
 */

let t: TestApp;
let city: MadeUser;
let district: MadeUser;
let yangcheng: MadeUser;
let host: MadeUser;
let orgId: string;
let crew: MadeUser[];
let activityA: string;
let anon: TestClient;
let staff: TestClient;
const HOME = { lat: 35.4985, lng: 112.86 };
const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

async function one(q: ReturnType<typeof sql>): Promise<number> {
  const r = await t.app.ctx.db.execute(q);
  return Number(Object.values((r as unknown as { rows: Array<Record<string, unknown>> }).rows[0]!)[0] ?? 0);
}

/** The figures counted straight from the base tables: the subtree of `code`, China-time days from..to. */
async function fromBaseTables(code: string, from = '2000-01-01', to = '2099-12-31') {
  const inTree = (col: ReturnType<typeof sql>) => sql`${col} in (select code from regions where path like ${'%/' + code + '/%'})`;
  const day = (col: ReturnType<typeof sql>) => sql`(${col} at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date`;
  const standing = sql`status in ('confirmed', 'disputed') and service_date between ${from} and ${to} and ${inTree(sql`region_code`)}`;
  return {
    volunteers: await one(sql`select count(*) from users where ${inTree(sql`region_code`)} and ${day(sql`created_at`)}`),
    organizations: await one(sql`select count(*) from organizations where status = 'active' and type = 'service_org' and ${inTree(sql`region_code`)} and ${day(sql`created_at`)}`),
    teams: await one(sql`select count(*) from organizations where status = 'active' and type <> 'service_org' and ${inTree(sql`region_code`)} and ${day(sql`created_at`)}`),
    stations: await one(sql`select count(*) from stations where ${inTree(sql`region_code`)} and ${day(sql`created_at`)}`),
    activities: await one(sql`select count(*) from activities where status = 'published' and ${inTree(sql`region_code`)} and ${day(sql`starts_at`)}`),
    serviceHours: Math.round((await one(sql`select coalesce(sum(minutes), 0) from service_records where ${standing}`)) / 6) / 10,
    participations: await one(sql`select count(*) from service_records where ${standing}`),
    beneficiaries:
      (await one(sql`select coalesce(sum(beneficiaries_count), 0) from activities where status = 'published' and ${inTree(sql`region_code`)} and ${day(sql`starts_at`)}`)) +
      (await one(sql`select count(*) from service_requests where status = 'rated' and ${inTree(sql`region_code`)} and ${day(sql`rated_at`)}`)) +
      (await one(sql`select count(*) from wishes where status = 'fulfilled' and ${inTree(sql`region_code`)} and ${day(sql`fulfilled_at`)}`)),
    wishesFulfilled: await one(sql`select count(*) from wishes where status = 'fulfilled' and ${inTree(sql`region_code`)} and ${day(sql`fulfilled_at`)}`),
    pointsRedeemed: await one(sql`select coalesce(sum(m.points), 0) from market_redemptions m join stations s on s.id = m.station_id where m.status = 'fulfilled' and ${inTree(sql`s.region_code`)} and ${day(sql`m.closed_at`)}`),
  };
}

async function activity(c: TestClient, over: Record<string, unknown>): Promise<string> {
  const start = t.clock.now().getTime() + 86_400_000;
  const r = await c.post('/api/v1/activities', { orgId, title: '社区服务', category: 'elderly', description: '社区志愿服务', regionCode: '140502001001', address: '社区广场', ...HOME, startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3 * 3600_000).toISOString(), capacity: 10, ...over });
  expect(r.status).toBe(201);
  expect((await c.post(`/api/v1/activities/${r.body.id}/submit`)).status).toBe(200);
  return r.body.id;
}

beforeAll(async () => {
  // the clock starts on Tuesday 2026-11-24, 09:00 in Beijing
  t = await buildTestApp();
  city = await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  yangcheng = await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
  host = await makeUser(t, { name: '陈志强' });
  orgId = (await makeOrg(t, host, { approvedBy: district })).id;
  await makeUser(t, { regionCode: '140522100001' });
  crew = [await makeUser(t), await makeUser(t, { regionCode: '140502002001' })];
  anon = t.client();
  staff = await t.client().login(district.phone);
  const hc = await t.client().login(host.phone);
  expect((await staff.post('/api/v1/stations', { name: '凤台服务站', regionCode: '140502001001', address: '凤台社区服务中心', ...HOME })).status).toBe(201);

  // activity A (Nov 25, elderly): two people, settled with 12 elders served; one record disputed
  activityA = await activity(hc, {});
  expect((await staff.post(`/api/v1/activities/${activityA}/review`, { decision: 'approve' })).status).toBe(200);
  for (const v of crew) expect((await (await t.client().login(v.phone)).post(`/api/v1/activities/${activityA}/signups`)).status).toBe(201);
  t.clock.advance(30 * 3600_000);
  const start = Date.parse('2026-11-25T09:00:00+08:00');
  for (const [i, v] of crew.entries()) {
    const m = await hc.post(`/api/v1/activities/${activityA}/attendance/manual`, { userId: v.id, checkinAt: new Date(start).toISOString(), checkoutAt: new Date(start + (90 + 45 * i) * 60_000).toISOString(), note: '现场登记' });
    expect(m.status).toBe(201);
  }
  const before = await anon.get(`/api/v1/activities/${activityA}`);
  expect(before.body.beneficiaries).toBeNull();
  const settled = await hc.post(`/api/v1/activities/${activityA}/settle`, { entries: crew.map((v) => ({ userId: v.id, decision: 'include' })), beneficiaries: { count: 12, category: 'elders' } });
  expect(settled.status).toBe(200);
  const rec = settled.body.records[0];
  expect((await (await t.client().login(crew.find((v) => v.id === rec.volunteerId)!.phone)).post(`/api/v1/service-records/${rec.id}/disputes`, { reason: '时长记录有误，请核实' })).status).toBe(201);

  // a request rated (Nov 25), a wish fulfilled, a redemption fulfilled
  const rc = await t.client().login(crew[1]!.phone);
  const order = await rc.post('/api/v1/service-requests', { category: 'health', description: '上门量血压', regionCode: '140502002001', address: '小区1号楼', ...HOME });
  await staff.post(`/api/v1/service-requests/${order.body.id}/dispatch`, { userId: crew[0]!.id, dueAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString() });
  const helper = await t.client().login(crew[0]!.phone);
  await helper.post(`/api/v1/service-requests/${order.body.id}/accept`, {});
  await helper.post(`/api/v1/service-requests/${order.body.id}/checkin`, HOME);
  t.clock.advance(40 * 60_000);
  await helper.post(`/api/v1/service-requests/${order.body.id}/checkout`, HOME);
  expect((await rc.post(`/api/v1/service-requests/${order.body.id}/rate`, { happened: true, stars: 5 })).body.status).toBe('rated');
  const w = await staff.post('/api/v1/wishes', { title: '一个新书包', story: '孩子上学需要新书包', valueYuan: 120, regionCode: '140502001001', beneficiaryName: '李小明' });
  await helper.post(`/api/v1/wishes/${w.body.id}/claim`, { claimantType: 'volunteer' });
  await helper.post(`/api/v1/wishes/${w.body.id}/deliver`, { note: '已送到', photoBase64: PNG_1x1 });
  expect((await staff.post(`/api/v1/wishes/${w.body.id}/confirm`)).status).toBe(200);
  const stations = await anon.get('/api/v1/stations?regionCode=140502');
  const p = await staff.post(`/api/v1/stations/${stations.body.items[0].id}/products`, { name: '大米', pointsPrice: 30, stock: 5 });
  await transfer(t.app.ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: crew[1]!.id }, amount: 100, code: 'adjustment', actorId: null, idempotencyKey: 'figures-fund' });
  const red = await rc.post('/api/v1/redemptions', { productId: p.body.product.id, quantity: 2 });
  expect((await staff.post(`/api/v1/redemptions/${red.body.id}/fulfil`, { pickupCode: red.body.pickupCode })).status).toBe(200);

  // December: a new volunteer; activity C (children) ends unsettled; activity B waits for review; an organisation applies
  t.clock.set('2026-12-03T09:00:00+08:00');
  await makeUser(t, { regionCode: '140502008001' });
  const c = await activity(hc, { category: 'children', regionCode: '140502002001' });
  expect((await staff.post(`/api/v1/activities/${c}/review`, { decision: 'approve' })).status).toBe(200);
  await activity(hc, { title: '待审核的活动' });
  await makeOrg(t, await makeUser(t, { regionCode: '140502002001' }));
  t.clock.set('2026-12-25T09:00:00+08:00');
  staff = await t.client().login(district.phone);
});
afterAll(async () => t.close());

describe('GET /stats/overview', () => {
  it('each figure of a region subtree, all time and for periods cutting months, equals a count from the base tables', async () => {
    const spans: Array<[string | undefined, string | undefined]> = [
      [undefined, undefined],
      ['2026-11-01', '2026-11-30'],
      ['2026-11-25', '2026-11-25'],
      ['2026-11-20', '2026-12-10'],
      ['2026-10-15', '2027-01-10'],
      ['2026-12-01', undefined],
      [undefined, '2026-11-24'],
    ];
    for (const code of ['140500', '140502', '140502001', '140502002001', '140522']) {
      for (const [from, to] of spans) {
        const q = new URLSearchParams({ regionCode: code, ...(from ? { from } : {}), ...(to ? { to } : {}) });
        const r = await anon.get(`/api/v1/stats/overview?${q}`);
        expect(r.status).toBe(200);
        const { regionCode, regionName, from: f, to: tt, ...figures } = r.body;
        expect({ regionCode, from: f, to: tt }).toEqual({ regionCode: code, from: from ?? null, to: to ?? null });
        expect(typeof regionName).toBe('string');
        expect(figures, `${code} ${from}..${to}`).toEqual(await fromBaseTables(code, from, to));
      }
    }
    // and the figures are not all zero: the scenario moved each of them in the district
    const d = await anon.get('/api/v1/stats/overview?regionCode=140502');
    expect(d.body).toMatchObject({ regionName: '城区', activities: 2, participations: 3, beneficiaries: 14, wishesFulfilled: 1, pointsRedeemed: 60, teams: 1, stations: 1 });
    expect(d.body.serviceHours).toBe(4.4); // 90 + 135 minutes at the activity, 40 at home
    const nov = await anon.get('/api/v1/stats/overview?regionCode=140502&from=2026-12-01&to=2026-12-31');
    expect(nov.body).toMatchObject({ activities: 1, participations: 0, volunteers: 2 });
  });

  it('without a region: the city (the root’s only child)', async () => {
    const r = await anon.get('/api/v1/stats/overview');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ regionCode: '140500', regionName: '晋城市' });
  });

  it('the work figures go to staff whose scope covers the region, never to the public, a volunteer or another region’s staff', async () => {
    const mine = await staff.get('/api/v1/stats/overview?regionCode=140502');
    expect(mine.status).toBe(200);
    // B and the new organisation wait for review; C ended on Dec 4 and was not settled by Dec 18; one dispute is open
    expect(mine.body.work).toEqual({ reviewsPending: 2, recordsLate: 1, disputesOpen: 1 });
    expect(mine.body.work).toEqual({
      reviewsPending:
        (await one(sql`select count(*) from activities where status = 'pending_review' and region_code like '140502%'`)) + (await one(sql`select count(*) from organizations where status = 'pending' and region_code like '140502%'`)),
      recordsLate: await one(sql`select count(*) from activities where status = 'published' and settled_at is null and ends_at < '2026-12-11T00:00:00+08:00' and region_code like '140502%'`),
      disputesOpen: await one(sql`select count(*) from disputes where status = 'open' and region_code like '140502%'`),
    });
    const street = await staff.get('/api/v1/stats/overview?regionCode=140502008');
    expect(street.body.work).toEqual({ reviewsPending: 0, recordsLate: 0, disputesOpen: 0 });
    expect((await (await t.client().login(city.phone)).get('/api/v1/stats/overview?regionCode=140502')).body.work).toEqual(mine.body.work);
    expect((await anon.get('/api/v1/stats/overview?regionCode=140502')).body.work).toBeUndefined();
    expect((await (await t.client().login(crew[0]!.phone)).get('/api/v1/stats/overview?regionCode=140502')).body.work).toBeUndefined();
    const other = await (await t.client().login(yangcheng.phone)).get('/api/v1/stats/overview?regionCode=140502');
    expect(other.status).toBe(200);
    expect(other.body.work).toBeUndefined();
    expect((await staff.get('/api/v1/stats/overview')).body.work).toBeUndefined(); // the city is above the district admin
  });

  it('refuses a period ending before it starts, an impossible day and an unknown region', async () => {
    const back = await anon.get('/api/v1/stats/overview?from=2026-12-01&to=2026-11-01');
    expect(back.status).toBe(400);
    expect(back.body.error.code).toBe('VALIDATION_FAILED');
    expect((await anon.get('/api/v1/stats/overview?from=2026-02-30')).body.error.code).toBe('VALIDATION_FAILED');
    const none = await anon.get('/api/v1/stats/overview?regionCode=149999');
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('NOT_FOUND');
  });
});

describe('GET /stats/breakdown', () => {
  it('by month, by category and by child region, each row equal to a count from the base tables', async () => {
    const months = await anon.get('/api/v1/stats/breakdown?regionCode=140502&from=2026-11-01&to=2026-12-31&by=month');
    expect(months.status).toBe(200);
    expect(months.body.rows.map((r: { key: string; label: string }) => [r.key, r.label])).toEqual([
      ['2026-11', '2026年11月'],
      ['2026-12', '2026年12月'],
    ]);
    for (const [row, from, to] of [[months.body.rows[0], '2026-11-01', '2026-11-30'], [months.body.rows[1], '2026-12-01', '2026-12-31']] as const) {
      const b = await fromBaseTables('140502', from, to);
      expect(row).toMatchObject({ volunteers: b.volunteers, activities: b.activities, serviceHours: b.serviceHours, participations: b.participations, beneficiaries: b.beneficiaries });
    }
    const open = await anon.get('/api/v1/stats/breakdown?regionCode=140502&by=month');
    expect(open.body.rows.map((r: { key: string }) => r.key)).toEqual(['2026-11', '2026-12']);

    const cats = await anon.get('/api/v1/stats/breakdown?regionCode=140502&by=category');
    expect(cats.body.rows).toHaveLength(14);
    const elderly = cats.body.rows.find((r: { key: string }) => r.key === 'elderly');
    expect(elderly).toMatchObject({ label: '助老', activities: 1, participations: 2, serviceHours: 3.8, beneficiaries: 12, volunteers: 0 });
    expect(cats.body.rows.find((r: { key: string }) => r.key === 'health')).toMatchObject({ label: '医疗健康', participations: 1, beneficiaries: 1 });
    expect(cats.body.rows.find((r: { key: string }) => r.key === 'children')).toMatchObject({ activities: 1, participations: 0 });
    const byCat = await one(sql`select count(*) from service_records r join activities a on a.id = r.activity_id where a.category = 'elderly' and r.status in ('confirmed', 'disputed')`);
    expect(elderly.participations).toBe(byCat);

    const regions = await anon.get('/api/v1/stats/breakdown?regionCode=140502&by=region');
    const kids = (await t.app.ctx.db.execute(sql`select code from regions where parent_code = '140502' order by code`)) as unknown as { rows: Array<{ code: string }> };
    expect(regions.body.rows.map((r: { key: string }) => r.key)).toEqual(kids.rows.map((k) => k.code));
    for (const row of regions.body.rows) {
      const b = await fromBaseTables(row.key);
      expect(row, row.key).toMatchObject({ volunteers: b.volunteers, activities: b.activities, serviceHours: b.serviceHours, participations: b.participations, beneficiaries: b.beneficiaries });
    }
    expect(regions.body.rows.find((r: { key: string }) => r.key === '140502001')).toMatchObject({ label: '东街街道', activities: 1 });
    const bad = await anon.get('/api/v1/stats/breakdown?regionCode=140502&by=person');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('the office’s files', () => {
  it('Excel: every table on its own sheet, for staff of the region; audited', async () => {
    const r = await staff.get('/api/v1/stats/export.xlsx?regionCode=140502');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['概览', '按月', '按服务类别', '按下级地区']);
    const overview = wb.getWorksheet('概览')!;
    const cells = new Map<string, unknown>();
    overview.eachRow((row) => cells.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(cells.get('地区')).toBe('城区');
    expect(cells.get('参与人次')).toBe(3);
    expect(cells.get('受益人数')).toBe(14);
    expect(cells.get('待处理异议')).toBe(1);
    const nov = wb.getWorksheet('按月')!.getRow(2);
    expect([nov.getCell(1).value, nov.getCell(2).value, nov.getCell(4).value, nov.getCell(5).value, nov.getCell(6).value, nov.getCell(7).value]).toEqual(['2026年11月', '2026-11', 1, 4.4, 3, 14]);
    const audit = await one(sql`select count(*) from audit_log where action = 'stats.export' and actor_id = ${district.id} and region_code = '140502'`);
    expect(audit).toBe(1);
  });

  it('the monthly report: a one-page PDF for staff of the region; audited', async () => {
    const r = await staff.get('/api/v1/stats/report.pdf?regionCode=140502&month=2026-11');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const pdf = r.raw.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(await one(sql`select count(*) from audit_log where action = 'stats.report' and actor_id = ${district.id} and after->>'month' = '2026-11'`)).toBe(1);
    const bad = await staff.get('/api/v1/stats/report.pdf?regionCode=140502&month=2026-13');
    expect(bad.status).toBe(400);
  });

  it('refused to the public, to a volunteer and to another region’s staff, and nothing audited', async () => {
    const before = await one(sql`select count(*) from audit_log where action in ('stats.export', 'stats.report')`);
    const nobody = await anon.get('/api/v1/stats/export.xlsx?regionCode=140502');
    expect(nobody.status).toBe(401);
    expect(nobody.body.error.code).toBe('UNAUTHENTICATED');
    const vol = await (await t.client().login(crew[0]!.phone)).get('/api/v1/stats/report.pdf?regionCode=140502&month=2026-11');
    expect(vol.status).toBe(403);
    expect(vol.body.error.code).toBe('FORBIDDEN');
    const other = await (await t.client().login(yangcheng.phone)).get('/api/v1/stats/export.xlsx?regionCode=140502');
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    const above = await staff.get('/api/v1/stats/export.xlsx?regionCode=140500');
    expect(above.status).toBe(403);
    expect(await one(sql`select count(*) from audit_log where action in ('stats.export', 'stats.report')`)).toBe(before);
  });
});

describe('people served on the activity', () => {
  it('the activity answers what its settlement recorded, and a bad figure is refused', async () => {
    const a = await anon.get(`/api/v1/activities/${activityA}`);
    expect(a.body.beneficiaries).toEqual({ count: 12, category: 'elders' });
    const hc = await t.client().login(host.phone);
    const bad = await hc.post(`/api/v1/activities/${activityA}/settle`, { entries: [{ userId: crew[0]!.id }], beneficiaries: { count: -1, category: 'elders' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const cat = await hc.post(`/api/v1/activities/${activityA}/settle`, { entries: [{ userId: crew[0]!.id }], beneficiaries: { count: 3, category: 'aliens' } });
    expect(cat.status).toBe(400);
    expect(await one(sql`select beneficiaries_count from activities where id = ${activityA}`)).toBe(12);
  });
});
