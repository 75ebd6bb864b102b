import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeStation, makeUser, type MadeUser } from '../../../test/factories';
import { testEngine } from '../../../test/engine';
import { balances, transfer, verifyLedger } from '../ledger/index';

/** Issue 10 point 13: every spend takes a client idempotency key; a retry never spends twice. */

let t: TestApp;
let district: MadeUser;
let stationId: string;
let keeper: TestClient;
let seq = 0;

beforeAll(async () => {
  t = await buildTestApp();
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  stationId = (await makeStation(t, district, { name: '幂等服务站' })).id;
  const k = await makeUser(t, { grants: [{ role: 'station_admin', stationId }] });
  keeper = await t.client().login(k.phone);
});
afterAll(async () => {
  expect((await verifyLedger(t.app.ctx.db)).ok).toBe(true);
  await t.close();
});

async function rows(q: ReturnType<typeof sql>) {
  return ((await t.app.ctx.db.execute(q)) as unknown as { rows: Array<Record<string, any>> }).rows;
}
async function fund(userId: string, ledger: 'points' | 'time', amount: number) {
  await transfer(t.app.ctx, null, { ledger, from: { system: 'issuance', regionCode: '140500' }, to: { userId }, amount, code: 'adjustment', actorId: null, idempotencyKey: `idem-fund-${++seq}` });
}
async function product(stock = 5) {
  const p = await keeper.post(`/api/v1/stations/${stationId}/products`, { name: `毛巾${++seq}`, pointsPrice: 40, stock });
  expect(p.status).toBe(201);
  return p.body.product.id as string;
}
async function person(points: number, o: { birthDate?: string } = {}) {
  const u = await makeUser(t, o);
  if (points) await fund(u.id, 'points', points);
  return { u, c: await t.client().login(u.phone) };
}
async function redemptionsOf(userId: string) {
  return rows(sql`select id, status from market_redemptions where user_id = ${userId}`);
}
async function stockOf(productId: string) {
  return (await rows(sql`select stock from market_products where id = ${productId}`))[0]!.stock as number;
}
const keyed = (key: string) => ({ 'Idempotency-Key': key });

describe('redemptions', () => {
  it('the same key and body answer the first order again: one order, one reservation, the stock taken once', async () => {
    const productId = await product();
    const { u, c } = await person(200);
    const key = crypto.randomUUID();
    const first = await c.post('/api/v1/redemptions', { productId, quantity: 2 }, keyed(key));
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBe('false');
    const retry = await c.post('/api/v1/redemptions', { quantity: 2, productId }, keyed(key));
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    // the key may come in the body too
    const inBody = await c.post('/api/v1/redemptions', { productId, quantity: 2, clientKey: key });
    expect(inBody.status).toBe(201);
    expect(inBody.body.id).toBe(first.body.id);
    expect(await redemptionsOf(u.id)).toHaveLength(1);
    expect(await stockOf(productId)).toBe(3);
    expect((await balances(t.app.ctx.db, u.id)).points).toBe(120);
    expect(await rows(sql`select status from ledger_transfers where object_id = ${first.body.id}`)).toEqual([{ status: 'pending' }]);
    const [stored] = await rows(sql`select scope, status_code from idempotency_keys where actor_id = ${u.id} and key = ${key}`);
    expect(stored).toEqual({ scope: 'redemption', status_code: 201 });
  });

  it('the same key with another body is 409 IDEMPOTENCY_MISMATCH and spends nothing; another person’s same key is their own', async () => {
    const productId = await product();
    const { u, c } = await person(200);
    const key = crypto.randomUUID();
    expect((await c.post('/api/v1/redemptions', { productId, quantity: 1 }, keyed(key))).status).toBe(201);
    const other = await c.post('/api/v1/redemptions', { productId, quantity: 3 }, keyed(key));
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await redemptionsOf(u.id)).toHaveLength(1);
    expect(await stockOf(productId)).toBe(4);
    expect((await balances(t.app.ctx.db, u.id)).points).toBe(160);
    const { u: v, c: vc } = await person(100);
    const theirs = await vc.post('/api/v1/redemptions', { productId, quantity: 1 }, keyed(key));
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBe('false');
    expect(await redemptionsOf(v.id)).toHaveLength(1);
  });

  it('a key that is not a UUID, or a header and clientKey that differ, are 400; a refused spend leaves its key free', async () => {
    const productId = await product(1);
    const { u, c } = await person(10);
    const bad = await c.post('/api/v1/redemptions', { productId, quantity: 1 }, keyed('retry-1'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const both = await c.post('/api/v1/redemptions', { productId, quantity: 1, clientKey: crypto.randomUUID() }, keyed(crypto.randomUUID()));
    expect(both.status).toBe(400);
    const key = crypto.randomUUID();
    const poor = await c.post('/api/v1/redemptions', { productId, quantity: 1 }, keyed(key));
    expect(poor.status).toBe(409);
    expect(poor.body.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(await rows(sql`select key from idempotency_keys where actor_id = ${u.id}`)).toEqual([]);
    await fund(u.id, 'points', 100);
    const ok = await c.post('/api/v1/redemptions', { productId, quantity: 1 }, keyed(key));
    expect(ok.status).toBe(201);
    expect(await redemptionsOf(u.id)).toHaveLength(1);
  });
});

describe('paid requests, family transfers and donations', () => {
  it('a paid service request retried with its key is ordered and reserved once', async () => {
    const { u, c } = await person(0, { birthDate: '1946-01-01' });
    await fund(u.id, 'time', 90);
    const key = crypto.randomUUID();
    const body = { category: 'elderly', description: '上门陪护', regionCode: '140502001001', address: '凤台社区9号楼', payMinutes: 60 };
    const first = await c.post('/api/v1/service-requests', body, keyed(key));
    expect(first.status).toBe(201);
    const retry = await c.post('/api/v1/service-requests', body, keyed(key));
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(await rows(sql`select id from service_requests where resident_id = ${u.id}`)).toHaveLength(1);
    expect(await balances(t.app.ctx.db, u.id)).toEqual({ points: 0, time: 30 });
    const changed = await c.post('/api/v1/service-requests', { ...body, payMinutes: 30 }, keyed(key));
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await balances(t.app.ctx.db, u.id)).toEqual({ points: 0, time: 30 });
  });

  it('a donation or a family gift may carry the key in the header alone; a repeat answers the first, another body is refused', async () => {
    const { u, c } = await person(100);
    const key = crypto.randomUUID();
    const first = await c.post('/api/v1/donations', { ledger: 'points', amount: 30 }, keyed(key));
    expect(first.status).toBe(201);
    const retry = await c.post('/api/v1/donations', { ledger: 'points', amount: 30 }, keyed(key));
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await balances(t.app.ctx.db, u.id)).points).toBe(70);
    const other = await c.post('/api/v1/donations', { ledger: 'points', amount: 31 }, keyed(key));
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
    const none = await c.post('/api/v1/donations', { ledger: 'points', amount: 5 });
    expect(none.status).toBe(400);
    expect(none.body.error.details.fields.idempotencyKey).toBeDefined();
    expect((await balances(t.app.ctx.db, u.id)).points).toBe(70);
    const gift = await c.post('/api/v1/transfers', { toUserId: district.id, ledger: 'points', amount: 5 }, keyed(crypto.randomUUID()));
    expect(gift.status).toBe(422);
    expect(gift.body.error.code).toBe('RELATION_NOT_VERIFIED');
  });
});

describe.runIf(testEngine() === 'postgres')('concurrent duplicates (PostgreSQL)', () => {
  it('eight copies of one redemption at once: one order, one reservation, every answer the same', async () => {
    const productId = await product(10);
    const { u, c } = await person(400);
    const key = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => c.post('/api/v1/redemptions', { productId, quantity: 1 }, keyed(key))));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'false')).toHaveLength(1);
    expect(await redemptionsOf(u.id)).toHaveLength(1);
    expect(await rows(sql`select status from ledger_transfers where object_id = ${answers[0]!.body.id}`)).toEqual([{ status: 'pending' }]);
    expect(await stockOf(productId)).toBe(9);
    expect((await balances(t.app.ctx.db, u.id)).points).toBe(360);
  });

  it('eight copies of one paid request at once: one order, one reservation', async () => {
    const { u, c } = await person(0, { birthDate: '1944-04-04' });
    await fund(u.id, 'time', 100);
    const key = crypto.randomUUID();
    const body = { category: 'elderly', description: '上门助餐', regionCode: '140502001001', address: '凤台社区4号楼', payMinutes: 40 };
    const answers = await Promise.all(Array.from({ length: 8 }, () => c.post('/api/v1/service-requests', body, keyed(key))));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await rows(sql`select id from service_requests where resident_id = ${u.id}`)).toHaveLength(1);
    expect(await balances(t.app.ctx.db, u.id)).toEqual({ points: 0, time: 60 });
  });
});
