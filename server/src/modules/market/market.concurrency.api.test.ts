import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeStation, makeUser, type MadeUser } from '../../../test/factories';
import { AppError } from '../../lib/app-error';
import { balances, transfer, verifyLedger } from '../ledger/index';
import { cancel, createProduct, redeem } from './market.service';

/**
 * Real concurrency needs several connections: PostgreSQL only. Run with
 * AIXIN_TEST_ENGINE=postgres TEST_DATABASE_URL=….
 */
describe.runIf(process.env.AIXIN_TEST_ENGINE === 'postgres')('the love supermarket under concurrency (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function rows(q: ReturnType<typeof sql>) {
    return (await t.app.ctx.db.execute(q)) as unknown as { rows: Array<Record<string, any>> };
  }

  it('100 volunteers race for 10 items: exactly 10 orders, the rest OUT_OF_STOCK; stock, movements and ledger reconcile', async () => {
    const ctx = t.app.ctx;
    const admin = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
    const station = await makeStation(t, admin);
    const product = await createProduct(ctx, await admin.actor(), station.id, { name: '电饭煲', pointsPrice: 100, stock: 10, donor: '爱心企业' });
    const people: MadeUser[] = [];
    for (let i = 0; i < 100; i++) {
      const u = await makeUser(t);
      await transfer(ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: u.id }, amount: 150, code: 'adjustment', actorId: null, idempotencyKey: `mkt-race-fund-${i}` });
      people.push(u);
    }
    const actors = await Promise.all(people.map((p) => p.actor()));
    const results = await Promise.allSettled(actors.map((a) => redeem(ctx, a, { productId: product.id, quantity: 1 })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok.length).toBe(10);
    for (const f of failed) {
      expect(f.reason).toBeInstanceOf(AppError);
      expect((f.reason as AppError).code).toBe('OUT_OF_STOCK');
    }
    const codes = new Set(ok.map((r) => (r as PromiseFulfilledResult<{ pickupCode: string | null }>).value.pickupCode));
    expect(codes.size).toBe(10);

    const [p] = (await rows(sql`select stock from market_products where id = ${product.id}`)).rows;
    expect(p!.stock).toBe(0);
    const [m] = (await rows(sql`select coalesce(sum(quantity), 0)::int as s, count(*) filter (where kind = 'redemption')::int as out from market_stock_movements where product_id = ${product.id}`)).rows;
    expect(m).toEqual({ s: 0, out: 10 });
    let spendable = 0;
    for (const u of people) spendable += (await balances(ctx.db, u.id)).points;
    expect(spendable).toBe(100 * 150 - 10 * 100);
    const [sm] = (await rows(sql`select pending_credits from ledger_accounts where kind = 'system' and purpose = 'supermarket' and ledger = 'points'`)).rows;
    expect(Number(sm!.pending_credits)).toBe(1000);

    // a second race: the 10 winners cancel while 50 others try again; stock never below 0, sums hold
    const winners = ok.map((r) => (r as PromiseFulfilledResult<{ id: string; userId: string }>).value);
    const byId = new Map(people.map((u, i) => [u.id, actors[i]!]));
    const losers = actors.filter((a) => !winners.some((w) => w.userId === a.userId)).slice(0, 50);
    await Promise.allSettled([...winners.map((w) => cancel(ctx, byId.get(w.userId)!, w.id)), ...losers.map((a) => redeem(ctx, a, { productId: product.id, quantity: 1 }))]);
    const [p2] = (await rows(sql`select stock from market_products where id = ${product.id}`)).rows;
    const [m2] = (await rows(sql`select coalesce(sum(quantity), 0)::int as s from market_stock_movements where product_id = ${product.id}`)).rows;
    const [open] = (await rows(sql`select coalesce(sum(quantity), 0)::int as n from market_redemptions where product_id = ${product.id} and status = 'reserved'`)).rows;
    expect(p2!.stock).toBe(m2!.s);
    expect(p2!.stock + open!.n).toBe(10);
    expect(p2!.stock).toBeGreaterThanOrEqual(0);

    const v = await verifyLedger(ctx.db);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
  }, 120_000);
});
