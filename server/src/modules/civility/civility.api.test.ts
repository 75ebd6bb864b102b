import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeUser, type MadeUser } from '../../../test/factories';
import { auditLog, civilityBoardEntries, civilityRatings } from '../../db/schema/index';
import { DEMO_STARS } from './civility.demo';

let t: TestApp;
let admin: TestClient;
let admin2: TestClient;
let outsider: TestClient;
let head: TestClient;
let headUser: MadeUser;
let neighbour: TestClient;
let criteriaId: string;
const COMMUNITY = '140502001001';

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set('2026-11-24T09:00:00+08:00');
  const a = await makeUser(t, { name: '王建国', regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  const b = await makeUser(t, { name: '李文明', regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
  const out = await makeUser(t, { name: '县管理员', regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
  headUser = await makeUser(t, { name: '周红梅' });
  admin = await t.client().login(a.phone);
  admin2 = await t.client().login(b.phone);
  outsider = await t.client().login(out.phone);
  head = await t.client().login(headUser.phone);
  neighbour = await t.client().login((await makeUser(t, { name: '邻居' })).phone);
  const c = await admin.post('/api/v1/civility-criteria', { regionCode: COMMUNITY, year: 2026, title: '十星级文明户', stars: DEMO_STARS.map((s) => ({ ...s })) });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  criteriaId = c.body.id;
});
afterAll(async () => t.close());

const allStars = (missing: string[] = []) => DEMO_STARS.map((s) => (missing.includes(s.key) ? { key: s.key, earned: false } : { key: s.key, earned: true, evidence: `${s.name}：入户核实` }));

async function household(headUserId?: string, headName = '周红梅') {
  const h = await admin.post('/api/v1/civility-households', { regionCode: COMMUNITY, address: '东街3号楼2单元', headName, ...(headUserId ? { headUserId } : {}) });
  expect(h.status, JSON.stringify(h.body)).toBe(201);
  return h.body.id as string;
}

describe('十星级文明户', () => {
  it('criteria are set once per region and year, only by the region’s admins; anyone reads them, a village below inherits them', async () => {
    const again = await admin.post('/api/v1/civility-criteria', { regionCode: COMMUNITY, year: 2026, title: '再来一次', stars: [{ key: 'law', name: '爱国守法' }] });
    expect(again.status).toBe(409);
    const out = await outsider.post('/api/v1/civility-criteria', { regionCode: COMMUNITY, year: 2027, title: '越权', stars: [{ key: 'law', name: '爱国守法' }] });
    expect(out.status).toBe(403);
    const eleven = await admin.post('/api/v1/civility-criteria', { regionCode: COMMUNITY, year: 2027, title: '十一星', stars: Array.from({ length: 11 }, (_, i) => ({ key: `s${i}x`, name: `星项${i}` })) });
    expect(eleven.status).toBe(400);
    const pub = await t.client().get(`/api/v1/public/civility-criteria?regionCode=${COMMUNITY}&year=2026`);
    expect(pub.status).toBe(200);
    expect(pub.body.stars.map((s: { name: string }) => s.name)).toEqual(DEMO_STARS.map((s) => s.name));
  });

  it('a rating needs every star once and evidence for each earned star; it is public only after the household consents', async () => {
    const hid = await household(headUser.id);
    const noEvidence = await admin.post('/api/v1/civility-ratings', { householdId: hid, criteriaId, stars: allStars().map((s, i) => (i === 2 ? { key: s.key, earned: true } : s)) });
    expect(noEvidence.status).toBe(400);
    expect(noEvidence.body.error.details.fields['stars.clean']).toContain('依据');
    const missing = await admin.post('/api/v1/civility-ratings', { householdId: hid, criteriaId, stars: allStars().slice(1) });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields['stars.law']).toBeTruthy();

    const r = await admin.post('/api/v1/civility-ratings', { householdId: hid, criteriaId, stars: allStars(['study']) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ starCount: 9, consentPublic: false, year: 2026 });
    expect((await admin.post('/api/v1/civility-ratings', { householdId: hid, criteriaId, stars: allStars() })).status).toBe(409);

    // not public without consent
    const before = await t.client().get(`/api/v1/public/civility-ratings?regionCode=${COMMUNITY}&year=2026`);
    expect(before.body.items.find((x: { id: string }) => x.id === r.body.id)).toBeUndefined();
    // staff cannot tick "self" consent for the household; a neighbour cannot consent for it
    const staffSelf = await admin.post(`/api/v1/civility-ratings/${r.body.id}/consent`, { consent: true, method: 'self' });
    expect(staffSelf.status).toBe(403);
    expect(staffSelf.body.error.message).toContain('书面同意');
    expect((await neighbour.post(`/api/v1/civility-ratings/${r.body.id}/consent`, { consent: true })).status).toBe(403);
    expect((await head.post(`/api/v1/civility-ratings/${r.body.id}/consent`, { consent: true, method: 'paper' })).status).toBe(403);
    // the head sees the rating on their phone and consents
    const mine = await head.get('/api/v1/me/civility');
    expect(mine.body.ratings.map((x: { id: string }) => x.id)).toContain(r.body.id);
    const ok = await head.post(`/api/v1/civility-ratings/${r.body.id}/consent`, { consent: true });
    expect(ok.status).toBe(200);
    const [row] = await t.app.ctx.db.select().from(civilityRatings).where(eq(civilityRatings.id, r.body.id));
    expect(row).toMatchObject({ consentPublic: true, consentBy: headUser.id, consentMethod: 'self' });
    expect(row!.consentAt?.toISOString()).toBe(new Date('2026-11-24T09:00:00+08:00').toISOString());
    const after = await t.client().get(`/api/v1/public/civility-ratings?regionCode=${COMMUNITY}&year=2026`);
    const shown = after.body.items.find((x: { id: string }) => x.id === r.body.id);
    expect(shown).toMatchObject({ household: '周*梅家', starCount: 9 });
    const text = JSON.stringify(after.body);
    expect(text).not.toContain('东街3号楼');
    expect(text).not.toContain('入户核实');
    // withdrawn: gone again
    expect((await head.post(`/api/v1/civility-ratings/${r.body.id}/consent`, { consent: false })).status).toBe(200);
    const gone = await t.client().get(`/api/v1/public/civility-ratings?regionCode=${COMMUNITY}&year=2026`);
    expect(gone.body.items.find((x: { id: string }) => x.id === r.body.id)).toBeUndefined();
  });

  it('a head without a smartphone consents on paper, recorded by staff on their behalf and audited', async () => {
    const hid = await household(undefined, '李建华');
    const r = await admin.post('/api/v1/civility-ratings', { householdId: hid, criteriaId, stars: allStars() });
    const p = await admin.post(`/api/v1/civility-ratings/${r.body.id}/consent`, { consent: true, method: 'paper' });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ consentPublic: true, consentMethod: 'paper' });
    const audit = await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, r.body.id));
    expect(audit.map((a) => a.action)).toContain('civility.rating.consent');
    expect((await outsider.post(`/api/v1/civility-ratings/${r.body.id}/consent`, { consent: false, method: 'paper' })).status).toBe(403);
  });
});

describe('道德红黑榜', () => {
  const entry = (o: Record<string, unknown> = {}) => ({ regionCode: COMMUNITY, board: 'black', title: '楼道堆放杂物', deed: '楼道长期堆放杂物，劝导后未清理', evidence: '巡查照片三张', periodFrom: '2026-11-01', periodTo: '2026-12-31', ...o });
  const publicIds = async () => ((await t.client().get(`/api/v1/public/civility-board?regionCode=${COMMUNITY}`)).body.items as Array<{ id: string }>).map((x) => x.id);

  it('a black entry naming a person is public only after another admin reviewed it; the one who entered it cannot', async () => {
    const e = await admin.post('/api/v1/civility-board', entry({ subjectName: '周红梅', subjectUserId: headUser.id }));
    expect(e.status, JSON.stringify(e.body)).toBe(201);
    expect(e.body).toMatchObject({ reviewStatus: 'pending', isPublic: false, namesSomeone: true });
    expect(await publicIds()).not.toContain(e.body.id);
    const self = await admin.post(`/api/v1/civility-board/${e.body.id}/review`, { decision: 'approve' });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_BENEFIT');
    expect((await outsider.post(`/api/v1/civility-board/${e.body.id}/review`, { decision: 'approve' })).status).toBe(403);
    expect(await publicIds()).not.toContain(e.body.id);
    // and the database refuses it too
    await expect(t.app.ctx.db.update(civilityBoardEntries).set({ reviewStatus: 'approved', reviewedBy: e.body.id === '' ? null : (await t.app.ctx.db.select().from(civilityBoardEntries).where(eq(civilityBoardEntries.id, e.body.id)))[0]!.enteredBy }).where(eq(civilityBoardEntries.id, e.body.id))).rejects.toThrow();

    const ok = await admin2.post(`/api/v1/civility-board/${e.body.id}/review`, { decision: 'approve', note: '记录齐全' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ reviewStatus: 'approved', isPublic: true, reviewedByName: '李文明' });
    expect(await publicIds()).toContain(e.body.id);
    expect((await admin2.post(`/api/v1/civility-board/${e.body.id}/review`, { decision: 'reject' })).body.error.code).toBe('INVALID_STATE');
  });

  it('even a black entry naming no one waits for review; a red one naming no one is public at once; all only within their period', async () => {
    const black = await admin.post('/api/v1/civility-board', entry({ title: '公共区域乱扔垃圾' }));
    expect(black.body.isPublic).toBe(false);
    const red = await admin.post('/api/v1/civility-board', entry({ board: 'red', title: '楼组长义务清扫', deed: '三号楼居民自发清扫楼道', evidence: '照片' }));
    expect(red.body.isPublic).toBe(true);
    expect(await publicIds()).toContain(red.body.id);
    t.clock.set('2027-01-02T09:00:00+08:00');
    expect(await publicIds()).not.toContain(red.body.id);
    t.clock.set('2026-11-24T09:00:00+08:00');
  });

  it('the person named appeals; the entry leaves the public board while under appeal; an upheld appeal withdraws it', async () => {
    const e = await admin.post('/api/v1/civility-board', entry({ title: '占用消防通道', subjectName: '周红梅', subjectUserId: headUser.id }));
    await admin2.post(`/api/v1/civility-board/${e.body.id}/review`, { decision: 'approve' });
    expect(await publicIds()).toContain(e.body.id);
    // only the one named may appeal; a stranger is told nothing exists
    const stranger = await neighbour.post(`/api/v1/civility-board/${e.body.id}/appeals`, { reason: '我觉得不对劲' });
    expect(stranger.status).toBe(404);
    const mine = await head.get('/api/v1/me/civility');
    expect(mine.body.entries.map((x: { id: string }) => x.id)).toContain(e.body.id);
    const a = await head.post(`/api/v1/civility-board/${e.body.id}/appeals`, { reason: '车辆是救护车临时停放，有医院证明' });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect((await head.post(`/api/v1/civility-board/${e.body.id}/appeals`, { reason: '再申诉一次试试' })).status).toBe(409);
    expect(await publicIds()).not.toContain(e.body.id);
    // the admin who entered it cannot answer
    const self = await admin.post(`/api/v1/civility-appeals/${a.body.id}/answer`, { decision: 'dismiss', answer: '维持' });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_BENEFIT');
    const up = await admin2.post(`/api/v1/civility-appeals/${a.body.id}/answer`, { decision: 'uphold', answer: '证明属实，撤下' });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'withdrawn', isPublic: false });
    expect(up.body.appeals[0]).toMatchObject({ status: 'upheld', answer: '证明属实，撤下' });
    expect(await publicIds()).not.toContain(e.body.id);
    expect((await admin2.post(`/api/v1/civility-appeals/${a.body.id}/answer`, { decision: 'dismiss', answer: '改主意' })).body.error.code).toBe('INVALID_STATE');
    const after = await head.get('/api/v1/me/civility');
    expect(after.body.entries.find((x: { id: string }) => x.id === e.body.id).myAppeal).toMatchObject({ status: 'upheld' });
  });

  it('a dismissed appeal puts the entry back; the household’s head may appeal against an entry naming the household', async () => {
    const hid = await household(headUser.id, '周红梅');
    const e = await admin.post('/api/v1/civility-board', entry({ title: '私搭乱建', subjectName: '东街3号楼2单元住户', subjectHouseholdId: hid }));
    await admin2.post(`/api/v1/civility-board/${e.body.id}/review`, { decision: 'approve' });
    const a = await head.post(`/api/v1/civility-board/${e.body.id}/appeals`, { reason: '已于上周拆除，附照片' });
    expect(a.status).toBe(201);
    const d = await admin2.post(`/api/v1/civility-appeals/${a.body.id}/answer`, { decision: 'dismiss', answer: '现场核查仍未拆除' });
    expect(d.status).toBe(200);
    expect(await publicIds()).toContain(e.body.id);
  });
});
