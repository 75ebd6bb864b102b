import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeUser, type MadeUser } from '../../../test/factories';
import { auditLog, charityDisbursements, charityEventTotals, charityReceipts, charitySales } from '../../db/schema/index';
import { formatFen, parseYuan } from '@shared/lib/money';

let t: TestApp;
let admin: TestClient;
let admin2: TestClient;
let outsider: TestClient;
let recorder: TestClient;
let stranger: TestClient;
let adminUser: MadeUser;
let guardian: MadeUser;
let recId: string;
const COMMUNITY = '140502001001';

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set('2026-11-24T09:00:00+08:00');
  adminUser = await makeUser(t, { name: '王建国', regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  const second = await makeUser(t, { name: '李文明', regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
  const out = await makeUser(t, { name: '县管理员', regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
  const rec = await makeUser(t, { name: '赵秀英' });
  guardian = await makeUser(t, { name: '周红梅' });
  admin = await t.client().login(adminUser.phone);
  admin2 = await t.client().login(second.phone);
  outsider = await t.client().login(out.phone);
  recorder = await t.client().login(rec.phone);
  stranger = await t.client().login((await makeUser(t, { name: '路人甲' })).phone);
  recId = rec.id;
});
afterAll(async () => t.close());

const eventBody = (title = '“小义卖，大爱心”慈善义卖') => ({
  title,
  regionCode: COMMUNITY,
  place: '社区党群服务中心广场',
  organisers: ['市民政局', '社区居委会', '晨光社会工作服务中心', '中心幼儿园'],
  startsAt: '2026-11-24T09:00:00+08:00',
  endsAt: '2026-11-24T17:00:00+08:00',
});

/** An event with a recorder, a family stall with a child seller and two items, and the public stall. */
async function setUp(title?: string) {
  const e = await admin.post('/api/v1/charity-events', eventBody(title));
  expect(e.status, JSON.stringify(e.body)).toBe(201);
  const id = e.body.id as string;
  expect((await admin.post(`/api/v1/charity-events/${id}/staff`, { userId: recId })).status).toBe(201);
  expect((await admin.post(`/api/v1/charity-events/${id}/stalls`, { name: '一号家庭摊位' })).status).toBe(201);
  const d = await admin.post(`/api/v1/charity-events/${id}/stalls`, { name: '社区公益摊位', kind: 'public' });
  const [family, pub] = d.body.stalls.map((s: { id: string }) => s.id) as [string, string];
  const s = await admin.post(`/api/v1/charity-events/${id}/sellers`, { stallId: family, name: '小雨', isMinor: true, guardianUserId: guardian.id });
  expect(s.status, JSON.stringify(s.body)).toBe(201);
  const sellerId = s.body.sellers[0].id as string;
  await recorder.post(`/api/v1/charity-events/${id}/items`, { stallId: family, name: '漫画书', priceFen: 500 });
  const items = await recorder.post(`/api/v1/charity-events/${id}/items`, { stallId: family, name: '手工糖葫芦', priceFen: 350 });
  expect(items.status).toBe(201);
  const item = (name: string) => items.body.items.find((i: { name: string }) => i.name === name).id as string;
  return { id, family, pub, sellerId, comic: item('漫画书'), haw: item('手工糖葫芦') };
}

const totalsRow = async (id: string) => (await t.app.ctx.db.select().from(charityEventTotals).where(eq(charityEventTotals.eventId, id)))[0]!;

describe('a charity sale, to the fen', () => {
  it('sales recorded at the stalls sum to the seed’s 3,092.50 yuan exactly, and the public account shows it to anyone without naming a child', async () => {
    const ev = await setUp();
    // 3,092.50 yuan in the sizes a sale brings: 1,000 sales of 2.35 + 3 of 0.10 + the rest paid by parents
    const lines: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 40; i++) lines.push({ stallId: ev.family, itemId: ev.haw, sellerId: ev.sellerId, quantity: 1 }); // 40 × 3.50 = 140.00
    for (let i = 0; i < 3; i++) lines.push({ stallId: ev.pub, quantity: 1, amountFen: parseYuan('0.10') }); // 0.30
    lines.push({ stallId: ev.family, itemId: ev.comic, sellerId: ev.sellerId, quantity: 12 }); // 60.00
    lines.push({ stallId: ev.family, itemId: ev.comic, quantity: 3, amountFen: parseYuan('20.01') }); // paid more: 20.01
    const sofar = 14_000 + 30 + 6_000 + 2_001;
    lines.push({ stallId: ev.pub, quantity: 1, amountFen: 309_250 - sofar, note: '家长爱心认购' });
    for (const l of lines) {
      const r = await recorder.post(`/api/v1/charity-events/${ev.id}/sales`, l);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const row = await totalsRow(ev.id);
    expect(row).toMatchObject({ raisedFen: 309_250, disbursedFen: 0, saleLines: lines.length });
    const [sum] = await t.app.ctx.db.select({ s: sql<string>`sum(amount_fen)::text` }).from(charitySales).where(eq(charitySales.eventId, ev.id));
    expect(sum!.s).toBe('309250');
    expect(formatFen(row.raisedFen)).toBe('3,092.50');

    const pub = await t.client().get(`/api/v1/public/charity-events/${ev.id}/account`);
    expect(pub.status).toBe(200);
    expect(pub.body.event.totals).toEqual({ raisedFen: 309_250, disbursedFen: 0, heldFen: 309_250, saleLines: lines.length });
    expect(pub.body.balances).toBe(true);
    const stallSum = pub.body.stalls.reduce((n: number, s: { raisedFen: number }) => n + s.raisedFen, 0);
    expect(stallSum).toBe(309_250);
    expect(pub.body.event.organisers).toContain('晨光社会工作服务中心');
    // no child, guardian or recorder named in public
    const text = JSON.stringify(pub.body);
    for (const name of ['小雨', '周红梅', '赵秀英']) expect(text.includes(name) && !text.includes('一号家庭摊位') ? name : text.replace('一号家庭摊位', '').includes(name) ? name : null).toBeNull();
    // the staff see the seller and the guardian
    const staffView = await recorder.get(`/api/v1/charity-events/${ev.id}`);
    expect(staffView.body.sellers[0]).toMatchObject({ name: '小雨', isMinor: true, guardianName: '周红梅' });
  });

  it('refuses sales from people who are not its recorders or its region’s admins, and a minor seller without a guardian', async () => {
    const ev = await setUp('第二场义卖');
    for (const c of [stranger, outsider]) {
      const r = await c.post(`/api/v1/charity-events/${ev.id}/sales`, { stallId: ev.family, quantity: 1, amountFen: 100 });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    const anon = await t.client().post(`/api/v1/charity-events/${ev.id}/sales`, { stallId: ev.family, quantity: 1, amountFen: 100 });
    expect(anon.status).toBe(401);
    expect((await totalsRow(ev.id)).raisedFen).toBe(0);
    const noGuardian = await admin.post(`/api/v1/charity-events/${ev.id}/sellers`, { stallId: ev.family, name: '乐乐', isMinor: true });
    expect(noGuardian.status).toBe(400);
    expect(noGuardian.body.error.details.fields.guardianUserId).toBeTruthy();
    // a recorder may not set up stalls or pay out
    expect((await recorder.post(`/api/v1/charity-events/${ev.id}/stalls`, { name: 'x' })).status).toBe(403);
    expect((await recorder.post(`/api/v1/charity-events/${ev.id}/disbursements`, { beneficiary: '某人', purpose: '拿走', amountFen: 1, receiptNo: '1' })).status).toBe(403);
    // amounts are whole fen: a float is refused, not rounded
    const float = await recorder.post(`/api/v1/charity-events/${ev.id}/sales`, { stallId: ev.family, quantity: 1, amountFen: 12.5 });
    expect(float.status).toBe(400);
    expect(float.body.error.code).toBe('VALIDATION_FAILED');
    // an item of another stall
    const wrong = await recorder.post(`/api/v1/charity-events/${ev.id}/sales`, { stallId: ev.pub, itemId: ev.comic, quantity: 1 });
    expect(wrong.status).toBe(400);
    expect((await totalsRow(ev.id)).raisedFen).toBe(0);
  });

  it('a double tap with the same key records the sale once; a closed sale takes no more sales', async () => {
    const ev = await setUp('第三场义卖');
    const key = randomUUID();
    const a = await recorder.request('POST', `/api/v1/charity-events/${ev.id}/sales`, { stallId: ev.family, itemId: ev.comic, quantity: 2 }, { 'idempotency-key': key });
    const b = await recorder.request('POST', `/api/v1/charity-events/${ev.id}/sales`, { stallId: ev.family, itemId: ev.comic, quantity: 2 }, { 'idempotency-key': key });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.sale.id).toBe(a.body.sale.id);
    expect((await totalsRow(ev.id))).toMatchObject({ raisedFen: 1000, saleLines: 1 });
    const closed = await admin.patch(`/api/v1/charity-events/${ev.id}`, { status: 'closed' });
    expect(closed.status).toBe(200);
    const late = await recorder.post(`/api/v1/charity-events/${ev.id}/sales`, { stallId: ev.family, quantity: 1, amountFen: 100 });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_STATE');
    expect((await admin.patch(`/api/v1/charity-events/${ev.id}`, { status: 'closed' })).body.error.code).toBe('INVALID_STATE');
  });
});

describe('where the money went', () => {
  it('pays out no more than is held, corrects by reversing rows only, and the public account balances (raised = disbursed + held)', async () => {
    const ev = await setUp('第四场义卖');
    const s1 = await recorder.post(`/api/v1/charity-events/${ev.id}/sales`, { stallId: ev.pub, quantity: 1, amountFen: 100_000 });
    const s2 = await recorder.post(`/api/v1/charity-events/${ev.id}/sales`, { stallId: ev.family, itemId: ev.haw, quantity: 3 });
    expect(s2.body.totals.raisedFen).toBe(101_050);

    const tooMuch = await admin.post(`/api/v1/charity-events/${ev.id}/disbursements`, { beneficiary: '社区困难家庭', purpose: '慰问', amountFen: 101_051, receiptNo: 'R-1' });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(tooMuch.body.error.details.heldFen).toBe(101_050);
    expect(await t.app.ctx.db.select().from(charityDisbursements).where(eq(charityDisbursements.eventId, ev.id))).toEqual([]);

    // a mistaken sale line is taken back once, by a reversing line; the first line stays
    const rev = await recorder.post(`/api/v1/charity-sales/${s2.body.sale.id}/reversal`, { reason: '重复录入' });
    expect(rev.status, JSON.stringify(rev.body)).toBe(201);
    expect(rev.body.sale).toMatchObject({ amountFen: -1050, quantity: -3, reversesId: s2.body.sale.id });
    expect(rev.body.totals).toEqual({ raisedFen: 100_000, disbursedFen: 0, heldFen: 100_000, saleLines: 1 });
    const again = await admin.post(`/api/v1/charity-sales/${s2.body.sale.id}/reversal`, { reason: '再冲一次' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    expect((await admin.post(`/api/v1/charity-sales/${rev.body.sale.id}/reversal`, { reason: '冲销冲销' })).body.error.code).toBe('INVALID_STATE');
    expect((await totalsRow(ev.id)).raisedFen).toBe(100_000);

    const paid = await admin.post(`/api/v1/charity-events/${ev.id}/disbursements`, { beneficiary: '张桂兰', beneficiaryKind: 'person', purpose: '助医', amountFen: 60_000, receiptNo: 'R-2' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body.totals).toEqual({ raisedFen: 100_000, disbursedFen: 60_000, heldFen: 40_000, saleLines: 1 });
    // the 1,000 yuan sale cannot be taken back once part of its money is paid out
    const late = await recorder.post(`/api/v1/charity-sales/${s1.body.sale.id}/reversal`, { reason: '录错了' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_STATE');
    // a disbursement entered wrong is reversed (once) and entered again
    const undo = await admin.post(`/api/v1/charity-disbursements/${paid.body.disbursement.id}/reversal`, { reason: '金额录错' });
    expect(undo.status).toBe(201);
    expect(undo.body.totals).toMatchObject({ disbursedFen: 0, heldFen: 100_000 });
    expect((await admin.post(`/api/v1/charity-disbursements/${paid.body.disbursement.id}/reversal`, { reason: '再冲一次' })).status).toBe(409);
    const paid2 = await admin.post(`/api/v1/charity-events/${ev.id}/disbursements`, { beneficiary: '张桂兰', beneficiaryKind: 'person', purpose: '助医', amountFen: 66_666, receiptNo: 'R-3' });
    expect(paid2.status).toBe(201);

    const pub = await t.client().get(`/api/v1/public/charity-events/${ev.id}/account`);
    expect(pub.status).toBe(200);
    const tot = pub.body.event.totals;
    expect(tot).toMatchObject({ raisedFen: 100_000, disbursedFen: 66_666, heldFen: 33_334 });
    expect(tot.raisedFen).toBe(tot.disbursedFen + tot.heldFen);
    expect(pub.body.balances).toBe(true);
    // the reversed pair is gone from the public list; the person is masked
    expect(pub.body.disbursements).toEqual([expect.objectContaining({ beneficiary: '张*兰', amountFen: 66_666, receiptNo: 'R-3' })]);
    expect(JSON.stringify(pub.body)).not.toContain('张桂兰');
    // the staff list keeps every row, reversals included
    const list = await admin.get(`/api/v1/charity-events/${ev.id}/disbursements`);
    expect(list.body.items.map((d: { amountFen: number }) => d.amountFen)).toEqual([60_000, -60_000, 66_666]);
    expect(list.body.items[0].reversed).toBe(true);
    // every step audited
    const actions = (await t.app.ctx.db.select({ a: auditLog.action }).from(auditLog)).map((r) => r.a);
    for (const a of ['charity.event.create', 'charity.sale.record', 'charity.sale.reverse', 'charity.disbursement.record', 'charity.disbursement.reverse']) expect(actions).toContain(a);
  });

  it('sales and disbursements are append-only in the database itself', async () => {
    const ev = await setUp('第五场义卖');
    const s = await recorder.post(`/api/v1/charity-events/${ev.id}/sales`, { stallId: ev.pub, quantity: 1, amountFen: 5_000 });
    await expect(t.app.ctx.db.update(charitySales).set({ amountFen: 1 }).where(eq(charitySales.id, s.body.sale.id))).rejects.toThrow();
    await expect(t.app.ctx.db.delete(charitySales).where(eq(charitySales.id, s.body.sale.id))).rejects.toThrow();
    const d = await admin.post(`/api/v1/charity-events/${ev.id}/disbursements`, { beneficiary: '社区书屋', purpose: '购书', amountFen: 1_000, receiptNo: 'R-9' });
    await expect(t.app.ctx.db.delete(charityDisbursements).where(eq(charityDisbursements.id, d.body.disbursement.id))).rejects.toThrow();
    // and the totals row refuses to pay out more than raised even if written around the service
    await expect(t.app.ctx.db.update(charityEventTotals).set({ disbursedFen: 999_999 }).where(eq(charityEventTotals.eventId, ev.id))).rejects.toThrow();
    expect(await totalsRow(ev.id)).toMatchObject({ raisedFen: 5_000, disbursedFen: 1_000 });
  });

  it('nobody pays charity money to themselves; a region admin elsewhere cannot pay out', async () => {
    const ev = await setUp('第六场义卖');
    await recorder.post(`/api/v1/charity-events/${ev.id}/sales`, { stallId: ev.pub, quantity: 1, amountFen: 10_000 });
    const self = await admin.post(`/api/v1/charity-events/${ev.id}/disbursements`, { beneficiary: '王建国', beneficiaryKind: 'person', beneficiaryUserId: adminUser.id, purpose: '补助', amountFen: 5_000, receiptNo: 'R-1' });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_BENEFIT');
    const out = await outsider.post(`/api/v1/charity-events/${ev.id}/disbursements`, { beneficiary: '某单位', purpose: '补助', amountFen: 5_000, receiptNo: 'R-1' });
    expect(out.status).toBe(403);
    // another admin over the region may pay the first admin, with a receipt
    const other = await admin2.post(`/api/v1/charity-events/${ev.id}/disbursements`, { beneficiary: '王建国', beneficiaryKind: 'person', beneficiaryUserId: adminUser.id, purpose: '补助', amountFen: 5_000, receiptNo: 'R-2' });
    expect(other.status).toBe(201);
    expect((await totalsRow(ev.id)).disbursedFen).toBe(5_000);
  });

  it('two payouts at once cannot together spend more than is held', async () => {
    const ev = await setUp('第七场义卖');
    await recorder.post(`/api/v1/charity-events/${ev.id}/sales`, { stallId: ev.pub, quantity: 1, amountFen: 10_000 });
    const [a, b] = await Promise.all([
      admin.post(`/api/v1/charity-events/${ev.id}/disbursements`, { beneficiary: '甲单位', purpose: '补助', amountFen: 7_000, receiptNo: 'A' }),
      admin2.post(`/api/v1/charity-events/${ev.id}/disbursements`, { beneficiary: '乙单位', purpose: '补助', amountFen: 7_000, receiptNo: 'B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await totalsRow(ev.id)).toMatchObject({ raisedFen: 10_000, disbursedFen: 7_000 });
  });
});

describe('retries and strangers', () => {
  it('a payout sent twice with the same key is paid once; the same key with another amount is refused', async () => {
    const ev = await setUp('第八场义卖');
    await recorder.post(`/api/v1/charity-events/${ev.id}/sales`, { stallId: ev.pub, quantity: 1, amountFen: 50_000 });
    const key = randomUUID();
    const body = { beneficiary: '社区书屋', purpose: '购书', amountFen: 12_345, receiptNo: 'R-8' };
    const a = await admin.request('POST', `/api/v1/charity-events/${ev.id}/disbursements`, body, { 'idempotency-key': key });
    const b = await admin.request('POST', `/api/v1/charity-events/${ev.id}/disbursements`, body, { 'idempotency-key': key });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.disbursement.id).toBe(a.body.disbursement.id);
    const other = await admin.request('POST', `/api/v1/charity-events/${ev.id}/disbursements`, { ...body, amountFen: 99 }, { 'idempotency-key': key });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await totalsRow(ev.id)).toMatchObject({ raisedFen: 50_000, disbursedFen: 12_345 });
    expect(await t.app.ctx.db.select().from(charityDisbursements).where(eq(charityDisbursements.eventId, ev.id))).toHaveLength(1);
  });

  it('a stranger reads the public account but neither the staff view nor the sale lines', async () => {
    const ev = await setUp('第九场义卖');
    const anon = t.client();
    expect((await anon.get(`/api/v1/public/charity-events/${ev.id}/account`)).status).toBe(200);
    expect((await anon.get(`/api/v1/charity-events/${ev.id}`)).status).toBe(401);
    expect((await stranger.get(`/api/v1/charity-events/${ev.id}`)).status).toBe(403);
    expect((await stranger.get(`/api/v1/charity-events/${ev.id}/sales`)).status).toBe(403);
    expect((await outsider.get(`/api/v1/charity-events/${ev.id}/disbursements`)).status).toBe(403);
    expect((await anon.get(`/api/v1/public/charity-events/${randomUUID()}/account`)).status).toBe(404);
    // the stranger's own list is empty, the recorder's holds the event
    expect((await stranger.get('/api/v1/charity-events')).body.total).toBe(0);
    expect((await recorder.get('/api/v1/charity-events')).body.items.map((e: { id: string }) => e.id)).toContain(ev.id);
  });
});

describe('totals by community', () => {
  it('sums the events of every community under a region, to the fen, for anyone', async () => {
    const r = await t.client().get('/api/v1/public/charity-totals?regionCode=140502');
    expect(r.status).toBe(200);
    const rows = await t.app.ctx.db.select().from(charityEventTotals);
    const raised = rows.reduce((n, x) => n + x.raisedFen, 0);
    const disbursed = rows.reduce((n, x) => n + x.disbursedFen, 0);
    expect(r.body.items).toEqual([expect.objectContaining({ regionCode: COMMUNITY, events: rows.length, raisedFen: raised, disbursedFen: disbursed, heldFen: raised - disbursed })]);
    expect(r.body.total).toEqual({ events: rows.length, raisedFen: raised, disbursedFen: disbursed, heldFen: raised - disbursed });
    expect(r.body.total.raisedFen).toBeGreaterThanOrEqual(309_250);
    const elsewhere = await t.client().get('/api/v1/public/charity-totals?regionCode=140522');
    expect(elsewhere.body.items).toEqual([]);
    const list = await t.client().get('/api/v1/public/charity-events?regionCode=140502');
    expect(list.body.total).toBe(rows.length);
  });
});

describe('wishes keep their value in fen', () => {
  it('a wish given in fen keeps every fen; one given in whole yuan is stored as fen', async () => {
    const staff = admin;
    const a = await staff.post('/api/v1/wishes', { title: '一个新书包', story: '孩子上学需要新书包', valueFen: 12_050, regionCode: COMMUNITY, beneficiaryName: '李小明' });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({ valueFen: 12_050, valueYuan: 120 });
    const b = await staff.post('/api/v1/wishes', { title: '一双棉鞋', story: '冬天需要一双棉鞋', valueYuan: 80, regionCode: COMMUNITY, beneficiaryName: '刘奶奶' });
    expect(b.body).toMatchObject({ valueFen: 8_000, valueYuan: 80 });
    const none = await staff.post('/api/v1/wishes', { title: '一双棉鞋', story: '冬天需要一双棉鞋', regionCode: COMMUNITY, beneficiaryName: '刘奶奶' });
    expect(none.status).toBe(400);
    const pub = await t.client().get(`/api/v1/wishes/${a.body.id}`);
    expect(pub.body.valueFen).toBe(12_050);
  });
});

describe('receipt scans of a payout', () => {
  it('the region admin attaches a picture (re-encoded) and a PDF; staff read them, the public account counts them, nobody else reads them', async () => {
    const ev = await setUp('第十场义卖');
    await recorder.post(`/api/v1/charity-events/${ev.id}/sales`, { stallId: ev.pub, quantity: 1, amountFen: 30_000 });
    const paid = await admin.post(`/api/v1/charity-events/${ev.id}/disbursements`, { beneficiary: '社区困难家庭', purpose: '购买米面油', amountFen: 20_000, receiptNo: 'FP-88' });
    const did = paid.body.disbursement.id as string;
    expect(paid.body.disbursement.receipts).toEqual([]);
    const { default: sharp } = await import('sharp');
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 250, g: 250, b: 250 } } }).withMetadata({ exif: { IFD0: { Copyright: 'shop-camera' } } }).png().toBuffer();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

    const up = await admin.post(`/api/v1/charity-disbursements/${did}/receipts?title=${encodeURIComponent('超市发票')}`, png, { 'content-type': 'image/png' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.receipts).toEqual([expect.objectContaining({ title: '超市发票', contentType: 'image/png', uploadedByName: '王建国', url: `/api/v1/charity-disbursements/${did}/receipts/${up.body.receipts[0].id}` })]);
    const doc = await admin2.post(`/api/v1/charity-disbursements/${did}/receipts`, pdf, { 'content-type': 'application/pdf' });
    expect(doc.status).toBe(201);
    expect(doc.body.receipts.map((r: { title: string }) => r.title)).toEqual(['超市发票', '票据2']);
    const rows = await t.app.ctx.db.select().from(charityReceipts).where(eq(charityReceipts.disbursementId, did));
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.contentType === 'application/pdf')!.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));

    // staff read them: the picture without the camera's metadata; the recorder too
    const got = await admin.get(up.body.receipts[0].url);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['cache-control']).toContain('no-store');
    expect(Buffer.from(got.raw.rawPayload).includes(Buffer.from('shop-camera'))).toBe(false);
    expect(createHash('sha256').update(Buffer.from(got.raw.rawPayload)).digest('hex')).toBe(up.body.receipts[0].sha256);
    expect((await recorder.get(doc.body.receipts[1].url)).status).toBe(200);
    // a region admin elsewhere, a stranger, the public: refused
    expect((await outsider.get(up.body.receipts[0].url)).status).toBe(403);
    expect((await stranger.get(up.body.receipts[0].url)).status).toBe(403);
    expect((await t.client().get(up.body.receipts[0].url)).status).toBe(401);
    // the recorder and an outsider cannot attach; not a picture or a PDF is refused; nothing stored by a refusal
    const byRecorder = await recorder.post(`/api/v1/charity-disbursements/${did}/receipts`, pdf, { 'content-type': 'application/pdf' });
    expect(byRecorder.status).toBe(403);
    expect(byRecorder.body.error.code).toBe('FORBIDDEN');
    expect((await outsider.post(`/api/v1/charity-disbursements/${did}/receipts`, pdf, { 'content-type': 'application/pdf' })).status).toBe(403);
    const text = await admin.post(`/api/v1/charity-disbursements/${did}/receipts`, Buffer.from('<html>hi</html>'), { 'content-type': 'image/png' });
    expect(text.status).toBe(400);
    expect(text.body.error.code).toBe('VALIDATION_FAILED');
    expect(await t.app.ctx.db.select().from(charityReceipts).where(eq(charityReceipts.disbursementId, did))).toHaveLength(2);

    // the public account says how many scans each payout has, never where they are
    const pub = await t.client().get(`/api/v1/public/charity-events/${ev.id}/account`);
    expect(pub.body.disbursements).toEqual([expect.objectContaining({ receiptNo: 'FP-88', receiptFiles: 2 })]);
    expect(JSON.stringify(pub.body)).not.toContain('/receipts/');
    // the staff list carries them; each attachment audited; the rows cannot be changed or removed
    const list = await admin.get(`/api/v1/charity-events/${ev.id}/disbursements`);
    expect(list.body.items[0].receipts).toHaveLength(2);
    const audits = await t.app.ctx.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.objectId, did));
    expect(audits.filter((a) => a.a === 'charity.receipt.attach')).toHaveLength(2);
    await expect(t.app.ctx.db.delete(charityReceipts).where(eq(charityReceipts.disbursementId, did))).rejects.toThrow();
    await expect(t.app.ctx.db.update(charityReceipts).set({ title: 'x' }).where(eq(charityReceipts.disbursementId, did))).rejects.toThrow();

    // a reversal line takes no receipt
    const rev = await admin.post(`/api/v1/charity-disbursements/${did}/reversal`, { reason: '录错' });
    const onReversal = await admin.post(`/api/v1/charity-disbursements/${rev.body.disbursement.id}/receipts`, pdf, { 'content-type': 'application/pdf' });
    expect(onReversal.status).toBe(409);
    expect(onReversal.body.error.code).toBe('INVALID_STATE');
  });

  it('scans sent at once never make more than ten on one payout', async () => {
    const ev = await setUp('第十一场义卖');
    await recorder.post(`/api/v1/charity-events/${ev.id}/sales`, { stallId: ev.pub, quantity: 1, amountFen: 10_000 });
    const paid = await admin.post(`/api/v1/charity-events/${ev.id}/disbursements`, { beneficiary: '社区书屋', purpose: '购书', amountFen: 5_000, receiptNo: 'FP-99' });
    const did = paid.body.disbursement.id as string;
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const answers = await Promise.all(Array.from({ length: 13 }, () => admin.post(`/api/v1/charity-disbursements/${did}/receipts`, pdf, { 'content-type': 'application/pdf' })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 400).every((a) => a.body.error.code === 'VALIDATION_FAILED')).toBe(true);
    expect(answers.filter((a) => a.status === 400)).toHaveLength(3);
    expect(await t.app.ctx.db.select().from(charityReceipts).where(eq(charityReceipts.disbursementId, did))).toHaveLength(10);
  });
});
