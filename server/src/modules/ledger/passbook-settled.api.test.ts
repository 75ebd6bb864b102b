import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeUser } from '../../../test/factories';
import { postPending, reserve, transfer, voidPending } from './index';

/** Issue 18 point 6: a reservation that was paid or returned is not shown as still held (已冻结). */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

describe('the passbook says what became of a reservation', () => {
  it('paid → post_pending, returned → void_pending, still held → null', async () => {
    const ctx = t.app.ctx;
    const u = await makeUser(t);
    const shop = { system: 'supermarket' as const, regionCode: '140500' };
    await transfer(ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: u.id }, amount: 100, code: 'adjustment', actorId: null, idempotencyKey: `fund-${u.id}` });
    const hold = (n: number) => reserve(ctx, null, { ledger: 'points', from: { userId: u.id }, to: shop, amount: n, code: 'redeemed', actorId: u.id, idempotencyKey: `res-${u.id}-${n}`, timeoutAt: new Date(ctx.clock.now().getTime() + 3600_000) });
    const paid = await hold(10);
    const returned = await hold(20);
    const held = await hold(30);
    await postPending(ctx, null, paid.transfer.id);
    await voidPending(ctx, null, returned.transfer.id);
    const c = await t.client().login(u.phone);
    const r = await c.get('/api/v1/me/passbook?ledger=points&page=1&pageSize=20');
    expect(r.status).toBe(200);
    const line = (id: string) => r.body.items.find((i: { id: string }) => i.id === id);
    expect(line(paid.transfer.id)).toMatchObject({ status: 'pending', settledAs: 'post_pending' });
    expect(line(returned.transfer.id)).toMatchObject({ status: 'pending', settledAs: 'void_pending' });
    expect(line(held.transfer.id)).toMatchObject({ status: 'pending', settledAs: null });
    expect(r.body.balances.points).toBe(60);
  });
});
