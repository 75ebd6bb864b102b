import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeUser, nextPerson, type MadeUser } from '../../../test/factories';
import { Random } from '../../../../bench/seed/random';
import { rebuildStats } from './index';

let t: TestApp;
let admin: MadeUser;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
});
afterAll(async () => t.close());

/** Every counter, summed over its slots, as `region|metric|period|start|category → value`. */
async function snapshot(): Promise<Record<string, number>> {
  const res = await t.app.ctx.db.execute(sql`
    select region_code, metric, period, period_start::text as start, category, sum(value)::bigint as v
      from stat_counters group by 1, 2, 3, 4, 5 having sum(value) <> 0`);
  const out: Record<string, number> = {};
  for (const r of (res as unknown as { rows: Array<Record<string, unknown>> }).rows) out[`${r.region_code}|${r.metric}|${r.period}|${r.start}|${r.category}`] = Number(r.v);
  return out;
}

describe('figures kept by rollups', () => {
  it('a random series of registrations and moves leaves every counter equal to a recount from the base tables', async () => {
    const r = new Random(7);
    const communities = ['140502001001', '140502002001', '140502008001', '140522100001', '140502001001001'];
    const staff = await t.client().login(admin.phone);
    const people: string[] = [];
    for (let step = 0; step < 40; step++) {
      t.clock.advance(r.int(1, 14) * 3600_000); // a new day now and then, within the session's 30 days
      const what = r.next();
      if (what < 0.5 || people.length < 3) {
        const p = nextPerson();
        const res = await staff.post('/api/v1/volunteers', { name: `居民${'甲乙丙丁戊己庚辛壬癸'[step % 10]}${'子丑寅卯辰巳午未申酉'[Math.floor(step / 10)]}`, idNumber: p.idNumber, phone: p.phone, regionCode: r.pick(communities), consentMethod: 'paper' });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        people.push(res.body.userId);
      } else {
        const who = r.pick(people);
        const res = await staff.patch(`/api/v1/volunteers/${who}`, { regionCode: r.pick(communities), reason: '搬家' });
        expect(res.status).toBe(200);
      }
    }
    const kept = await snapshot();
    await rebuildStats(t.app.ctx);
    const recounted = await snapshot();
    expect(kept).toEqual(recounted);
    expect(Object.keys(kept).length).toBeGreaterThan(10);
  });

  it('a district’s volunteer list answers its total from the counter, and a filter counts', async () => {
    const staff = await t.client().login(admin.phone);
    const all = await staff.get('/api/v1/volunteers?regionCode=140502&pageSize=5');
    expect(all.status).toBe(200);
    const res = await t.app.ctx.db.execute(sql`select count(*)::int as n from users where region_code like '140502%'`);
    expect(all.body.total).toBe((res as unknown as { rows: Array<{ n: number }> }).rows[0]!.n);
    expect(all.body.items).toHaveLength(5);
    const filtered = await staff.get(`/api/v1/volunteers?regionCode=140502&q=${encodeURIComponent('居民')}`);
    expect(filtered.body.total).toBe(filtered.body.items.length);
    expect(filtered.body.totalIsLowerBound).toBeUndefined();
  });
});
