import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { testEngine } from '../../../test/engine';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { pdfText } from '../../../test/pdf-text';
import { auditLog, awardNominations, awardVotes, certificates, notifications } from '../../db/schema/index';

let t: TestApp;
let city: MadeUser;
let district: MadeUser;
let yangcheng: MadeUser;
let orgAdmin: MadeUser;
let orgId: string;
let otherOrgId: string;
let admin: TestClient;
let region: TestClient;

const START = '2026-11-24T09:00:00+08:00';
const WINDOWS = {
  nominationOpensAt: '2026-11-25T00:00:00+08:00',
  nominationClosesAt: '2026-11-28T00:00:00+08:00',
  votingOpensAt: '2026-11-30T00:00:00+08:00',
  votingClosesAt: '2026-12-03T00:00:00+08:00',
};
const NOMINATING = '2026-11-25T10:00:00+08:00';
const VOTING = '2026-11-30T10:00:00+08:00';
const DECIDING = '2026-12-03T10:00:00+08:00';
const REASONS = '三年来坚持每周为独居老人送餐，累计服务时长位居全区前列。';
const SITE = { lat: 35.4985, lng: 112.86 };

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(START);
  city = await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  yangcheng = await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
  orgAdmin = await makeUser(t, { name: '陈志强' });
  orgId = (await makeOrg(t, orgAdmin, { name: '凤台社区志愿服务队', approvedBy: district })).id;
  otherOrgId = (await makeOrg(t, await makeUser(t), { name: '别的队伍', approvedBy: district })).id;
  admin = await t.client().login(orgAdmin.phone);
  region = await t.client().login(city.phone);
});
afterAll(async () => t.close());

async function member(name?: string): Promise<{ u: MadeUser; c: TestClient }> {
  const u = await makeUser(t, name ? { name } : {});
  expect((await admin.post(`/api/v1/orgs/${orgId}/members`, { userId: u.id })).status).toBe(201);
  return { u, c: await t.client().login(u.phone) };
}

/** Confirmed hours for a member by a retroactive record (补录). */
async function serve(u: MadeUser, hours: number) {
  const r = await admin.post('/api/v1/service-records', { volunteerId: u.id, orgId, startedAt: '2026-11-23T08:00:00+08:00', endedAt: new Date(new Date('2026-11-23T08:00:00+08:00').getTime() + hours * 3_600_000).toISOString(), content: '为独居老人送餐', evidenceNote: '社区值班记录' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

async function project(startsAt: string): Promise<string> {
  const ends = new Date(new Date(startsAt).getTime() + 2 * 3_600_000).toISOString();
  const c = await admin.post('/api/v1/activities', { orgId, title: '银龄助餐项目', category: 'elderly', description: '为社区老人送餐', regionCode: '140502001001', address: '凤台社区', ...SITE, startsAt, endsAt: ends, capacity: 5 });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  expect((await admin.post(`/api/v1/activities/${c.body.id}/submit`)).status).toBe(200);
  const d = await t.client().login(district.phone);
  expect((await d.post(`/api/v1/activities/${c.body.id}/review`, { decision: 'approve' })).body.status).toBe('published');
  return c.body.id;
}

function campaignBody(over: Record<string, unknown> = {}) {
  return {
    regionCode: '140500',
    title: '2026年度晋城市最美志愿者评选',
    categories: [
      { key: 'volunteer', kind: 'volunteer', name: '最美志愿者', quota: 1 },
      { key: 'team', kind: 'team', name: '优秀志愿服务队', quota: 1 },
      { key: 'project', kind: 'project', name: '优秀志愿服务项目', quota: 1 },
    ],
    minHours: 3,
    periodFrom: '2026-01-01',
    periodTo: '2026-11-30',
    ...WINDOWS,
    ...over,
  };
}

async function audits(objectId: string) {
  return (await t.app.ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.objectId, objectId))).map((a) => a.action);
}

async function nominationRow(id: string) {
  const [n] = await t.app.ctx.db.select().from(awardNominations).where(eq(awardNominations.id, id));
  return n!;
}

describe('award campaigns', () => {
  let campaignId: string;
  let star: { u: MadeUser; c: TestClient };
  let teamNomination: string;
  let starNomination: string;
  let projectNomination: string;
  let voter: { u: MadeUser; c: TestClient };

  it('a region admin creates one (audited); others and bad windows are refused', async () => {
    t.clock.set(START);
    const vol = await t.client().login((await makeUser(t)).phone);
    const refused = await vol.post('/api/v1/award-campaigns', campaignBody());
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const y = await t.client().login(yangcheng.phone);
    const outside = await y.post('/api/v1/award-campaigns', campaignBody({ regionCode: '140502' }));
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('FORBIDDEN');
    const crossed = await region.post('/api/v1/award-campaigns', campaignBody({ votingOpensAt: '2026-11-27T00:00:00+08:00' }));
    expect(crossed.status).toBe(400);
    expect(crossed.body.error.code).toBe('VALIDATION_FAILED');
    expect(crossed.body.error.details.fields.votingOpensAt).toBeTruthy();
    expect((await t.app.ctx.db.execute(sql`select count(*)::int as n from award_campaigns`)).rows[0]).toMatchObject({ n: 0 });
    const c = await region.post('/api/v1/award-campaigns', campaignBody());
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ phase: 'upcoming', regionCode: '140500', minHours: 3 });
    campaignId = c.body.id;
    expect(await audits(campaignId)).toEqual(['awards.campaign.create']);
    const list = await t.client().get('/api/v1/award-campaigns?regionCode=140502001001');
    expect(list.status).toBe(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([campaignId]);
  });

  it('refuses nominations outside the nomination window', async () => {
    star = await member('李美华');
    await serve(star.u, 4);
    t.clock.set(START);
    const early = await admin.post(`/api/v1/award-campaigns/${campaignId}/nominations`, { categoryKey: 'volunteer', orgId, subjectId: star.u.id, reasons: REASONS });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('OUTSIDE_WINDOW');
    expect(early.body.error.details.phase).toBe('upcoming');
    t.clock.set(VOTING);
    const late = await admin.post(`/api/v1/award-campaigns/${campaignId}/nominations`, { categoryKey: 'volunteer', orgId, subjectId: star.u.id, reasons: REASONS });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('OUTSIDE_WINDOW');
    expect(late.body.error.details.phase).toBe('voting');
    expect(await t.app.ctx.db.select().from(awardNominations)).toEqual([]);
  });

  it('checks eligibility on nomination and says why it refuses', async () => {
    const few = await member('王少时');
    await serve(few.u, 2);
    const stranger = await makeUser(t);
    const outOfPeriod = await project('2026-12-10T09:00:00+08:00');
    t.clock.set(NOMINATING);
    const nominate = (b: Record<string, unknown>) => admin.post(`/api/v1/award-campaigns/${campaignId}/nominations`, { orgId, reasons: REASONS, ...b });
    const hours = await nominate({ categoryKey: 'volunteer', subjectId: few.u.id });
    expect(hours.status).toBe(422);
    expect(hours.body.error.code).toBe('NOT_ELIGIBLE');
    expect(hours.body.error.details).toMatchObject({ rule: 'min_hours', hours: 2, minHours: 3 });
    expect(hours.body.error.message).toContain('未达到参评要求的3小时');
    const notMember = await nominate({ categoryKey: 'volunteer', subjectId: stranger.id });
    expect(notMember.status).toBe(422);
    expect(notMember.body.error.details.rule).toBe('member');
    const period = await nominate({ categoryKey: 'project', subjectId: outOfPeriod });
    expect(period.status).toBe(422);
    expect(period.body.error.details.rule).toBe('period');
    const team = await nominate({ categoryKey: 'team', subjectId: otherOrgId });
    expect(team.status).toBe(422);
    expect(team.body.error.details.rule).toBe('own_team');
    const notAdmin = await star.c.post(`/api/v1/award-campaigns/${campaignId}/nominations`, { orgId, reasons: REASONS, categoryKey: 'volunteer', subjectId: star.u.id });
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.body.error.code).toBe('FORBIDDEN');
    expect(await t.app.ctx.db.select().from(awardNominations)).toEqual([]);
  });

  it('an organisation nominates a volunteer, itself and a project (audited); twice is a conflict', async () => {
    t.clock.set(START);
    const inPeriod = await project('2026-11-26T09:00:00+08:00');
    t.clock.set(NOMINATING);
    const v = await admin.post(`/api/v1/award-campaigns/${campaignId}/nominations`, { categoryKey: 'volunteer', orgId, subjectId: star.u.id, reasons: REASONS, evidence: [{ url: 'https://news.example.cn/2026/li-meihua', title: '晋城日报报道' }] });
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    expect(v.body).toMatchObject({ status: 'pending', kind: 'volunteer', subjectName: '李美华', nominatingOrgName: '凤台社区志愿服务队', evidence: [{ url: 'https://news.example.cn/2026/li-meihua', title: '晋城日报报道' }] });
    starNomination = v.body.id;
    const again = await admin.post(`/api/v1/award-campaigns/${campaignId}/nominations`, { categoryKey: 'volunteer', orgId, subjectId: star.u.id, reasons: REASONS });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    const team = await admin.post(`/api/v1/award-campaigns/${campaignId}/nominations`, { categoryKey: 'team', orgId, subjectId: orgId, reasons: REASONS });
    expect(team.status).toBe(201);
    teamNomination = team.body.id;
    const p = await admin.post(`/api/v1/award-campaigns/${campaignId}/nominations`, { categoryKey: 'project', orgId, subjectId: inPeriod, reasons: REASONS });
    expect(p.status).toBe(201);
    projectNomination = p.body.id;
    expect(await audits(starNomination)).toEqual(['awards.nomination.create']);
    const own = await admin.get(`/api/v1/award-campaigns/${campaignId}/nominations?orgId=${orgId}`);
    expect(own.status).toBe(200);
    expect(own.body.total).toBe(3);
    const notRegion = await admin.get(`/api/v1/award-campaigns/${campaignId}/nominations`);
    expect(notRegion.status).toBe(403);
  });

  it('the organisation attaches evidence files to a pending nomination (pictures re-encoded, PDF); its admins and the reviewers read them, nobody else', async () => {
    const { default: sharp } = await import('sharp');
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 40, b: 40 } } }).withMetadata({ exif: { IFD0: { Copyright: 'secret-camera' } } }).png().toBuffer();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const up = await admin.post(`/api/v1/award-nominations/${starNomination}/evidence?title=${encodeURIComponent('送餐照片')}`, png, { 'content-type': 'image/png' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const file = up.body.evidence.find((e: { fileId?: string }) => e.fileId);
    expect(file).toMatchObject({ title: '送餐照片', contentType: 'image/png', url: `/api/v1/award-nominations/${starNomination}/evidence/${file.fileId}` });
    expect(up.body.evidence[0]).toMatchObject({ url: 'https://news.example.cn/2026/li-meihua' }); // the link stays first
    const doc = await admin.post(`/api/v1/award-nominations/${starNomination}/evidence?title=${encodeURIComponent('表彰证明')}`, pdf, { 'content-type': 'application/pdf' });
    expect(doc.status).toBe(201);
    expect((await nominationRow(starNomination)).evidence).toHaveLength(3);
    expect(await audits(starNomination)).toEqual(['awards.nomination.create', 'awards.nomination.evidence', 'awards.nomination.evidence']);

    // read back: the picture without the camera's metadata, the PDF as a download
    const got = await admin.get(file.url);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['cache-control']).toContain('no-store');
    expect(Buffer.from(got.raw.rawPayload).includes(Buffer.from('secret-camera'))).toBe(false);
    const byReviewer = await region.get(doc.body.evidence[2].url);
    expect(byReviewer.status).toBe(200);
    expect(byReviewer.headers['content-disposition']).toMatch(/^attachment/);
    // the candidate herself, a stranger, the public: refused
    const vol = await t.client().login(star.u.phone);
    expect((await vol.get(file.url)).status).toBe(403);
    expect((await t.client().get(file.url)).status).toBe(401);
    const intruder = await vol.post(`/api/v1/award-nominations/${starNomination}/evidence`, png, { 'content-type': 'image/png' });
    expect(intruder.status).toBe(403);
    // not a picture or a PDF; and nothing attached once the nomination is reviewed
    const text = await admin.post(`/api/v1/award-nominations/${starNomination}/evidence`, Buffer.from('<html>hi</html>'), { 'content-type': 'image/png' });
    expect(text.status).toBe(400);
    expect((await nominationRow(starNomination)).evidence).toHaveLength(3);
  });

  it('the region reviews before the vote: rejects with a reason, approves; not after the vote opens', async () => {
    const vol = await t.client().login(star.u.phone);
    const refused = await vol.post(`/api/v1/award-nominations/${projectNomination}/review`, { decision: 'approve' });
    expect(refused.status).toBe(403);
    const noReason = await region.post(`/api/v1/award-nominations/${projectNomination}/review`, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('VALIDATION_FAILED');
    const rej = await region.post(`/api/v1/award-nominations/${projectNomination}/review`, { decision: 'reject', reason: '项目材料不足' });
    expect(rej.status).toBe(200);
    expect(rej.body).toMatchObject({ status: 'rejected', reviewReason: '项目材料不足' });
    // reviewed: no more evidence, though nominations are still open
    const afterReview = await admin.post(`/api/v1/award-nominations/${projectNomination}/evidence`, Buffer.from('%PDF-1.4\n%%EOF\n'), { 'content-type': 'application/pdf' });
    expect(afterReview.status).toBe(409);
    expect(afterReview.body.error.code).toBe('INVALID_STATE');
    expect((await region.post(`/api/v1/award-nominations/${projectNomination}/review`, { decision: 'approve' })).body.error.code).toBe('INVALID_STATE');
    t.clock.set('2026-11-28T10:00:00+08:00');
    expect((await region.post(`/api/v1/award-nominations/${starNomination}/review`, { decision: 'approve' })).status).toBe(200);
    t.clock.set(VOTING);
    const late = await region.post(`/api/v1/award-nominations/${teamNomination}/review`, { decision: 'approve' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('OUTSIDE_WINDOW');
    expect((await nominationRow(teamNomination)).status).toBe('pending');
    expect(await audits(projectNomination)).toEqual(['awards.nomination.create', 'awards.nomination.reject']);
    expect(await audits(starNomination)).toEqual(['awards.nomination.create', 'awards.nomination.evidence', 'awards.nomination.evidence', 'awards.nomination.approve']);
    // the team: approved after the region moves the vote a day later (audited)
    const moved = await region.put(`/api/v1/award-campaigns/${campaignId}/schedule`, { ...WINDOWS, votingOpensAt: '2026-12-01T00:00:00+08:00' });
    expect(moved.status).toBe(200);
    expect(moved.body.phase).toBe('reviewing');
    expect((await region.post(`/api/v1/award-nominations/${teamNomination}/review`, { decision: 'approve' })).status).toBe(200);
    expect((await region.put(`/api/v1/award-campaigns/${campaignId}/schedule`, WINDOWS)).body.phase).toBe('voting');
    expect(await audits(campaignId)).toEqual(['awards.campaign.create', 'awards.campaign.schedule', 'awards.campaign.schedule']);
  });

  it('votes once a day per account and candidate; not for oneself nor one’s own team; not outside the window', async () => {
    t.clock.set('2026-11-29T10:00:00+08:00');
    voter = { u: await makeUser(t), c: undefined as unknown as TestClient };
    voter.c = await t.client().login(voter.u.phone);
    const early = await voter.c.post(`/api/v1/award-nominations/${starNomination}/votes`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('OUTSIDE_WINDOW');
    t.clock.set(VOTING);
    const first = await voter.c.post(`/api/v1/award-nominations/${starNomination}/votes`);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ votes: 1, day: '2026-11-30' });
    const twice = await voter.c.post(`/api/v1/award-nominations/${starNomination}/votes`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_VOTED');
    expect((await nominationRow(starNomination)).votes).toBe(1);
    const self = await star.c.post(`/api/v1/award-nominations/${starNomination}/votes`);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_BENEFIT');
    const ownTeam = await star.c.post(`/api/v1/award-nominations/${teamNomination}/votes`);
    expect(ownTeam.status).toBe(403);
    expect(ownTeam.body.error.code).toBe('SELF_BENEFIT');
    const rejected = await voter.c.post(`/api/v1/award-nominations/${projectNomination}/votes`);
    expect(rejected.status).toBe(404);
    const anon = await t.client().post(`/api/v1/award-nominations/${starNomination}/votes`);
    expect(anon.status).toBe(401);
    t.clock.set('2026-12-01T09:00:00+08:00');
    const nextDay = await voter.c.post(`/api/v1/award-nominations/${starNomination}/votes`);
    expect(nextDay.status).toBe(201);
    expect(nextDay.body.votes).toBe(2);
    const rows = await t.app.ctx.db.select({ day: awardVotes.day }).from(awardVotes).where(eq(awardVotes.userId, voter.u.id));
    expect(rows.map((r) => r.day).sort()).toEqual(['2026-11-30', '2026-12-01']);
    const pub = await voter.c.get(`/api/v1/award-campaigns/${campaignId}/candidates`);
    expect(pub.status).toBe(200);
    expect(pub.body.items.find((c: { id: string }) => c.id === starNomination)).toMatchObject({ votes: 2, votedToday: true, name: '李*华' });
    expect(pub.body.items.map((c: { id: string }) => c.id)).not.toContain(projectNomination);
  });

  it('counts the votes of accounts created during the window apart, shown to the reviewers', async () => {
    t.clock.set('2026-12-01T10:00:00+08:00');
    const fresh = await makeUser(t);
    const c = await t.client().login(fresh.phone);
    const r = await c.post(`/api/v1/award-nominations/${starNomination}/votes`);
    expect(r.status).toBe(201);
    expect(r.body.votes).toBe(2);
    const n = await nominationRow(starNomination);
    expect([n.votes, n.newAccountVotes]).toEqual([2, 1]);
    const [v] = await t.app.ctx.db.select().from(awardVotes).where(eq(awardVotes.userId, fresh.id));
    expect(v!.newAccount).toBe(true);
    const staff = await region.get(`/api/v1/award-campaigns/${campaignId}/nominations?status=approved`);
    expect(staff.status).toBe(200);
    expect(staff.body.items.find((x: { id: string }) => x.id === starNomination)).toMatchObject({ votes: 2, newAccountVotes: 1 });
    expect((await t.client().get(`/api/v1/award-campaigns/${campaignId}/candidates`)).body.items.find((x: { id: string }) => x.id === starNomination).votes).toBe(2);
  });

  it('limits the votes an account sends per minute', async () => {
    t.clock.set('2026-12-01T11:00:00+08:00');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await voter.c.post(`/api/v1/award-nominations/${teamNomination}/votes`)).status);
    expect(statuses[0]).toBe(201);
    expect(statuses.slice(1, 20).every((s) => s === 409)).toBe(true);
    const limited = await voter.c.post(`/api/v1/award-nominations/${teamNomination}/votes`);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect((await nominationRow(teamNomination)).votes).toBe(1);
  });

  it('the region decides and publishes after the vote: quotas, honour wall, the record, a verifiable honour certificate', async () => {
    const tooSoon = await region.post(`/api/v1/award-campaigns/${campaignId}/publish`, { winners: [starNomination] });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.error.code).toBe('OUTSIDE_WINDOW');
    t.clock.set(DECIDING);
    const over = await region.post(`/api/v1/award-campaigns/${campaignId}/publish`, { winners: [starNomination, teamNomination, (await member()).u.id] });
    expect(over.status).toBe(400);
    const rejected = await region.post(`/api/v1/award-campaigns/${campaignId}/publish`, { winners: [projectNomination] });
    expect(rejected.status).toBe(400);
    expect(rejected.body.error.details.ids).toEqual([projectNomination]);
    const wrong = await t.client().login(district.phone);
    expect((await wrong.post(`/api/v1/award-campaigns/${campaignId}/publish`, { winners: [] })).status).toBe(403);
    const wall0 = await t.client().get('/api/v1/honour-wall?regionCode=140502');
    expect(wall0.body.total).toBe(0);

    const pub = await region.post(`/api/v1/award-campaigns/${campaignId}/publish`, { winners: [starNomination] });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    expect(pub.body.phase).toBe('published');
    expect((await nominationRow(starNomination)).status).toBe('awarded');
    expect((await nominationRow(teamNomination)).status).toBe('not_awarded');
    expect(await audits(campaignId)).toContain('awards.campaign.publish');
    expect((await t.app.ctx.db.select().from(notifications).where(and(eq(notifications.userId, star.u.id), eq(notifications.kind, 'award_granted')))).length).toBe(1);

    // the honour wall, logged out: masked without consent, by name with it
    const wall = await t.client().get('/api/v1/honour-wall?regionCode=140502');
    expect(wall.status).toBe(200);
    expect(wall.body.items).toEqual([expect.objectContaining({ id: starNomination, name: '李*华', categoryName: '最美志愿者', campaignTitle: '2026年度晋城市最美志愿者评选', orgName: '凤台社区志愿服务队' })]);
    expect((await star.c.post('/api/v1/me/consents/public-display')).status).toBe(200);
    expect((await t.client().get('/api/v1/honour-wall?regionCode=140500')).body.items[0].name).toBe('李美华');
    expect((await t.client().get('/api/v1/honour-wall?regionCode=140522')).body.total).toBe(0);

    // the record (art. 9) and the honour certificate, verified like a service certificate
    const mine = await star.c.get('/api/v1/me/awards');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ campaignTitle: '2026年度晋城市最美志愿者评选', categoryName: '最美志愿者', awardingBody: '晋城市' })]);
    const certId = mine.body.items[0].certificateId;
    const [cert] = await t.app.ctx.db.select().from(certificates).where(eq(certificates.id, certId));
    expect(cert).toMatchObject({ kind: 'honour', userId: star.u.id, status: 'valid' });
    expect(cert!.number).toMatch(/^ZYRY-1405-2026-\d{6}$/);
    expect(mine.body.items[0].certificateNumber).toBe(cert!.number);
    const listed = await star.c.get('/api/v1/me/certificates');
    expect(listed.body.items.map((c: { kind: string }) => c.kind)).toContain('honour');
    const v = await t.client().get(`/api/v1/certificates/verify/${cert!.number}?code=${cert!.verifyCode}`);
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ kind: 'honour', status: 'valid', facts: { name: '李*华', honour: { campaign: '2026年度晋城市最美志愿者评选', award: '最美志愿者', body: '晋城市' } } });
    const pdf = await star.c.get(`/api/v1/me/certificates/${certId}.pdf`);
    expect(pdf.status).toBe(200);
    const text = pdfText(pdf.raw.rawPayload);
    expect(text).toContain('荣誉证书');
    expect(text).toContain('李美华');
    expect(text).toContain('最美志愿者');
    expect((await region.post(`/api/v1/award-campaigns/${campaignId}/publish`, { winners: [] })).body.error.code).toBe('OUTSIDE_WINDOW');
  });
});

describe.runIf(testEngine() === 'postgres')('votes under concurrency (PostgreSQL)', () => {
  it('six votes sent at once by one account for one candidate count once', async () => {
    t.clock.set('2026-11-24T09:00:00+08:00');
    const c = await region.post('/api/v1/award-campaigns', campaignBody({ title: '并发投票测试', minHours: 0 }));
    expect(c.status).toBe(201);
    const m = await member();
    t.clock.set(NOMINATING);
    const n = await admin.post(`/api/v1/award-campaigns/${c.body.id}/nominations`, { categoryKey: 'volunteer', orgId, subjectId: m.u.id, reasons: REASONS });
    expect(n.status).toBe(201);
    expect((await region.post(`/api/v1/award-nominations/${n.body.id}/review`, { decision: 'approve' })).status).toBe(200);
    const v = await t.client().login((await makeUser(t)).phone);
    t.clock.set(VOTING);
    const rs = await Promise.all(Array.from({ length: 6 }, () => v.post(`/api/v1/award-nominations/${n.body.id}/votes`)));
    expect(rs.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(rs.filter((r) => r.status === 409).every((r) => (r.body as { error: { code: string } }).error.code === 'ALREADY_VOTED')).toBe(true);
    expect((await t.app.ctx.db.select().from(awardVotes).where(eq(awardVotes.nominationId, n.body.id))).length).toBe(1);
    expect((await nominationRow(n.body.id)).votes).toBe(1);
    expect((await nominationRow(n.body.id)).newAccountVotes).toBe(0);
  });
});
