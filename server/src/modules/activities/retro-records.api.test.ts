import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { auditLog, notifications, serviceRecords } from '../../db/schema/index';
import { balances } from '../ledger/index';

/**
 * 补录 (issue 10, point 8): only for an active organisation and a member of it, within the
 * region's window, never before 2000 or in the future, never overlapping; above the threshold it
 * waits for a second staff member; the volunteer is told and can dispute.
 */
let t: TestApp;
let district: MadeUser;
let recorder: MadeUser;
let second: MadeUser;
let orgId: string;
let rec: TestClient;
let sec: TestClient;
let dist: TestClient;

// the test clock starts at 2026-11-24 09:00 Beijing
beforeAll(async () => {
  t = await buildTestApp();
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  recorder = await makeUser(t, { name: '陈志强' });
  orgId = (await makeOrg(t, recorder, { approvedBy: district })).id;
  second = await makeUser(t, { name: '王秀英', grants: [{ role: 'org_admin', orgId }] });
  rec = await t.client().login(recorder.phone);
  sec = await t.client().login(second.phone);
  dist = await t.client().login(district.phone);
});
afterAll(async () => t.close());

async function member(): Promise<MadeUser> {
  const m = await makeUser(t);
  expect((await rec.post(`/api/v1/orgs/${orgId}/members`, { userId: m.id })).status).toBeLessThan(300);
  return m;
}

function retro(m: MadeUser, startedAt: string, endedAt: string, over: Record<string, unknown> = {}) {
  return { volunteerId: m.id, orgId, startedAt, endedAt, content: '社区防疫值守', evidenceNote: '社区值班签到表与照片', ...over };
}

async function recordsOf(userId: string) {
  return t.app.ctx.db.select().from(serviceRecords).where(eq(serviceRecords.volunteerId, userId));
}

describe('补录 rules', () => {
  it('refuses a window older than the region’s (90 days by default), the future, and anything before 2000; nothing is written', async () => {
    const m = await member();
    const old = await rec.post('/api/v1/service-records', retro(m, '2026-08-20T09:00:00+08:00', '2026-08-20T10:00:00+08:00'));
    expect(old.status).toBe(400);
    expect(old.body.error.code).toBe('VALIDATION_FAILED');
    expect(old.body.error.details.fields.startedAt).toContain('90');
    const future = await rec.post('/api/v1/service-records', retro(m, '2026-11-24T08:00:00+08:00', '2026-11-24T10:00:00+08:00'));
    expect(future.status).toBe(400);
    expect(future.body.error.details.fields.endedAt).toBeDefined();
    // a region that allows a very long window still never reaches before 2000
    expect((await dist.put('/api/v1/regions/140502/ledger-policy', { retroWindowDays: 36_500 })).status).toBe(200);
    const y1999 = await rec.post('/api/v1/service-records', retro(m, '1999-12-31T09:00:00+08:00', '1999-12-31T10:00:00+08:00'));
    expect(y1999.status).toBe(400);
    expect(y1999.body.error.details.fields.startedAt).toContain('2000');
    const y2001 = await rec.post('/api/v1/service-records', retro(m, '2001-03-05T09:00:00+08:00', '2001-03-05T10:00:00+08:00'));
    expect(y2001.status).toBe(201);
    expect((await dist.put('/api/v1/regions/140502/ledger-policy', { retroWindowDays: 90 })).status).toBe(200);
    expect((await recordsOf(m.id)).map((r) => r.serviceDate)).toEqual(['2001-03-05']);
  });

  it('refuses a record overlapping another record of the same person (409 overlap); a touching one is fine', async () => {
    const m = await member();
    const a = await rec.post('/api/v1/service-records', retro(m, '2026-11-20T09:00:00+08:00', '2026-11-20T11:00:00+08:00'));
    expect(a.status).toBe(201);
    const b = await rec.post('/api/v1/service-records', retro(m, '2026-11-20T10:30:00+08:00', '2026-11-20T12:00:00+08:00'));
    expect(b.status).toBe(409);
    expect(b.body.error.code).toBe('CONFLICT');
    expect(b.body.error.details).toMatchObject({ reason: 'overlap', recordId: a.body.serviceRecord.id });
    const c = await rec.post('/api/v1/service-records', retro(m, '2026-11-20T11:00:00+08:00', '2026-11-20T12:00:00+08:00'));
    expect(c.status).toBe(201);
    expect(await recordsOf(m.id)).toHaveLength(2);
    expect(await balances(t.app.ctx.db, m.id)).toEqual({ points: 30, time: 180 });
  });

  it('refuses a record overlapping the person’s attendance at an activity (it is settled with the activity)', async () => {
    const m = await member();
    const c = await rec.post('/api/v1/activities', { orgId, title: '社区义诊', category: 'health', description: '量血压', regionCode: '140502001001', address: '凤台社区', lat: 35.4985, lng: 112.86, startsAt: '2026-11-25T09:00:00+08:00', endsAt: '2026-11-25T11:00:00+08:00', capacity: 5 });
    expect((await rec.post(`/api/v1/activities/${c.body.id}/submit`)).status).toBe(200);
    expect((await dist.post(`/api/v1/activities/${c.body.id}/review`, { decision: 'approve' })).status).toBe(200);
    expect((await rec.post(`/api/v1/activities/${c.body.id}/signups`, { userId: m.id })).status).toBe(201);
    expect((await sec.post(`/api/v1/activities/${c.body.id}/attendance/manual`, { userId: m.id, checkinAt: '2026-11-25T09:00:00+08:00', checkoutAt: '2026-11-25T11:00:00+08:00', note: '老人无手机，现场登记' })).status).toBe(201);
    t.clock.set('2026-11-26T09:00:00+08:00');
    const r = await rec.post('/api/v1/service-records', retro(m, '2026-11-25T10:00:00+08:00', '2026-11-25T12:00:00+08:00'));
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CONFLICT');
    expect(r.body.error.details).toMatchObject({ reason: 'overlap', activityId: c.body.id });
    expect(await recordsOf(m.id)).toHaveLength(0);
    t.clock.set('2026-11-24T09:00:00+08:00');
  });

  it('only for an active organisation: a suspended one records nothing', async () => {
    const founder = await makeUser(t);
    const other = await makeOrg(t, founder, { approvedBy: district });
    const fc = await t.client().login(founder.phone);
    const m = await makeUser(t);
    expect((await fc.post(`/api/v1/orgs/${other.id}/members`, { userId: m.id })).status).toBeLessThan(300);
    expect((await dist.post(`/api/v1/orgs/${other.id}/state`, { action: 'suspend', reason: '年检未通过' })).status).toBe(200);
    const r = await fc.post('/api/v1/service-records', { ...retro(m, '2026-11-20T09:00:00+08:00', '2026-11-20T10:00:00+08:00'), orgId: other.id });
    expect([403, 409]).toContain(r.status);
    expect(['INVALID_STATE', 'FORBIDDEN']).toContain(r.body.error.code);
    expect(await recordsOf(m.id)).toHaveLength(0);
  });

  it('never for oneself (403 SELF_BENEFIT)', async () => {
    expect((await rec.post(`/api/v1/orgs/${orgId}/members`, { userId: second.id })).status).toBeLessThan(300);
    const r = await sec.post('/api/v1/service-records', retro(second, '2026-11-21T09:00:00+08:00', '2026-11-21T10:00:00+08:00'));
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('SELF_BENEFIT');
    expect(r.body.error.message).toMatch(/ \/ /);
    expect(await recordsOf(second.id)).toHaveLength(0);
  });
});

describe('above the threshold: a second staff member approves', () => {
  it('more than 4 hours waits uncredited; the recorder cannot approve it; another admin approves, then it is credited, audited, and can be disputed', async () => {
    const m = await member();
    const r = await rec.post('/api/v1/service-records', retro(m, '2026-11-22T08:00:00+08:00', '2026-11-22T13:00:00+08:00'));
    expect(r.status).toBe(201);
    expect(r.body.serviceRecord).toMatchObject({ status: 'pending_approval', minutes: 300, creditedMinutes: 0, points: 0 });
    const id = r.body.serviceRecord.id;
    expect(await balances(t.app.ctx.db, m.id)).toEqual({ points: 0, time: 0 });
    const told = await t.app.ctx.db.select().from(notifications).where(and(eq(notifications.userId, m.id), eq(notifications.kind, 'retro_pending')));
    expect(told).toHaveLength(1);
    // a pending record cannot be disputed yet, and is not credited by a dispute
    const mc = await t.client().login(m.phone);
    expect((await mc.post(`/api/v1/service-records/${id}/disputes`, { reason: '还没有计入' })).status).toBe(409);

    const self = await rec.post(`/api/v1/service-records/${id}/approve`);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_BENEFIT');
    expect((await rec.get(`/api/v1/service-records/pending-approval?orgId=${orgId}`)).body.items.map((x: { id: string }) => x.id)).not.toContain(id);
    const stranger = await t.client().login((await makeUser(t)).phone);
    const s = await stranger.post(`/api/v1/service-records/${id}/approve`);
    expect(s.status).toBe(403);
    expect(s.body.error.code).toBe('FORBIDDEN');
    const [still] = await t.app.ctx.db.select().from(serviceRecords).where(eq(serviceRecords.id, id));
    expect(still).toMatchObject({ status: 'pending_approval', creditedMinutes: 0, reviewedBy: null });

    const queue = await sec.get(`/api/v1/service-records/pending-approval?orgId=${orgId}`);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((x: { id: string }) => x.id)).toContain(id);
    const ok = await sec.post(`/api/v1/service-records/${id}/approve`);
    expect(ok.status).toBe(200);
    expect(ok.body.serviceRecord).toMatchObject({ status: 'confirmed', creditedMinutes: 300, points: 50, reviewedBy: second.id });
    expect(await balances(t.app.ctx.db, m.id)).toEqual({ points: 50, time: 300 });
    expect((await sec.post(`/api/v1/service-records/${id}/approve`)).status).toBe(409);
    expect(await balances(t.app.ctx.db, m.id)).toEqual({ points: 50, time: 300 });
    const audit = await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.objectId, id), eq(auditLog.action, 'service_record.retroactive.approve')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(second.id);
    expect((await mc.post(`/api/v1/service-records/${id}/disputes`, { reason: '实际服务到下午两点' })).status).toBe(201);
  });

  it('the fourth 补录 of a person in a calendar month waits; a region admin rejects it with a reason; nothing is credited; the volunteer is told', async () => {
    const m = await member();
    for (const day of ['03', '04', '05']) {
      const r = await rec.post('/api/v1/service-records', retro(m, `2026-11-${day}T09:00:00+08:00`, `2026-11-${day}T10:00:00+08:00`));
      expect(r.body.serviceRecord.status).toBe('confirmed');
    }
    const fourth = await rec.post('/api/v1/service-records', retro(m, '2026-11-06T09:00:00+08:00', '2026-11-06T10:00:00+08:00'));
    expect(fourth.status).toBe(201);
    expect(fourth.body.serviceRecord.status).toBe('pending_approval');
    const id = fourth.body.serviceRecord.id;
    // another month is counted on its own
    const october = await rec.post('/api/v1/service-records', retro(m, '2026-10-06T09:00:00+08:00', '2026-10-06T10:00:00+08:00'));
    expect(october.body.serviceRecord.status).toBe('confirmed');
    expect((await dist.get('/api/v1/service-records/pending-approval')).body.items.map((x: { id: string }) => x.id)).toContain(id);
    const noReason = await dist.post(`/api/v1/service-records/${id}/reject`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.fields.reason).toBeDefined();
    const rej = await dist.post(`/api/v1/service-records/${id}/reject`, { reason: '证据不足，请补充签到表' });
    expect(rej.status).toBe(200);
    expect(rej.body.serviceRecord).toMatchObject({ status: 'rejected', creditedMinutes: 0, reviewReason: '证据不足，请补充签到表', reviewedBy: district.id });
    expect(await balances(t.app.ctx.db, m.id)).toEqual({ points: 40, time: 240 });
    expect((await sec.post(`/api/v1/service-records/${id}/approve`)).status).toBe(409);
    const told = await t.app.ctx.db.select().from(notifications).where(and(eq(notifications.userId, m.id), eq(notifications.kind, 'retro_reviewed')));
    expect(told[0]!.body).toContain('证据不足');
    // a rejected record does not block the time it claimed
    const again = await rec.post('/api/v1/service-records', retro(m, '2026-11-06T09:00:00+08:00', '2026-11-06T10:00:00+08:00'));
    expect(again.status).toBe(201);
  });

  it('the threshold is the region’s policy (retroApprovalMinutes)', async () => {
    expect((await dist.put('/api/v1/regions/140502/ledger-policy', { retroApprovalMinutes: 60 })).status).toBe(200);
    const m = await member();
    const r = await rec.post('/api/v1/service-records', retro(m, '2026-11-12T09:00:00+08:00', '2026-11-12T10:30:00+08:00'));
    expect(r.body.serviceRecord.status).toBe('pending_approval');
    const policy = await dist.get('/api/v1/regions/140502/ledger-policy');
    expect(policy.body.effective).toMatchObject({ retroWindowDays: 90, retroApprovalMinutes: 60, retroMonthlyLimit: 3 });
    expect((await dist.put('/api/v1/regions/140502/ledger-policy', { retroApprovalMinutes: 240 })).status).toBe(200);
  });
});
