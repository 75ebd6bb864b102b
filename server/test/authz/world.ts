import { expect } from 'vitest';
import sharp from 'sharp';
import ExcelJS from 'exceljs';
import type { TestApp, TestClient } from '../build-test-app';
import { makeOrg, makeStation, makeUser, nextPerson, type MadeUser } from '../factories';
import { transfer } from '../../src/modules/ledger/index';
import { sql } from 'drizzle-orm';
const sqlText = (q: string) => sql.raw(q);

/**
 * The people of the authorisation matrix. "In" staff hold a grant that covers the world's
 * objects (district 140502, its community 140502001001, organisation A, station S); "Out"
 * staff hold the same grant over a neighbouring county (140522) and its objects. `vol` owns the
 * volunteer's objects (sign-up, record, dispute, redemption, relative link); `other` is another
 * plain volunteer of the same community and the resident who placed the service request.
 */
export const WHO = ['anon', 'vol', 'other', 'regionIn', 'regionOut', 'orgIn', 'orgOut', 'stationIn', 'stationOut'] as const;
export type Who = (typeof WHO)[number];

export interface World {
  t: TestApp;
  users: Record<Exclude<Who, 'anon'>, MadeUser>;
  clients: Record<Who, TestClient>;
  ids: Record<string, string>;
  /** A small real picture, for uploads. */
  png: Buffer;
}

const SITE = { lat: 35.4985, lng: 112.86 };
const COMMUNITY = '140502001001';
const OUT_COMMUNITY = '140522100';

export function ok<T extends { status: number; body: any }>(r: T, what: string): T {
  expect(r.status, `${what}: ${JSON.stringify(r.body).slice(0, 300)}`).toBeLessThan(300);
  return r;
}

/** Builds the world through the API, as its people would, and returns every id the matrix needs. */
export async function buildWorld(t: TestApp): Promise<World> {
  const regionIn = await makeUser(t, { name: '区管理员', regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  const regionOut = await makeUser(t, { name: '县管理员', regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
  const orgIn = await makeUser(t, { name: '陈队长', regionCode: COMMUNITY });
  const orgOut = await makeUser(t, { name: '李队长', regionCode: OUT_COMMUNITY });
  const orgA = await makeOrg(t, orgIn, { name: '凤台社区助老服务队', approvedBy: regionIn, regionCode: COMMUNITY });
  const orgB = await makeOrg(t, orgOut, { name: '阳城县助学服务队', approvedBy: regionOut, regionCode: OUT_COMMUNITY });
  const stationS = await makeStation(t, regionIn, { name: '凤台社区志愿服务站', regionCode: COMMUNITY });
  const stationT = await makeStation(t, regionOut, { name: '阳城县志愿服务站', regionCode: OUT_COMMUNITY });
  const stationIn = await makeUser(t, { name: '赵站长', regionCode: COMMUNITY, grants: [{ role: 'station_admin', stationId: stationS.id }] });
  const stationOut = await makeUser(t, { name: '钱站长', regionCode: OUT_COMMUNITY, grants: [{ role: 'station_admin', stationId: stationT.id }] });
  const vol = await makeUser(t, { name: '周红梅', regionCode: COMMUNITY });
  // a second admin of station S, whose grant is the one revoked
  const stationHelper = await makeUser(t, { name: '孙站员', regionCode: COMMUNITY, grants: [{ role: 'station_admin', stationId: stationS.id }] });
  const other = await makeUser(t, { name: '孙木林', regionCode: COMMUNITY, birthDate: '1948-02-02' });
  const users = { vol, other, regionIn, regionOut, orgIn, orgOut, stationIn, stationOut };
  const clients = { anon: t.client() } as Record<Who, TestClient>;
  for (const [k, u] of Object.entries(users)) clients[k as Who] = await t.client().login(u.phone);
  const c = clients;
  const ids: Record<string, string> = { orgA: orgA.id, orgB: orgB.id, stationS: stationS.id, stationT: stationT.id };
  for (const [k, u] of Object.entries(users)) ids[k] = u.id;

  // a second session of vol, for ending one session from another
  ids.volSession2 = (await (await t.client().login(vol.phone)).get('/api/v1/me/sessions')).body.items.find((s: { current: boolean }) => s.current)?.id;

  // organisation A: vol a member, other asked to join, an invitation for other waiting
  ok(await c.orgIn.post(`/api/v1/orgs/${orgA.id}/members`, { userId: vol.id }), 'member');
  ids.membershipVol = (await c.vol.get('/api/v1/me/memberships')).body.items[0].id;
  const draftOrg = ok(await c.vol.post('/api/v1/orgs', { name: '周红梅读书会', type: 'community_team', regionCode: COMMUNITY }), 'pending org');
  ids.orgPending = draftOrg.body.id;
  const join = ok(await c.other.post(`/api/v1/orgs/${orgA.id}/join`, { message: '我想参加助老服务' }), 'join');
  ids.membershipPending = join.body.member.id;
  const stranger = await makeUser(t, { regionCode: COMMUNITY });
  ids.stranger = stranger.id;
  const inv = ok(await c.orgOut.post(`/api/v1/orgs/${orgB.id}/invitations`, { userId: other.id }), 'invite');
  ids.invitation = inv.body.member.id;

  // activities of organisation A: one published (vol signed up), one draft, one waiting for review
  const draft = (over: Record<string, unknown> = {}) => ({
    orgId: orgA.id, title: '凤台社区义务理发', category: 'elderly', description: '为社区老人义务理发', regionCode: COMMUNITY,
    address: '凤台社区党群服务中心', ...SITE, startsAt: '2026-11-25T09:00:00+08:00', endsAt: '2026-11-25T11:20:00+08:00', capacity: 5, ...over,
  });
  const pub = ok(await c.orgIn.post('/api/v1/activities', draft()), 'activity');
  ids.activity = pub.body.id;
  ok(await c.orgIn.post(`/api/v1/activities/${ids.activity}/submit`), 'submit');
  ok(await c.regionIn.post(`/api/v1/activities/${ids.activity}/review`, { decision: 'approve' }), 'review');
  ok(await c.vol.post(`/api/v1/activities/${ids.activity}/signups`, {}), 'signup');
  ids.activityDraft = ok(await c.orgIn.post('/api/v1/activities', draft({ title: '草稿活动' })), 'draft').body.id;
  ids.activityPending = ok(await c.orgIn.post('/api/v1/activities', draft({ title: '待审活动' })), 'pending').body.id;
  ok(await c.orgIn.post(`/api/v1/activities/${ids.activityPending}/submit`), 'submit pending');

  // award campaigns of the district: A takes nominations (vol nominated, pending); B is voting on organisation A's project
  const campaign = (title: string) => ({
    regionCode: '140502', title, minHours: 0, periodFrom: '2026-01-01', periodTo: '2026-12-31',
    categories: [{ key: 'volunteer', kind: 'volunteer', name: '最美志愿者', quota: 1 }, { key: 'project', kind: 'project', name: '优秀志愿服务项目', quota: 1 }],
    nominationOpensAt: '2026-11-24T00:00:00+08:00', nominationClosesAt: '2026-11-27T00:00:00+08:00', votingOpensAt: '2026-11-28T00:00:00+08:00', votingClosesAt: '2026-12-01T00:00:00+08:00',
  });
  const reasons = '长期坚持为社区老人服务，群众评价很高。';
  ids.campaign = ok(await c.regionIn.post('/api/v1/award-campaigns', campaign('城区最美志愿者评选')), 'campaign').body.id;
  ids.awardNomination = ok(await c.orgIn.post(`/api/v1/award-campaigns/${ids.campaign}/nominations`, { orgId: orgA.id, categoryKey: 'volunteer', subjectId: vol.id, reasons }), 'nomination').body.id;
  ids.evidenceFile = ok(await c.orgIn.post(`/api/v1/award-nominations/${ids.awardNomination}/evidence`, Buffer.from('%PDF-1.4\n%%EOF\n'), { 'content-type': 'application/pdf' }), 'evidence file').body.evidence[0].fileId;
  const voting = ok(await c.regionIn.post('/api/v1/award-campaigns', campaign('城区优秀项目评选')), 'campaign B').body.id as string;
  ids.awardCandidate = ok(await c.orgIn.post(`/api/v1/award-campaigns/${voting}/nominations`, { orgId: orgA.id, categoryKey: 'project', subjectId: ids.activity, reasons }), 'project nomination').body.id;
  ok(await c.regionIn.post(`/api/v1/award-nominations/${ids.awardCandidate}/review`, { decision: 'approve' }), 'approve');
  ok(await c.regionIn.put(`/api/v1/award-campaigns/${voting}/schedule`, { nominationOpensAt: '2026-11-20T00:00:00+08:00', nominationClosesAt: '2026-11-23T00:00:00+08:00', votingOpensAt: '2026-11-23T00:00:00+08:00', votingClosesAt: '2026-12-31T00:00:00+08:00' }), 'open the vote');

  // a retroactive record for vol, disputed by vol
  const rec = ok(
    await c.orgIn.post('/api/v1/service-records', {
      volunteerId: vol.id, orgId: orgA.id, startedAt: '2026-11-20T09:00:00+08:00', endedAt: '2026-11-20T10:00:00+08:00',
      content: '社区值班', evidenceNote: '社区值班签到表与照片',
    }),
    'record',
  );
  ids.record = rec.body.serviceRecord.id;
  const dispute = ok(await c.vol.post(`/api/v1/service-records/${ids.record}/disputes`, { reason: '实际服务到11点' }), 'dispute');
  ids.dispute = dispute.body.id;
  // vol's service certificate of that day (the disputed record still counts until corrected)
  const cert = ok(await c.vol.post('/api/v1/me/certificates', { kind: 'period', from: '2026-11-20', to: '2026-11-20' }), 'certificate');
  ids.certificate = cert.body.id;
  ids.certificateNo = cert.body.number;
  ids.certificateCode = new URL(cert.body.verifyUrl, 'http://x').searchParams.get('code') ?? '';
  ids.transfer = (await c.vol.get('/api/v1/me/passbook?ledger=time')).body.items?.[0]?.transferId ?? '';

  // other (an elder) asks for a service; vol's points and time for spending
  await fund(t, vol.id, 'points', 2000);
  await fund(t, vol.id, 'time', 600);
  await fund(t, other.id, 'time', 600);
  const reqBody = { category: 'elderly', description: '帮忙打扫卫生', regionCode: COMMUNITY, address: '凤台社区3号楼2单元', ...SITE };
  ids.request = ok(await c.other.post('/api/v1/service-requests', reqBody), 'request').body.id;
  ids.requestDispatched = ok(await c.other.post('/api/v1/service-requests', { ...reqBody, description: '陪同就医' }), 'request 2').body.id;
  ok(await c.regionIn.post(`/api/v1/service-requests/${ids.requestDispatched}/dispatch`, { orgId: orgA.id, dueAt: '2026-11-26T18:00:00+08:00' }), 'dispatch');

  // a wish in the community, a product at station S, a redemption of vol
  ids.wish = ok(
    await c.regionIn.post('/api/v1/wishes', { title: '新书包', story: '孩子上学需要新书包', valueYuan: 120, regionCode: COMMUNITY, beneficiaryName: '李小明', claimDays: 7 }),
    'wish',
  ).body.id;
  const product = ok(await c.stationIn.post(`/api/v1/stations/${stationS.id}/products`, { name: '电饭煲', pointsPrice: 800, stock: 5 }), 'product');
  ids.product = product.body.product.id;
  const red = ok(await c.vol.post('/api/v1/redemptions', { productId: ids.product, quantity: 1 }), 'redemption');
  ids.redemption = red.body.id;
  ids.pickupCode = red.body.pickupCode ?? '000000';

  // vol names other as a relative
  const rel = ok(await c.vol.post('/api/v1/relatives', { relativeUserId: other.id, relation: 'parent' }), 'relative');
  ids.relative = rel.body.id;

  ids.notification = (await c.vol.get('/api/v1/me/notifications')).body.items?.[0]?.id ?? '';
  ids.grant = ok(await c.regionIn.get(`/api/v1/grants?userId=${stationHelper.id}`), 'grants').body.items[0].id;
  ids.volNo = ok(await c.vol.get('/api/v1/me/profile'), 'profile').body.volunteerNo;
  ids.stationHelper = stationHelper.id;
  // an elder the station registered on their behalf (no password yet): their claim code
  const elder = nextPerson('1946-03-03');
  ids.elder = ok(
    await c.stationIn.post('/api/v1/volunteers', { name: '王秀英', idNumber: elder.idNumber, phone: elder.phone, regionCode: COMMUNITY, consentMethod: 'paper', stationId: stationS.id }),
    'on behalf',
  ).body.userId;
  // a partner of the district with other on its staff and a benefit for every volunteer
  ids.partner = ok(await c.regionIn.post('/api/v1/partners', { name: '晋城公交集团', sector: 'transport', regionCode: '140502' }), 'partner').body.id;
  ok(await c.regionIn.post(`/api/v1/partners/${ids.partner}/staff`, { userId: other.id }), 'partner staff');
  ids.benefit = ok(await c.regionIn.post(`/api/v1/partners/${ids.partner}/benefits`, { title: '免费乘车', minStars: 0, limitPeriod: 'none', validFrom: '2026-01-01' }), 'benefit').body.id;
  // a charity sale of the community with other recording at its stall, one sale and one disbursement; a second one to close
  const charity = ok(
    await c.regionIn.post('/api/v1/charity-events', { title: '小义卖大爱心', regionCode: COMMUNITY, place: '社区广场', organisers: ['凤台社区居委会'], startsAt: '2026-11-20T09:00:00+08:00', endsAt: '2026-12-20T17:00:00+08:00' }),
    'charity event',
  ).body;
  ids.charityEvent = charity.id;
  ids.charityEvent2 = ok(await c.regionIn.post('/api/v1/charity-events', { title: '第二场义卖', regionCode: COMMUNITY, place: '社区广场', organisers: ['凤台社区居委会'], startsAt: '2026-11-20T09:00:00+08:00', endsAt: '2026-12-20T17:00:00+08:00' }), 'charity event 2').body.id;
  ok(await c.regionIn.post(`/api/v1/charity-events/${ids.charityEvent}/staff`, { userId: other.id }), 'charity recorder');
  ids.charityStall = ok(await c.regionIn.post(`/api/v1/charity-events/${ids.charityEvent}/stalls`, { name: '小雨家的摊位' }), 'stall').body.stalls[0].id;
  ids.charitySale = ok(await c.other.post(`/api/v1/charity-events/${ids.charityEvent}/sales`, { stallId: ids.charityStall, quantity: 1, amountFen: 50_000 }), 'sale').body.sale.id;
  ids.charitySale2 = ok(await c.other.post(`/api/v1/charity-events/${ids.charityEvent}/sales`, { stallId: ids.charityStall, quantity: 1, amountFen: 100 }), 'sale 2').body.sale.id;
  ids.charityDisbursement = ok(
    await c.regionIn.post(`/api/v1/charity-events/${ids.charityEvent}/disbursements`, { beneficiary: '社区困难家庭', purpose: '慰问', amountFen: 10_000, receiptNo: 'R-1' }),
    'disbursement',
  ).body.disbursement.id;
  ids.charityReceipt = ok(await c.regionIn.post(`/api/v1/charity-disbursements/${ids.charityDisbursement}/receipts`, Buffer.from('%PDF-1.4\n%%EOF\n'), { 'content-type': 'application/pdf' }), 'receipt').body.receipts[0].id;
  // civility: the community's stars, vol's household rated (vol heads it), black entries naming vol entered by a second district
  // admin (so that regionIn is the other pair of eyes who reviews them and answers vol's appeal)
  const enterer = await t.client().login((await makeUser(t, { name: '第二位区管理员', regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] })).phone);
  ids.civilityCriteria = ok(await c.regionIn.post('/api/v1/civility-criteria', { regionCode: COMMUNITY, year: 2026, title: '十星级文明户', stars: [{ key: 'law', name: '爱国守法' }, { key: 'clean', name: '清洁卫生' }] }), 'criteria').body.id;
  ids.civilityHousehold = ok(await c.regionIn.post('/api/v1/civility-households', { regionCode: COMMUNITY, address: '东街3号楼', headName: vol.name, headUserId: vol.id }), 'household').body.id;
  ids.civilityRating = ok(
    await c.regionIn.post('/api/v1/civility-ratings', { householdId: ids.civilityHousehold, criteriaId: ids.civilityCriteria, stars: [{ key: 'law', earned: true, evidence: '核实' }, { key: 'clean', earned: false }] }),
    'rating',
  ).body.id;
  const board = (o: Record<string, unknown>) => ({ regionCode: COMMUNITY, title: '楼道堆物', deed: '楼道堆放杂物', evidence: '照片', periodFrom: '2026-01-01', periodTo: '2026-12-31', ...o });
  ids.civilityEntry = ok(await enterer.post('/api/v1/civility-board', board({ board: 'black', subjectName: vol.name, subjectUserId: vol.id })), 'black entry').body.id;
  ids.civilityEntry2 = ok(await enterer.post('/api/v1/civility-board', board({ board: 'black', title: '乱扔垃圾', subjectName: vol.name, subjectUserId: vol.id })), 'black entry 2').body.id;
  ids.civilityAppeal = ok(await c.vol.post(`/api/v1/civility-board/${ids.civilityEntry2}/appeals`, { reason: '并非本人所为，有证人' }), 'appeal').body.id;
  // council: vol's topic heard at a meeting with a decision to follow up; other's topic on a meeting still to be held; orgIn's topic open
  const councilTopic = (cl: TestClient, title: string) => cl.post('/api/v1/council-topics', { regionCode: COMMUNITY, title, description: '希望议事会讨论解决' });
  ids.councilTopic = ok(await councilTopic(c.vol, '地下室漏水'), 'topic').body.id;
  ids.councilTopic2 = ok(await councilTopic(c.other, '广场舞声音太大'), 'topic 2').body.id;
  ids.councilTopic3 = ok(await councilTopic(c.orgIn, '缺少充电桩'), 'topic 3').body.id;
  const meeting = (topicIds: string[]) => c.regionIn.post('/api/v1/council-meetings', { regionCode: COMMUNITY, title: '小板凳议事会', place: '党员阵地', startsAt: '2026-11-20T19:00:00+08:00', topicIds });
  ids.councilMeeting = ok(await meeting([ids.councilTopic!]), 'meeting').body.id;
  ids.councilDecision = ok(
    await c.regionIn.post(`/api/v1/council-meetings/${ids.councilMeeting}/minutes`, { minutes: '议定由物业维修地下室防水', attendees: 12, decisions: [{ topicId: ids.councilTopic, decision: '物业维修防水层', ownerName: '物业王经理', dueDate: '2026-12-31' }] }),
    'minutes',
  ).body.decisions[0].id;
  ids.councilMeeting2 = ok(await meeting([ids.councilTopic2!]), 'meeting 2').body.id;
  // community care in the community: a 片区 with vol as its grid worker, a building, other's household
  // (other linked to their account) with a visit vol made, a plan, a drive with one resident in vol's grid
  ids.careGrid = ok(await c.regionIn.post('/api/v1/care/grids', { communityCode: COMMUNITY, name: '第一片区', kind: 'area', ...SITE }), 'grid').body.id;
  ids.careBuilding = ok(await c.regionIn.post('/api/v1/care/buildings', { gridId: ids.careGrid, name: '1号楼', ...SITE }), 'building').body.id;
  ok(await c.regionIn.post('/api/v1/care/assignments', { gridId: ids.careGrid, userId: vol.id, role: 'grid_worker' }), 'grid worker');
  ids.careAssignment = ok(await c.regionIn.post('/api/v1/care/assignments', { gridId: ids.careGrid, buildingId: ids.careBuilding, userId: stationHelper.id, role: 'building_head_b' }), 'head B').body.id;
  ok(await c.regionIn.put('/api/v1/care/plans', { communityCode: COMMUNITY, tag: 'living_alone', intervalDays: 7 }), 'plan');
  ids.household = ok(await c.regionIn.post('/api/v1/care/households', { buildingId: ids.careBuilding, unit: '1', room: '101', members: [{ name: other.name, userId: other.id }], tags: [{ tag: 'living_alone', evidence: '独居' }] }), 'household').body.id;
  const visitPhoto = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#2e86c1' } }).png().toBuffer();
  ids.careVisitDone = ok(await c.vol.post(`/api/v1/care/households/${ids.household}/visits`, { method: 'phone', findings: '水管漏水', photoBase64: visitPhoto.toString('base64') }), 'visit').body.id;
  ids.careVisitDue = (await c.vol.get('/api/v1/care/me/visits')).body.today[0]?.id ?? '';
  if (!ids.careVisitDue) ids.careVisitDue = (await t.app.ctx.db.execute(sqlText(`select id from care_visits where status = 'due' limit 1`)) as unknown as { rows: Array<{ id: string }> }).rows[0]!.id;
  ids.drive = ok(await c.regionIn.post('/api/v1/care/pension-drives', { regionCode: COMMUNITY, year: 2026, title: '2026年度养老保险资格认证' }), 'drive').body.id;
  const pensioner = nextPerson('1945-05-05');
  ok(await c.regionIn.post(`/api/v1/care/pension-drives/${ids.drive}/import`, { fileBase64: await xlsxOf([['姓名', '身份证号', '社区/村', '网格', '地址'], ['王阿姨', pensioner.idNumber, COMMUNITY, '第一片区', '凤台东街1号']]) }), 'drive list');
  ids.pensionItem = (await c.regionIn.get(`/api/v1/care/pension-drives/${ids.drive}/items`)).body.items[0].id;
  ids.emptyXlsx = await xlsxOf([['姓名']]);
  // public-welfare posts: a post of the community supervised by organisation A; vol applied (in procedure),
  // other's placement is on its public notice (an objection waiting), stranger is in the hardship register
  const pdf = { fileName: '公告.pdf', contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
  ids.welfarePost = ok(
    await c.regionIn.post('/api/v1/welfare-posts', { title: '凤台社区保洁岗', kind: 'urban', category: 'cleaning', regionCode: COMMUNITY, address: '凤台社区', ...SITE, startTime: '07:00', endTime: '11:00', payMinFen: 150000, payMaxFen: 150000, supervisorOrgId: orgA.id }),
    'welfare post',
  ).body.id;
  ok(await c.regionIn.post(`/api/v1/welfare-posts/${ids.welfarePost}/announce`, { document: pdf }), 'announce');
  for (const u of [vol, other]) ok(await c.regionIn.post('/api/v1/hardship-register', { userId: u.id, regionCode: COMMUNITY, category: 'low_income', evidence: '低保证' }), 'hardship');
  ids.placement = ok(await c.vol.post(`/api/v1/welfare-posts/${ids.welfarePost}/applications`, {}), 'apply').body.id;
  ids.placementNotice = ok(await c.other.post(`/api/v1/welfare-posts/${ids.welfarePost}/applications`, {}), 'apply other').body.id;
  const wStep = (step: string, extra: Record<string, unknown> = {}) => c.regionIn.post(`/api/v1/welfare-placements/${ids.placementNotice}/steps`, { step, ...extra });
  ids.placementStep = ok(await wStep('democratic_review', { document: pdf }), 'review').body.steps[1].id;
  ok(await wStep('town_review'), 'town review');
  ok(await wStep('public_notice', { document: pdf }), 'notice');
  ids.objection = ok(await c.anon.post(`/api/v1/public/welfare-notices/${ids.placementNotice}/objections`, { content: '此人有稳定收入，不符合条件' }), 'objection').body.id;
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c0392b' } }).png().toBuffer();
  return { t, users, clients, ids, png };
}

async function xlsxOf(rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

let fundSeq = 0;
async function fund(t: TestApp, userId: string, ledger: 'points' | 'time', amount: number) {
  await transfer(t.app.ctx, null, {
    ledger, from: { system: 'issuance', regionCode: '140500' }, to: { userId }, amount, code: 'adjustment', actorId: null, idempotencyKey: `authz-fund-${userId}-${ledger}-${++fundSeq}`,
  });
}
