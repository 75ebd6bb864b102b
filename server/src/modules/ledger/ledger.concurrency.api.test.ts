import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeUser, type MadeUser } from '../../../test/factories';
import { AppError } from '../../lib/app-error';
import { balances, transfer, verifyLedger } from './index';

/**
 * Real concurrency needs several connections: PostgreSQL only (PGlite has one connection and
 * runs everything in turn). Run with AIXIN_TEST_ENGINE=postgres TEST_DATABASE_URL=….
 */
describe.runIf(process.env.AIXIN_TEST_ENGINE === 'postgres')('ledger under concurrency (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('200 concurrent debits against one account: exact balance, never negative, the rest INSUFFICIENT_BALANCE', async () => {
    const ctx = t.app.ctx;
    const u = await makeUser(t);
    await transfer(ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: u.id }, amount: 1000, code: 'adjustment', actorId: null, idempotencyKey: 'conc-fund-1' });
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        transfer(ctx, null, { ledger: 'points', from: { userId: u.id }, to: { system: 'supermarket', regionCode: '140500' }, amount: 7, code: 'redeemed', actorId: u.id, idempotencyKey: `conc-debit-${i}` }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    for (const f of failed) {
      expect(f.reason).toBeInstanceOf(AppError);
      expect((f.reason as AppError).code).toBe('INSUFFICIENT_BALANCE');
    }
    expect(ok).toBe(Math.floor(1000 / 7)); // 142
    expect((await balances(ctx.db, u.id)).points).toBe(1000 - 7 * ok);
    const neg = await ctx.db.execute(sql`select count(*)::int as n from ledger_accounts where flags & 1 = 0 and balance - pending_debits < 0`);
    expect((neg as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(0);
    const v = await verifyLedger(ctx.db);
    expect(v.problems).toEqual([]);
  });

  it('200 concurrent transfers in a ring among 8 people (including repeated keys): conserved, chain intact', async () => {
    const ctx = t.app.ctx;
    const people: MadeUser[] = [];
    for (let i = 0; i < 8; i++) people.push(await makeUser(t));
    for (const [i, p] of people.entries()) {
      await transfer(ctx, null, { ledger: 'time', from: { system: 'issuance', regionCode: '140500' }, to: { userId: p.id }, amount: 100, code: 'adjustment', actorId: null, idempotencyKey: `ring-fund-${i}` });
    }
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => {
        const from = people[i % 8]!;
        const to = people[(i + 1) % 8]!;
        // every tenth request repeats an earlier key with the same fields: answered, not applied twice
        const k = i % 10 === 9 ? `ring-${i - 8}` : `ring-${i}`;
        const src = i % 10 === 9 ? people[(i - 8) % 8]! : from;
        const dst = i % 10 === 9 ? people[(i - 7) % 8]! : to;
        return transfer(ctx, null, { ledger: 'time', from: { userId: src.id }, to: { userId: dst.id }, amount: 1 + (i % 5), code: 'family_transfer', actorId: src.id, idempotencyKey: k });
      }),
    );
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    for (const r of rejected) expect((r.reason as AppError).code).toMatch(/INSUFFICIENT_BALANCE|CONFLICT/);
    let total = 0;
    for (const p of people) {
      const b = (await balances(ctx.db, p.id)).time;
      expect(b).toBeGreaterThanOrEqual(0);
      total += b;
    }
    expect(total).toBe(800);
    const v = await verifyLedger(ctx.db);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
  });
});
