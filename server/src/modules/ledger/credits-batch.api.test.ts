import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeUser, type MadeUser } from '../../../test/factories';
import { balances, creditService, creditServices, verifyLedger, type CreditServiceInput } from './index';

/**
 * A settlement credits its roster a chunk at a time through `creditServices`: one transaction,
 * a dozen statements. It must give exactly what crediting each service in turn gives — daily
 * cap, storage overflow, minimum, replays — and leave a ledger that verifies.
 */

let t: TestApp;
let seq = 0;
const key = (p: string) => `${p}-${Date.now()}-${++seq}`;

async function rows(q: ReturnType<typeof sql>) {
  const r = await t.app.ctx.db.execute(q);
  return (r as unknown as { rows: Array<Record<string, unknown>> }).rows;
}

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await makeUser(t, { name: '区管理员', grants: [{ role: 'region_admin', regionCode: '140000' }] });
  const c = await t.client().login(admin.phone);
  // a district with a daily cap and a storage cap, so that order inside a batch matters
  const put = await c.put('/api/v1/regions/140521/ledger-policy', { pointsPerHour: 12, rounding: 'up_half_hour', dailyCapMinutes: 200, storageCapMinutes: 300 });
  expect(put.status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

/** The same services for one group of people: two a day for some, long ones that overflow, a short one. */
function servicesOf(people: MadeUser[], at: Date, tag: string): CreditServiceInput[] {
  const minutes = [150, 90, 10, 240, 60, 180];
  return people.flatMap((p, i) => [
    { userId: p.id, regionCode: '140521', measuredMinutes: minutes[i % minutes.length]!, at, objectType: 'service_record', objectId: `${tag}-${i}-a`, idempotencyKey: key(`${tag}-a`) },
    { userId: p.id, regionCode: '140521', measuredMinutes: minutes[(i + 3) % minutes.length]!, at: new Date(at.getTime() + 3600_000), objectType: 'service_record', objectId: `${tag}-${i}-b`, idempotencyKey: key(`${tag}-b`) },
    { userId: p.id, regionCode: '140521', measuredMinutes: 120, at: new Date(at.getTime() + 2 * 86_400_000), objectType: 'service_record', objectId: `${tag}-${i}-c`, idempotencyKey: key(`${tag}-c`) },
  ]);
}

const shape = (r: Awaited<ReturnType<typeof creditService>>) => ({
  creditedMinutes: r.creditedMinutes,
  timeMinutes: r.timeMinutes,
  overflowMinutes: r.overflowMinutes,
  points: r.points,
  transfers: r.transfers.map((x) => ({ ledger: x.ledger, code: x.code, amount: x.amount, creditBalanceAfter: x.code === 'earned' ? x.creditBalanceAfter : null })),
});

describe('crediting many services at once', () => {
  it('gives what crediting them one after another gives, transfer for transfer, and the ledger verifies', async () => {
    const at = t.app.ctx.clock.now();
    const one = await Promise.all(Array.from({ length: 6 }, () => makeUser(t)));
    const many = await Promise.all(Array.from({ length: 6 }, () => makeUser(t)));
    const sequential = [];
    for (const input of servicesOf(one, at, 'one')) sequential.push(await creditService(t.app.ctx, null, input));
    const inputs = servicesOf(many, at, 'many');
    const batch = await creditServices(t.app.ctx, null, inputs);

    expect(batch.map(shape)).toEqual(sequential.map(shape));
    // the policy did bite: a capped day, an overflow to the public pool, a service below the minimum
    expect(sequential.some((r) => r.overflowMinutes > 0)).toBe(true);
    expect(sequential.some((r) => r.cappedByDailyLimit)).toBe(true);
    expect(sequential.some((r) => r.belowMinimum)).toBe(true);
    for (let i = 0; i < one.length; i++) expect(await balances(t.app.ctx.db, many[i]!.id)).toEqual(await balances(t.app.ctx.db, one[i]!.id));
    const credited = await rows(sql`select count(*)::int as n from ledger_service_credits where object_id like 'many-%'`);
    expect(credited[0]!.n).toBe(18);

    // a repeat writes nothing and answers the stored transfers
    const before = await rows(sql`select count(*)::int as n from ledger_transfers`);
    const again = await creditServices(t.app.ctx, null, inputs);
    expect(again.every((r) => r.replayed)).toBe(true);
    expect(again.flatMap((r) => r.transfers.map((x) => x.id))).toEqual(batch.flatMap((r) => r.transfers.map((x) => x.id)));
    expect(await rows(sql`select count(*)::int as n from ledger_transfers`)).toEqual(before);

    const v = await verifyLedger(t.app.ctx.db);
    expect(v.ok).toBe(true);
  });
});

