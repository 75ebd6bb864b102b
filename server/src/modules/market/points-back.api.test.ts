import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeStation, makeUser } from '../../../test/factories';
import { notifications } from '../../db/schema/index';
import { transfer } from '../ledger/index';
import { expireRedemptions } from './index';

/** Issue 18 point 1: points that come back to a person without their doing are told to them. */
let t: TestApp;
let stationId: string;
let cStaff: TestClient;
let productId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  stationId = (await makeStation(t, admin)).id;
  const staff = await makeUser(t, { grants: [{ role: 'station_admin', stationId }] });
  cStaff = await t.client().login(staff.phone);
  const p = await cStaff.post(`/api/v1/stations/${stationId}/products`, { name: '香皂', pointsPrice: 20, stock: 10 });
  expect(p.status).toBe(201);
  productId = p.body.product.id;
});
afterAll(async () => t.close());

async function buyer() {
  const u = await makeUser(t);
  await transfer(t.app.ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: u.id }, amount: 100, code: 'adjustment', actorId: null, idempotencyKey: `fund-${u.id}` });
  const c = await t.client().login(u.phone);
  const r = await c.post('/api/v1/redemptions', { productId, quantity: 3 });
  expect(r.status).toBe(201);
  return { u, c, id: r.body.id as string };
}
const told = async (userId: string) => t.app.ctx.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, 'redemption_returned')));

describe('a redemption closed without its holder', () => {
  it('expired: told, with the points in 积分', async () => {
    const { u, id } = await buyer();
    t.clock.advance(8 * 86_400_000);
    expect(await expireRedemptions(t.app.ctx)).toBe(1);
    const n = await told(u.id);
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ title: '兑换已取消，60积分已退回', objectId: id });
    expect(n[0]!.body).toContain('超时未取货');
  });

  it('cancelled by staff: told; cancelled by oneself: not', async () => {
    const a = await buyer();
    expect((await cStaff.post(`/api/v1/redemptions/${a.id}/cancel`)).status).toBe(200);
    expect(await told(a.u.id)).toHaveLength(1);
    const b = await buyer();
    expect((await b.c.post(`/api/v1/redemptions/${b.id}/cancel`)).status).toBe(200);
    expect(await told(b.u.id)).toHaveLength(0);
  });
});
