import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { activities, attendance, auditLog, notifications, organizations, serviceRecords } from '../../db/schema/index';
import { balances } from '../ledger/index';
import { autoCloseAttendance } from './index';

/**
 * Issue 10, points 7 and 9: nobody approves, settles or records anything that benefits
 * themselves (403 SELF_BENEFIT, with the reason); flagged attendance needs an explicit decision
 * at settlement, and an organiser's override of minutes is marked on the record.
 */
let t: TestApp;
let city: MadeUser;
let district: MadeUser;
let organiser: MadeUser;
let coAdmin: MadeUser;
let orgId: string;
let org: TestClient;
let co: TestClient;
let dist: TestClient;

const SITE = { lat: 35.4985, lng: 112.86 };

// the test clock starts at 2026-11-24 09:00 Beijing
beforeAll(async () => {
  t = await buildTestApp();
  city = await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  organiser = await makeUser(t, { name: '陈志强' });
  orgId = (await makeOrg(t, organiser, { approvedBy: district })).id;
  coAdmin = await makeUser(t, { name: '王秀英', grants: [{ role: 'org_admin', orgId }] });
  org = await t.client().login(organiser.phone);
  co = await t.client().login(coAdmin.phone);
  dist = await t.client().login(district.phone);
});
afterAll(async () => t.close());

function expectSelfBenefit(r: { status: number; body: any }) {
  expect(r.status).toBe(403);
  expect(r.body.error.code).toBe('SELF_BENEFIT');
  expect(r.body.error.message).toMatch(/ \/ /);
  expect(r.body.error.details.reason).toBeTruthy();
}

async function published(client: TestClient, reviewer: TestClient, over: Record<string, unknown> = {}): Promise<string> {
  const c = await client.post('/api/v1/activities', {
    orgId,
    title: '凤台社区义务理发',
    category: 'elderly',
    description: '为社区老人义务理发',
    regionCode: '140502001001',
    address: '凤台社区党群服务中心',
    ...SITE,
    startsAt: '2026-11-25T09:00:00+08:00',
    endsAt: '2026-11-25T11:00:00+08:00',
    capacity: 10,
    ...over,
  });
  expect(c.status).toBe(201);
  expect((await client.post(`/api/v1/activities/${c.body.id}/submit`)).status).toBe(200);
  const r = await reviewer.post(`/api/v1/activities/${c.body.id}/review`, { decision: 'approve' });
  expect(r.status).toBe(200);
  return c.body.id;
}

async function tokenOf(id: string): Promise<string> {
  return (await org.get(`/api/v1/activities/${id}/checkin-code`)).body.token;
}

describe('four eyes: reviews', () => {
  it('a region admin cannot review the organisation they applied for; the parent region does', async () => {
    const r = await dist.post('/api/v1/orgs', { name: '东街街道巾帼志愿服务队', type: 'community_team', regionCode: '140502' });
    expect(r.status).toBe(201);
    const self = await dist.post(`/api/v1/orgs/${r.body.id}/review`, { decision: 'approve' });
    expectSelfBenefit(self);
    const [row] = await t.app.ctx.db.select().from(organizations).where(eq(organizations.id, r.body.id));
    expect(row!.status).toBe('pending');
    const parent = await (await t.client().login(city.phone)).post(`/api/v1/orgs/${r.body.id}/review`, { decision: 'approve' });
    expect(parent.status).toBe(200);
    expect(parent.body.status).toBe('active');
    // suspended by the city, it is not reinstated by its own applicant either
    const cityClient = await t.client().login(city.phone);
    expect((await cityClient.post(`/api/v1/orgs/${r.body.id}/state`, { action: 'suspend', reason: '年检未通过' })).status).toBe(200);
    expectSelfBenefit(await dist.post(`/api/v1/orgs/${r.body.id}/state`, { action: 'reinstate', reason: '已整改' }));
    const [still] = await t.app.ctx.db.select().from(organizations).where(eq(organizations.id, r.body.id));
    expect(still!.status).toBe('suspended');
    expect((await cityClient.post(`/api/v1/orgs/${r.body.id}/state`, { action: 'reinstate', reason: '已整改' })).body.status).toBe('active');
  });

  it('a region admin who runs the organisation cannot publish its activity (single or batch); another region admin can', async () => {
    // the district admin is also an admin of the organisation
    expect((await org.post('/api/v1/grants', { userId: district.id, role: 'org_admin', orgId })).status).toBeLessThan(300);
    const d2 = await t.client().login(district.phone);
    const c = await org.post('/api/v1/activities', { orgId, title: '敬老院探访', category: 'elderly', description: '陪伴老人', regionCode: '140502001001', address: '城区敬老院', ...SITE, startsAt: '2026-11-26T09:00:00+08:00', endsAt: '2026-11-26T10:00:00+08:00', capacity: 5 });
    expect((await org.post(`/api/v1/activities/${c.body.id}/submit`)).status).toBe(200);
    expectSelfBenefit(await d2.post(`/api/v1/activities/${c.body.id}/review`, { decision: 'approve' }));
    const batch = await d2.post('/api/v1/activities/review-batch', { ids: [c.body.id], decision: 'approve' });
    expect(batch.body).toMatchObject({ approved: 0, results: [{ id: c.body.id, ok: false, code: 'SELF_BENEFIT' }] });
    const [row] = await t.app.ctx.db.select().from(activities).where(eq(activities.id, c.body.id));
    expect(row!.status).toBe('pending_review');
    const cityClient = await t.client().login(city.phone);
    expect((await cityClient.post(`/api/v1/activities/${c.body.id}/review`, { decision: 'approve' })).body.status).toBe('published');
  });
});

describe('four eyes: attendance, settlement, 补录', () => {
  it('an organiser cannot record their own attendance by hand', async () => {
    const id = await published(org, await t.client().login(city.phone), { startsAt: '2026-11-27T09:00:00+08:00', endsAt: '2026-11-27T11:00:00+08:00' });
    expect((await org.post(`/api/v1/activities/${id}/signups`)).status).toBe(201);
    const r = await org.post(`/api/v1/activities/${id}/attendance/manual`, { userId: organiser.id, checkinAt: '2026-11-27T09:00:00+08:00', checkoutAt: '2026-11-27T11:00:00+08:00', note: '本人现场服务' });
    expectSelfBenefit(r);
    const rows = await t.app.ctx.db.select().from(attendance).where(and(eq(attendance.activityId, id), eq(attendance.userId, organiser.id)));
    expect(rows).toHaveLength(0);
  });

  it('settling skips the settler’s own attendance and lists it; another staff member settles it; only then is the activity settled', async () => {
    const id = await published(org, await t.client().login(city.phone), { startsAt: '2026-11-28T09:00:00+08:00', endsAt: '2026-11-28T11:00:00+08:00' });
    const v = await makeUser(t);
    const vc = await t.client().login(v.phone);
    expect((await vc.post(`/api/v1/activities/${id}/signups`)).status).toBe(201);
    expect((await org.post(`/api/v1/activities/${id}/signups`)).status).toBe(201);
    t.clock.set('2026-11-28T08:55:00+08:00');
    const tk = await tokenOf(id);
    expect((await vc.post(`/api/v1/activities/${id}/checkin`, { token: tk, ...SITE })).status).toBe(201);
    expect((await org.post(`/api/v1/activities/${id}/checkin`, { token: tk, ...SITE })).status).toBe(201);
    t.clock.set('2026-11-28T11:05:00+08:00');
    const tk2 = await tokenOf(id);
    expect((await vc.post(`/api/v1/activities/${id}/checkout`, { token: tk2, ...SITE })).status).toBe(200);
    expect((await org.post(`/api/v1/activities/${id}/checkout`, { token: tk2, ...SITE })).status).toBe(200);

    const s = await org.post(`/api/v1/activities/${id}/settle`, { entries: [{ userId: organiser.id, minutes: 120, reason: '全程负责' }, { userId: v.id }] });
    expect(s.status).toBe(200);
    expect(s.body.records.map((r: { volunteerId: string }) => r.volunteerId)).toEqual([v.id]);
    expect(s.body.skipped).toEqual([{ userId: organiser.id, reason: 'self_benefit', message: expect.stringMatching(/ \/ /) }]);
    expect(await t.app.ctx.db.select().from(serviceRecords).where(and(eq(serviceRecords.activityId, id), eq(serviceRecords.volunteerId, organiser.id)))).toHaveLength(0);
    expect(await balances(t.app.ctx.db, organiser.id)).toEqual({ points: 0, time: 0 });
    const [half] = await t.app.ctx.db.select().from(activities).where(eq(activities.id, id));
    expect(half!.settledAt).toBeNull();
    // the other admin of the organisation settles the organiser's hours
    const other = await co.post(`/api/v1/activities/${id}/settle`, { entries: [{ userId: organiser.id }] });
    expect(other.status).toBe(200);
    expect(other.body.records[0]).toMatchObject({ volunteerId: organiser.id, minutes: 120, creditedMinutes: 120, minutesOverridden: false });
    expect(other.body.skipped).toEqual([]);
    const [done] = await t.app.ctx.db.select().from(activities).where(eq(activities.id, id));
    expect(done!.settledAt).not.toBeNull();
    t.clock.set('2026-11-24T09:00:00+08:00');
  });

  it('no 补录 for oneself, and nobody answers their own dispute', async () => {
    expect((await org.post(`/api/v1/orgs/${orgId}/members`, { userId: coAdmin.id })).status).toBeLessThan(300);
    const self = await co.post('/api/v1/service-records', { volunteerId: coAdmin.id, orgId, startedAt: '2026-11-20T09:00:00+08:00', endedAt: '2026-11-20T10:00:00+08:00', content: '整理档案', evidenceNote: '值班记录本' });
    expectSelfBenefit(self);
    expect(await t.app.ctx.db.select().from(serviceRecords).where(eq(serviceRecords.volunteerId, coAdmin.id))).toHaveLength(0);
    // recorded by the organiser instead, disputed by the co-admin, who cannot answer it
    const r = await org.post('/api/v1/service-records', { volunteerId: coAdmin.id, orgId, startedAt: '2026-11-20T09:00:00+08:00', endedAt: '2026-11-20T10:00:00+08:00', content: '整理档案', evidenceNote: '值班记录本' });
    expect(r.status).toBe(201);
    const d = await co.post(`/api/v1/service-records/${r.body.serviceRecord.id}/disputes`, { reason: '实际服务两小时' });
    expect(d.status).toBe(201);
    expectSelfBenefit(await co.post(`/api/v1/disputes/${d.body.id}/answer`, { decision: 'correct', answer: '按两小时更正', minutes: 120 }));
    const [rec] = await t.app.ctx.db.select().from(serviceRecords).where(eq(serviceRecords.id, r.body.serviceRecord.id));
    expect(rec!.status).toBe('disputed');
    expect(await balances(t.app.ctx.db, coAdmin.id)).toEqual({ points: 10, time: 60 });
  });
});

describe('evidence at settlement', () => {
  it('attendance without location, outside the fence or closed automatically is flagged and needs include/exclude; an override is marked with the measured minutes kept', async () => {
    const id = await published(org, await t.client().login(city.phone), { allowOutsideFence: true, startsAt: '2026-11-29T09:00:00+08:00', endsAt: '2026-11-29T11:00:00+08:00' });
    const people = await Promise.all([0, 1, 2, 3].map(async () => {
      const u = await makeUser(t);
      const c = await t.client().login(u.phone);
      expect((await c.post(`/api/v1/activities/${id}/signups`)).status).toBe(201);
      return { u, c };
    }));
    const [clean, noLoc, outside, forgot] = people as [typeof people[0], typeof people[0], typeof people[0], typeof people[0]];
    t.clock.set('2026-11-29T09:00:00+08:00');
    const tk = await tokenOf(id);
    await clean.c.post(`/api/v1/activities/${id}/checkin`, { token: tk, ...SITE });
    await noLoc.c.post(`/api/v1/activities/${id}/checkin`, { token: tk });
    await outside.c.post(`/api/v1/activities/${id}/checkin`, { token: tk, lat: 35.52, lng: 112.86 });
    await forgot.c.post(`/api/v1/activities/${id}/checkin`, { token: tk, ...SITE });
    t.clock.set('2026-11-29T10:30:00+08:00');
    const tk2 = await tokenOf(id);
    for (const p of [clean, noLoc, outside]) expect((await p.c.post(`/api/v1/activities/${id}/checkout`, { token: tk2, ...SITE })).status).toBe(200);
    t.clock.set('2026-11-29T13:30:00+08:00');
    await autoCloseAttendance(t.app.ctx);
    org = await t.client().login(organiser.phone);

    const roster = await org.get(`/api/v1/activities/${id}/attendance`);
    const flagsOf = (uid: string) => roster.body.items.find((x: { userId: string }) => x.userId === uid).attendance.settleFlags;
    expect(flagsOf(clean.u.id)).toEqual([]);
    expect(flagsOf(noLoc.u.id)).toEqual(['no_location']);
    expect(flagsOf(outside.u.id)).toEqual(['outside_fence']);
    expect(flagsOf(forgot.u.id)).toEqual(['auto_closed']);

    const all = [clean, noLoc, outside, forgot].map((p) => ({ userId: p.u.id }));
    const undecided = await org.post(`/api/v1/activities/${id}/settle`, { entries: all });
    expect(undecided.status).toBe(409);
    expect(undecided.body.error.code).toBe('INVALID_STATE');
    expect(undecided.body.error.details.reason).toBe('undecided_flags');
    expect(undecided.body.error.details.undecided).toEqual([
      { userId: noLoc.u.id, flags: ['no_location'] },
      { userId: outside.u.id, flags: ['outside_fence'] },
      { userId: forgot.u.id, flags: ['auto_closed'] },
    ]);
    expect(await t.app.ctx.db.select().from(serviceRecords).where(eq(serviceRecords.activityId, id))).toHaveLength(0);

    const noReason = await org.post(`/api/v1/activities/${id}/settle`, { entries: [{ userId: outside.u.id, decision: 'exclude' }] });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.fields['entries.0.reason']).toBeDefined();

    const s = await org.post(`/api/v1/activities/${id}/settle`, {
      entries: [
        { userId: clean.u.id, minutes: 60, reason: '中途离开半小时' },
        { userId: noLoc.u.id, decision: 'include', reason: '负责人现场见到' },
        { userId: outside.u.id, decision: 'exclude', reason: '签到地点在两公里外，未到现场' },
        { userId: forgot.u.id, decision: 'include', minutes: 90, reason: '忘记签退，按实际离开时间' },
      ],
    });
    expect(s.status).toBe(200);
    const byUser = new Map(s.body.records.map((r: { volunteerId: string }) => [r.volunteerId, r]));
    expect(byUser.get(clean.u.id)).toMatchObject({ minutes: 60, minutesOverridden: true, originalMinutes: 90, adjustmentReason: '中途离开半小时' });
    expect(byUser.get(noLoc.u.id)).toMatchObject({ minutes: 90, minutesOverridden: false, originalMinutes: null });
    expect(byUser.get(forgot.u.id)).toMatchObject({ minutes: 90, minutesOverridden: true, originalMinutes: 120 });
    expect(byUser.has(outside.u.id)).toBe(false);
    expect(s.body.excluded).toEqual([{ userId: outside.u.id, reason: '签到地点在两公里外，未到现场' }]);
    expect(await balances(t.app.ctx.db, outside.u.id)).toEqual({ points: 0, time: 0 });
    const [ex] = await t.app.ctx.db.select().from(attendance).where(and(eq(attendance.activityId, id), eq(attendance.userId, outside.u.id)));
    expect(ex).toMatchObject({ settleDecision: 'exclude', settleDecidedBy: organiser.id });
    const [inc] = await t.app.ctx.db.select().from(attendance).where(and(eq(attendance.activityId, id), eq(attendance.userId, noLoc.u.id)));
    expect(inc!.settleDecision).toBe('include');
    const told = await t.app.ctx.db.select().from(notifications).where(and(eq(notifications.userId, outside.u.id), eq(notifications.kind, 'attendance_excluded')));
    expect(told).toHaveLength(1);
    const audit = await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'activity.settle.exclude'), eq(auditLog.onBehalfOf, outside.u.id)));
    expect(audit).toHaveLength(1);
    const [act] = await t.app.ctx.db.select().from(activities).where(eq(activities.id, id));
    expect(act!.settledAt).not.toBeNull();
    // a repeat of the same settlement credits nobody again and answers the decisions made
    const again = await org.post(`/api/v1/activities/${id}/settle`, { entries: all });
    expect(again.status).toBe(200);
    expect(again.body.records).toHaveLength(3);
    expect(again.body.excluded).toEqual([{ userId: outside.u.id, reason: '签到地点在两公里外，未到现场' }]);
    expect(await balances(t.app.ctx.db, noLoc.u.id)).toEqual({ points: 15, time: 90 });
    const [stored] = await t.app.ctx.db.select().from(serviceRecords).where(and(eq(serviceRecords.activityId, id), eq(serviceRecords.volunteerId, clean.u.id)));
    expect(stored).toMatchObject({ minutes: 60, minutesOverridden: true, originalMinutes: 90 });
    t.clock.set('2026-11-24T09:00:00+08:00');
  });
});
