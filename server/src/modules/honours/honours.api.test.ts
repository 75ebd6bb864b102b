import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { maskIdNumber } from '@shared/lib/id-number';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { pdfText } from '../../../test/pdf-text';
import { auditLog, certificates, notifications, starAnnouncements, starLadders, volunteerStars } from '../../db/schema/index';
import { grantDueStars, rebuildStarHours } from './index';

let t: TestApp;
let city: MadeUser;
let district: MadeUser;
let yangcheng: MadeUser;
let orgAdmin: MadeUser;
let orgId: string;
let admin: TestClient;
const START = '2026-11-24T09:00:00+08:00';

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(START);
  city = await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  yangcheng = await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
  orgAdmin = await makeUser(t, { name: '陈志强' });
  orgId = (await makeOrg(t, orgAdmin, { approvedBy: district })).id;
  admin = await t.client().login(orgAdmin.phone);
  // the city's ladder for every test below: 1, 2, 3 stars at 1, 2, 3 hours, 5 working days of notice
  const c = await t.client().login(city.phone);
  expect((await c.put('/api/v1/regions/140500/star-ladder', { thresholdsHours: [1, 2, 3], noticeWorkingDays: 5 })).status).toBe(200);
});
afterAll(async () => t.close());
beforeEach(() => t.clock.set(START));

async function member(name?: string): Promise<{ u: MadeUser; c: TestClient }> {
  const u = await makeUser(t, name ? { name } : {});
  expect((await admin.post(`/api/v1/orgs/${orgId}/members`, { userId: u.id })).status).toBe(201);
  return { u, c: await t.client().login(u.phone) };
}

async function retro(u: MadeUser, startedAt: string, endedAt: string, content = '为独居老人送餐') {
  const r = await admin.post('/api/v1/service-records', { volunteerId: u.id, orgId, startedAt, endedAt, content, evidenceNote: '社区值班记录' });
  expect(r.status).toBe(201);
  expect(r.body.serviceRecord.status).toBe('confirmed');
  return r.body.serviceRecord as { id: string };
}

async function correct(c: TestClient, recordId: string, minutes: number) {
  const d = await c.post(`/api/v1/service-records/${recordId}/disputes`, { reason: '时长有误' });
  expect(d.status).toBe(201);
  const a = await admin.post(`/api/v1/disputes/${d.body.id}/answer`, { decision: 'correct', answer: `核实后更正为${minutes}分钟`, minutes });
  expect(a.status, JSON.stringify(a.body)).toBe(200);
}

async function stars(userId: string) {
  const [s] = await t.app.ctx.db.select().from(volunteerStars).where(eq(volunteerStars.userId, userId));
  return s;
}
async function kinds(userId: string) {
  return (await t.app.ctx.db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, userId))).map((n) => n.kind);
}

describe('star ladders', () => {
  it('region admins set them (audited), inherited down the tree and effective from a date, never in the past', async () => {
    const { c: vol } = await member();
    const own = await vol.get('/api/v1/regions/140502001001/star-ladder');
    expect(own.status).toBe(200);
    expect(own.body.effective).toMatchObject({ sourceRegionCode: '140500', thresholdsHours: [1, 2, 3], noticeWorkingDays: 5 });
    expect(own.body.own).toEqual([]);

    const refused = await vol.put('/api/v1/regions/140502/star-ladder', { thresholdsHours: [5], noticeWorkingDays: 1 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const y = await t.client().login(yangcheng.phone);
    const outside = await y.put('/api/v1/regions/140502/star-ladder', { thresholdsHours: [5], noticeWorkingDays: 1 });
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('FORBIDDEN');
    expect(await t.app.ctx.db.select().from(starLadders).where(eq(starLadders.regionCode, '140502'))).toEqual([]);

    const unordered = await y.put('/api/v1/regions/140522/star-ladder', { thresholdsHours: [30, 10], noticeWorkingDays: 1 });
    expect(unordered.status).toBe(400);
    expect(unordered.body.error.code).toBe('VALIDATION_FAILED');
    const past = await y.put('/api/v1/regions/140522/star-ladder', { thresholdsHours: [30, 60], noticeWorkingDays: 1, effectiveFrom: '2026-11-01T00:00:00+08:00' });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe('VALIDATION_FAILED');

    const later = await y.put('/api/v1/regions/140522/star-ladder', { thresholdsHours: [30, 60, 100, 200, 300], noticeWorkingDays: 7, effectiveFrom: '2026-12-01T00:00:00+08:00' });
    expect(later.status).toBe(200);
    expect(later.body.effective.sourceRegionCode).toBe('140500');
    expect(later.body.own).toHaveLength(1);
    const [audit] = await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'honours.ladder.set'), eq(auditLog.regionCode, '140522')));
    expect(audit).toBeDefined();
    t.clock.set('2026-12-01T00:00:00+08:00');
    const inForce = await vol.get('/api/v1/regions/140522/star-ladder');
    expect(inForce.body.effective).toMatchObject({ sourceRegionCode: '140522', thresholdsHours: [30, 60, 100, 200, 300], noticeWorkingDays: 7 });
    // the neighbouring district keeps the city's
    expect((await vol.get('/api/v1/regions/140502/star-ladder')).body.effective.sourceRegionCode).toBe('140500');
    t.clock.set(START);
  });
});

describe('star levels', () => {
  it('confirmed hours announce a level for 5 working days, granted on read after the notice; a correction lowers it at once', async () => {
    const { u, c } = await member('周红梅');
    const r = await retro(u, '2026-11-20T09:00:00+08:00', '2026-11-20T11:00:00+08:00');
    expect(await stars(u.id)).toMatchObject({ minutes: 120, level: 0 });
    const [a] = await t.app.ctx.db.select().from(starAnnouncements).where(eq(starAnnouncements.userId, u.id));
    // announced Tuesday 24 November: the fifth working day is Tuesday 1 December, granted from the next day
    expect(a).toMatchObject({ level: 2, status: 'pending', minutes: 120 });
    expect(a!.noticeEndsAt.toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(await kinds(u.id)).toContain('star_announced');

    const mine = await c.get('/api/v1/me/stars');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ level: 0, minutes: 120, hours: 2, pending: { level: 2 }, next: { level: 3, hours: 3, remainingHours: 1 } });

    // the public notice: logged out, the name masked without consent to public display
    const board = await t.client().get('/api/v1/stars/announcements?regionCode=140502');
    expect(board.status).toBe(200);
    const entry = board.body.items.find((x: { id: string }) => x.id === a!.id);
    expect(entry).toMatchObject({ name: '周*梅', level: 2, hours: 2 });
    expect(JSON.stringify(board.body)).not.toContain('周红梅');
    expect((await t.client().get('/api/v1/stars/announcements?regionCode=140522')).body.items.map((x: { id: string }) => x.id)).not.toContain(a!.id);

    t.clock.set('2026-12-01T23:59:00+08:00');
    expect((await c.get('/api/v1/me/stars')).body).toMatchObject({ level: 0, pending: { level: 2 } });
    t.clock.set('2026-12-02T00:00:01+08:00');
    const granted = await c.get('/api/v1/me/stars');
    expect(granted.body).toMatchObject({ level: 2, pending: null });
    expect(await stars(u.id)).toMatchObject({ level: 2 });
    expect(await kinds(u.id)).toContain('star_granted');
    expect((await t.client().get('/api/v1/stars/announcements?regionCode=140502')).body.items.map((x: { id: string }) => x.id)).not.toContain(a!.id);

    await correct(c, r.id, 30);
    expect(await stars(u.id)).toMatchObject({ minutes: 30, level: 0 });
    expect(await kinds(u.id)).toContain('star_lowered');
    expect((await c.get('/api/v1/me/stars')).body).toMatchObject({ level: 0, hours: 0.5, pending: null, next: { level: 1, remainingHours: 0.5 } });
    t.clock.set(START);
  });

  it('the sweeper grants levels whose notice has ended; a correction during the notice withdraws it', async () => {
    const one = await member();
    const two = await member();
    t.clock.set('2026-12-02T09:00:00+08:00');
    await retro(one.u, '2026-11-30T09:00:00+08:00', '2026-11-30T10:00:00+08:00');
    const r2 = await retro(two.u, '2026-11-30T09:00:00+08:00', '2026-11-30T10:30:00+08:00');
    await correct(two.c, r2.id, 50);
    const [withdrawn] = await t.app.ctx.db.select().from(starAnnouncements).where(eq(starAnnouncements.userId, two.u.id));
    expect(withdrawn).toMatchObject({ status: 'withdrawn', level: 1 });
    t.clock.set('2026-12-09T12:00:00+08:00');
    expect(await grantDueStars(t.app.ctx)).toBe(0);
    t.clock.set('2026-12-10T00:00:00+08:00');
    expect(await grantDueStars(t.app.ctx)).toBe(1);
    expect(await stars(one.u.id)).toMatchObject({ level: 1, minutes: 60 });
    expect(await stars(two.u.id)).toMatchObject({ level: 0, minutes: 50 });
    expect(await grantDueStars(t.app.ctx)).toBe(0);
    t.clock.set(START);
  });
});

describe('certificates', () => {
  it('a period certificate freezes the facts; its PDF carries the name and hours; anyone verifies it; a correction revokes it', async () => {
    const { u, c } = await member('李秀英');
    const r = await retro(u, '2026-11-21T14:00:00+08:00', '2026-11-21T16:30:00+08:00', '陪伴独居老人聊天');
    const empty = await c.post('/api/v1/me/certificates', { kind: 'period', from: '2026-10-01', to: '2026-10-31' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    const made = await c.post('/api/v1/me/certificates', { kind: 'period', from: '2026-11-01', to: '2026-11-30' });
    expect(made.status).toBe(201);
    expect(made.body.number).toMatch(/^ZYZM-1405-2026-\d{6}$/);
    expect(made.body).toMatchObject({ status: 'valid', kind: 'period' });
    expect(made.body.facts).toMatchObject({ name: '李秀英', idNumberMasked: maskIdNumber(u.idNumber), hours: 2.5, from: '2026-11-01', to: '2026-11-30', units: [expect.any(String)], issuedOn: '2026-11-24' });
    expect(made.body.facts.lines[0]).toMatchObject({ date: '2026-11-21', content: '陪伴独居老人聊天', hours: 2.5 });
    expect(made.body.facts.volunteerNo).toMatch(/^140502\d+/);
    const next = await c.post('/api/v1/me/certificates', { kind: 'period', from: '2026-11-21', to: '2026-11-21' });
    expect(Number(next.body.number.slice(-6))).toBe(Number(made.body.number.slice(-6)) + 1);

    const pdf = await c.get(`/api/v1/me/certificates/${made.body.id}.pdf`);
    expect(pdf.status).toBe(200);
    expect(String(pdf.headers['content-type'])).toContain('application/pdf');
    const text = pdfText(pdf.raw.rawPayload);
    expect(text).toContain('李秀英');
    expect(text).toContain('累计服务时长 2.5 小时');
    expect(text).toContain(made.body.number);
    const other = await member();
    const notMine = await other.c.get(`/api/v1/me/certificates/${made.body.id}.pdf`);
    expect(notMine.status).toBe(404);
    expect(notMine.body.error.code).toBe('NOT_FOUND');

    const code = new URL(made.body.verifyUrl, 'http://x').searchParams.get('code')!;
    const anon = t.client();
    const ok = await anon.get(`/api/v1/certificates/verify/${made.body.number}?code=${code}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ number: made.body.number, status: 'valid', facts: { name: '李*英', hours: 2.5 } });
    const wrong = await anon.get(`/api/v1/certificates/verify/${made.body.number}?code=000000000000`);
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe('NOT_FOUND');

    await correct(c, r.id, 120);
    const revoked = await anon.get(`/api/v1/certificates/verify/${made.body.number}?code=${code}`);
    expect(revoked.body).toMatchObject({ status: 'revoked', facts: { hours: 2.5 } });
    expect(revoked.body.revokedReason).toContain('已更正');
    const rows = await t.app.ctx.db.select().from(certificates).where(eq(certificates.userId, u.id));
    expect(rows.map((x) => x.status)).toEqual(['revoked', 'revoked']);
    expect(await kinds(u.id)).toContain('certificate_revoked');
    // a new certificate counts the corrected hours
    const again = await c.post('/api/v1/me/certificates', { kind: 'period', from: '2026-11-01', to: '2026-11-30' });
    expect(again.body.facts.hours).toBe(2);
    expect(again.body.status).toBe('valid');
    expect((await c.get('/api/v1/me/certificates')).body.total).toBe(3);
  });

  it('a settlement counts the roster\'s hours in its transaction; an activity certificate lists that activity only', async () => {
    const { u, c } = await member('赵一鸣');
    const reviewer = await t.client().login(district.phone);
    const draft = await admin.post('/api/v1/activities', {
      orgId, title: '凤台社区义务理发', category: 'elderly', description: '为社区老人义务理发', regionCode: '140502001001',
      address: '凤台社区党群服务中心', lat: 35.4985, lng: 112.86, startsAt: '2026-11-25T09:00:00+08:00', endsAt: '2026-11-25T12:00:00+08:00', capacity: 5,
    });
    expect(draft.status).toBe(201);
    const id = draft.body.id as string;
    expect((await admin.post(`/api/v1/activities/${id}/submit`)).status).toBe(200);
    expect((await reviewer.post(`/api/v1/activities/${id}/review`, { decision: 'approve' })).body.status).toBe('published');
    expect((await admin.post(`/api/v1/activities/${id}/signups`, { userId: u.id })).status).toBe(201);
    t.clock.set('2026-11-25T13:00:00+08:00');
    const att = await admin.post(`/api/v1/activities/${id}/attendance/manual`, { userId: u.id, checkinAt: '2026-11-25T09:00:00+08:00', checkoutAt: '2026-11-25T12:00:00+08:00', note: '现场登记' });
    expect(att.status).toBe(201);
    const settled = await admin.post(`/api/v1/activities/${id}/settle`, { entries: [{ userId: u.id, decision: 'include', reason: '现场负责人确认' }] });
    expect(settled.status).toBe(200);
    expect(await stars(u.id)).toMatchObject({ minutes: 180, level: 0 });
    const [a] = await t.app.ctx.db.select().from(starAnnouncements).where(eq(starAnnouncements.userId, u.id));
    expect(a).toMatchObject({ level: 3, status: 'pending' });
    await retro(u, '2026-11-23T09:00:00+08:00', '2026-11-23T10:00:00+08:00');
    const cert = await c.post('/api/v1/me/certificates', { kind: 'activity', activityId: id });
    expect(cert.status).toBe(201);
    expect(cert.body.facts).toMatchObject({ hours: 3, from: '2026-11-25', to: '2026-11-25', lines: [{ title: '凤台社区义务理发', hours: 3 }] });
    const none = await c.post('/api/v1/me/certificates', { kind: 'activity', activityId: orgId });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('NOT_FOUND');
  });

  it('the volunteer card is verified the same way and follows the star level', async () => {
    const { u, c } = await member('王建国');
    const card = await c.get('/api/v1/me/volunteer-card');
    expect(card.status).toBe(200);
    expect(card.body.certificate.number).toMatch(/^ZYZ-1405-2026-\d{6}$/);
    expect(card.body.certificate.facts).toMatchObject({ name: '王建国', starLevel: 0 });
    expect((await c.get('/api/v1/me/volunteer-card')).body.certificate.id).toBe(card.body.certificate.id);
    const url = new URL(card.body.qrPayload, 'http://x');
    const seen = await t.client().get(`/api/v1/certificates/verify/${url.pathname.split('/').pop()}?code=${url.searchParams.get('code')}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ kind: 'card', status: 'valid', facts: { name: '王*国' } });
    await retro(u, '2026-11-22T09:00:00+08:00', '2026-11-22T10:10:00+08:00');
    t.clock.set('2026-12-02T00:00:01+08:00');
    await grantDueStars(t.app.ctx);
    const renewed = await c.get('/api/v1/me/volunteer-card');
    expect(renewed.body.certificate.facts.starLevel).toBe(1);
    expect(renewed.body.certificate.id).not.toBe(card.body.certificate.id);
    const [old] = await t.app.ctx.db.select().from(certificates).where(eq(certificates.id, card.body.certificate.id));
    expect(old!.status).toBe('revoked');
    t.clock.set(START);
  });

  it('rebuilding every volunteer\'s hours from the records gives what the changing transactions kept', async () => {
    const kept = await t.app.ctx.db.select({ userId: volunteerStars.userId, minutes: volunteerStars.minutes }).from(volunteerStars).orderBy(volunteerStars.userId);
    expect(kept.length).toBeGreaterThan(3);
    await t.app.ctx.db.update(volunteerStars).set({ minutes: 99_999 }).where(eq(volunteerStars.userId, kept[0]!.userId));
    expect(await rebuildStarHours(t.app.ctx)).toBe(kept.filter((k) => k.minutes > 0).length);
    expect(await t.app.ctx.db.select({ userId: volunteerStars.userId, minutes: volunteerStars.minutes }).from(volunteerStars).orderBy(volunteerStars.userId)).toEqual(kept);
  });

  it('verification is rate-limited per address', async () => {
    const anon = t.client();
    let last = 0;
    for (let i = 0; i < 32; i++) last = (await anon.get('/api/v1/certificates/verify/ZYZM-1405-2026-999999?code=abc')).status;
    expect(last).toBe(429);
  });
});
