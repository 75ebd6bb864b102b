import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { buildTestApp, KNOWN_ID_NUMBERS, type TestApp } from '../../../test/build-test-app';
import { makeUser, nextPerson, PASSWORD, type MadeUser } from '../../../test/factories';
import { auditLog, consents, users, volunteerProfiles, volunteerStars } from '../../db/schema/index';
import { reserve, transfer } from '../ledger/index';
import { composeIdNumber } from '@shared/lib/id-number';
import { isValidVolunteerNo } from '@shared/lib/volunteer-no';

let t: TestApp;
let district: MadeUser;
let yangcheng: MadeUser;
beforeAll(async () => {
  t = await buildTestApp();
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  yangcheng = await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
});
afterAll(async () => t.close());

/** An ID number for someone of the given age on the test clock's day (2026-11-24). */
function idForAge(age: number, seq: number) {
  const id = composeIdNumber('140502', `${2026 - age}-03-01`, seq);
  KNOWN_ID_NUMBERS.add(id);
  return id;
}

describe('the volunteer record', () => {
  it('registration creates a record with a public volunteer number (not the ID number) and the consents', async () => {
    const p = nextPerson();
    const c = t.client();
    const r = await c.post('/api/v1/auth/register', { phone: p.phone, password: PASSWORD, name: '皮语涵', idNumber: p.idNumber, regionCode: '140502001001', consentVersion: '2026-11' });
    expect(r.status).toBe(201);
    const me = await c.get('/api/v1/me/profile');
    expect(me.status).toBe(200);
    expect(me.body.volunteerNo).toMatch(/^140502\d{8}[\dX]$/);
    expect(isValidVolunteerNo(me.body.volunteerNo)).toBe(true);
    expect(me.body.volunteerNo).not.toContain(p.idNumber.slice(6, 14));
    expect(me.body).toMatchObject({ name: '皮语涵', publicDisplay: false, registeredOnBehalf: false, consentMethod: 'online', hasPassword: true });
    const rows = await t.app.ctx.db.select().from(consents).where(eq(consents.userId, r.body.user.id));
    expect(rows.map((x) => x.kind).sort()).toEqual(['privacy', 'terms']);
    expect(rows.every((x) => x.version === '2026-11')).toBe(true);
  });

  it('the volunteer edits skills, categories and availability; bad categories are refused', async () => {
    const u = await makeUser(t);
    const c = await t.client().login(u.phone);
    const r = await c.put('/api/v1/me/profile', { skills: ['理发', '急救'], serviceCategories: ['elderly', 'health'], availability: '周六上午' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ skills: ['理发', '急救'], serviceCategories: ['elderly', 'health'], availability: '周六上午' });
    const bad = await c.put('/api/v1/me/profile', { serviceCategories: ['flying'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields['serviceCategories.0']).toBeDefined();
    const [row] = await t.app.ctx.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, u.id));
    expect(row!.serviceCategories).toEqual(['elderly', 'health']);
  });

  it('public display needs its own consent, which can be withdrawn', async () => {
    const u = await makeUser(t);
    const c = await t.client().login(u.phone);
    expect((await c.post('/api/v1/me/consents/public-display')).body.publicDisplay).toBe(true);
    expect((await c.delete('/api/v1/me/consents/public-display')).body.publicDisplay).toBe(false);
    const rows = await t.app.ctx.db.select().from(consents).where(and(eq(consents.userId, u.id), eq(consents.kind, 'public_display')));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.withdrawnAt).not.toBeNull();
  });
});

describe('minors', () => {
  it('14–17 register themselves only with a guardian’s consent, which is recorded', async () => {
    const idNumber = idForAge(15, 301);
    const body = { phone: nextPerson().phone, password: PASSWORD, name: '李小明', idNumber, regionCode: '140502001001' };
    const refused = await t.client().post('/api/v1/auth/register', body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(refused.body.error.details.fields.guardian).toBeDefined();
    const ok = await t.client().post('/api/v1/auth/register', { ...body, guardian: { name: '李大明', phone: nextPerson().phone, relation: 'father' } });
    expect(ok.status).toBe(201);
    const [g] = await t.app.ctx.db.select().from(consents).where(and(eq(consents.userId, ok.body.user.id), eq(consents.kind, 'guardian')));
    expect(g).toMatchObject({ guardianName: '李大明', guardianRelation: 'father', method: 'online' });
  });

  it('under 14 cannot register themselves; staff register them naming the guardian', async () => {
    const idNumber = idForAge(12, 302);
    const phone = nextPerson().phone;
    const self = await t.client().post('/api/v1/auth/register', { phone, password: PASSWORD, name: '王小花', idNumber, regionCode: '140502001001', guardian: { name: '王妈妈', phone: nextPerson().phone, relation: 'mother' } });
    expect(self.status).toBe(400);
    expect(self.body.error.details.fields.idNumber).toContain('14');
    const staff = await t.client().login(district.phone);
    const noGuardian = await staff.post('/api/v1/volunteers', { name: '王小花', idNumber, phone, regionCode: '140502001001', consentMethod: 'paper' });
    expect(noGuardian.status).toBe(400);
    expect(noGuardian.body.error.details.fields.guardian).toBeDefined();
    const ok = await staff.post('/api/v1/volunteers', { name: '王小花', idNumber, phone, regionCode: '140502001001', consentMethod: 'paper', guardian: { name: '王妈妈', phone: nextPerson().phone, relation: 'mother' } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ age: 12, registeredOnBehalf: true, consentMethod: 'paper', guardian: { name: '王妈妈' } });
  });
});

describe('registration on behalf (代注册) and claiming', () => {
  it('staff register an elder without a phone app; audited; the elder later claims the account', async () => {
    const p = nextPerson('1948-02-02');
    const staff = await t.client().login(district.phone);
    const r = await staff.post('/api/v1/volunteers', { name: '孙木林', idNumber: p.idNumber, phone: p.phone, regionCode: '140502002001', consentMethod: 'verbal', skills: ['象棋'] });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ registeredOnBehalf: true, registeredByName: district.name, hasPassword: false, consentMethod: 'verbal' });
    const [entry] = await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'volunteer.register_on_behalf'), eq(auditLog.objectId, r.body.userId)));
    expect(entry!.actorId).toBe(district.id);
    expect(entry!.onBehalfOf).toBe(r.body.userId);
    // no password yet: login is impossible
    expect((await t.client().post('/api/v1/auth/login', { phone: p.phone, password: 'anything1' })).status).toBe(401);
    const issued = await staff.post(`/api/v1/users/${r.body.userId}/claim-code`);
    expect(issued.status).toBe(201);
    const claimCode = issued.body.code;
    const wrongName = await t.client().post('/api/v1/auth/claim', { phone: p.phone, idNumber: p.idNumber, name: '孙木', password: 'NewPass123', claimCode });
    expect(wrongName.status).toBe(401);
    const claimed = t.client();
    const ok = await claimed.post('/api/v1/auth/claim', { phone: p.phone, idNumber: p.idNumber, name: '孙木林', password: 'NewPass123', claimCode });
    expect(ok.status).toBe(200);
    expect((await claimed.get('/api/v1/me/profile')).body.hasPassword).toBe(true);
    const again = await t.client().post('/api/v1/auth/claim', { phone: p.phone, idNumber: p.idNumber, name: '孙木林', password: 'Other12345', claimCode });
    expect(again.status).toBe(401);
  });

  it('a region admin cannot register someone into another district', async () => {
    const p = nextPerson();
    const r = await (await t.client().login(yangcheng.phone)).post('/api/v1/volunteers', { name: '某人', idNumber: p.idNumber, phone: p.phone, regionCode: '140502001001', consentMethod: 'paper' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect(await t.app.ctx.db.select().from(users).where(eq(users.phone, p.phone))).toHaveLength(0);
  });
});

describe('staff lists and corrections', () => {
  it('lists the subtree with masked ID numbers; filters; exports the filter to Excel with Chinese headers', async () => {
    const a = await makeUser(t, { name: '筛选张', regionCode: '140502002001' });
    await makeUser(t, { name: '筛选李', regionCode: '140522100001' });
    // her confirmed hours (kept by honours) and balances: 500 points of which 120 are reserved by an order
    await t.app.ctx.db.insert(volunteerStars).values({ userId: a.id, cityCode: '1405', minutes: 140 * 60 + 20, level: 1, updatedAt: t.clock.now() });
    await transfer(t.app.ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: a.id }, amount: 500, code: 'adjustment', actorId: null, idempotencyKey: 'vol-list-fund' });
    await reserve(t.app.ctx, null, { ledger: 'points', from: { userId: a.id }, to: { system: 'supermarket', regionCode: '140500' }, amount: 120, code: 'redeemed', actorId: a.id, idempotencyKey: 'vol-list-order', timeoutAt: new Date(t.clock.now().getTime() + 86_400_000) });
    const c = await t.client().login(district.phone);
    const r = await c.get('/api/v1/volunteers?q=' + encodeURIComponent('筛选'));
    expect(r.status).toBe(200);
    expect(r.body.items.map((v: { userId: string }) => v.userId)).toEqual([a.id]);
    expect(r.body.items[0]).toMatchObject({ serviceMinutes: 8420, starLevel: 1, pointsBalance: 380, timeBalanceMinutes: 0 });
    expect(r.body.items[0].idNumberMasked).toMatch(/^\d{3}\*{13}[\dX]{2}$/);
    const sub = await c.get('/api/v1/volunteers?regionCode=140502002001&pageSize=100');
    expect(sub.body.items.every((v: { regionCode: string }) => v.regionCode === '140502002001')).toBe(true);
    const outside = await c.get('/api/v1/volunteers?regionCode=140522');
    expect(outside.status).toBe(403);
    const x = await c.get('/api/v1/volunteers.xlsx?q=' + encodeURIComponent('筛选'));
    expect(x.status).toBe(200);
    expect(String(x.headers['content-type'])).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('姓名');
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(2).value).toBe('筛选张');
    expect(String(ws.getRow(2).getCell(5).value)).toContain('********');
    const header = (ws.getRow(1).values as unknown[]).map(String);
    expect(ws.getRow(2).getCell(header.indexOf('服务时长（小时）')).value).toBe(140.33);
    expect(ws.getRow(2).getCell(header.indexOf('可用积分')).value).toBe(380);
  });

  it('staff in scope correct a record with a reason, audited before/after; others are refused', async () => {
    const v = await makeUser(t, { name: '错别字' });
    const refused = await (await t.client().login(yangcheng.phone)).patch(`/api/v1/volunteers/${v.id}`, { name: '正确名', reason: '更正姓名' });
    expect(refused.status).toBe(403);
    const ok = await (await t.client().login(district.phone)).patch(`/api/v1/volunteers/${v.id}`, { name: '正确名', reason: '身份证核对后更正姓名' });
    expect(ok.status).toBe(200);
    expect(ok.body.name).toBe('正确名');
    const [entry] = await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'volunteer.correct'), eq(auditLog.objectId, v.id)));
    expect((entry!.before as { name: string }).name).toBe('错别字');
    expect((entry!.after as { name: string; reason: string }).reason).toBe('身份证核对后更正姓名');
    const volunteer = await (await t.client().login(v.phone)).get(`/api/v1/volunteers/${district.id}`);
    expect(volunteer.status).toBe(403);
  });
});

describe('finding a person to declare as a relative', () => {
  it('needs both the phone and the volunteer number; answers a masked name; is rate-limited', async () => {
    const mother = await makeUser(t, { name: '周红梅' });
    const child = await makeUser(t);
    const c = await t.client().login(child.phone);
    const no = (await (await t.client().login(mother.phone)).get('/api/v1/me/profile')).body.volunteerNo;
    const r = await c.get(`/api/v1/people/lookup?phone=${mother.phone}&volunteerNo=${no}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ userId: mother.id, name: '周*梅', volunteerNo: no });
    const wrong = await c.get(`/api/v1/people/lookup?phone=${mother.phone}&volunteerNo=140502000000000`);
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe('NOT_FOUND');
    expect((await t.client().get(`/api/v1/people/lookup?phone=${mother.phone}&volunteerNo=${no}`)).status).toBe(401);
    for (let i = 0; i < 28; i++) await c.get(`/api/v1/people/lookup?phone=${mother.phone}&volunteerNo=${no}`);
    const limited = await c.get(`/api/v1/people/lookup?phone=${mother.phone}&volunteerNo=${no}`);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
  });
});
