import { expect } from 'vitest';
import type { Random } from '../../bench/seed/random';
import type { TestApp, TestClient } from './build-test-app';
import type { MadeUser } from './factories';

/**
 * The steps the rollup property tests (stats, rankings) take through the HTTP API to make,
 * correct and reverse service records: an activity published, attended and settled; a dispute
 * answered; a 补录 confirmed or decided; a residents' request served.
 */

export const HOME = { lat: 35.4985, lng: 112.86 };
export const iso = (ms: number) => new Date(ms).toISOString();

/** Logged-in clients, one per person, made on first use. */
export function logins(t: TestApp): (u: MadeUser) => Promise<TestClient> {
  const made = new Map<string, TestClient>();
  return async (u) => {
    let c = made.get(u.id);
    if (!c) made.set(u.id, (c = await t.client().login(u.phone)));
    return c;
  };
}

/** An activity of the organisation tomorrow (3 hours), submitted and approved by the region's staff; the crew signed up. */
export async function publishedActivity(t: TestApp, o: { host: TestClient; staff: TestClient; orgId: string; title: string; category: string; regionCode: string; crew: TestClient[] }) {
  const start = t.clock.now().getTime() + 86_400_000;
  const act = await o.host.post('/api/v1/activities', {
    orgId: o.orgId,
    title: o.title,
    category: o.category,
    description: '社区志愿服务',
    regionCode: o.regionCode,
    address: '社区广场',
    ...HOME,
    startsAt: iso(start),
    endsAt: iso(start + 3 * 3600_000),
    capacity: 10,
  });
  expect(act.status, JSON.stringify(act.body)).toBe(201);
  const id = act.body.id as string;
  expect((await o.host.post(`/api/v1/activities/${id}/submit`)).status).toBe(200);
  expect((await o.staff.post(`/api/v1/activities/${id}/review`, { decision: 'approve' })).status).toBe(200);
  for (const c of o.crew) expect((await c.post(`/api/v1/activities/${id}/signups`)).status).toBe(201);
  return { id, start };
}

/** The day after: each one's attendance recorded by hand (30–180 minutes), then the settlement; answers its records. */
export async function attendedAndSettled(t: TestApp, r: Random, o: { host: TestClient; id: string; start: number; crew: MadeUser[]; beneficiaries?: { count: number; category: string } }) {
  t.clock.advance(86_400_000 + 4 * 3600_000);
  for (const v of o.crew) {
    const m = await o.host.post(`/api/v1/activities/${o.id}/attendance/manual`, { userId: v.id, checkinAt: iso(o.start), checkoutAt: iso(o.start + r.int(30, 180) * 60_000), note: '现场登记' });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
  }
  const entries = o.crew.map((v) => ({ userId: v.id, decision: 'include' as const }));
  const settled = await o.host.post(`/api/v1/activities/${o.id}/settle`, { entries, ...(o.beneficiaries ? { beneficiaries: o.beneficiaries } : {}) });
  expect(settled.status, JSON.stringify(settled.body)).toBe(200);
  return { entries, records: settled.body.records as Array<{ id: string; volunteerId: string; minutes: number }> };
}

/** The volunteer disputes a record; the organisation corrects it (60 %, 10–180 minutes) or rejects the dispute. */
export async function disputeAnswered(r: Random, volunteer: TestClient, host: TestClient, recordId: string) {
  const d = await volunteer.post(`/api/v1/service-records/${recordId}/disputes`, { reason: '时长记录有误，请核实' });
  expect(d.status).toBe(201);
  const ans = await host.post(`/api/v1/disputes/${d.body.id}/answer`, r.chance(0.6) ? { decision: 'correct', answer: '核实后更正', minutes: r.int(10, 180) } : { decision: 'reject', answer: '记录无误' });
  expect(ans.status, JSON.stringify(ans.body)).toBe(200);
}

/** A 补录 for a new member of the organisation some days back: short and confirmed at once, or long and approved or rejected by the staff. */
export async function retroDecided(t: TestApp, r: Random, o: { host: TestClient; staff: TestClient; orgId: string; member: MadeUser; maxDaysBack: number }) {
  expect((await o.host.post(`/api/v1/orgs/${o.orgId}/members`, { userId: o.member.id })).status).toBeLessThan(300);
  const day = t.clock.now().getTime() - r.int(2, o.maxDaysBack) * 86_400_000;
  const long = r.chance(0.6);
  const retro = await o.host.post('/api/v1/service-records', { volunteerId: o.member.id, orgId: o.orgId, startedAt: iso(day), endedAt: iso(day + (long ? 300 : 60) * 60_000), content: '入户走访独居老人', evidenceNote: '社区签到表与照片' });
  expect(retro.status, JSON.stringify(retro.body)).toBe(201);
  expect(retro.body.serviceRecord.status).toBe(long ? 'pending_approval' : 'confirmed');
  if (long) {
    const id = retro.body.serviceRecord.id as string;
    const decided = r.chance(0.6) ? await o.staff.post(`/api/v1/service-records/${id}/approve`) : await o.staff.post(`/api/v1/service-records/${id}/reject`, { reason: '证据不足' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  }
}

/** A residents' request ordered, dispatched to the helper, accepted, served (20–120 minutes) and rated (or found not to have happened). */
export async function requestServed(t: TestApp, r: Random, o: { resident: TestClient; residentRegion: string; staff: TestClient; helper: TestClient; helperId: string; category: string; happened: boolean }) {
  const order = await o.resident.post('/api/v1/service-requests', { category: o.category, description: '上门帮忙', regionCode: o.residentRegion, address: '小区1号楼', ...HOME });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  const rid = order.body.id as string;
  expect((await o.staff.post(`/api/v1/service-requests/${rid}/dispatch`, { userId: o.helperId, dueAt: iso(t.clock.now().getTime() + 2 * 86_400_000) })).status).toBe(200);
  expect((await o.helper.post(`/api/v1/service-requests/${rid}/accept`, {})).status).toBe(200);
  expect((await o.helper.post(`/api/v1/service-requests/${rid}/checkin`, HOME)).status).toBe(200);
  t.clock.advance(r.int(20, 120) * 60_000);
  expect((await o.helper.post(`/api/v1/service-requests/${rid}/checkout`, HOME)).status).toBe(200);
  const rated = await o.resident.post(`/api/v1/service-requests/${rid}/rate`, o.happened ? { happened: true, stars: r.int(1, 5) } : { happened: false, comment: '没有上门' });
  expect(rated.status, JSON.stringify(rated.body)).toBe(200);
}
