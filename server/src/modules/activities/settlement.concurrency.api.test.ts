import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { testEngine } from '../../../test/engine';
import { withTx } from '../../db/client';
import { newId } from '../../lib/ids';
import { activities, attendance, ledgerServiceCredits, notifications, serviceRecords } from '../../db/schema/index';
import { balances, verifyLedger } from '../ledger/index';
import { SETTLEMENT_CREDIT_JOB, settle, writeSettlement } from './records.service';
import { jobDefinition } from '../../jobs/queue';

/**
 * Issue 10, point 14: settlements never deadlock. Eight activities share the same volunteers and
 * are settled at the same moment, each listing them in another order: all answer 200, everyone is
 * credited exactly once per activity. Real concurrency needs several connections: PostgreSQL only.
 */
describe.runIf(testEngine() === 'postgres')('settlements under concurrency (PostgreSQL)', () => {
  let t: TestApp;
  let district: MadeUser;
  let orgAdmin: MadeUser;
  let admin: TestClient;
  let orgId: string;
  const volunteers: MadeUser[] = [];
  const SITE = { lat: 35.4985, lng: 112.86 };

  beforeAll(async () => {
    t = await buildTestApp();
    district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
    orgAdmin = await makeUser(t, { name: '陈志强' });
    orgId = (await makeOrg(t, orgAdmin, { approvedBy: district })).id;
    admin = await t.client().login(orgAdmin.phone);
    for (let i = 0; i < 12; i++) volunteers.push(await makeUser(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A weekly series of `n` one-hour activities, published, with every volunteer present for the whole hour. */
  async function series(n: number, firstStart: string): Promise<string[]> {
    admin = await t.client().login(orgAdmin.phone);
    const start = new Date(firstStart);
    const until = new Date(start.getTime() + (n - 1) * 7 * 86_400_000 + 3_600_000);
    const c = await admin.post('/api/v1/activities', {
      orgId,
      title: '社区环境整治',
      category: 'environment',
      description: '清理楼道杂物',
      regionCode: '140502001001',
      address: '凤台社区',
      ...SITE,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      capacity: 50,
      repeatWeeklyUntil: until.toISOString(),
    });
    expect(c.status).toBe(201);
    const rows = await t.app.ctx.db.select().from(activities).where(eq(activities.seriesId, c.body.seriesId));
    expect(rows).toHaveLength(n);
    for (const a of rows) expect((await admin.post(`/api/v1/activities/${a.id}/submit`)).status).toBe(200);
    const reviewer = await t.client().login(district.phone);
    expect((await reviewer.post('/api/v1/activities/review-batch', { ids: rows.map((a) => a.id), decision: 'approve' })).body.approved).toBe(n);
    await t.app.ctx.db.insert(attendance).values(
      rows.flatMap((a) =>
        volunteers.map((v) => ({ id: newId(), cityCode: '1405', activityId: a.id, userId: v.id, checkinAt: a.startsAt, checkoutAt: a.endsAt, checkinLat: SITE.lat, checkinLng: SITE.lng, checkinDistanceMeters: 3, checkoutLat: SITE.lat, checkoutLng: SITE.lng, checkoutDistanceMeters: 3, createdAt: a.startsAt })),
      ),
    );
    return rows.map((a) => a.id);
  }

  it('eight concurrent settlements of eight activities sharing twelve volunteers all succeed (no 40P01, no 500); each person credited once per activity', async () => {
    const ids = await series(8, '2026-11-26T09:00:00+08:00');
    t.clock.set('2027-01-20T09:00:00+08:00');
    admin = await t.client().login(orgAdmin.phone);
    const results = await Promise.all(
      ids.map((id, k) => {
        // every settlement lists the volunteers in another order
        const order = volunteers.map((_, i) => volunteers[(i * (k % 2 ? 5 : 7) + k) % volunteers.length]!);
        return admin.post(`/api/v1/activities/${id}/settle`, { entries: (k % 3 === 0 ? order.reverse() : order).map((v) => ({ userId: v.id })) });
      }),
    );
    for (const r of results) {
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
      expect(r.body.records).toHaveLength(12);
      expect(r.body.records.every((x: { creditedMinutes: number }) => x.creditedMinutes === 60)).toBe(true);
    }
    for (const v of volunteers) expect(await balances(t.app.ctx.db, v.id)).toEqual({ points: 80, time: 480 });
    const recs = await t.app.ctx.db.select().from(serviceRecords).where(inArray(serviceRecords.activityId, ids));
    expect(recs).toHaveLength(96);
    const settled = await t.app.ctx.db.select().from(activities).where(inArray(activities.id, ids));
    expect(settled.every((a) => a.settledAt !== null)).toBe(true);
    const credits = await t.app.ctx.db.select().from(ledgerServiceCredits).where(inArray(ledgerServiceCredits.objectId, recs.map((r) => r.id)));
    expect(credits).toHaveLength(96);
    expect((await verifyLedger(t.app.ctx.db)).ok).toBe(true);
  });

  it('a settlement cut off after its records were written is completed by a retry (two at once, credited in chunks of 5 and of 100): nobody is credited twice', async () => {
    const [id] = await series(1, '2027-01-21T09:00:00+08:00');
    t.clock.set('2027-01-21T11:00:00+08:00');
    admin = await t.client().login(orgAdmin.phone);
    const actor = await orgAdmin.actor();
    const entries = volunteers.map((v) => ({ userId: v.id }));
    const before = await Promise.all(volunteers.map((v) => balances(t.app.ctx.db, v.id)));
    // the first step alone: records written, the process dies before crediting anyone
    await withTx(t.app.ctx.db, (tx) => writeSettlement(t.app.ctx, tx, actor, id!, entries));
    const [half] = await t.app.ctx.db.select().from(activities).where(eq(activities.id, id!));
    expect(half!.settledAt).toBeNull();
    const [a, b] = await Promise.all([settle(t.app.ctx, actor, id!, entries, undefined, { creditChunk: 5 }), admin.post(`/api/v1/activities/${id}/settle`, { entries })]);
    expect(b.status).toBe(200);
    expect(a.records).toHaveLength(12);
    for (const [i, v] of volunteers.entries()) expect(await balances(t.app.ctx.db, v.id)).toEqual({ points: before[i]!.points + 10, time: before[i]!.time + 60 });
    const recs = await t.app.ctx.db.select().from(serviceRecords).where(eq(serviceRecords.activityId, id!));
    expect(recs).toHaveLength(12);
    expect(recs.every((r) => r.creditedMinutes === 60 && r.points === 10)).toBe(true);
    const told = await t.app.ctx.db.select().from(notifications).where(and(inArray(notifications.objectId, recs.map((r) => r.id)), eq(notifications.kind, 'service_credited')));
    expect(told).toHaveLength(12);
    const [done] = await t.app.ctx.db.select().from(activities).where(eq(activities.id, id!));
    expect(done!.settledAt).not.toBeNull();
  });

  it('a settlement whose process died after its records: the credit job (as retried after the crash, twice at once) credits everyone once and marks it settled', async () => {
    const [id] = await series(1, '2027-01-28T09:00:00+08:00');
    t.clock.set('2027-01-28T11:00:00+08:00');
    const actor = await orgAdmin.actor();
    const entries = volunteers.map((v) => ({ userId: v.id }));
    const before = await Promise.all(volunteers.map((v) => balances(t.app.ctx.db, v.id)));
    const written = await withTx(t.app.ctx.db, (tx) => writeSettlement(t.app.ctx, tx, actor, id!, entries));
    const job = jobDefinition(SETTLEMENT_CREDIT_JOB);
    const data = { activityId: id!, actorId: actor.userId, recordIds: [...written.toCredit] };
    await Promise.all([job.handler(t.app.ctx, data, { id: newId(), name: job.name, attempt: 1 }), job.handler(t.app.ctx, data, { id: newId(), name: job.name, attempt: 2 })]);
    for (const [i, v] of volunteers.entries()) expect(await balances(t.app.ctx.db, v.id)).toEqual({ points: before[i]!.points + 10, time: before[i]!.time + 60 });
    const recs = await t.app.ctx.db.select().from(serviceRecords).where(eq(serviceRecords.activityId, id!));
    expect(recs.every((r) => r.creditedMinutes === 60 && r.points === 10)).toBe(true);
    const told = await t.app.ctx.db.select().from(notifications).where(and(inArray(notifications.objectId, recs.map((r) => r.id)), eq(notifications.kind, 'service_credited')));
    expect(told).toHaveLength(12);
    const [done] = await t.app.ctx.db.select().from(activities).where(eq(activities.id, id!));
    expect(done!.settledAt).not.toBeNull();
    // one more run (the job delivered again) changes nothing
    await job.handler(t.app.ctx, data, { id: newId(), name: job.name, attempt: 3 });
    for (const [i, v] of volunteers.entries()) expect(await balances(t.app.ctx.db, v.id)).toEqual({ points: before[i]!.points + 10, time: before[i]!.time + 60 });
  });
});
