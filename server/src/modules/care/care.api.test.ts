import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeUser, nextPerson, type MadeUser } from '../../../test/factories';
import { auditLog, careHouseholdReads, careVisits, notifications, pensionItems, serviceRequests } from '../../db/schema/index';
import { escalateOverdueVisits } from './index';

let t: TestApp;
let staff: TestClient;
let outsider: TestClient;
let worker: TestClient;
let otherWorker: TestClient;
let headA: TestClient;
let headB: TestClient;
let elder: MadeUser;
let workerU: MadeUser;
let headAU: MadeUser;
let headBU: MadeUser;
let staffU: MadeUser;
const COMMUNITY = '140502001001';
const SITE = { lat: 35.4985, lng: 112.86 };
const START = '2026-11-24T09:00:00+08:00';
const ids = {} as Record<string, string> & { h1: string; h5: string; visit: string; drive: string };

async function ok<T extends { status: number; body: any }>(p: Promise<T>, status = 201): Promise<T> {
  const r = await p;
  expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBe(status);
  return r;
}

async function xlsx(rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(START);
  staffU = await makeUser(t, { name: '社区书记', regionCode: COMMUNITY, grants: [{ role: 'region_admin', regionCode: COMMUNITY }] });
  const out = await makeUser(t, { regionCode: '140502002001', grants: [{ role: 'region_admin', regionCode: '140502002001' }] });
  workerU = await makeUser(t, { name: '刘网格' });
  const w2 = await makeUser(t, { name: '陈网格' });
  headAU = await makeUser(t, { name: '甲楼长' });
  headBU = await makeUser(t, { name: '乙楼长' });
  elder = await makeUser(t, { name: '王桂兰', birthDate: '1944-12-08' });
  staff = await t.client().login(staffU.phone);
  outsider = await t.client().login(out.phone);
  worker = await t.client().login(workerU.phone);
  otherWorker = await t.client().login(w2.phone);
  headA = await t.client().login(headAU.phone);
  headB = await t.client().login(headBU.phone);

  ids.area1 = (await ok(staff.post('/api/v1/care/grids', { communityCode: COMMUNITY, name: '第一片区', kind: 'area', ...SITE }))).body.id;
  ids.estate = (await ok(staff.post('/api/v1/care/grids', { communityCode: COMMUNITY, name: '凤台小区', kind: 'estate', parentId: ids.area1, ...SITE }))).body.id;
  ids.area2 = (await ok(staff.post('/api/v1/care/grids', { communityCode: COMMUNITY, name: '第二片区', kind: 'area' }))).body.id;
  ids.b1 = (await ok(staff.post('/api/v1/care/buildings', { gridId: ids.estate, name: '1号楼', ...SITE }))).body.id;
  ids.b5 = (await ok(staff.post('/api/v1/care/buildings', { gridId: ids.area2, name: '5号楼', lat: 35.4990, lng: 112.8609 }))).body.id;
  ids.workerRole = (await ok(staff.post('/api/v1/care/assignments', { gridId: ids.area1, userId: workerU.id, role: 'grid_worker' }))).body.id;
  await ok(staff.post('/api/v1/care/assignments', { gridId: ids.area2, userId: w2.id, role: 'grid_worker' }));
  await ok(staff.post('/api/v1/care/assignments', { gridId: ids.estate, buildingId: ids.b1, userId: headAU.id, role: 'building_head_a' }));
  await ok(staff.post('/api/v1/care/assignments', { gridId: ids.estate, buildingId: ids.b1, userId: headBU.id, role: 'building_head_b' }));
  await ok(staff.put('/api/v1/care/plans', { communityCode: COMMUNITY, tag: 'living_alone', intervalDays: 7 }), 200);
  ids.h1 = (await ok(staff.post('/api/v1/care/households', {
    buildingId: ids.b1, unit: '2', room: '301', phone: '13912345678', members: [{ name: '王桂兰', relation: '户主', userId: elder.id, birthYear: 1944 }],
    tags: [{ tag: 'living_alone', evidence: '子女在外地' }],
  }))).body.id;
  ids.h5 = (await ok(staff.post('/api/v1/care/households', { buildingId: ids.b5, room: '101', members: [{ name: '李长根' }], tags: [{ tag: 'disabled', evidence: '残疾人证' }] }))).body.id;
}, 60_000);
afterAll(async () => t.close());

describe('grids and their people', () => {
  it('only community staff assign roles; one A per building; ending is audited', async () => {
    const r = await outsider.post('/api/v1/care/assignments', { gridId: ids.area1, userId: elder.id, role: 'grid_worker' });
    expect(r.status).toBe(403);
    expect((await worker.post('/api/v1/care/assignments', { gridId: ids.area1, userId: elder.id, role: 'grid_worker' })).status).toBe(403);
    const dup = await staff.post('/api/v1/care/assignments', { gridId: ids.estate, buildingId: ids.b1, userId: elder.id, role: 'building_head_a' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('CONFLICT');
    const extra = await ok(staff.post('/api/v1/care/assignments', { gridId: ids.area2, userId: elder.id, role: 'grid_worker' }));
    await ok(staff.post(`/api/v1/care/assignments/${extra.body.id}/end`, { reason: '搬离社区' }), 200);
    const again = await staff.post(`/api/v1/care/assignments/${extra.body.id}/end`, { reason: '搬离社区' });
    expect(again.body.error.code).toBe('INVALID_STATE');
    const audits = await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'care.role.end'), eq(auditLog.objectId, extra.body.id)));
    expect(audits).toHaveLength(1);
    // the ended worker sees nothing any more
    const ended = await t.client().login(elder.phone);
    expect((await ended.get('/api/v1/care/households')).status).toBe(403);
  });
});

describe('households: scope and the read log', () => {
  it('a grid worker sees only their grid’s households (and the 小区 under it), masked', async () => {
    const mine = await ok(worker.get('/api/v1/care/households'), 200);
    expect(mine.body.items.map((h: { id: string }) => h.id)).toEqual([ids.h1]);
    expect(mine.body.items[0].headMasked).toBe('王**');
    expect(JSON.stringify(mine.body)).not.toContain('301');
    const theirs = await ok(otherWorker.get('/api/v1/care/households'), 200);
    expect(theirs.body.items.map((h: { id: string }) => h.id)).toEqual([ids.h5]);
    expect((await otherWorker.get(`/api/v1/care/households/${ids.h1}`)).status).toBe(403);
    expect((await outsider.get(`/api/v1/care/households/${ids.h1}`)).status).toBe(403);
    const all = await ok(staff.get(`/api/v1/care/households?communityCode=${COMMUNITY}`), 200);
    expect(all.body.total).toBe(2);
    expect((await t.client().login(elder.phone).then((c) => c.get('/api/v1/care/households'))).status).toBe(403);
  });

  it('every read of a household’s detail is logged, refused reads are not, and the log is the community’s to read', async () => {
    const before = (await t.app.ctx.db.select().from(careHouseholdReads).where(eq(careHouseholdReads.householdId, ids.h1))).length;
    const d = await ok(worker.get(`/api/v1/care/households/${ids.h1}`), 200);
    expect(d.body.room).toBe('301');
    expect(d.body.tags[0]).toMatchObject({ tag: 'living_alone', evidence: '子女在外地' });
    await ok(headB.get(`/api/v1/care/households/${ids.h1}`), 200);
    await otherWorker.get(`/api/v1/care/households/${ids.h1}`);
    const rows = await t.app.ctx.db.select().from(careHouseholdReads).where(eq(careHouseholdReads.householdId, ids.h1));
    expect(rows.length - before).toBe(2);
    const log = await ok(staff.get(`/api/v1/care/households/${ids.h1}/reads`), 200);
    expect(log.body.items.map((r: { readerName: string }) => r.readerName)).toEqual(expect.arrayContaining(['刘网格', '乙楼长']));
    expect((await worker.get(`/api/v1/care/households/${ids.h1}/reads`)).status).toBe(403);
  });

  it('an export needs a reason, is audited and logs a read per household', async () => {
    const none = await staff.get(`/api/v1/care/households.xlsx?communityCode=${COMMUNITY}`);
    expect(none.status).toBe(400);
    expect((await worker.get(`/api/v1/care/households.xlsx?communityCode=${COMMUNITY}&reason=${encodeURIComponent('民政入户核查')}`)).status).toBe(403);
    const r = await staff.get(`/api/v1/care/households.xlsx?communityCode=${COMMUNITY}&reason=${encodeURIComponent('民政入户核查')}`);
    expect(r.status).toBe(200);
    const reads = await t.app.ctx.db.select().from(careHouseholdReads).where(eq(careHouseholdReads.purpose, 'export'));
    expect(reads).toHaveLength(2);
    expect(reads[0]!.reason).toBe('民政入户核查');
    expect(await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'care.households.export'))).toHaveLength(1);
  });

  it('imports households from Excel with row errors, all or nothing', async () => {
    const head = ['网格', '楼栋', '单元', '门牌号', '户主姓名', '电话', '关爱标签', '标签依据'];
    const bad = await ok(staff.post('/api/v1/care/households/import', { communityCode: COMMUNITY, fileBase64: await xlsx([head, ['凤台小区', '1号楼', '1', '102', '赵大爷', '', '独居老人', '入户核实'], ['第九片区', '9号楼', '1', '1', '钱', '', '', ''], ['凤台小区', '1号楼', '1', '103', '孙', '', '独居', '']]) }), 200);
    expect(bad.body.imported).toBe(0);
    expect(bad.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[3, '网格'], [4, '标签依据']]);
    const good = await ok(staff.post('/api/v1/care/households/import', { communityCode: COMMUNITY, fileBase64: await xlsx([head, ['第二片区', '5号楼', '1', '102', '赵大爷', '', '独居老人', '入户核实']]) }), 200);
    expect(good.body).toEqual({ imported: 1, errors: [] });
  });
});

describe('care rounds', () => {
  it('a plan schedules a visit; the B head acts for the A; at the door needs the geofence', async () => {
    const home = await ok(headA.get('/api/v1/care/me/visits'), 200);
    expect(home.body.today.length + home.body.overdue.length).toBe(0); // due in a week
    const far = await headB.post(`/api/v1/care/households/${ids.h1}/visits`, { method: 'door', lat: 35.51, lng: 112.87, findings: '老人在家' });
    expect(far.status).toBe(422);
    expect(far.body.error.code).toBe('OUTSIDE_GEOFENCE');
    expect((await headB.post(`/api/v1/care/households/${ids.h5}/visits`, { method: 'phone', findings: 'x' })).status).toBe(403);
    const v = await ok(headB.post(`/api/v1/care/households/${ids.h1}/visits`, { method: 'door', ...SITE, findings: '卫生间水管漏水', followUpNeeded: true }));
    expect(v.body).toMatchObject({ status: 'done', visitorName: '乙楼长', method: 'door', source: 'plan', followUpNeeded: true });
    ids.visit = v.body.id;
    const open = await t.app.ctx.db.select().from(careVisits).where(and(eq(careVisits.householdId, ids.h1), eq(careVisits.status, 'due')));
    expect(open).toHaveLength(1);
    expect(open[0]!.dueAt.toISOString()).toBe(new Date('2026-12-01T23:59:59.999+08:00').toISOString());
  });

  it('overdue visits show on the home and escalate A → B → community, each told once', async () => {
    t.clock.set(START);
    t.clock.set('2026-12-02T10:00:00+08:00');
    const home = await ok(headA.get('/api/v1/care/me/visits'), 200);
    expect(home.body.overdue).toHaveLength(1);
    expect(home.body.overdue[0]).toMatchObject({ householdId: ids.h1, overdue: true, place: '1号楼2单元301' });
    const due = home.body.overdue[0].id as string;
    // the grid worker of 第一片区 sees it too (the 小区 is under the 片区); the other grid's worker sees only theirs (the imported elder in 5号楼)
    expect((await ok(worker.get('/api/v1/care/me/visits'), 200)).body.overdue.map((v: { id: string }) => v.id)).toEqual([due]);
    expect((await ok(otherWorker.get('/api/v1/care/me/visits'), 200)).body.overdue.map((v: { householdId: string }) => v.householdId)).not.toContain(ids.h1);
    const told = async (u: MadeUser) => (await t.app.ctx.db.select().from(notifications).where(and(eq(notifications.userId, u.id), eq(notifications.objectId, due), eq(notifications.kind, 'care_visit_overdue')))).length;
    expect(await escalateOverdueVisits(t.app.ctx)).toBe(2);
    expect([await told(headAU), await told(headBU), await told(staffU)]).toEqual([1, 0, 0]);
    expect(await escalateOverdueVisits(t.app.ctx)).toBe(0);
    t.clock.set('2026-12-04T10:00:00+08:00');
    await escalateOverdueVisits(t.app.ctx);
    expect([await told(headAU), await told(headBU), await told(staffU)]).toEqual([1, 1, 0]);
    t.clock.set('2026-12-07T10:00:00+08:00');
    await escalateOverdueVisits(t.app.ctx);
    await escalateOverdueVisits(t.app.ctx);
    expect([await told(headAU), await told(headBU), await told(staffU)]).toEqual([1, 1, 1]);
    const [row] = await t.app.ctx.db.select().from(careVisits).where(and(eq(careVisits.householdId, ids.h1), eq(careVisits.status, 'due')));
    expect(row!.escalationLevel).toBe(3);
  });

  it('a need found on a visit becomes a request on the resident’s behalf, linked, once', async () => {
    expect((await otherWorker.post(`/api/v1/care/visits/${ids.visit}/request`, { residentId: elder.id, category: 'elderly', description: '维修水管' })).status).toBe(403);
    const notMember = await worker.post(`/api/v1/care/visits/${ids.visit}/request`, { residentId: workerU.id, category: 'elderly', description: '维修水管' });
    expect(notMember.body.error.code).toBe('VALIDATION_FAILED');
    const r = await ok(worker.post(`/api/v1/care/visits/${ids.visit}/request`, { residentId: elder.id, category: 'elderly', description: '卫生间水管漏水，需要维修' }));
    expect(r.body.visit.requestId).toBe(r.body.requestId);
    const [req] = await t.app.ctx.db.select().from(serviceRequests).where(eq(serviceRequests.id, r.body.requestId));
    expect(req).toMatchObject({ residentId: elder.id, enteredBy: workerU.id, status: 'ordered', regionCode: COMMUNITY });
    const again = await worker.post(`/api/v1/care/visits/${ids.visit}/request`, { residentId: elder.id, category: 'elderly', description: '再来一次' });
    expect(again.status).toBe(409);
    // the resident sees it among their requests
    const mine = await (await t.client().login(elder.phone)).get('/api/v1/service-requests');
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(r.body.requestId);
  });

  it('a knock-on-door campaign makes one visit per household of the tag and counts progress', async () => {
    t.clock.set(START);
    const c = await ok(staff.post('/api/v1/care/campaigns', { communityCode: COMMUNITY, title: '冬季敲门行动', tag: 'living_alone', dueAt: '2026-11-30T18:00:00+08:00' }));
    expect(c.body.total).toBe(2); // 王桂兰 and the imported 赵大爷
    await ok(worker.post(`/api/v1/care/households/${ids.h1}/visits`, { method: 'phone', findings: '电话问候，一切正常' }));
    const list = await ok(staff.get(`/api/v1/care/campaigns?communityCode=${COMMUNITY}`), 200);
    expect(list.body.items[0], JSON.stringify(list.body)).toMatchObject({ total: 2, done: 1 });
  });
});

describe('the pension-authentication drive', () => {
  it('imports the list with row errors, marks, counts by grid and village, and turns the not-yet into visits', async () => {
    const d = await ok(staff.post('/api/v1/care/pension-drives', { regionCode: COMMUNITY, year: 2026, title: '2026年度养老保险资格认证' }));
    ids.drive = d.body.id;
    const people = [nextPerson('1946-01-01'), nextPerson('1947-02-02'), nextPerson('1948-03-03'), nextPerson('1949-04-04')];
    const head = ['姓名', '身份证号', '社区/村', '网格', '地址'];
    const bad = await ok(staff.post(`/api/v1/care/pension-drives/${ids.drive}/import`, { fileBase64: await xlsx([head, ['王阿姨', people[0]!.idNumber, '凤台社区', '第一片区', '凤台东街1号'], ['无名', '123', '凤台社区', '', '']]) }), 200);
    expect(bad.body.imported).toBe(0);
    expect(bad.body.errors).toEqual([expect.objectContaining({ row: 3, field: '身份证号' })]);
    const rows = [head, ['王阿姨', people[0]!.idNumber, '凤台社区', '第一片区', '凤台东街1号'], ['孙木林', people[1]!.idNumber, COMMUNITY, '第一片区', '凤台东街2号'], ['赵大爷', people[2]!.idNumber, '凤台社区', '第二片区', '凤台西街3号'], ['钱奶奶', people[3]!.idNumber, '凤台社区', '', '凤台西街4号']];
    expect((await ok(staff.post(`/api/v1/care/pension-drives/${ids.drive}/import`, { fileBase64: await xlsx(rows) }), 200)).body).toEqual({ imported: 4, errors: [] });
    const stored = await t.app.ctx.db.select().from(pensionItems).where(eq(pensionItems.driveId, ids.drive));
    expect(JSON.stringify(stored)).not.toContain(people[0]!.idNumber);
    const dup = await ok(staff.post(`/api/v1/care/pension-drives/${ids.drive}/import`, { fileBase64: await xlsx([head, rows[1]!]) }), 200);
    expect(dup.body.errors[0].message).toContain('已有');

    const mine = await ok(worker.get(`/api/v1/care/pension-drives/${ids.drive}/items`), 200);
    expect(mine.body.items.map((i: { name: string }) => i.name).sort()).toEqual(['孙木林', '王阿姨']);
    const [wang, sun] = [mine.body.items.find((i: { name: string }) => i.name === '王阿姨'), mine.body.items.find((i: { name: string }) => i.name === '孙木林')];
    const zhao = stored.find((i) => i.name === '赵大爷')!;
    expect((await worker.post(`/api/v1/care/pension-items/${zhao.id}/mark`, { status: 'self' })).status).toBe(403);
    const helped = await worker.post(`/api/v1/care/pension-items/${wang.id}/mark`, { status: 'helped' });
    expect(helped.status).toBe(400);
    await ok(worker.post(`/api/v1/care/pension-items/${wang.id}/mark`, { status: 'helped', helpedById: workerU.id, helpPlace: 'home' }), 200);
    await ok(worker.post(`/api/v1/care/pension-items/${sun.id}/mark`, { status: 'not_yet', reason: 'cannot_walk' }), 200);
    await ok(otherWorker.post(`/api/v1/care/pension-items/${zhao.id}/mark`, { status: 'self' }), 200);

    const p = await ok(staff.get(`/api/v1/care/pension-drives/${ids.drive}/progress`), 200);
    expect(p.body.overall).toEqual({ total: 4, pending: 1, self: 1, helped: 1, notYet: 1 });
    expect(p.body.byRegion).toEqual([expect.objectContaining({ regionCode: COMMUNITY, total: 4 })]);
    const byGrid = Object.fromEntries(p.body.byGrid.map((g: { gridName: string; total: number; helped: number; notYet: number; self: number; pending: number }) => [g.gridName, [g.total, g.self, g.helped, g.notYet, g.pending]]));
    expect(byGrid).toEqual({ 第一片区: [2, 0, 1, 1, 0], 第二片区: [1, 1, 0, 0, 0], 未分网格: [1, 0, 0, 0, 1] });
    expect((await worker.get(`/api/v1/care/pension-drives/${ids.drive}/progress`)).status).toBe(403);

    const notYet = await ok(staff.get(`/api/v1/care/pension-drives/${ids.drive}/items?status=not_yet`), 200);
    const made = await ok(staff.post(`/api/v1/care/pension-drives/${ids.drive}/visits`, { itemIds: [...notYet.body.items.map((i: { id: string }) => i.id), wang.id] }));
    expect(made.body.created).toBe(1); // 王阿姨 is done already
    const list = await ok(worker.get('/api/v1/care/me/pension-items'), 200);
    expect(list.body.items.map((i: { name: string; status: string }) => [i.name, i.status])).toEqual([['孙木林', 'not_yet']]);
    expect((await ok(otherWorker.get('/api/v1/care/me/pension-items'), 200)).body.total).toBe(0);
    const home = await ok(worker.get('/api/v1/care/me/visits'), 200);
    const pv = home.body.today.find((v: { source: string }) => v.source === 'pension');
    expect(pv).toMatchObject({ pensionItemId: sun.id, residentMasked: '孙**' });
    expect(home.body.pensionPending).toBe(1);
    await ok(worker.post(`/api/v1/care/visits/${pv.id}/record`, { method: 'phone', findings: '行动不便，约好周五上门协助认证' }), 200);
    const again = await worker.post(`/api/v1/care/visits/${pv.id}/record`, { method: 'phone', findings: '重复' });
    expect(again.body.error.code).toBe('INVALID_STATE');
    const [item] = await t.app.ctx.db.select().from(pensionItems).where(eq(pensionItems.id, sun.id));
    expect(item!.visitId).toBe(pv.id);
  });
});

describe('as a dishonest insider or a stranger', () => {
  it('a 小区’s grid worker sees the 小区, not the rest of the 片区; the 片区’s worker sees both', async () => {
    t.clock.set(START);
    const b3 = (await ok(staff.post('/api/v1/care/buildings', { gridId: ids.area1, name: '3号楼' }))).body.id;
    const h3 = (await ok(staff.post('/api/v1/care/households', { buildingId: b3, room: '501', members: [{ name: '徐秀云' }] }))).body.id;
    const estateU = await makeUser(t, { name: '小区网格员' });
    await ok(staff.post('/api/v1/care/assignments', { gridId: ids.estate, userId: estateU.id, role: 'grid_worker' }));
    const estate = await t.client().login(estateU.phone);
    const seen = (await ok(estate.get('/api/v1/care/households?pageSize=100'), 200)).body.items.map((h: { id: string }) => h.id);
    expect(seen).toContain(ids.h1);
    expect(seen).not.toContain(h3);
    expect((await estate.get(`/api/v1/care/households/${h3}`)).status).toBe(403);
    expect((await estate.post(`/api/v1/care/households/${h3}/visits`, { method: 'phone', findings: '伪造' })).status).toBe(403);
    const wide = (await ok(worker.get('/api/v1/care/households?pageSize=100'), 200)).body.items.map((h: { id: string }) => h.id);
    expect(wide).toEqual(expect.arrayContaining([ids.h1, h3]));
    // a filter naming another grid cannot widen the scope
    const other = (await ok(estate.get(`/api/v1/care/households?gridId=${ids.area2}`), 200)).body;
    expect(other.total).toBe(0);
  });

  it('a visit’s photo is stored without its metadata and shown only inside the scope', async () => {
    t.clock.set(START);
    const sharp = (await import('sharp')).default;
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c0392b' } }).jpeg().withMetadata({ exif: { IFD0: { Make: 'SecretPhone', Copyright: 'GPS 35.4985 112.86' } } }).toBuffer();
    expect(jpeg.includes(Buffer.from('SecretPhone'))).toBe(true);
    const bad = await worker.post(`/api/v1/care/households/${ids.h1}/visits`, { method: 'phone', findings: '照片', photoBase64: Buffer.from('not a picture').toString('base64') });
    expect(bad.status).toBe(400);
    const v = await ok(worker.post(`/api/v1/care/households/${ids.h1}/visits`, { method: 'phone', findings: '家中照片', photoBase64: jpeg.toString('base64') }));
    expect(v.body.hasPhoto).toBe(true);
    const got = await worker.get(`/api/v1/care/visits/${v.body.id}/photo`);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toContain('image/jpeg');
    expect(got.raw.rawPayload.includes(Buffer.from('SecretPhone'))).toBe(false);
    expect((await otherWorker.get(`/api/v1/care/visits/${v.body.id}/photo`)).status).toBe(403);
    expect((await outsider.get(`/api/v1/care/visits/${v.body.id}/photo`)).status).toBe(403);
    // refused before it is stored: a visit outside the scope leaves no file behind
    const { readdirSync } = await import('node:fs');
    const files = () => readdirSync(`${t.app.ctx.config.dataDir}/uploads/care`, { recursive: true }).filter((f) => String(f).includes('.')).length;
    const stored = files();
    const refused = await otherWorker.post(`/api/v1/care/households/${ids.h1}/visits`, { method: 'phone', findings: 'x', photoBase64: jpeg.toString('base64') });
    expect(refused.status).toBe(403);
    const far = await worker.post(`/api/v1/care/households/${ids.h1}/visits`, { method: 'door', lat: 35.6, lng: 112.9, findings: 'x', photoBase64: jpeg.toString('base64') });
    expect(far.body.error.code).toBe('OUTSIDE_GEOFENCE');
    expect(files()).toBe(stored);
  });

  it('a visit at the door cannot be backdated, nor any visit beyond a week', async () => {
    t.clock.set(START);
    const door = await worker.post(`/api/v1/care/households/${ids.h1}/visits`, { method: 'door', ...SITE, visitedAt: '2026-11-23T09:00:00+08:00', findings: '补登' });
    expect(door.status).toBe(400);
    expect(door.body.error.details.fields.visitedAt).toBeDefined();
    const old = await worker.post(`/api/v1/care/households/${ids.h1}/visits`, { method: 'phone', visitedAt: '2026-11-10T09:00:00+08:00', findings: '补登' });
    expect(old.status).toBe(400);
  });

  it('only community staff change care tags; a new tag with a plan schedules its visit', async () => {
    t.clock.set(START);
    expect((await worker.put(`/api/v1/care/households/${ids.h5}/tags`, { tags: [{ tag: 'living_alone', evidence: 'x' }] })).status).toBe(403);
    expect((await outsider.put(`/api/v1/care/households/${ids.h5}/tags`, { tags: [{ tag: 'living_alone', evidence: 'x' }] })).status).toBe(403);
    const before = await t.app.ctx.db.select().from(careVisits).where(and(eq(careVisits.householdId, ids.h5), eq(careVisits.status, 'due'), eq(careVisits.source, 'plan')));
    expect(before).toHaveLength(0); // disability has no plan here
    await ok(staff.put(`/api/v1/care/households/${ids.h5}/tags`, { tags: [{ tag: 'disabled', evidence: '残疾人证' }, { tag: 'living_alone', evidence: '子女在外地' }] }), 200);
    const after = await t.app.ctx.db.select().from(careVisits).where(and(eq(careVisits.householdId, ids.h5), eq(careVisits.status, 'due'), eq(careVisits.source, 'plan')));
    expect(after).toHaveLength(1);
    expect(await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'care.household.tags'), eq(auditLog.objectId, ids.h5)))).toHaveLength(1);
  });

  it('the read log cannot be rewritten, even by the database’s owner', async () => {
    await expect(t.app.ctx.db.delete(careHouseholdReads)).rejects.toThrow();
  });

  it('a stranger is refused everything', async () => {
    const anon = t.client();
    for (const url of ['/api/v1/care/me/visits', `/api/v1/care/households/${ids.h1}`, '/api/v1/care/households']) expect((await anon.get(url)).status).toBe(401);
  });
});
