import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeStation, makeUser, type MadeUser } from '../../../test/factories';
import { balances, transfer, verifyLedger } from '../ledger/index';
import { expireRedemptions } from './index';

let t: TestApp;
let regionAdmin: MadeUser;
let stationId: string;
let otherStationId: string;
let staff: MadeUser;
let otherStaff: MadeUser;
let cStaff: TestClient;
let cOtherStaff: TestClient;
let seq = 0;

async function fund(userId: string, amount: number) {
  await transfer(t.app.ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId }, amount, code: 'adjustment', actorId: null, idempotencyKey: `market-fund-${++seq}` });
}
async function rows(q: ReturnType<typeof sql>) {
  const r = await t.app.ctx.db.execute(q);
  return (r as unknown as { rows: Array<Record<string, any>> }).rows;
}
async function stockOf(productId: string) {
  const [p] = await rows(sql`select stock from market_products where id = ${productId}`);
  return p!.stock as number;
}
async function movementSum(productId: string) {
  const [p] = await rows(sql`select coalesce(sum(quantity), 0)::int as n from market_stock_movements where product_id = ${productId}`);
  return p!.n as number;
}
async function supermarketBalance() {
  const [a] = await rows(sql`select balance, pending_credits from ledger_accounts where kind = 'system' and purpose = 'supermarket' and ledger = 'points' and region_code = '140500'`);
  return a ? { balance: Number(a.balance), pending: Number(a.pending_credits) } : { balance: 0, pending: 0 };
}
async function volunteer(points: number) {
  const u = await makeUser(t);
  if (points > 0) await fund(u.id, points);
  return { u, c: await t.client().login(u.phone) };
}
async function product(body: Record<string, unknown>, station = stationId) {
  const r = await cStaff.post(`/api/v1/stations/${station}/products`, { name: '电饭煲', pointsPrice: 800, stock: 5, ...body });
  expect(r.status).toBe(201);
  return r.body.product as { id: string; stock: number };
}

beforeAll(async () => {
  t = await buildTestApp();
  regionAdmin = await makeUser(t, { name: '区管理员', regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  stationId = (await makeStation(t, regionAdmin, { name: '凤台社区志愿服务站' })).id;
  otherStationId = (await makeStation(t, regionAdmin, { name: '别的服务站' })).id;
  staff = await makeUser(t, { name: '赵站长', grants: [{ role: 'station_admin', stationId }] });
  otherStaff = await makeUser(t, { name: '钱站长', grants: [{ role: 'station_admin', stationId: otherStationId }] });
  cStaff = await t.client().login(staff.phone);
  cOtherStaff = await t.client().login(otherStaff.phone);
});
afterAll(async () => {
  await t.close();
});

describe('goods and the shelf', () => {
  it('creates goods (station admin, region admin), refuses others, and the shelf shows on-shelf goods to the public', async () => {
    const r = await cStaff.post(`/api/v1/stations/${stationId}/products`, { name: '大米 5kg', pointsPrice: 120, stock: 10, donor: '晋城爱心粮油公司', category: '粮油', lowStockThreshold: 3 });
    expect(r.status).toBe(201);
    expect(r.body.product).toMatchObject({ name: '大米 5kg', pointsPrice: 120, stock: 10, stationId, isOnShelf: true, isLowStock: false });
    const id = r.body.product.id;
    const mv = await rows(sql`select kind, quantity, stock_after, donor_name, donor_type from market_stock_movements where product_id = ${id}`);
    expect(mv).toEqual([{ kind: 'donation', quantity: 10, stock_after: 10, donor_name: '晋城爱心粮油公司', donor_type: 'company' }]);
    expect((await rows(sql`select action from audit_log where object_id = ${id}`)).map((a) => a.action)).toEqual(['market.product.create']);

    const cRegion = await t.client().login(regionAdmin.phone);
    expect((await cRegion.post(`/api/v1/stations/${stationId}/products`, { name: '毛巾', pointsPrice: 30, stock: 0 })).status).toBe(201);
    const refused = await cOtherStaff.post(`/api/v1/stations/${stationId}/products`, { name: '毛巾', pointsPrice: 30, stock: 1 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const bad = await cStaff.post(`/api/v1/stations/${stationId}/products`, { name: '毛巾', pointsPrice: 0, stock: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.pointsPrice).toBeDefined();

    // off the shelf: hidden from the public, visible to staff (audited edit)
    const off = await cStaff.patch(`/api/v1/products/${id}`, { isOnShelf: false });
    expect(off.status).toBe(200);
    expect(off.body.product.isOnShelf).toBe(false);
    const pub = await t.client().get(`/api/v1/stations/${stationId}/products`);
    expect(pub.status).toBe(200);
    expect(pub.body.items.map((p: any) => p.name)).not.toContain('大米 5kg');
    expect(pub.body.items.map((p: any) => p.name)).toContain('毛巾');
    const all = await cStaff.get(`/api/v1/stations/${stationId}/products?onShelf=false`);
    expect(all.body.items.map((p: any) => p.name)).toEqual(['大米 5kg']);
    expect((await t.client().get(`/api/v1/products/${id}`)).status).toBe(404);
    expect((await cOtherStaff.patch(`/api/v1/products/${id}`, { isOnShelf: true })).status).toBe(403);
    await cStaff.patch(`/api/v1/products/${id}`, { isOnShelf: true });
    expect((await rows(sql`select action from audit_log where object_id = ${id} order by at, id`)).map((a) => a.action)).toEqual(['market.product.create', 'market.product.update', 'market.product.update']);
  });

  it('uploads a picture (type checked by its bytes, size limited) and serves it', async () => {
    const p = await product({ name: '保温杯', pointsPrice: 60, stock: 2 });
    const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: '#e8443a' } }).png().toBuffer();
    const up = await cStaff.post(`/api/v1/products/${p.id}/picture`, png, { 'content-type': 'image/png' });
    expect(up.status).toBe(200);
    expect(up.body.product.pictureUrl).toMatch(new RegExp(`^/api/v1/products/${p.id}/picture`));
    const got = await t.client().get(`/api/v1/products/${p.id}/picture`);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    // re-encoded without metadata (lib/images.ts): the same pixels
    expect((await sharp(got.raw.rawPayload).raw().toBuffer()).equals(await sharp(png).raw().toBuffer())).toBe(true);
    // a text file claiming to be a PNG; a picture over 2 MB; another station's admin
    const fake = await cStaff.post(`/api/v1/products/${p.id}/picture`, Buffer.from('<script>alert(1)</script>'), { 'content-type': 'image/png' });
    expect(fake.status).toBe(400);
    expect(fake.body.error.details.fields.file).toBeDefined();
    const big = await cStaff.post(`/api/v1/products/${p.id}/picture`, Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]), { 'content-type': 'image/png' });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await cOtherStaff.post(`/api/v1/products/${p.id}/picture`, png, { 'content-type': 'image/png' })).status).toBe(403);
  });
});

describe('stock movements', () => {
  it('donations, adjustments and stock-takes move the stock, which always equals the sum of its movements; low-stock alerts', async () => {
    const p = await product({ name: '食用油', pointsPrice: 90, stock: 4, lowStockThreshold: 2 });
    const don = await cStaff.post(`/api/v1/products/${p.id}/movements`, { kind: 'donation', quantity: 6, donor: { name: '王大爷', type: 'person' } });
    expect(don.status).toBe(201);
    expect(don.body.product.stock).toBe(10);
    expect(don.body.movement).toMatchObject({ kind: 'donation', quantity: 6, stockAfter: 10, donorName: '王大爷', donorType: 'person' });
    const adj = await cStaff.post(`/api/v1/products/${p.id}/movements`, { kind: 'adjustment', quantity: -3, reason: '破损报废' });
    expect(adj.body.product.stock).toBe(7);
    const noReason = await cStaff.post(`/api/v1/products/${p.id}/movements`, { kind: 'adjustment', quantity: -1 });
    expect(noReason.status).toBe(400);
    const tooMuch = await cStaff.post(`/api/v1/products/${p.id}/movements`, { kind: 'adjustment', quantity: -8, reason: '盘亏' });
    expect(tooMuch.status).toBe(400);
    expect(await stockOf(p.id)).toBe(7);
    const take = await cStaff.post(`/api/v1/products/${p.id}/movements`, { kind: 'stocktake', countedQuantity: 2, reason: '月末盘点' });
    expect(take.status).toBe(201);
    expect(take.body.movement).toMatchObject({ kind: 'stocktake', quantity: -5, stockAfter: 2 });
    expect(take.body.product.isLowStock).toBe(true);
    expect(await stockOf(p.id)).toBe(await movementSum(p.id));
    expect((await cOtherStaff.post(`/api/v1/products/${p.id}/movements`, { kind: 'donation', quantity: 1, donor: { name: 'x', type: 'person' } })).status).toBe(403);

    const low = await cStaff.get(`/api/v1/stations/${stationId}/low-stock`);
    expect(low.status).toBe(200);
    expect(low.body.items.map((x: any) => x.id)).toContain(p.id);
    expect((await cOtherStaff.get(`/api/v1/stations/${stationId}/low-stock`)).status).toBe(403);
    const list = await cStaff.get(`/api/v1/stations/${stationId}/stock-movements?productId=${p.id}`);
    expect(list.body.items.map((m: any) => m.kind)).toEqual(['stocktake', 'adjustment', 'donation', 'initial']);
    expect((await rows(sql`select action from audit_log where object_id = ${p.id} and action like 'market.stock.%' order by at, id`)).map((a) => a.action)).toEqual([
      'market.stock.donation',
      'market.stock.adjustment',
      'market.stock.stocktake',
    ]);
    // the CHECK is the last line: the database refuses a negative stock whatever the code does
    await expect(t.app.ctx.db.execute(sql`update market_products set stock = -1 where id = ${p.id}`)).rejects.toThrow();
  });
});

describe('redemptions', () => {
  it('the seed case: 800 points redeem a rice cooker of 800; fulfil by code posts once; balance 0', async () => {
    const p = await product({ name: '电饭煲', pointsPrice: 800, stock: 3 });
    const { u, c } = await volunteer(800);
    const before = await supermarketBalance();
    const r = await c.post('/api/v1/redemptions', { productId: p.id, quantity: 1 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'reserved', points: 800, quantity: 1, onBehalf: false });
    expect(r.body.pickupCode).toMatch(/^\d{6}$/);
    expect(r.body.pickupQr).toMatch(/^data:image\/png;base64,/);
    expect(await stockOf(p.id)).toBe(2);
    expect((await balances(t.app.ctx.db, u.id)).points).toBe(0); // reserved: not spendable
    expect(await supermarketBalance()).toEqual({ balance: before.balance, pending: before.pending + 800 });

    // the volunteer cannot fulfil; another station's admin cannot; a wrong code is refused
    expect((await c.post(`/api/v1/redemptions/${r.body.id}/fulfil`, { pickupCode: r.body.pickupCode })).status).toBe(403);
    const other = await cOtherStaff.post(`/api/v1/redemptions/${r.body.id}/fulfil`, { pickupCode: r.body.pickupCode });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    const wrong = await cStaff.post(`/api/v1/redemptions/${r.body.id}/fulfil`, { pickupCode: r.body.pickupCode === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields.pickupCode).toBeDefined();

    // staff find it by the code
    const found = await cStaff.get(`/api/v1/stations/${stationId}/redemptions?code=${r.body.pickupCode}`);
    expect(found.body.items).toEqual([expect.objectContaining({ id: r.body.id, userName: u.name, productName: '电饭煲' })]);
    expect((await cOtherStaff.get(`/api/v1/stations/${stationId}/redemptions?code=${r.body.pickupCode}`)).status).toBe(403);

    const ok = await cStaff.post(`/api/v1/redemptions/${r.body.id}/fulfil`, { pickupCode: r.body.pickupCode });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ id: r.body.id, status: 'fulfilled' });
    const again = await cStaff.post(`/api/v1/redemptions/${r.body.id}/fulfil`, { pickupCode: r.body.pickupCode });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    expect((await balances(t.app.ctx.db, u.id)).points).toBe(0);
    expect(await supermarketBalance()).toEqual({ balance: before.balance + 800, pending: before.pending });
    const posts = await rows(sql`select status from ledger_transfers where object_id = ${r.body.id} order by created_at, id`);
    expect(posts.map((x) => x.status)).toEqual(['pending', 'post_pending']);
    expect(await stockOf(p.id)).toBe(2);
    expect(await stockOf(p.id)).toBe(await movementSum(p.id));
    // too late to cancel
    const late = await c.post(`/api/v1/redemptions/${r.body.id}/cancel`);
    expect(late.status).toBe(409);
    // the passbook shows the debit
    const pb = await c.get('/api/v1/me/passbook?ledger=points');
    expect(pb.body.items.some((i: any) => i.kind === 'redeemed' && i.amount === -800)).toBe(true);
    const mine = await c.get('/api/v1/me/redemptions');
    expect(mine.body.items).toEqual([expect.objectContaining({ id: r.body.id, status: 'fulfilled', pickupQr: null })]);
  });

  it('INSUFFICIENT_BALANCE and OUT_OF_STOCK change nothing', async () => {
    const p = await product({ name: '洗衣液', pointsPrice: 100, stock: 2 });
    const { u, c } = await volunteer(150);
    const poor = await c.post('/api/v1/redemptions', { productId: p.id, quantity: 2 });
    expect(poor.status).toBe(409);
    expect(poor.body.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(await stockOf(p.id)).toBe(2);
    expect(await movementSum(p.id)).toBe(2);
    expect((await balances(t.app.ctx.db, u.id)).points).toBe(150);
    expect(await rows(sql`select id from market_redemptions where user_id = ${u.id}`)).toEqual([]);

    const { u: rich, c: cRich } = await volunteer(1000);
    const none = await cRich.post('/api/v1/redemptions', { productId: p.id, quantity: 3 });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('OUT_OF_STOCK');
    expect(await stockOf(p.id)).toBe(2);
    expect((await balances(t.app.ctx.db, rich.id)).points).toBe(1000);
    const off = await product({ name: '下架品', pointsPrice: 1, stock: 1, isOnShelf: false });
    const offShelf = await cRich.post('/api/v1/redemptions', { productId: off.id, quantity: 1 });
    expect(offShelf.status).toBe(409);
    expect(offShelf.body.error.code).toBe('INVALID_STATE');
    const missing = await cRich.post('/api/v1/redemptions', { productId: '00000000-0000-7000-8000-000000000000', quantity: 1 });
    expect(missing.status).toBe(404);
    expect((await t.client().post('/api/v1/redemptions', { productId: p.id, quantity: 1 })).status).toBe(401);
  });

  it('cancel before pickup: points released, stock back with a movement; only the owner or the station staff', async () => {
    const p = await product({ name: '牙膏', pointsPrice: 50, stock: 4 });
    const { u, c } = await volunteer(200);
    const { c: stranger } = await volunteer(0);
    const r = await c.post('/api/v1/redemptions', { productId: p.id, quantity: 2 });
    expect(r.status).toBe(201);
    expect((await balances(t.app.ctx.db, u.id)).points).toBe(100);
    expect((await stranger.post(`/api/v1/redemptions/${r.body.id}/cancel`)).status).toBe(403);
    expect((await cOtherStaff.post(`/api/v1/redemptions/${r.body.id}/cancel`)).status).toBe(403);
    expect((await stranger.get(`/api/v1/redemptions/${r.body.id}`)).status).toBe(403);
    const x = await c.post(`/api/v1/redemptions/${r.body.id}/cancel`);
    expect(x.status).toBe(200);
    expect(x.body).toEqual({ id: r.body.id, status: 'cancelled' });
    expect((await balances(t.app.ctx.db, u.id)).points).toBe(200);
    expect(await stockOf(p.id)).toBe(4);
    expect(await movementSum(p.id)).toBe(4);
    const mv = await rows(sql`select kind, quantity from market_stock_movements where redemption_id = ${r.body.id} order by created_at, kind desc`);
    expect(mv).toEqual([
      { kind: 'redemption', quantity: -2 },
      { kind: 'cancellation', quantity: 2 },
    ]);
    const again = await c.post(`/api/v1/redemptions/${r.body.id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    const fulfilCancelled = await cStaff.post(`/api/v1/redemptions/${r.body.id}/fulfil`, { pickupCode: r.body.pickupCode });
    expect(fulfilCancelled.status).toBe(409);
    expect((await rows(sql`select status from ledger_transfers where object_id = ${r.body.id} order by created_at, id`)).map((s) => s.status)).toEqual(['pending', 'void_pending']);
  });

  it('unclaimed orders expire after the station’s pickup days, exactly once (TestClock, no sleeping)', async () => {
    const put = await cStaff.put(`/api/v1/stations/${stationId}/market-settings`, { pickupDays: 3 });
    expect(put.status).toBe(200);
    expect(put.body.pickupDays).toBe(3);
    expect((await cOtherStaff.put(`/api/v1/stations/${stationId}/market-settings`, { pickupDays: 30 })).status).toBe(403);
    const p = await product({ name: '香皂', pointsPrice: 20, stock: 5 });
    const { u, c } = await volunteer(100);
    const r = await c.post('/api/v1/redemptions', { productId: p.id, quantity: 3 });
    expect(r.status).toBe(201);
    expect(new Date(r.body.expiresAt).getTime() - t.clock.now().getTime()).toBe(3 * 86_400_000);
    expect((await balances(t.app.ctx.db, u.id)).points).toBe(40);

    t.clock.advance(3 * 86_400_000 - 60_000);
    expect(await expireRedemptions(t.app.ctx)).toBe(0);
    t.clock.advance(60_000);
    // too late for the volunteer and the station
    expect((await c.post(`/api/v1/redemptions/${r.body.id}/cancel`)).status).toBe(409);
    const late = await cStaff.post(`/api/v1/redemptions/${r.body.id}/fulfil`, { pickupCode: r.body.pickupCode });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_STATE');
    expect(await expireRedemptions(t.app.ctx)).toBe(1);
    expect(await expireRedemptions(t.app.ctx)).toBe(0);
    expect((await c.get(`/api/v1/redemptions/${r.body.id}`)).body.status).toBe('expired');
    expect((await balances(t.app.ctx.db, u.id)).points).toBe(100);
    expect(await stockOf(p.id)).toBe(5);
    expect(await movementSum(p.id)).toBe(5);
    expect((await rows(sql`select kind from market_stock_movements where redemption_id = ${r.body.id} order by kind`)).map((m) => m.kind)).toEqual(['expiry', 'redemption']);
    await cStaff.put(`/api/v1/stations/${stationId}/market-settings`, { pickupDays: 7 });
  });

  it('expiry still restores stock when the ledger sweeper expired the reservation first', async () => {
    const { expirePending } = await import('../ledger/index');
    const p = await product({ name: '肥皂', pointsPrice: 10, stock: 1 });
    const { u, c } = await volunteer(10);
    const r = await c.post('/api/v1/redemptions', { productId: p.id, quantity: 1 });
    t.clock.advance(8 * 86_400_000);
    expect(await expirePending(t.app.ctx)).toBeGreaterThanOrEqual(1);
    expect(await expireRedemptions(t.app.ctx)).toBe(1);
    expect((await balances(t.app.ctx.db, u.id)).points).toBe(10);
    expect(await stockOf(p.id)).toBe(1);
    expect((await c.get(`/api/v1/redemptions/${r.body.id}`)).body.status).toBe('expired');
  });

  it('monthly per-person limits', async () => {
    const p = await product({ name: '鸡蛋', pointsPrice: 10, stock: 20, monthlyLimitPerPerson: 2 });
    const { c } = await volunteer(500);
    expect((await c.post('/api/v1/redemptions', { productId: p.id, quantity: 2 })).status).toBe(201);
    const over = await c.post('/api/v1/redemptions', { productId: p.id, quantity: 1 });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('INVALID_STATE');
    expect(over.body.error.details).toMatchObject({ reason: 'MONTHLY_LIMIT', limit: 2, used: 2 });
    expect(await stockOf(p.id)).toBe(18);
    // a new month (China time) opens the limit again
    const now = t.clock.now();
    const shifted = new Date(now.getTime() + 8 * 3_600_000);
    t.clock.set(new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 1) - 8 * 3_600_000 + 60_000));
    // the first order expired meanwhile or not: either way a new month counts afresh
    expect((await c.post('/api/v1/redemptions', { productId: p.id, quantity: 2 })).status).toBe(201);
    await expireRedemptions(t.app.ctx, new Date(t.clock.now().getTime() + 30 * 86_400_000));
  });

  it('on behalf (代兑换): a station admin redeems for an elder; the elder’s points pay; recorded and audited', async () => {
    // the clock jumped a month ahead in the test before: sessions of then have lapsed
    cStaff = await t.client().login(staff.phone);
    cOtherStaff = await t.client().login(otherStaff.phone);
    const p = await product({ name: '老花镜', pointsPrice: 80, stock: 2 });
    const elder = await makeUser(t, { name: '王阿姨', birthDate: '1948-03-02' });
    await fund(elder.id, 100);
    const r = await cStaff.post('/api/v1/redemptions', { productId: p.id, quantity: 1, onBehalfOf: elder.id });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'reserved', onBehalf: true, userId: elder.id, userName: '王阿姨', placedBy: staff.id, placedByName: '赵站长' });
    expect((await balances(t.app.ctx.db, elder.id)).points).toBe(20);
    expect((await balances(t.app.ctx.db, staff.id)).points).toBe(0);
    const audit = await rows(sql`select action, actor_id, on_behalf_of from audit_log where object_id = ${r.body.id}`);
    expect(audit).toEqual([{ action: 'market.redeem_on_behalf', actor_id: staff.id, on_behalf_of: elder.id }]);
    const { c: plain } = await volunteer(0);
    const refused = await plain.post('/api/v1/redemptions', { productId: p.id, quantity: 1, onBehalfOf: elder.id });
    expect(refused.status).toBe(403);
    const other = await cOtherStaff.post('/api/v1/redemptions', { productId: p.id, quantity: 1, onBehalfOf: elder.id });
    expect(other.status).toBe(403);
    expect(await stockOf(p.id)).toBe(1);
    const ok = await cStaff.post(`/api/v1/redemptions/${r.body.id}/fulfil`, { pickupCode: r.body.pickupCode });
    expect(ok.status).toBe(200);
    expect((await balances(t.app.ctx.db, elder.id)).points).toBe(20);
  });

  it('lists: a station’s orders (staff, codes hidden), my orders (with code and QR)', async () => {
    const list = await cStaff.get(`/api/v1/stations/${stationId}/redemptions?status=fulfilled`);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(2);
    expect(list.body.items.every((r: any) => r.status === 'fulfilled' && r.pickupCode === null)).toBe(true);
    const xlsx = await cStaff.get(`/api/v1/stations/${stationId}/redemptions.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    expect((await cOtherStaff.get(`/api/v1/stations/${stationId}/redemptions`)).status).toBe(403);
  });

  it('reports: by month, by item, points spent, stock on hand, donors; Excel with Chinese headers', async () => {
    const r = await cStaff.get(`/api/v1/stations/${stationId}/market-report`);
    expect(r.status).toBe(200);
    expect(r.body.pointsSpent).toBe(800 + 80);
    expect(r.body.byItem.map((i: any) => i.name).sort()).toEqual(['电饭煲', '老花镜']);
    expect(r.body.byMonth.reduce((s: number, m: any) => s + m.points, 0)).toBe(880);
    expect(r.body.donors).toEqual(expect.arrayContaining([expect.objectContaining({ donorName: '晋城爱心粮油公司', donorType: 'company', quantity: 10 })]));
    expect(r.body.stockOnHand.length).toBeGreaterThan(3);
    for (const sheet of ['byMonth', 'byItem', 'stock', 'donors']) {
      const x = await cStaff.get(`/api/v1/stations/${stationId}/market-report.xlsx?sheet=${sheet}`);
      expect(x.status).toBe(200);
      expect(x.raw.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
    expect((await cOtherStaff.get(`/api/v1/stations/${stationId}/market-report`)).status).toBe(403);
  });

  it('every product’s stock equals the sum of its movements, and the ledger verifies', async () => {
    const bad = await rows(sql`
      select p.id from market_products p
      left join (select product_id, sum(quantity)::int as s from market_stock_movements group by product_id) m on m.product_id = p.id
      where p.stock <> coalesce(m.s, 0)`);
    expect(bad).toEqual([]);
    const v = await verifyLedger(t.app.ctx.db);
    expect(v.problems).toEqual([]);
  });
});
