import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeUser, type MadeUser } from '../../../test/factories';
import { balances, transfer, verifyLedger } from './index';

/** Issue 10 point 10: the policy's withdrawal age holds for family transfers of time. */

let t: TestApp;
let admin: MadeUser;
let seq = 0;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await makeUser(t, { grants: [{ role: 'region_admin', regionCode: '140502' }] });
});
afterAll(async () => {
  expect((await verifyLedger(t.app.ctx.db)).ok).toBe(true);
  await t.close();
});

async function fund(userId: string, ledger: 'points' | 'time', amount: number) {
  await transfer(t.app.ctx, null, { ledger, from: { system: 'issuance', regionCode: '140500' }, to: { userId }, amount, code: 'adjustment', actorId: null, idempotencyKey: `wd-fund-${++seq}` });
}
async function verifiedRelatives(giverBirth: string, receiverBirth: string) {
  const giver = await makeUser(t, { birthDate: giverBirth });
  const receiver = await makeUser(t, { birthDate: receiverBirth });
  const gc = await t.client().login(giver.phone);
  const link = await gc.post('/api/v1/relatives', { relativeUserId: receiver.id, relation: 'parent' });
  expect(link.status).toBe(201);
  expect((await (await t.client().login(admin.phone)).post(`/api/v1/relatives/${link.body.id}/verify`)).status).toBe(200);
  await fund(giver.id, 'time', 120);
  await fund(giver.id, 'points', 50);
  return { giver, receiver, gc };
}
async function familyTransfers(userId: string) {
  const r = await t.app.ctx.db.execute(sql`select count(*)::int as n from ledger_transfers where code = 'family_transfer' and actor_id = ${userId}`);
  return (r as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
}

describe('family transfers and the withdrawal age', () => {
  it('time given to a verified relative below withdrawMinAge is refused with WITHDRAW_AGE and why; nothing moves', async () => {
    const { giver, receiver, gc } = await verifiedRelatives('1998-01-01', '1975-07-07');
    const r = await gc.post('/api/v1/transfers', { toUserId: receiver.id, ledger: 'time', amount: 60, idempotencyKey: `wd-${receiver.id}` });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('WITHDRAW_AGE');
    expect(r.body.error.details).toMatchObject({ minAge: 60, age: 51, whose: 'relative' });
    expect(r.body.error.message).toMatch(/60.*\/.*60/);
    expect(await balances(t.app.ctx.db, giver.id)).toEqual({ points: 50, time: 120 });
    expect(await balances(t.app.ctx.db, receiver.id)).toEqual({ points: 0, time: 0 });
    expect(await familyTransfers(giver.id)).toBe(0);
    // points are not stored time: a gift of points stays open
    const pts = await gc.post('/api/v1/transfers', { toUserId: receiver.id, ledger: 'points', amount: 20, idempotencyKey: `wd-pts-${receiver.id}` });
    expect(pts.status).toBe(201);
  });

  it('time given to a verified relative of that age goes through', async () => {
    const { giver, receiver, gc } = await verifiedRelatives('1995-01-01', '1960-02-02');
    const r = await gc.post('/api/v1/transfers', { toUserId: receiver.id, ledger: 'time', amount: 60, idempotencyKey: `wd-${receiver.id}` });
    expect(r.status).toBe(201);
    expect(await balances(t.app.ctx.db, receiver.id)).toEqual({ points: 0, time: 60 });
    expect(await familyTransfers(giver.id)).toBe(1);
  });
});
