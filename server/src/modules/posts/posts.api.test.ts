import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { readXlsxRows } from '../../lib/excel';
import { auditLog, notifications, welfareAttendance, welfareConfirmations, welfareFlags, welfarePlacementSteps, welfarePlacements, welfarePosts } from '../../db/schema/index';

/**
 * Public-welfare posts through the API: the procedure step by step and in order, the public
 * notice and objections, attendance by the kiosk's code, each check with a crafted case, the
 * monthly report's totals.
 */

let t: TestApp;
let district: MadeUser; // region admin of 城区 (county level)
let town: MadeUser; // region admin of 东街街道 (town level)
let boss: MadeUser; // org admin of the supervising unit
let outsider: MadeUser; // region admin of 阳城县
let c: Record<'district' | 'town' | 'boss' | 'outsider' | 'anon', TestClient>;
let orgId: string;

const TOWN = '140502001';
const VILLAGE = '140502001001';
const SITE = { lat: 35.497, lng: 112.858 };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n').toString('base64');
const doc = (name: string) => ({ fileName: name, contentBase64: PDF });

function expectStatus(r: { status: number; body: any }, status: number) {
  expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBe(status);
  return r.body;
}

beforeAll(async () => {
  // the story runs from October 2026: sessions long enough that the test client keeps the cookies
  t = await buildTestApp({ env: { AIXIN_SESSION_DAYS: '365' } });
  t.clock.set('2026-10-12T09:00:00+08:00');
  district = await makeUser(t, { name: '区人社局', regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  town = await makeUser(t, { name: '街道干部', regionCode: TOWN, grants: [{ role: 'region_admin', regionCode: TOWN }] });
  outsider = await makeUser(t, { name: '县管理员', regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
  boss = await makeUser(t, { name: '环卫所长', regionCode: VILLAGE });
  orgId = (await makeOrg(t, boss, { name: '东街环卫所', approvedBy: district, regionCode: VILLAGE })).id;
  c = {
    district: await t.client().login(district.phone),
    town: await t.client().login(town.phone),
    boss: await t.client().login(boss.phone),
    outsider: await t.client().login(outsider.phone),
    anon: t.client(),
  };
});
afterAll(async () => t.close());

async function makePost(title = '东街保洁岗', extra: Record<string, unknown> = {}) {
  const body = { title, kind: 'urban', category: 'cleaning', regionCode: VILLAGE, address: '东街社区广场', ...SITE, geofenceMeters: 200, startTime: '07:00', endTime: '11:00', payMinFen: 150000, payMaxFen: 180000, supervisorOrgId: orgId, ...extra };
  const p = expectStatus(await c.district.post('/api/v1/welfare-posts', body), 201);
  expectStatus(await c.district.post(`/api/v1/welfare-posts/${p.id}/announce`, { document: doc('招聘公告.pdf') }), 200);
  return p.id as string;
}

async function worker(name: string, register = true) {
  const u = await makeUser(t, { name, regionCode: VILLAGE });
  if (register) expectStatus(await c.town.post('/api/v1/hardship-register', { userId: u.id, regionCode: VILLAGE, category: 'zero_employment', evidence: '零就业家庭认定书 2026-031' }), 201);
  return u;
}

const step = (who: TestClient, id: string, s: string, extra: Record<string, unknown> = {}) => who.post(`/api/v1/welfare-placements/${id}/steps`, { step: s, note: `${s} 办理`, ...extra });

/** The whole procedure: notice on `noticeAt`, approval ten days later, start on `startDate`. */
async function placeFully(u: MadeUser, postId: string, o: { noticeAt?: string; startDate?: string } = {}) {
  const noticeAt = o.noticeAt ?? '2026-10-12T09:00:00+08:00';
  t.clock.set(noticeAt);
  const pl = expectStatus(await c.town.post(`/api/v1/welfare-posts/${postId}/applications`, { userId: u.id }), 201);
  expectStatus(await step(c.town, pl.id, 'democratic_review', { document: doc('评议记录.pdf') }), 201);
  expectStatus(await step(c.town, pl.id, 'town_review'), 201);
  expectStatus(await step(c.town, pl.id, 'public_notice', { document: doc('公示.pdf') }), 201);
  t.clock.set(new Date(new Date(noticeAt).getTime() + 10 * 86_400_000));
  expectStatus(await step(c.district, pl.id, 'county_approval'), 201);
  expectStatus(await step(c.boss, pl.id, 'agreement', { document: doc('协议.pdf') }), 201);
  expectStatus(await step(c.boss, pl.id, 'training'), 201);
  const done = expectStatus(await step(c.boss, pl.id, 'start', { startDate: o.startDate ?? '2026-11-02' }), 201);
  expect(done.status).toBe('active');
  return pl.id as string;
}

async function kioskToken(postId: string) {
  return expectStatus(await c.boss.get(`/api/v1/welfare-posts/${postId}/checkin-code`), 200).token as string;
}

describe('posts, plan and progress', () => {
  it('a region admin develops a post in a town of their district; the supervising unit sees it; others are refused', async () => {
    t.clock.set('2026-10-12T09:00:00+08:00');
    const body = { title: '东街巡逻岗', kind: 'urban', category: 'patrol', regionCode: VILLAGE, address: '东街', ...SITE, startTime: '08:00', endTime: '12:00', payMinFen: 150000, payMaxFen: 150000, supervisorOrgId: orgId };
    expectStatus(await c.outsider.post('/api/v1/welfare-posts', body), 403);
    expect(expectStatus(await c.district.post('/api/v1/welfare-posts', { ...body, payMaxFen: 100 }), 400).error.details.fields.payMaxFen).toBeTruthy();
    const p = expectStatus(await c.district.post('/api/v1/welfare-posts', body), 201);
    expect(p).toMatchObject({ status: 'draft', townCode: TOWN, townName: '东街街道', geofenceMeters: 300, supervisorOrgName: '东街环卫所' });
    const [row] = await t.app.ctx.db.select().from(welfarePosts).where(eq(welfarePosts.id, p.id));
    expect(row).toMatchObject({ cityCode: '1405', townCode: TOWN, payMinFen: 150000 });
    expect((await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'welfare_post.create'), eq(auditLog.objectId, p.id)))).length).toBe(1);
    // the supervising unit's admin reads it; an admin elsewhere does not
    expectStatus(await c.boss.get(`/api/v1/welfare-posts/${p.id}`), 200);
    expectStatus(await c.outsider.get(`/api/v1/welfare-posts/${p.id}`), 403);
    expect(expectStatus(await c.boss.get('/api/v1/welfare-posts'), 200).items.map((x: { id: string }) => x.id)).toContain(p.id);
    expect(expectStatus(await c.outsider.get('/api/v1/welfare-posts'), 200).items).toHaveLength(0);
    // no application before the announcement; the announcement needs its document
    const w = await worker('申请人甲');
    expect(expectStatus(await c.town.post(`/api/v1/welfare-posts/${p.id}/applications`, { userId: w.id }), 409).error.code).toBe('INVALID_STATE');
    expectStatus(await c.district.post(`/api/v1/welfare-posts/${p.id}/announce`, {}), 400);
    expect(expectStatus(await c.district.post(`/api/v1/welfare-posts/${p.id}/announce`, { document: { fileName: 'x.txt', contentBase64: Buffer.from('plain text, not a document').toString('base64') } }), 400).error.code).toBe('VALIDATION_FAILED');
    const announced = expectStatus(await c.district.post(`/api/v1/welfare-posts/${p.id}/announce`, { document: doc('招聘公告.pdf') }), 200);
    expect(announced.status).toBe('recruiting');
    const file = await c.anon.get(announced.announcement.url);
    expect(file.status).toBe(200);
    expect(file.raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(expectStatus(await c.district.post(`/api/v1/welfare-posts/${p.id}/announce`, { document: doc('again.pdf') }), 409).error.code).toBe('INVALID_STATE');
  });

  it('counts posts and placements by town against the plan', async () => {
    t.clock.set('2026-10-12T09:00:00+08:00');
    expectStatus(await c.town.put('/api/v1/welfare-plans', { regionCode: '140502002', year: 2026, ruralPlanned: 3, urbanPlanned: 2 }), 403);
    const pr = expectStatus(await c.district.put('/api/v1/welfare-plans', { regionCode: TOWN, year: 2026, ruralPlanned: 4, urbanPlanned: 6 }), 200);
    const row = pr.towns.find((x: { regionCode: string }) => x.regionCode === TOWN);
    expect(row).toMatchObject({ name: '东街街道', ruralPlanned: 4, urbanPlanned: 6 });
    expect(row.urbanPosts).toBeGreaterThanOrEqual(1);
    expect(pr.totals.urbanPlanned).toBe(6);
    expectStatus(await c.outsider.get('/api/v1/welfare-posts/progress?regionCode=140502'), 403);
  });
});

describe('the procedure', () => {
  it('goes step by step: never skipped, never repeated, each step with who, when and its document', async () => {
    t.clock.set('2026-10-12T09:00:00+08:00');
    const postId = await makePost('东街保洁岗A');
    const stranger = await worker('未登记人', false);
    const strangerClient = await t.client().login(stranger.phone);
    // not in the hardship register of their region
    expect(expectStatus(await strangerClient.post(`/api/v1/welfare-posts/${postId}/applications`, {}), 422).error.code).toBe('NOT_IN_HARDSHIP_REGISTER');
    // the person applies themselves once registered
    expectStatus(await c.town.post('/api/v1/hardship-register', { userId: stranger.id, regionCode: VILLAGE, category: 'low_income', evidence: '低保证 2026-77' }), 201);
    expect(expectStatus(await c.town.post('/api/v1/hardship-register', { userId: stranger.id, regionCode: VILLAGE, category: 'low_income', evidence: '再次' }), 409).error.code).toBe('CONFLICT');
    const pl = expectStatus(await strangerClient.post(`/api/v1/welfare-posts/${postId}/applications`, { note: '本人申请' }), 201);
    expect(pl).toMatchObject({ status: 'in_procedure', lastStep: 'application', nextStep: 'democratic_review' });

    // skipping a step, or the worker acting on their own placement
    const skip = expectStatus(await step(c.town, pl.id, 'town_review'), 409);
    expect(skip.error).toMatchObject({ code: 'STEP_OUT_OF_ORDER', details: { expected: 'democratic_review', reason: 'skip' } });
    expectStatus(await step(strangerClient, pl.id, 'democratic_review', { document: doc('m.pdf') }), 403);
    // the minutes are required
    expect(expectStatus(await step(c.town, pl.id, 'democratic_review'), 400).error.details.fields.document).toBeTruthy();
    const dr = expectStatus(await step(c.town, pl.id, 'democratic_review', { document: doc('民主评议记录.pdf') }), 201);
    expect(dr.steps[1]).toMatchObject({ step: 'democratic_review', seq: 2, actorName: '街道干部', document: { fileName: '民主评议记录.pdf', contentType: 'application/pdf' } });
    // the document is there for the staff and the person, nobody else
    expect((await c.town.get(dr.steps[1].document.url)).status).toBe(200);
    expect((await strangerClient.get(dr.steps[1].document.url)).status).toBe(200);
    expect((await c.outsider.get(dr.steps[1].document.url)).status).toBe(403);
    // a repeat is refused
    expect(expectStatus(await step(c.town, pl.id, 'democratic_review', { document: doc('again.pdf') }), 409).error.details.reason).toBe('repeat');
    expectStatus(await step(c.town, pl.id, 'town_review'), 201);
    const notice = expectStatus(await step(c.town, pl.id, 'public_notice', { document: doc('公示.pdf'), noticeWorkingDays: 5 }), 201);
    expect(notice.notice).toEqual({ startsOn: '2026-10-12', endsOn: '2026-10-19', open: true });

    // the public notice is a public page with a way to object
    const pub = expectStatus(await c.anon.get(`/api/v1/public/welfare-notices/${pl.id}`), 200);
    expect(pub).toMatchObject({ postTitle: '东街保洁岗A', townName: '东街街道', open: true, startsOn: '2026-10-12', endsOn: '2026-10-19' });
    expect(pub.workerName).not.toBe('未登记人');
    for (const region of ['140502', '140000', TOWN]) {
      expect(expectStatus(await c.anon.get(`/api/v1/public/welfare-notices?regionCode=${region}`), 200).items.some((n: { placementId: string }) => n.placementId === pl.id), region).toBe(true);
    }
    expect(expectStatus(await c.anon.get('/api/v1/public/welfare-notices?regionCode=140522'), 200).items).toHaveLength(0);
    const objection = expectStatus(await c.anon.post(`/api/v1/public/welfare-notices/${pl.id}/objections`, { content: '此人家中经营商铺，收入不低', contact: '13900001111' }), 201);

    // county approval: not from the town level, not during the notice, not with an objection open
    expect(expectStatus(await step(c.town, pl.id, 'county_approval'), 403).error.details.needsLevel).toBe('county');
    expect(expectStatus(await step(c.district, pl.id, 'county_approval'), 409).error.details.reason).toBe('notice_open');
    t.clock.set('2026-10-20T09:00:00+08:00');
    expect(expectStatus(await c.anon.post(`/api/v1/public/welfare-notices/${pl.id}/objections`, { content: '公示期后的异议' }), 409).error.code).toBe('INVALID_STATE');
    expect(expectStatus(await step(c.district, pl.id, 'county_approval'), 409).error.details).toMatchObject({ reason: 'objections_open', open: 1 });
    const seen = expectStatus(await c.town.get(`/api/v1/welfare-placements/${pl.id}`), 200);
    expect(seen.objections[0]).toMatchObject({ id: objection.id, status: 'open', contact: '13900001111' });
    expect(expectStatus(await strangerClient.get(`/api/v1/welfare-placements/${pl.id}`), 200).objections[0].contact).toBeNull();
    expectStatus(await c.outsider.post(`/api/v1/welfare-objections/${objection.id}/review`, { decision: 'dismiss', note: '核实' }), 403);
    expectStatus(await c.town.post(`/api/v1/welfare-objections/${objection.id}/review`, { decision: 'dismiss', note: '经入户核实，商铺已于2025年转让' }), 200);
    expectStatus(await step(c.district, pl.id, 'county_approval'), 201);
    // agreement, training, start: the supervising unit may do them
    expectStatus(await step(c.boss, pl.id, 'training'), 409);
    expectStatus(await step(c.boss, pl.id, 'agreement'), 400);
    expectStatus(await step(c.boss, pl.id, 'agreement', { document: doc('协议.pdf') }), 201);
    expectStatus(await step(c.boss, pl.id, 'training', { note: '岗前安全培训2小时' }), 201);
    expect(expectStatus(await step(c.boss, pl.id, 'start', { startDate: '2026-10-19' }), 400).error.details.fields.startDate).toBeTruthy();
    const started = expectStatus(await step(c.boss, pl.id, 'start', { startDate: '2026-10-21' }), 201);
    expect(started).toMatchObject({ status: 'active', startedOn: '2026-10-21', lastStep: 'start', nextStep: null });
    expect(started.steps.map((s: { step: string }) => s.step)).toEqual(['application', 'democratic_review', 'town_review', 'public_notice', 'county_approval', 'agreement', 'training', 'start']);
    // the person was told when the notice went up and when to start
    const inbox = expectStatus(await strangerClient.get('/api/v1/me/notifications'), 200);
    expect(inbox.items.map((n: { title: string }) => n.title)).toEqual(expect.arrayContaining(['公益性岗位公示：东街保洁岗A', '公益性岗位上岗：东街保洁岗A']));
    expect(expectStatus(await step(c.boss, pl.id, 'start'), 409).error.code).toBe('INVALID_STATE');

    // the database holds the eight rows in order, each with its actor, and an audit entry per step
    const rows = await t.app.ctx.db.select().from(welfarePlacementSteps).where(eq(welfarePlacementSteps.placementId, pl.id)).orderBy(welfarePlacementSteps.seq);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows[4]!.actorId).toBe(district.id);
    expect(rows[1]!.documentKey).toMatch(/^posts\//);
    expect((await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.objectId, pl.id), sql`${auditLog.action} like 'welfare_placement.%'`))).length).toBe(8);
  });

  it('the database itself refuses a skipped, repeated or changed step', async () => {
    t.clock.set('2026-10-12T09:00:00+08:00');
    const postId = await makePost('东街保洁岗B');
    const u = await worker('数据库测试人');
    const pl = expectStatus(await c.town.post(`/api/v1/welfare-posts/${postId}/applications`, { userId: u.id }), 201);
    const base = { cityCode: '1405', placementId: pl.id, actorId: town.id, actorName: 'x', at: new Date(), note: '' };
    await expect(t.app.ctx.db.insert(welfarePlacementSteps).values({ ...base, id: crypto.randomUUID(), step: 'town_review', seq: 3 })).rejects.toThrow();
    await expect(t.app.ctx.db.insert(welfarePlacementSteps).values({ ...base, id: crypto.randomUUID(), step: 'democratic_review', seq: 5 })).rejects.toThrow();
    await expect(t.app.ctx.db.insert(welfarePlacementSteps).values({ ...base, id: crypto.randomUUID(), step: 'application', seq: 1 })).rejects.toThrow();
    await expect(t.app.ctx.db.update(welfarePlacementSteps).set({ note: 'changed' }).where(eq(welfarePlacementSteps.placementId, pl.id))).rejects.toThrow();
    await expect(t.app.ctx.db.delete(welfarePlacementSteps).where(eq(welfarePlacementSteps.placementId, pl.id))).rejects.toThrow();
    expect((await t.app.ctx.db.select().from(welfarePlacementSteps).where(eq(welfarePlacementSteps.placementId, pl.id))).length).toBe(1);
  });

  it('one post per person; an upheld objection turns the placement down; nobody acts on their own placement', async () => {
    t.clock.set('2026-10-12T09:00:00+08:00');
    const postA = await makePost('东街保洁岗C');
    const postB = await makePost('东街保洁岗D');
    const u = await worker('一人一岗');
    const pl = expectStatus(await c.town.post(`/api/v1/welfare-posts/${postA}/applications`, { userId: u.id }), 201);
    const twice = expectStatus(await c.town.post(`/api/v1/welfare-posts/${postB}/applications`, { userId: u.id }), 409);
    expect(twice.error).toMatchObject({ code: 'ALREADY_PLACED', details: { placementId: pl.id } });
    // the partial unique index holds even if the service were bypassed
    await expect(
      t.app.ctx.db.insert(welfarePlacements).values({ id: crypto.randomUUID(), cityCode: '1405', postId: postB, townCode: TOWN, userId: u.id, hardshipEntryId: crypto.randomUUID(), status: 'in_procedure', lastStep: 'application', lastSeq: 1, createdAt: new Date(), updatedAt: new Date() }),
    ).rejects.toThrow();
    expectStatus(await step(c.town, pl.id, 'democratic_review', { document: doc('m.pdf') }), 201);
    expectStatus(await step(c.town, pl.id, 'town_review'), 201);
    expectStatus(await step(c.town, pl.id, 'public_notice', { document: doc('n.pdf') }), 201);
    const o = expectStatus(await c.anon.post(`/api/v1/public/welfare-notices/${pl.id}/objections`, { content: '此人已在外地务工，常年不在本村' }), 201);
    const upheld = expectStatus(await c.town.post(`/api/v1/welfare-objections/${o.id}/review`, { decision: 'uphold', note: '经核实属实' }), 200);
    expect(upheld.status).toBe('rejected');
    const told = await t.app.ctx.db.select().from(notifications).where(and(eq(notifications.userId, u.id), eq(notifications.kind, 'welfare_placement')));
    expect(told.map((n) => n.title)).toContain('公益性岗位申请未通过：东街保洁岗C');
    expect(expectStatus(await c.town.post(`/api/v1/welfare-objections/${o.id}/review`, { decision: 'dismiss', note: '再审' }), 409).error.code).toBe('INVALID_STATE');
    expectStatus(await c.anon.get(`/api/v1/public/welfare-notices/${pl.id}`), 404);
    // turned down, the person may apply elsewhere
    expectStatus(await c.town.post(`/api/v1/welfare-posts/${postB}/applications`, { userId: u.id }), 201);

    // a town admin in hardship cannot review their own placement
    const selfUser = await makeUser(t, { name: '自审干部', regionCode: VILLAGE, grants: [{ role: 'region_admin', regionCode: TOWN }] });
    expectStatus(await c.district.post('/api/v1/hardship-register', { userId: selfUser.id, regionCode: VILLAGE, category: 'disabled', evidence: '残疾证' }), 201);
    const self = await t.client().login(selfUser.phone);
    // nor enter themselves in the hardship register
    expect(expectStatus(await self.post('/api/v1/hardship-register', { userId: selfUser.id, regionCode: VILLAGE, category: 'low_income', evidence: '自报' }), 403).error.code).toBe('SELF_BENEFIT');
    const own = expectStatus(await self.post(`/api/v1/welfare-posts/${postA}/applications`, {}), 201);
    expect(expectStatus(await step(self, own.id, 'democratic_review', { document: doc('m.pdf') }), 403).error.code).toBe('SELF_BENEFIT');
    // the town reviewer does not also give the county approval
    expectStatus(await step(c.district, own.id, 'democratic_review', { document: doc('m.pdf') }), 201);
    expectStatus(await step(c.district, own.id, 'town_review'), 201);
    expectStatus(await step(c.district, own.id, 'public_notice', { document: doc('n.pdf') }), 201);
    t.clock.set('2026-10-26T09:00:00+08:00');
    expect(expectStatus(await step(c.district, own.id, 'county_approval'), 403).error.details.reason).toBe('same_as_town_review');
  });
});

describe('the public notice against a stranger', () => {
  it('takes a few objections an hour from one address, then refuses with RATE_LIMITED', async () => {
    t.clock.set('2026-10-12T09:00:00+08:00');
    const postId = await makePost('东街保洁岗E');
    const u = await worker('公示测试人');
    const pl = expectStatus(await c.town.post(`/api/v1/welfare-posts/${postId}/applications`, { userId: u.id }), 201);
    expectStatus(await step(c.town, pl.id, 'democratic_review', { document: doc('m.pdf') }), 201);
    expectStatus(await step(c.town, pl.id, 'town_review'), 201);
    expectStatus(await step(c.town, pl.id, 'public_notice', { document: doc('n.pdf') }), 201);
    const codes: number[] = [];
    for (let i = 0; i < 14; i++) codes.push((await c.anon.post(`/api/v1/public/welfare-notices/${pl.id}/objections`, { content: `第${i}条：反复提交的异议` })).status);
    expect(codes).toContain(429);
    const taken = codes.filter((x) => x === 201).length;
    expect(taken).toBeLessThanOrEqual(10);
    const seen = expectStatus(await c.town.get(`/api/v1/welfare-placements/${pl.id}`), 200);
    expect(seen.objections).toHaveLength(taken);
    // an unknown notice is refused before anything is counted
    expectStatus(await c.anon.post('/api/v1/public/welfare-notices/00000000-0000-7000-8000-000000000009/objections', { content: '不存在的公示' }), 404);
  });
});

describe('attendance, checks and the monthly report', () => {
  let postId: string;
  let post2: string;
  const W: Record<string, MadeUser> = {};
  const P: Record<string, string> = {};
  const C: Record<string, TestClient> = {};

  beforeAll(async () => {
    t.clock.set('2026-10-12T09:00:00+08:00');
    postId = await makePost('东街环卫岗');
    post2 = await makePost('东街绿化岗', { category: 'greening', kind: 'rural', payMinFen: 120000, payMaxFen: 120000 });
    for (const k of ['a', 'b', 'd', 'e']) W[k] = await worker(`工人${k}`);
    for (const k of ['a', 'b', 'd', 'e']) P[k] = await placeFully(W[k]!, postId);
    for (const k of ['a', 'b', 'd', 'e']) C[k] = await t.client().login(W[k]!.phone);
  });

  it('a worker checks in by the kiosk’s rotating code, once a day, inside the fence', async () => {
    t.clock.set('2026-11-02T07:30:00+08:00');
    const token = await kioskToken(postId);
    expectStatus(await C.a!.post(`/api/v1/welfare-posts/${postId}/checkin`, { token: 'nonsense.token', ...SITE }), 422);
    const first = expectStatus(await C.a!.post(`/api/v1/welfare-posts/${postId}/checkin`, { token, lat: 35.4972, lng: 112.8581 }), 201);
    expect(first.attendance).toMatchObject({ day: '2026-11-02', outsideFence: false, noLocation: false, source: 'phone' });
    expect(first.attendance.distanceMeters).toBeLessThan(50);
    const again = expectStatus(await C.a!.post(`/api/v1/welfare-posts/${postId}/checkin`, { token, ...SITE }), 200);
    expect(again.attendance.id).toBe(first.attendance.id);
    // the code of another post, an old code, someone not placed here
    expect(expectStatus(await C.a!.post(`/api/v1/welfare-posts/${post2}/checkin`, { token, ...SITE }), 422).error.code).toBe('CHECKIN_CODE_EXPIRED');
    const kiosk2 = await kioskToken(post2);
    expect(expectStatus(await C.a!.post(`/api/v1/welfare-posts/${post2}/checkin`, { token: kiosk2, ...SITE }), 422).error.code).toBe('NOT_SIGNED_UP');
    t.clock.set('2026-11-02T07:34:00+08:00');
    expect(expectStatus(await C.b!.post(`/api/v1/welfare-posts/${postId}/checkin`, { token, ...SITE }), 422).error.details.reason).toBe('expired');
    const code = expectStatus(await c.boss.get(`/api/v1/welfare-posts/${postId}/checkin-code`), 200);
    expect(code).toMatchObject({ presentToday: 1, workers: 4 });
    expect(code.url).toContain(`/welfare-checkin/${postId}?t=`);
    expectStatus(await c.outsider.get(`/api/v1/welfare-posts/${postId}/checkin-code`), 403);
    expectStatus(await C.a!.get(`/api/v1/welfare-posts/${postId}/checkin-code`), 403);
    const mine = expectStatus(await C.a!.get('/api/v1/me/welfare-post'), 200);
    expect(mine).toMatchObject({ month: '2026-11', days: ['2026-11-02'], checkedInToday: true, post: { id: postId } });
  });

  it('each check flags its crafted case with evidence, for review, and the monthly report adds up', async () => {
    const db = t.app.ctx.db;
    // a: present every working day by phone (the 2nd above, then the rest), inside the fence — the 12th too, which the supervisor marks closed below
    for (const day of ['03', '04', '05', '06', '09', '10', '11', '12', '13']) {
      t.clock.set(`2026-11-${day}T07:40:00+08:00`);
      expectStatus(await C.a!.post(`/api/v1/welfare-posts/${postId}/checkin`, { token: await kioskToken(postId), ...SITE }), 201);
    }
    // b: two days by phone, one of them 1.5 km away (outside the fence); nothing else → days without attendance
    t.clock.set('2026-11-03T07:40:00+08:00');
    expectStatus(await C.b!.post(`/api/v1/welfare-posts/${postId}/checkin`, { token: await kioskToken(postId), ...SITE }), 201);
    t.clock.set('2026-11-04T07:40:00+08:00');
    const far = expectStatus(await C.b!.post(`/api/v1/welfare-posts/${postId}/checkin`, { token: await kioskToken(postId), lat: 35.510, lng: 112.858 }), 201);
    expect(far.attendance.outsideFence).toBe(true);
    // d checks in on the 5th from e's phone, after e did (two workers, one device)
    t.clock.set('2026-11-05T07:40:00+08:00');
    const shared = await t.client().login(W.e!.phone);
    expectStatus(await shared.post(`/api/v1/welfare-posts/${postId}/checkin`, { token: await kioskToken(postId), ...SITE }), 201);
    await shared.login(W.d!.phone);
    expectStatus(await shared.post(`/api/v1/welfare-posts/${postId}/checkin`, { token: await kioskToken(postId), ...SITE }), 201);
    // the supervisor records e's other days by hand (no smartphone), marks the 12th closed, and e was "present" on it
    t.clock.set('2026-11-13T17:00:00+08:00');
    for (const day of ['02', '03', '04', '06', '09', '10', '11', '12', '13']) {
      expectStatus(await c.boss.post(`/api/v1/welfare-posts/${postId}/attendance`, { userId: W.e!.id, day: `2026-11-${day}`, note: '老人无智能手机，现场点名' }), 201);
    }
    expect(expectStatus(await c.boss.post(`/api/v1/welfare-posts/${postId}/attendance`, { userId: W.e!.id, day: '2026-11-13', note: '重复' }), 409).error.code).toBe('CONFLICT');
    expectStatus(await C.e!.post(`/api/v1/welfare-posts/${postId}/attendance`, { userId: W.e!.id, day: '2026-11-13', note: '自己登记' }), 403);
    const closed = expectStatus(await c.boss.post(`/api/v1/welfare-posts/${postId}/closures`, { day: '2026-11-12', reason: '暴雪停工' }), 200);
    expect(closed.closures).toEqual([{ day: '2026-11-12', reason: '暴雪停工' }]);
    // d is on the civil-affairs list as deceased from the 10th; d's days after it would be paid for nobody
    for (const day of ['10', '11']) expectStatus(await c.boss.post(`/api/v1/welfare-posts/${postId}/attendance`, { userId: W.d!.id, day: `2026-11-${day}`, note: '代签' }), 201);
    const list = expectStatus(await c.district.post('/api/v1/person-status-lists', { regionCode: '140502', source: '区民政局殡葬信息 2026-11', rows: [{ idNumber: W.d!.idNumber, name: W.d!.name, status: 'deceased', date: '2026-11-10' }, { idNumber: '11010519491231002X', name: '外地人', status: 'moved', date: '2026-11-01' }] }), 201);
    expect(list).toEqual({ imported: 2, placedMatches: 1 });
    // b moved away (户籍迁出) on the 9th, says the police station's list
    expect(expectStatus(await c.district.post('/api/v1/person-status-lists', { regionCode: '140502', source: '派出所户籍迁出名单 2026-11', rows: [{ idNumber: W.b!.idNumber, name: W.b!.name, status: 'moved', date: '2026-11-09' }] }), 201)).toEqual({ imported: 1, placedMatches: 1 });
    expect(expectStatus(await c.district.post('/api/v1/person-status-lists', { regionCode: '140502', source: 'x', rows: [{ idNumber: '110105194912310021', name: '错号', status: 'moved', date: '2026-11-01' }] }), 400).error.code).toBe('INVALID_ID_NUMBER');
    // a is also placed on the second post from the 9th (a's first placement was ended on the 30th, in advance)
    t.clock.set('2026-11-06T09:00:00+08:00');
    expectStatus(await c.district.post(`/api/v1/welfare-placements/${P.a}/end`, { endDate: '2026-11-30', reason: '合同期满' }), 200);
    const a2 = await placeFully(W.a!, post2, { noticeAt: '2026-10-26T09:00:00+08:00', startDate: '2026-11-09' });

    t.clock.set('2026-11-13T18:00:00+08:00');
    expectStatus(await c.outsider.post('/api/v1/welfare-flags/compute', { month: '2026-11', regionCode: '140502' }), 403);
    const run = expectStatus(await c.district.post('/api/v1/welfare-flags/compute', { month: '2026-11', regionCode: '140502' }), 200);
    expect(run.byKind).toMatchObject({ absent_days: expect.any(Number), outside_fence: 1, shared_device: 2, placed_twice: 2, listed_deceased: 1, listed_moved: 1, closed_day_attendance: 2 });
    const flags = await db.select().from(welfareFlags).where(eq(welfareFlags.month, '2026-11'));
    const of = (kind: string, userId: string) => flags.filter((f) => f.kind === kind && f.userId === userId);
    // b missed every working day but the 3rd and 4th (the 12th was closed; today, the 13th, is not over yet)
    expect(of('absent_days', W.b!.id)[0]!.evidence).toMatchObject({ expectedDays: 8, presentDays: 2, missingDays: ['2026-11-02', '2026-11-05', '2026-11-06', '2026-11-09', '2026-11-10', '2026-11-11'] });
    expect(of('absent_days', W.e!.id)).toHaveLength(0);
    expect(of('outside_fence', W.b!.id)[0]).toMatchObject({ day: '2026-11-04', evidence: { radiusMeters: 200, noLocation: false } });
    expect((of('outside_fence', W.b!.id)[0]!.evidence as { distanceMeters: number }).distanceMeters).toBeGreaterThan(1000);
    expect(of('shared_device', W.d!.id)[0]!.day).toBe('2026-11-05');
    expect((of('shared_device', W.d!.id)[0]!.evidence as { others: Array<{ postTitle: string }> }).others[0]!.postTitle).toBe('东街环卫岗');
    expect(of('shared_device', W.e!.id)).toHaveLength(1);
    expect(of('placed_twice', W.a!.id).map((f) => f.placementId).sort()).toEqual([P.a, a2].sort());
    expect(of('listed_deceased', W.d!.id)[0]!.evidence).toMatchObject({ statusDate: '2026-11-10', attendanceDaysAfter: 2, source: '区民政局殡葬信息 2026-11' });
    expect(of('listed_moved', W.b!.id)[0]).toMatchObject({ day: '2026-11-09', evidence: { statusDate: '2026-11-09', attendanceDaysAfter: 0 } });
    expect(of('closed_day_attendance', W.e!.id)[0]).toMatchObject({ day: '2026-11-12', evidence: { closedReason: '暴雪停工', source: 'staff' } });
    // nothing is cut: the attendance is all still there
    expect((await db.select().from(welfareAttendance).where(eq(welfareAttendance.userId, W.e!.id))).length).toBe(10);

    // computing again creates nothing new
    expect(expectStatus(await c.district.post('/api/v1/welfare-flags/compute', { month: '2026-11', regionCode: '140502' }), 200).created).toBe(0);
    // review: with a note, once; the supervising unit may read but not review
    const fl = of('outside_fence', W.b!.id)[0]!;
    const listed = expectStatus(await c.boss.get(`/api/v1/welfare-flags?postId=${postId}&month=2026-11&kind=outside_fence`), 200);
    expect(listed.items.map((f: { id: string }) => f.id)).toEqual([fl.id]);
    expectStatus(await c.boss.post(`/api/v1/welfare-flags/${fl.id}/review`, { decision: 'dismissed', note: '在岗位另一端' }), 403);
    // a town admin who is also an admin of the supervising unit does not review its flags
    const both = await makeUser(t, { name: '兼职干部', regionCode: VILLAGE, grants: [{ role: 'region_admin', regionCode: TOWN }, { role: 'org_admin', orgId }] });
    const bothClient = await t.client().login(both.phone);
    expect(expectStatus(await bothClient.post(`/api/v1/welfare-flags/${fl.id}/review`, { decision: 'dismissed', note: '在岗位另一端' }), 403).error).toMatchObject({ code: 'SELF_BENEFIT', details: { ownOrganisation: true } });
    const reviewed = expectStatus(await c.town.post(`/api/v1/welfare-flags/${fl.id}/review`, { decision: 'confirmed', note: '当天未在岗，扣除1天' }), 200);
    expect(reviewed).toMatchObject({ status: 'confirmed', reviewNote: '当天未在岗，扣除1天', workerName: '工人b' });
    expectStatus(await c.town.post(`/api/v1/welfare-flags/${fl.id}/review`, { decision: 'dismissed', note: '再审' }), 409);

    // the supervisor confirms the month; not someone placed on the post; not twice
    const monthNow = expectStatus(await c.boss.get(`/api/v1/welfare-posts/${postId}/month?month=2026-11`), 200);
    expect(monthNow.workers.find((w: { userId: string }) => w.userId === W.a!.id)).toMatchObject({ daysPresent: 10, daysExpected: 9 });
    expectStatus(await C.a!.post(`/api/v1/welfare-posts/${postId}/confirmations`, { month: '2026-11' }), 403);
    const conf = expectStatus(await c.boss.post(`/api/v1/welfare-posts/${postId}/confirmations`, { month: '2026-11', note: '核对无误' }), 201);
    expect(conf.confirmation).toMatchObject({ confirmedBy: '环卫所长', days: { [P.a!]: 10, [P.b!]: 2, [P.d!]: 3, [P.e!]: 10 } });
    expect(expectStatus(await c.boss.post(`/api/v1/welfare-posts/${postId}/confirmations`, { month: '2026-11' }), 409).error.code).toBe('CONFLICT');
    expect(expectStatus(await c.boss.post(`/api/v1/welfare-posts/${postId}/attendance`, { userId: W.b!.id, day: '2026-11-13', note: '补登' }), 409).error.details.reason).toBe('month_confirmed');
    expect((await db.select().from(welfareConfirmations).where(eq(welfareConfirmations.postId, postId))).length).toBe(1);

    // the report: per worker, per post, per town, and the totals
    const rep = expectStatus(await c.district.get('/api/v1/welfare-reports/monthly?month=2026-11&regionCode=140502'), 200);
    const row = (pl: string) => rep.rows.find((r: { placementId: string }) => r.placementId === pl);
    expect(row(P.a!)).toMatchObject({ daysPresent: 10, daysConfirmed: 10, daysExpected: 9, flagsOpen: 2, flagsClosed: 0 });
    expect(row(P.b!)).toMatchObject({ daysPresent: 2, daysConfirmed: 2, flagsOpen: 2, flagsClosed: 1 });
    expect(row(P.d!)).toMatchObject({ daysPresent: 3, flagsOpen: 3 });
    expect(row(P.e!)).toMatchObject({ daysPresent: 10, flagsOpen: 2 });
    expect(row(a2)).toMatchObject({ postTitle: '东街绿化岗', daysPresent: 0, daysConfirmed: null, daysExpected: 5, flagsOpen: 2 });
    const main = rep.posts.find((p: { postId: string }) => p.postId === postId);
    expect(main).toMatchObject({ workers: 4, daysPresent: 25, confirmed: true });
    const townRow = rep.towns.find((x: { townCode: string }) => x.townCode === TOWN);
    const dbDays = Number((await db.select({ n: sql<number>`count(*)::int` }).from(welfareAttendance).innerJoin(welfarePosts, eq(welfarePosts.id, welfareAttendance.postId)).where(and(eq(welfarePosts.townCode, TOWN), sql`${welfareAttendance.day} between '2026-11-01' and '2026-11-30'`)))[0]!.n);
    expect(townRow.daysPresent).toBe(dbDays);
    expect(rep.totals.daysPresent).toBe(rep.towns.reduce((s: number, x: { daysPresent: number }) => s + x.daysPresent, 0));
    expect(rep.totals.flagsOpen + rep.totals.flagsClosed).toBe(flags.length);
    expect(rep.totals.flagsClosed).toBe(1);
    expect(rep.totals.workers).toBe(rep.rows.length);
    // the supervising unit sees its post's report; a county elsewhere does not
    expect(expectStatus(await c.boss.get(`/api/v1/welfare-reports/monthly?month=2026-11&postId=${postId}`), 200).rows).toHaveLength(4);
    expectStatus(await c.outsider.get('/api/v1/welfare-reports/monthly?month=2026-11&regionCode=140502'), 403);
    // the Excel file for the payroll
    const file = await c.district.get('/api/v1/welfare-reports/monthly.xlsx?month=2026-11&regionCode=140502');
    expect(file.status).toBe(200);
    const sheet = await readXlsxRows(file.raw.rawPayload);
    expect(sheet.headers).toEqual(expect.arrayContaining(['岗位', '姓名', '实际出勤天数', '确认出勤天数', '待核查提示']));
    expect(sheet.rows).toHaveLength(rep.rows.length);
    const aRow = sheet.rows.find((r) => r.values['姓名'] === '工人a' && r.values['岗位'] === '东街环卫岗')!;
    expect(aRow.values['实际出勤天数']).toBe('10');
    expect(aRow.values['岗位补贴（元/月）']).toBe('1500.00–1800.00');
  });
  it('a recompute closes, with a note, an open flag whose finding is gone; never silently', async () => {
    t.clock.set('2026-12-03T18:00:00+08:00');
    const first = expectStatus(await c.boss.post('/api/v1/welfare-flags/compute', { month: '2026-12', postId: post2 }), 200);
    expect(first).toMatchObject({ created: 1, resolved: 0, byKind: { absent_days: 1 } });
    const [flag] = await t.app.ctx.db.select().from(welfareFlags).where(and(eq(welfareFlags.month, '2026-12'), eq(welfareFlags.postId, post2)));
    expect(flag!.evidence).toMatchObject({ missingDays: ['2026-12-01', '2026-12-02'] });
    // the supervisor records both days by hand (the worker forgot the phone): the finding is gone
    for (const day of ['2026-12-01', '2026-12-02']) expectStatus(await c.boss.post(`/api/v1/welfare-posts/${post2}/attendance`, { userId: W.a!.id, day, note: '忘带手机，现场确认' }), 201);
    const again = expectStatus(await c.boss.post('/api/v1/welfare-flags/compute', { month: '2026-12', postId: post2 }), 200);
    expect(again).toMatchObject({ created: 0, resolved: 1 });
    const [after] = await t.app.ctx.db.select().from(welfareFlags).where(eq(welfareFlags.id, flag!.id));
    expect(after).toMatchObject({ status: 'dismissed', reviewedBy: null });
    expect(after!.reviewNote).toContain('No longer found');
    // the hand-recorded days stay visible as such, with who recorded them
    const month = expectStatus(await c.boss.get(`/api/v1/welfare-posts/${post2}/month?month=2026-12`), 200);
    expect(month.workers[0].days).toEqual([{ day: '2026-12-01', source: 'staff', outsideFence: false }, { day: '2026-12-02', source: 'staff', outsideFence: false }]);
  });
});
