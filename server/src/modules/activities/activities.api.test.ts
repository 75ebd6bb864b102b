import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { activities, attendance, auditLog, notifications, serviceRecords, signups } from '../../db/schema/index';
import { balances } from '../ledger/index';
import { autoCloseAttendance } from './index';

let t: TestApp;
let district: MadeUser;
let yangcheng: MadeUser;
let orgAdmin: MadeUser;
let orgId: string;
let admin: TestClient;
let reviewer: TestClient;

const SITE = { lat: 35.4985, lng: 112.86 };
// the test clock starts at 2026-11-24 09:00 Beijing; activities run the next morning
const START = '2026-11-25T09:00:00+08:00';
const END = '2026-11-25T11:20:00+08:00'; // 2 h 20 min, the seed's night trip

beforeAll(async () => {
  t = await buildTestApp();
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  yangcheng = await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
  orgAdmin = await makeUser(t, { name: '陈志强' });
  orgId = (await makeOrg(t, orgAdmin, { approvedBy: district })).id;
  admin = await t.client().login(orgAdmin.phone);
  reviewer = await t.client().login(district.phone);
});
afterAll(async () => t.close());

function draft(over: Record<string, unknown> = {}) {
  return {
    orgId,
    title: '凤台社区义务理发',
    category: 'elderly',
    description: '为社区老人义务理发',
    regionCode: '140502001001',
    address: '凤台社区党群服务中心',
    ...SITE,
    startsAt: START,
    endsAt: END,
    capacity: 2,
    ...over,
  };
}

async function published(over: Record<string, unknown> = {}): Promise<string> {
  const c = await admin.post('/api/v1/activities', draft(over));
  expect(c.status).toBe(201);
  expect((await admin.post(`/api/v1/activities/${c.body.id}/submit`)).status).toBe(200);
  const r = await reviewer.post(`/api/v1/activities/${c.body.id}/review`, { decision: 'approve' });
  expect(r.body.status).toBe('published');
  return c.body.id;
}

async function volunteer(): Promise<{ u: MadeUser; c: TestClient }> {
  const u = await makeUser(t);
  return { u, c: await t.client().login(u.phone) };
}

async function token(activityId: string): Promise<string> {
  const r = await admin.get(`/api/v1/activities/${activityId}/checkin-code`);
  expect(r.status).toBe(200);
  return r.body.token;
}

describe('publish and review', () => {
  it('draft → submitted → rejected with a reason → edited → resubmitted → published; audited; the organiser is told', async () => {
    const c = await admin.post('/api/v1/activities', draft());
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ status: 'draft', settleDeadline: '2026-12-09' });
    const id = c.body.id;
    expect((await t.client().get(`/api/v1/activities/${id}`)).status).toBe(404);
    expect((await reviewer.post(`/api/v1/activities/${id}/review`, { decision: 'approve' })).body.error.code).toBe('INVALID_STATE');
    expect((await admin.post(`/api/v1/activities/${id}/submit`)).body.status).toBe('pending_review');
    const queue = await reviewer.get('/api/v1/activities?status=pending_review');
    expect(queue.body.items.map((a: { id: string }) => a.id)).toContain(id);
    const outsider = await (await t.client().login(yangcheng.phone)).post(`/api/v1/activities/${id}/review`, { decision: 'approve' });
    expect(outsider.status).toBe(403);
    expect((await reviewer.post(`/api/v1/activities/${id}/review`, { decision: 'reject' })).body.error.details.fields.reason).toBeDefined();
    const rejected = await reviewer.post(`/api/v1/activities/${id}/review`, { decision: 'reject', reason: '请补充活动地点' });
    expect(rejected.body).toMatchObject({ status: 'rejected', reviewReason: '请补充活动地点' });
    expect((await admin.patch(`/api/v1/activities/${id}`, { address: '凤台社区党群服务中心二楼' })).status).toBe(200);
    expect((await admin.post(`/api/v1/activities/${id}/submit`)).body.status).toBe('pending_review');
    expect((await reviewer.post(`/api/v1/activities/${id}/review`, { decision: 'approve' })).body.status).toBe('published');
    const actions = (await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['activity.review.reject', 'activity.review.approve']));
    const inbox = await t.app.ctx.db.select().from(notifications).where(and(eq(notifications.userId, orgAdmin.id), eq(notifications.kind, 'activity_reviewed')));
    expect(inbox.length).toBeGreaterThanOrEqual(2);
    const pub = await t.client().get(`/api/v1/activities?regionCode=140502`);
    expect(pub.body.items.map((a: { id: string }) => a.id)).toContain(id);
  });

  it('a risky activity without insurance cannot be published (art. 17)', async () => {
    const c = await admin.post('/api/v1/activities', draft({ isRisky: true, risks: '登高作业' }));
    const r = await admin.post(`/api/v1/activities/${c.body.id}/submit`);
    expect(r.status).toBe(400);
    expect(r.body.error.details.fields.insured).toBeDefined();
    const [row] = await t.app.ctx.db.select().from(activities).where(eq(activities.id, c.body.id));
    expect(row!.status).toBe('draft');
  });

  it('a weekly series creates its occurrences; batch approval approves each', async () => {
    const c = await admin.post('/api/v1/activities', draft({ title: '每周六便民服务', startsAt: '2026-11-28T09:00:00+08:00', endsAt: '2026-11-28T11:00:00+08:00', repeatWeeklyUntil: '2026-12-19T23:59:00+08:00' }));
    expect(c.body.occurrences).toBe(4);
    const series = await t.app.ctx.db.select().from(activities).where(eq(activities.seriesId, c.body.seriesId));
    expect(series.map((a) => a.startsAt.toISOString()).sort()).toEqual(['2026-11-28T01:00:00.000Z', '2026-12-05T01:00:00.000Z', '2026-12-12T01:00:00.000Z', '2026-12-19T01:00:00.000Z']);
    for (const a of series) await admin.post(`/api/v1/activities/${a.id}/submit`);
    const r = await reviewer.post('/api/v1/activities/review-batch', { ids: series.map((a) => a.id), decision: 'approve' });
    expect(r.body.approved).toBe(4);
  });

  it('a time in year 1 or 9999 is refused with the field named, nothing written (activities and requests)', async () => {
    const before = (await t.app.ctx.db.select().from(activities)).length;
    for (const bad of [{ startsAt: '0001-01-01T09:00:00Z', endsAt: '0001-01-01T11:00:00Z' }, { endsAt: '9999-12-31T11:00:00Z' }]) {
      const r = await admin.post('/api/v1/activities', draft(bad));
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(r.body.error.details.fields)).toEqual(expect.arrayContaining([Object.keys(bad).at(-1)]));
    }
    expect((await t.app.ctx.db.select().from(activities)).length).toBe(before);
    const v = await volunteer();
    const req = await v.c.post('/api/v1/service-requests', { category: 'elderly', description: '帮忙打扫', regionCode: '140502001001', address: '凤台社区', preferredFrom: '0001-01-01T00:00:00Z' });
    expect(req.status).toBe(400);
    expect(req.body.error.details.fields.preferredFrom).toBeDefined();
  });

  it('only the organisation’s admins draft its activities', async () => {
    const { c } = await volunteer();
    const r = await c.post('/api/v1/activities', draft());
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
  });
});

describe('sign-up and the waitlist', () => {
  it('confirms up to capacity, then waitlists; a cancellation promotes the first waitlisted, who is told', async () => {
    const id = await published();
    const [a, b, w1, w2] = [await volunteer(), await volunteer(), await volunteer(), await volunteer()];
    expect((await a.c.post(`/api/v1/activities/${id}/signups`)).body.status).toBe('confirmed');
    expect((await b.c.post(`/api/v1/activities/${id}/signups`)).body.status).toBe('confirmed');
    const wl = await w1.c.post(`/api/v1/activities/${id}/signups`);
    expect(wl.status).toBe(201);
    expect(wl.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await w2.c.post(`/api/v1/activities/${id}/signups`)).body.waitlistPosition).toBe(2);
    const dup = await a.c.post(`/api/v1/activities/${id}/signups`);
    expect(dup.status).toBe(409);
    expect((await a.c.delete(`/api/v1/activities/${id}/signups/me`)).status).toBe(204);
    const rows = await t.app.ctx.db.select().from(signups).where(eq(signups.activityId, id));
    expect(rows.find((s) => s.userId === w1.u.id)!.status).toBe('confirmed');
    expect(rows.find((s) => s.userId === w2.u.id)!.status).toBe('waitlisted');
    const [act] = await t.app.ctx.db.select().from(activities).where(eq(activities.id, id));
    expect(act!.confirmedCount).toBe(2);
    const told = await w1.c.get('/api/v1/me/notifications');
    expect(told.body.items.map((n: { kind: string }) => n.kind)).toContain('waitlist_promoted');
    expect((await a.c.delete(`/api/v1/activities/${id}/signups/me`)).body.error.code).toBe('NOT_SIGNED_UP');
  });

  it('refuses unpublished activities, overlapping sign-ups, ineligible ages and late cancellations, saying why', async () => {
    const d = await admin.post('/api/v1/activities', draft());
    const { u, c } = await volunteer();
    const r1 = await c.post(`/api/v1/activities/${d.body.id}/signups`);
    expect(r1.status).toBe(409);
    expect(r1.body.error.code).toBe('INVALID_STATE');
    const first = await published({ capacity: 10 });
    const second = await published({ capacity: 10, title: '同时段另一活动', startsAt: '2026-11-25T10:00:00+08:00', endsAt: '2026-11-25T12:00:00+08:00' });
    expect((await c.post(`/api/v1/activities/${first}/signups`)).status).toBe(201);
    const clash = await c.post(`/api/v1/activities/${second}/signups`);
    expect(clash.status).toBe(409);
    expect(clash.body.error.details).toMatchObject({ reason: 'overlap', activityId: first });
    const young = await published({ capacity: 10, minAge: 60, startsAt: '2026-11-26T09:00:00+08:00', endsAt: '2026-11-26T10:00:00+08:00' });
    const tooYoung = await c.post(`/api/v1/activities/${young}/signups`);
    expect(tooYoung.body.error.details).toMatchObject({ reason: 'not_eligible', minAge: 60 });
    t.clock.set('2026-11-25T08:00:00+08:00'); // 1 h before: the 2 h cancellation deadline has passed
    const late = await c.delete(`/api/v1/activities/${first}/signups/me`);
    expect(late.status).toBe(409);
    expect(late.body.error.details.reason).toBe('cancel_deadline');
    t.clock.set('2026-11-24T09:00:00+08:00');
    void u;
  });

  it('twenty people signing up at once for five places: five confirmed, fifteen waitlisted, the head count exact', async () => {
    const id = await published({ capacity: 5, title: '抢报名活动' });
    const people = await Promise.all(Array.from({ length: 20 }, () => volunteer()));
    const answers = await Promise.all(people.map(({ c }) => c.post(`/api/v1/activities/${id}/signups`, {})));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(answers.filter((r) => r.body.status === 'confirmed')).toHaveLength(5);
    const rows = await t.app.ctx.db.select().from(signups).where(eq(signups.activityId, id));
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(5);
    expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(15);
    const [a] = await t.app.ctx.db.select().from(activities).where(eq(activities.id, id));
    expect(a!.confirmedCount).toBe(5);
    const again = await people[0]!.c.post(`/api/v1/activities/${id}/signups`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    const [after] = await t.app.ctx.db.select().from(activities).where(eq(activities.id, id));
    expect(after!.confirmedCount).toBe(5);
  });

  it('an org admin signs up a member, audited as on behalf; not a stranger', async () => {
    const id = await published({ capacity: 5, startsAt: '2026-11-27T09:00:00+08:00', endsAt: '2026-11-27T10:00:00+08:00' });
    const member = await makeUser(t);
    await admin.post(`/api/v1/orgs/${orgId}/members`, { userId: member.id });
    const r = await admin.post(`/api/v1/activities/${id}/signups`, { userId: member.id });
    expect(r.status).toBe(201);
    expect(r.body.onBehalf).toBe(true);
    const stranger = await makeUser(t);
    expect((await admin.post(`/api/v1/activities/${id}/signups`, { userId: stranger.id })).status).toBe(403);
  });
});

describe('check-in, check-out, hours and the time bank', () => {
  it('runs the whole path: rotating token, geofence, repeat scan, check-out, settle once, record and credit (140 min → 25 points)', async () => {
    const id = await published({ capacity: 5, startsAt: '2026-11-30T09:00:00+08:00', endsAt: '2026-11-30T11:20:00+08:00' });
    const { u, c } = await volunteer();
    const far = await volunteer();
    const noLoc = await volunteer();
    const waitOnly = await volunteer();
    for (const v of [c, far.c, noLoc.c]) expect((await v.post(`/api/v1/activities/${id}/signups`)).status).toBe(201);
    t.clock.set('2026-11-30T08:00:00+08:00');
    const early = await c.post(`/api/v1/activities/${id}/checkin`, { token: await token(id), ...SITE });
    expect(early.body.error.details.reason).toBe('not_open');
    t.clock.set('2026-11-30T08:55:00+08:00');
    const tk = await token(id);
    const first = await c.post(`/api/v1/activities/${id}/checkin`, { token: tk, lat: 35.4987, lng: 112.8601 });
    expect(first.status).toBe(201);
    expect(first.body.attendance.flags).toEqual([]);
    const again = await c.post(`/api/v1/activities/${id}/checkin`, { token: tk, ...SITE });
    expect(again.status).toBe(200);
    expect(again.body.attendance.id).toBe(first.body.attendance.id);
    // 1.1 km away: refused with the distance
    const out = await far.c.post(`/api/v1/activities/${id}/checkin`, { token: tk, lat: 35.5085, lng: 112.86 });
    expect(out.status).toBe(422);
    expect(out.body.error.code).toBe('OUTSIDE_GEOFENCE');
    expect(out.body.error.details).toMatchObject({ radiusMeters: 500 });
    expect(out.body.error.details.distanceMeters).toBeGreaterThan(1000);
    // no location: accepted and flagged
    const nl = await noLoc.c.post(`/api/v1/activities/${id}/checkin`, { token: tk });
    expect(nl.status).toBe(201);
    expect(nl.body.attendance.flags).toEqual(['no_location']);
    const notSigned = await waitOnly.c.post(`/api/v1/activities/${id}/checkin`, { token: tk, ...SITE });
    expect(notSigned.status).toBe(422);
    expect(notSigned.body.error.code).toBe('NOT_SIGNED_UP');
    // the token rotates: two windows later it is refused
    t.clock.advanceMinutes(3);
    const stale = await far.c.post(`/api/v1/activities/${id}/checkin`, { token: tk, ...SITE });
    expect(stale.status).toBe(422);
    expect(stale.body.error.code).toBe('CHECKIN_CODE_EXPIRED');
    const forged = await far.c.post(`/api/v1/activities/${id}/checkin`, { token: `${tk.split('.')[0]}.AAAAAAAAAAAAAAAAAAAAAA`, ...SITE });
    expect(forged.body.error.code).toBe('CHECKIN_CODE_EXPIRED');

    t.clock.set('2026-11-30T11:30:00+08:00');
    const co = await c.post(`/api/v1/activities/${id}/checkout`, { token: await token(id), ...SITE });
    expect(co.status).toBe(200);
    expect(co.body.attendance.minutes).toBe(140); // clipped to 09:00–11:20
    const roster = await admin.get(`/api/v1/activities/${id}/attendance`);
    expect(roster.body.items).toHaveLength(3);
    expect(roster.body.settleDeadline).toBe('2026-12-14');

    const settled = await admin.post(`/api/v1/activities/${id}/settle`, { entries: [{ userId: u.id }] });
    expect(settled.status).toBe(200);
    expect(settled.body.records[0]).toMatchObject({ minutes: 140, creditedMinutes: 140, points: 25, kind: 'activity', activityTitle: '凤台社区义务理发', place: '凤台社区党群服务中心', personInCharge: '陈志强', serviceDate: '2026-11-30' });
    expect(await balances(t.app.ctx.db, u.id)).toEqual({ points: 25, time: 140 });
    const twice = await admin.post(`/api/v1/activities/${id}/settle`, { entries: [{ userId: u.id }] });
    expect(twice.body.records[0].id).toBe(settled.body.records[0].id);
    expect(await balances(t.app.ctx.db, u.id)).toEqual({ points: 25, time: 140 });
    const recs = await t.app.ctx.db.select().from(serviceRecords).where(eq(serviceRecords.volunteerId, u.id));
    expect(recs).toHaveLength(1);
    const mine = await c.get('/api/v1/me/service-records');
    expect(mine.body.items[0].points).toBe(25);
    const inbox = await c.get('/api/v1/me/notifications');
    expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain('service_credited');
    // the no-location volunteer never checked out: an adjustment needs minutes and a reason
    // (checked in without a location: flagged, settled only on an explicit decision)
    const open = await admin.post(`/api/v1/activities/${id}/settle`, { entries: [{ userId: noLoc.u.id, decision: 'include' }] });
    expect(open.status).toBe(400);
    expect(open.body.error.details.fields['entries.0.minutes']).toBeDefined();
    const tooMuch = await admin.post(`/api/v1/activities/${id}/settle`, { entries: [{ userId: noLoc.u.id, minutes: 200, reason: '现场确认', decision: 'include' }] });
    expect(tooMuch.body.error.details.fields['entries.0.minutes']).toContain('140');
    const adjusted = await admin.post(`/api/v1/activities/${id}/settle`, { entries: [{ userId: noLoc.u.id, minutes: 120, reason: '现场负责人确认服务两小时', decision: 'include' }] });
    expect(adjusted.body.records[0]).toMatchObject({ minutes: 120, adjustmentReason: '现场负责人确认服务两小时', minutesOverridden: true, originalMinutes: null });
    const audit = await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'activity.settle.adjust'), eq(auditLog.onBehalfOf, noLoc.u.id)));
    expect(audit).toHaveLength(1);
    const [act] = await t.app.ctx.db.select().from(activities).where(eq(activities.id, id));
    expect(act!.settledAt).not.toBeNull();
  });

  it('outside the fence is accepted and flagged where the activity allows it; open attendance is closed at the end and flagged', async () => {
    const id = await published({ capacity: 5, allowOutsideFence: true, startsAt: '2026-12-01T09:00:00+08:00', endsAt: '2026-12-01T10:00:00+08:00' });
    const { u, c } = await volunteer();
    await c.post(`/api/v1/activities/${id}/signups`);
    t.clock.set('2026-12-01T09:05:00+08:00');
    const r = await c.post(`/api/v1/activities/${id}/checkin`, { token: await token(id), lat: 35.52, lng: 112.86 });
    expect(r.status).toBe(201);
    expect(r.body.attendance.flags).toEqual(['outside_fence']);
    t.clock.set('2026-12-01T12:30:00+08:00');
    const late = await c.post(`/api/v1/activities/${id}/checkout`, { token: await token(id), ...SITE });
    expect(late.body.error.details.reason).toBe('closed');
    expect(await autoCloseAttendance(t.app.ctx)).toBeGreaterThanOrEqual(1);
    const [row] = await t.app.ctx.db.select().from(attendance).where(and(eq(attendance.activityId, id), eq(attendance.userId, u.id)));
    expect(row!.flags).toEqual(['outside_fence', 'auto_closed']);
    expect(row!.checkoutAt!.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    t.clock.set('2026-11-24T09:00:00+08:00');
  });

  it('the organiser records attendance by hand for a volunteer without a phone, marked and audited', async () => {
    const id = await published({ capacity: 5, startsAt: '2026-12-02T09:00:00+08:00', endsAt: '2026-12-02T10:00:00+08:00' });
    const elder = await makeUser(t, { birthDate: '1948-02-02' });
    await admin.post(`/api/v1/orgs/${orgId}/members`, { userId: elder.id });
    await admin.post(`/api/v1/activities/${id}/signups`, { userId: elder.id });
    const r = await admin.post(`/api/v1/activities/${id}/attendance/manual`, { userId: elder.id, checkinAt: '2026-12-02T09:00:00+08:00', checkoutAt: '2026-12-02T10:00:00+08:00', note: '老人无智能手机，现场登记' });
    expect(r.status).toBe(201);
    expect(r.body.attendance).toMatchObject({ manual: true, minutes: 60 });
    const { c } = await volunteer();
    expect((await c.post(`/api/v1/activities/${id}/attendance/manual`, { userId: elder.id, checkinAt: '2026-12-02T09:00:00+08:00', note: '冒充' })).status).toBe(403);
    expect((await c.get(`/api/v1/activities/${id}/checkin-code`)).status).toBe(403);
    expect((await c.post(`/api/v1/activities/${id}/settle`, { entries: [{ userId: elder.id }] })).status).toBe(403);
  });

  it('lists activities close to their settlement deadline', async () => {
    t.clock.set('2026-12-10T09:00:00+08:00');
    const due = await admin.get(`/api/v1/activities/settlements-due?orgId=${orgId}&withinWorkingDays=3`);
    expect(due.status).toBe(200);
    expect(due.body.items.every((a: { workingDaysLeft: number }) => a.workingDaysLeft <= 3)).toBe(true);
    expect(due.body.items.length).toBeGreaterThan(0);
    t.clock.set('2026-11-24T09:00:00+08:00');
  });
});

describe('retroactive records and disputes', () => {
  it('补录 needs evidence and membership; credits and notifies; a dispute is answered with a correcting record, never an edit', async () => {
    const member = await makeUser(t, { name: '周红梅' });
    await admin.post(`/api/v1/orgs/${orgId}/members`, { userId: member.id });
    const body = { volunteerId: member.id, orgId, startedAt: '2026-11-23T23:40:00+08:00', endedAt: '2026-11-24T02:00:00+08:00', content: '深夜前往火车站接返吉人员并送往隔离点' };
    const noEvidence = await admin.post('/api/v1/service-records', body);
    expect(noEvidence.status).toBe(400);
    expect(noEvidence.body.error.details.fields.evidenceNote).toBeDefined();
    const stranger = await makeUser(t);
    expect((await admin.post('/api/v1/service-records', { ...body, volunteerId: stranger.id, evidenceNote: '社区值班记录' })).status).toBe(403);
    const r = await admin.post('/api/v1/service-records', { ...body, evidenceNote: '社区值班记录与火车站交接单' });
    expect(r.status).toBe(201);
    expect(r.body.serviceRecord).toMatchObject({ kind: 'retroactive', minutes: 140, creditedMinutes: 140, points: 25, evidenceNote: '社区值班记录与火车站交接单' });
    expect(await balances(t.app.ctx.db, member.id)).toEqual({ points: 25, time: 140 });
    const mc = await t.client().login(member.phone);
    expect((await mc.get('/api/v1/me/notifications')).body.items[0].kind).toBe('service_credited');

    const d = await mc.post(`/api/v1/service-records/${r.body.serviceRecord.id}/disputes`, { reason: '实际服务到凌晨2点30分' });
    expect(d.status).toBe(201);
    expect((await mc.post(`/api/v1/service-records/${r.body.serviceRecord.id}/disputes`, { reason: '再提一次' })).status).toBe(409);
    const other = await volunteer();
    expect((await other.c.post(`/api/v1/service-records/${r.body.serviceRecord.id}/disputes`, { reason: '不是我的' })).status).toBe(404);
    const queue = await admin.get(`/api/v1/disputes?orgId=${orgId}&status=open`);
    expect(queue.body.items.map((x: { id: string }) => x.id)).toContain(d.body.id);
    const ans = await admin.post(`/api/v1/disputes/${d.body.id}/answer`, { decision: 'correct', answer: '核实交接单，更正为170分钟', minutes: 170 });
    expect(ans.status).toBe(200);
    expect(ans.body.correction).toMatchObject({ kind: 'correction', minutes: 170, creditedMinutes: 170, points: 30, reversesId: r.body.serviceRecord.id });
    const [old] = await t.app.ctx.db.select().from(serviceRecords).where(eq(serviceRecords.id, r.body.serviceRecord.id));
    expect(old).toMatchObject({ status: 'corrected', minutes: 140 });
    expect(await balances(t.app.ctx.db, member.id)).toEqual({ points: 30, time: 170 });
    const reversals = await t.app.ctx.db.execute(sql`select count(*)::int as n from ledger_transfers where code = 'reversal'`);
    expect((reversals as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBeGreaterThanOrEqual(2);
    expect((await mc.get('/api/v1/me/notifications')).body.items[0].kind).toBe('dispute_answered');
    expect((await admin.post(`/api/v1/disputes/${d.body.id}/answer`, { decision: 'reject', answer: '重复' })).status).toBe(409);
  });
});
