import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { testEngine } from '../../../test/engine';
import { readXlsxRows } from '../../lib/excel';
import { auditLog, partnerBenefitCounters, partnerBenefitUses, partnerBenefits, partners } from '../../db/schema/index';

let t: TestApp;
let cityAdmin: TestClient;
let yangchengAdmin: TestClient;
let orgAdmin: TestClient;
let orgId: string;
const START = '2026-11-24T09:00:00+08:00';

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(START);
  const city = await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
  const yangcheng = await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
  const boss = await makeUser(t, { name: '陈志强' });
  orgId = (await makeOrg(t, boss, { approvedBy: city })).id;
  cityAdmin = await t.client().login(city.phone);
  yangchengAdmin = await t.client().login(yangcheng.phone);
  orgAdmin = await t.client().login(boss.phone);
  // stars at 1, 2, 3 hours, granted without a notice period
  expect((await cityAdmin.put('/api/v1/regions/140500/star-ladder', { thresholdsHours: [1, 2, 3], noticeWorkingDays: 0 })).status).toBe(200);
});
afterAll(async () => t.close());
beforeEach(() => t.clock.set(START));

/** A volunteer with `hours` of confirmed service (so many stars on the ladder above). */
async function volunteer(hours: number, name = '周红梅'): Promise<{ u: MadeUser; c: TestClient }> {
  const u = await makeUser(t, { name });
  const c = await t.client().login(u.phone);
  if (hours > 0) {
    expect((await orgAdmin.post(`/api/v1/orgs/${orgId}/members`, { userId: u.id })).status).toBe(201);
    const end = new Date(new Date('2026-11-20T08:00:00+08:00').getTime() + hours * 3_600_000).toISOString();
    const r = await orgAdmin.post('/api/v1/service-records', { volunteerId: u.id, orgId, startedAt: '2026-11-20T08:00:00+08:00', endedAt: end, content: '为独居老人送餐', evidenceNote: '社区值班记录' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  return { u, c };
}

async function partnerWithStaff(name: string, regionCode = '140500') {
  const p = await cityAdmin.post('/api/v1/partners', { name, sector: 'transport', regionCode, contact: '0356-2020000' });
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  const staffUser = await makeUser(t, { name: `${name}员工` });
  const added = await cityAdmin.post(`/api/v1/partners/${p.body.id}/staff`, { userId: staffUser.id });
  expect(added.status).toBe(201);
  return { id: p.body.id as string, staff: await t.client().login(staffUser.phone), staffUser };
}

async function benefit(partnerId: string, body: Record<string, unknown>) {
  const r = await cityAdmin.post(`/api/v1/partners/${partnerId}/benefits`, { description: '', validFrom: '2026-11-01', ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

const codeOf = async (c: TestClient) => {
  const card = await c.get('/api/v1/me/benefit-card');
  expect(card.status, JSON.stringify(card.body)).toBe(200);
  return card.body.code as string;
};
const usesOf = async (benefitId: string) => t.app.ctx.db.select().from(partnerBenefitUses).where(eq(partnerBenefitUses.benefitId, benefitId));

describe('the partner registry', () => {
  it('region admins register partners, staff and benefits in their regions only (audited); others are refused', async () => {
    const { c: vol } = await volunteer(0);
    const refused = await vol.post('/api/v1/partners', { name: '晋城公交集团', sector: 'transport', regionCode: '140500' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const outside = await yangchengAdmin.post('/api/v1/partners', { name: '晋城公交集团', sector: 'transport', regionCode: '140502' });
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('FORBIDDEN');
    expect(await t.app.ctx.db.select().from(partners).where(eq(partners.name, '晋城公交集团'))).toEqual([]);
    const badSector = await cityAdmin.post('/api/v1/partners', { name: '某单位', sector: 'banking', regionCode: '140500' });
    expect(badSector.status).toBe(400);
    expect(badSector.body.error.code).toBe('VALIDATION_FAILED');

    const { id, staffUser } = await partnerWithStaff('晋城公交集团');
    const view = await cityAdmin.get(`/api/v1/partners/${id}`);
    expect(view.body).toMatchObject({ name: '晋城公交集团', sector: 'transport', regionCode: '140500', status: 'active', staff: [{ userId: staffUser.id, name: '晋城公交集团员工' }] });
    expect(view.body.staff[0].phoneMasked).not.toBe(staffUser.phone);
    const again = await cityAdmin.post(`/api/v1/partners/${id}/staff`, { userId: staffUser.id });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');

    const badDates = await cityAdmin.post(`/api/v1/partners/${id}/benefits`, { title: '免费乘车', minStars: 3, limitPeriod: 'day', limitCount: 1, validFrom: '2026-12-01', validTo: '2026-11-01' });
    expect(badDates.status).toBe(400);
    expect(badDates.body.error.code).toBe('VALIDATION_FAILED');
    const bOut = await yangchengAdmin.post(`/api/v1/partners/${id}/benefits`, { title: '免费乘车', minStars: 3, limitPeriod: 'day', validFrom: '2026-11-01' });
    expect(bOut.status).toBe(403);
    expect(bOut.body.error.code).toBe('FORBIDDEN');
    const bid = await benefit(id, { title: '免费乘坐市内公交', minStars: 3, limitPeriod: 'day', limitCount: 2 });
    const [row] = await t.app.ctx.db.select().from(partnerBenefits).where(eq(partnerBenefits.id, bid));
    expect(row).toMatchObject({ minStars: 3, limitPeriod: 'day', limitCount: 2, validFrom: '2026-11-01', validTo: null, status: 'active' });

    const actions = (await t.app.ctx.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.objectId, id))).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(['partner.create', 'partner.staff.add']));
    expect(await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'partner.benefit.create'), eq(auditLog.objectId, bid)))).toHaveLength(1);

    // lists: the city's admin sees it, the county's does not
    expect((await cityAdmin.get('/api/v1/partners')).body.items.map((p: { id: string }) => p.id)).toContain(id);
    expect((await yangchengAdmin.get('/api/v1/partners')).body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    const otherList = await yangchengAdmin.get('/api/v1/partners?regionCode=140500');
    expect(otherList.status).toBe(403);
    expect(otherList.body.error.code).toBe('FORBIDDEN');
    const volList = await vol.get('/api/v1/partners');
    expect(volList.status).toBe(403);
    expect(volList.body.error.code).toBe('FORBIDDEN');
  });
});

describe('the benefit card', () => {
  it('shows a rotating code; the partner sees the masked name, the level, what applies and why not the rest', async () => {
    const { u, c } = await volunteer(2, '周红梅');
    const { id, staff } = await partnerWithStaff('晋城文旅集团');
    const bus = await benefit(id, { title: '免费乘车', minStars: 3, limitPeriod: 'day', limitCount: 1 });
    const park = await benefit(id, { title: '皇城相府门票八折', minStars: 1, limitPeriod: 'day', limitCount: 1 });
    const old = await benefit(id, { title: '国庆特惠', minStars: 0, limitPeriod: 'none', validFrom: '2026-10-01', validTo: '2026-10-07' });
    const soon = await benefit(id, { title: '新年特惠', minStars: 0, limitPeriod: 'month', limitCount: 3, validFrom: '2027-01-01' });

    const card = await c.get('/api/v1/me/benefit-card');
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({ name: '周*梅', starLevel: 2 });
    expect(card.body.qr).toMatch(/^data:image\/png;base64,/);
    expect(card.body.code).toMatch(/^\d{14}[\dX]\d{6}$/);
    expect(card.body.code).not.toContain(u.idNumber);
    expect(new Date(card.body.expiresAt).getTime() - new Date(START).getTime()).toBe(120_000);
    // the expired benefit is not offered; the rest with their standing
    const mine = new Map(card.body.benefits.map((b: { id: string; reason: string | null }) => [b.id, b.reason]));
    expect(Object.fromEntries([bus, park, soon].map((b) => [b, mine.get(b)]))).toEqual({ [bus]: 'level_too_low', [park]: null, [soon]: 'not_yet_valid' });
    expect(mine.has(old)).toBe(false);

    const check = await staff.post(`/api/v1/partners/${id}/card-checks`, { code: card.body.code });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ volunteerName: '周*梅', starLevel: 2 });
    expect(JSON.stringify(check.body)).not.toContain('周红梅');
    const reasons = Object.fromEntries(check.body.benefits.map((b: { id: string; reason: string | null; applies: boolean }) => [b.id, b.reason]));
    expect(reasons).toEqual({ [bus]: 'level_too_low', [park]: null, [old]: 'expired', [soon]: 'not_yet_valid' });

    // the code is good for its minute and the next, then refused; a changed digit is refused
    t.clock.set(new Date(new Date(START).getTime() + 119_000));
    expect((await staff.post(`/api/v1/partners/${id}/card-checks`, { code: card.body.code })).status).toBe(200);
    t.clock.set(new Date(new Date(START).getTime() + 120_000));
    const late = await staff.post(`/api/v1/partners/${id}/card-checks`, { code: card.body.code });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('BENEFIT_CARD_INVALID');
    t.clock.set(START);
    const forged = card.body.code.slice(0, -1) + String((Number(card.body.code.at(-1)) + 1) % 10);
    const bad = await staff.post(`/api/v1/partners/${id}/card-checks`, { code: forged });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('BENEFIT_CARD_INVALID');

    // only the partner's own staff check cards
    const other = await partnerWithStaff('晋城移动');
    const foreign = await other.staff.post(`/api/v1/partners/${id}/card-checks`, { code: card.body.code });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('FORBIDDEN');
    const admin = await cityAdmin.post(`/api/v1/partners/${id}/card-checks`, { code: card.body.code });
    expect(admin.status).toBe(403);
    expect(admin.body.error.code).toBe('FORBIDDEN');
  });

  it('logs a use once a day: a double tap with the same key is one use, a second use the same day is refused with the reason', async () => {
    const { u, c } = await volunteer(1, '李建国');
    const { id, staff } = await partnerWithStaff('晋城公交二公司');
    const bus = await benefit(id, { title: '免费乘车', minStars: 1, limitPeriod: 'day', limitCount: 1 });
    const high = await benefit(id, { title: '年卡', minStars: 3, limitPeriod: 'none' });
    const code = await codeOf(c);
    const key = { 'idempotency-key': '0192f0c1-1d2e-7a00-8000-000000000001' };
    const first = await staff.post(`/api/v1/partners/${id}/uses`, { code, benefitId: bus }, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ benefitTitle: '免费乘车', volunteerName: '李*国', starLevel: 1 });
    const tap = await staff.post(`/api/v1/partners/${id}/uses`, { code, benefitId: bus }, key);
    expect(tap.status).toBe(201);
    expect(tap.headers['idempotent-replayed']).toBe('true');
    expect(tap.body.id).toBe(first.body.id);
    expect(await usesOf(bus)).toHaveLength(1);

    const second = await staff.post(`/api/v1/partners/${id}/uses`, { code, benefitId: bus });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'BENEFIT_NOT_AVAILABLE', details: { reason: 'limit_reached' } });
    expect(second.body.error.message).toContain('上限');
    const tooLow = await staff.post(`/api/v1/partners/${id}/uses`, { code, benefitId: high });
    expect(tooLow.status).toBe(409);
    expect(tooLow.body.error.details).toMatchObject({ reason: 'level_too_low', minStars: 3, starLevel: 1 });
    expect(await usesOf(bus)).toHaveLength(1);
    expect(await usesOf(high)).toHaveLength(0);
    const check = await staff.post(`/api/v1/partners/${id}/card-checks`, { code });
    expect(check.body.benefits.find((b: { id: string }) => b.id === bus)).toMatchObject({ applies: false, reason: 'limit_reached', usedInPeriod: 1, remaining: 0 });

    // the next day (China time) it applies again
    t.clock.set('2026-11-25T00:00:30+08:00');
    const next = await staff.post(`/api/v1/partners/${id}/uses`, { code: await codeOf(c), benefitId: bus });
    expect(next.status).toBe(201);
    const [counter] = await t.app.ctx.db.select().from(partnerBenefitCounters).where(and(eq(partnerBenefitCounters.userId, u.id), eq(partnerBenefitCounters.period, '2026-11-25')));
    expect(counter?.uses).toBe(1);
    expect(await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'partner.benefit.use'), eq(auditLog.objectId, next.body.id)))).toHaveLength(1);
  });

  it('N a month; a withdrawn benefit and a suspended partner refuse; nobody logs their own card', async () => {
    const { c } = await volunteer(1, '王小丽');
    const { id, staff, staffUser } = await partnerWithStaff('晋城律师协会');
    const legal = await benefit(id, { title: '免费法律咨询', description: '每月两次', minStars: 0, limitPeriod: 'month', limitCount: 2 });
    for (const day of ['2026-11-24', '2026-11-26']) {
      t.clock.set(`${day}T10:00:00+08:00`);
      expect((await staff.post(`/api/v1/partners/${id}/uses`, { code: await codeOf(c), benefitId: legal })).status).toBe(201);
    }
    t.clock.set('2026-11-28T10:00:00+08:00');
    const third = await staff.post(`/api/v1/partners/${id}/uses`, { code: await codeOf(c), benefitId: legal });
    expect(third.status).toBe(409);
    expect(third.body.error.details.reason).toBe('limit_reached');
    t.clock.set('2026-12-01T10:00:00+08:00');
    expect((await staff.post(`/api/v1/partners/${id}/uses`, { code: await codeOf(c), benefitId: legal })).status).toBe(201);

    const self = await t.client().login(staffUser.phone);
    const own = await staff.post(`/api/v1/partners/${id}/uses`, { code: await codeOf(self), benefitId: legal });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('SELF_BENEFIT');

    expect((await cityAdmin.patch(`/api/v1/partner-benefits/${legal}`, { status: 'withdrawn' })).status).toBe(200);
    const withdrawn = await staff.post(`/api/v1/partners/${id}/uses`, { code: await codeOf(c), benefitId: legal });
    expect(withdrawn.status).toBe(409);
    expect(withdrawn.body.error.details.reason).toBe('withdrawn');
    expect((await cityAdmin.patch(`/api/v1/partner-benefits/${legal}`, { status: 'active' })).status).toBe(200);
    const [kept] = await t.app.ctx.db.select().from(partnerBenefits).where(eq(partnerBenefits.id, legal));
    expect(kept).toMatchObject({ status: 'active', limitPeriod: 'month', limitCount: 2, description: '每月两次' });
    expect((await cityAdmin.patch(`/api/v1/partners/${id}`, { status: 'suspended' })).status).toBe(200);
    const suspended = await staff.post(`/api/v1/partners/${id}/uses`, { code: await codeOf(c), benefitId: legal });
    expect(suspended.status).toBe(409);
    expect(suspended.body.error.details.reason).toBe('partner_suspended');
    expect(await usesOf(legal)).toHaveLength(3);
  });
});

describe('uses and reports', () => {
  it('a partner’s staff see only their partner’s uses; region admins their regions’ partners; the Excel file holds the report', async () => {
    const { c } = await volunteer(1, '赵刚');
    const a = await partnerWithStaff('晋城人民医院');
    const b = await partnerWithStaff('阳城县人民医院', '140522');
    const ba = await benefit(a.id, { title: '挂号优先', minStars: 1, limitPeriod: 'none' });
    t.clock.set('2026-11-24T10:00:00+08:00');
    for (let i = 0; i < 3; i++) expect((await a.staff.post(`/api/v1/partners/${a.id}/uses`, { code: await codeOf(c), benefitId: ba })).status).toBe(201);
    t.clock.set('2026-12-02T10:00:00+08:00');
    expect((await a.staff.post(`/api/v1/partners/${a.id}/uses`, { code: await codeOf(c), benefitId: ba })).status).toBe(201);

    const list = await a.staff.get(`/api/v1/partners/${a.id}/uses?month=2026-11`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect(list.body.items[0]).toMatchObject({ benefitTitle: '挂号优先', volunteerName: '赵*', staffName: '晋城人民医院员工' });
    const foreign = await b.staff.get(`/api/v1/partners/${a.id}/uses`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('FORBIDDEN');
    const county = await yangchengAdmin.get(`/api/v1/partners/${a.id}/uses`);
    expect(county.status).toBe(403);
    expect(county.body.error.code).toBe('FORBIDDEN');

    const mine = await a.staff.get(`/api/v1/partner-uses/report?partnerId=${a.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.rows.map((r: { month: string; uses: number; volunteers: number }) => [r.month, r.uses, r.volunteers])).toEqual([['2026-12', 1, 1], ['2026-11', 3, 1]]);
    const noPartner = await a.staff.get('/api/v1/partner-uses/report');
    expect(noPartner.status).toBe(403);
    expect(noPartner.body.error.code).toBe('FORBIDDEN');
    const notMine = await b.staff.get(`/api/v1/partner-uses/report?partnerId=${a.id}`);
    expect(notMine.status).toBe(403);
    const countyReport = await yangchengAdmin.get('/api/v1/partner-uses/report');
    expect(countyReport.body.rows.map((r: { partnerId: string }) => r.partnerId)).not.toContain(a.id);
    const cityReport = await cityAdmin.get('/api/v1/partner-uses/report?from=2026-11&to=2026-11');
    expect(cityReport.body.rows.filter((r: { partnerId: string }) => r.partnerId === a.id)).toEqual([expect.objectContaining({ month: '2026-11', uses: 3 })]);

    const file = await cityAdmin.get('/api/v1/partner-uses/report.xlsx?from=2026-11&to=2026-12');
    expect(file.status).toBe(200);
    expect(String(file.headers['content-type'])).toContain('spreadsheetml');
    const sheet = await readXlsxRows(file.raw.rawPayload);
    expect(sheet.headers).toEqual(['月份', '合作单位', '权益', '使用次数', '使用人数']);
    expect(sheet.rows.map((r) => r.values).filter((v) => v['合作单位'] === '晋城人民医院').map((v) => [v['月份'], v['使用次数']])).toEqual([['2026-12', '1'], ['2026-11', '3']]);
    expect(await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'partner.uses.export'))).toHaveLength(1);
  });
});

describe.runIf(testEngine() === 'postgres')('two taps at once (PostgreSQL)', () => {
  it('of concurrent uses of a once-a-day benefit exactly one succeeds', async () => {
    const { c, u } = await volunteer(1, '孙丽');
    const { id, staff } = await partnerWithStaff('晋城公交三公司');
    const bus = await benefit(id, { title: '免费乘车', minStars: 1, limitPeriod: 'day', limitCount: 1 });
    const code = await codeOf(c);
    const answers = await Promise.all(Array.from({ length: 6 }, () => staff.post(`/api/v1/partners/${id}/uses`, { code, benefitId: bus })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.details.reason).toBe('limit_reached');
    expect(await usesOf(bus)).toHaveLength(1);
    const [counter] = await t.app.ctx.db.select().from(partnerBenefitCounters).where(and(eq(partnerBenefitCounters.benefitId, bus), eq(partnerBenefitCounters.userId, u.id)));
    expect(counter?.uses).toBe(1);
  });
});
