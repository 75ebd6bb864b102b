import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeOrg, makeUser, nextPerson, type MadeUser } from '../../../test/factories';
import { Random } from '../../../../bench/seed/random';
import { withTx } from '../../db/client';
import { transfer } from '../ledger/index';
import { HOME, attendedAndSettled, disputeAnswered, publishedActivity, requestServed, retroDecided } from '../../../test/record-scenarios';
import { METRICS } from './index';
import * as repo from './stats.repository';

/**
 * The rollups against the base tables: a seeded random series of changes through the HTTP API —
 * registrations and moves, organisations approved, suspended, reinstated and retyped, stations,
 * activities published and cancelled, settlements with people served, disputes corrected or
 * rejected, 补录 confirmed, approved or rejected, requests completed or not, wishes fulfilled, redemptions fulfilled or cancelled —
 * over several months; after each round every counter (each metric, region level, day, month,
 * all time, category) equals a recount of the same sources from the base tables.
 */

let t: TestApp;
let city: MadeUser;
const SEED = Number(process.env.STATS_SEED ?? 20261202);
const COMMUNITIES = ['140502001001', '140502002001', '140502008001', '140522100001', '140502001001001', '140581001001'];
const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

beforeAll(async () => {
  t = await buildTestApp();
  city = await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
});
afterAll(async () => t.close());

type Snapshot = Record<string, number>;
async function snapshot(db: Parameters<typeof repo.clearMetric>[0]): Promise<Snapshot> {
  const res = await db.execute(sql`
    select region_code, metric, period, period_start::text as start, category, sum(value)::bigint as v
      from stat_counters group by 1, 2, 3, 4, 5 having sum(value) <> 0`);
  const out: Snapshot = {};
  for (const r of (res as unknown as { rows: Array<Record<string, unknown>> }).rows) out[`${r.metric}|${r.region_code}|${r.period}|${r.start}|${r.category}`] = Number(r.v);
  return out;
}

/** Every counter recounted from the base tables, in a transaction rolled back afterwards. */
async function recount(): Promise<Snapshot> {
  let out: Snapshot = {};
  const rollback = new Error('rollback');
  await withTx(t.app.ctx.db, async (tx) => {
    for (const m of METRICS) {
      await repo.clearMetric(tx, m);
      await repo.rebuildMetric(tx, m);
    }
    out = await snapshot(tx);
    throw rollback;
  }).catch((e) => {
    if (e !== rollback) throw e;
  });
  return out;
}

describe('rollups against the base tables', () => {
  it('a random series of changes, corrections and reversals leaves every counter equal to a recount of its sources', async () => {
    const r = new Random(SEED);
    let logins = new Map<string, TestClient>();
    const as = async (u: MadeUser) => {
      let c = logins.get(u.id);
      if (!c) logins.set(u.id, (c = await t.client().login(u.phone)));
      return c;
    };
    const people: MadeUser[] = [];
    const orgs: Array<{ id: string; admin: MadeUser; status: 'active' | 'suspended' }> = [];
    const stations: string[] = [];
    let n = 0;

    for (let round = 0; round < 8; round++) {
      t.clock.advance(r.int(4, 12) * 86_400_000); // a few months in all
      logins = new Map();
      const staff = await as(city);
      // registrations (HTTP, on behalf) and moves
      for (let k = r.int(1, 3); k > 0; k--) {
        const p = nextPerson();
        const res = await staff.post('/api/v1/volunteers', { name: `居民${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${'子丑寅卯辰巳午未申酉'[Math.floor(n / 10) % 10]}`, idNumber: p.idNumber, phone: p.phone, regionCode: r.pick(COMMUNITIES), consentMethod: 'paper' });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        n++;
      }
      if (people.length && r.chance(0.5)) {
        const who = r.pick(people);
        expect((await staff.patch(`/api/v1/volunteers/${who.id}`, { regionCode: r.pick(COMMUNITIES), reason: '搬家' })).status).toBe(200);
      }
      for (let k = r.int(2, 3); k > 0; k--) people.push(await makeUser(t, { regionCode: r.pick(COMMUNITIES) }));
      // organisations: approved, suspended / reinstated, retyped
      const admin = await makeUser(t, { regionCode: r.pick(COMMUNITIES) });
      const org = await makeOrg(t, admin, { regionCode: admin.regionCode });
      expect((await staff.post(`/api/v1/orgs/${org.id}/review`, { decision: 'approve' })).status).toBe(200);
      orgs.push({ id: org.id, admin, status: 'active' });
      const o = r.pick(orgs);
      if (r.chance(0.4)) {
        const action = o.status === 'active' ? 'suspend' : 'reinstate';
        expect((await staff.post(`/api/v1/orgs/${o.id}/state`, { action, reason: '年度检查' })).status).toBe(200);
        o.status = action === 'suspend' ? 'suspended' : 'active';
      } else {
        expect((await (await as(o.admin)).patch(`/api/v1/orgs/${o.id}`, { type: r.pick(['service_org', 'community_team', 'school_team']) })).status).toBe(200);
      }
      // a station
      const st = await staff.post('/api/v1/stations', { name: `服务站${round}`, regionCode: r.pick(COMMUNITIES), address: '社区服务中心', ...HOME });
      expect(st.status).toBe(201);
      stations.push(st.body.id);

      // an activity of an active organisation tomorrow, published (or cancelled), settled with people served, disputed
      const live = orgs.filter((x) => x.status === 'active');
      const host = r.pick(live);
      const hostc = await as(host.admin);
      const crew = [r.pick(people), r.pick(people)].filter((x, i, a) => a.findIndex((y) => y.id === x.id) === i);
      const crewc = [];
      for (const v of crew) crewc.push(await as(v));
      const act = await publishedActivity(t, { host: hostc, staff, orgId: host.id, title: `社区服务${round}`, category: r.pick(['elderly', 'children', 'environment']), regionCode: r.pick(COMMUNITIES), crew: crewc });
      if (r.chance(0.2)) {
        expect((await hostc.post(`/api/v1/activities/${act.id}/cancel`, { reason: '天气原因取消' })).status).toBe(200);
      } else {
        const settled = await attendedAndSettled(t, r, { host: hostc, ...act, crew, ...(r.chance(0.8) ? { beneficiaries: { count: r.int(0, 40), category: r.pick(['elders', 'children', 'residents']) } } : {}) });
        if (r.chance(0.5)) {
          // a later settlement call corrects the people served
          expect((await hostc.post(`/api/v1/activities/${act.id}/settle`, { entries: settled.entries, beneficiaries: { count: r.int(1, 60), category: 'elders' } })).status).toBe(200);
        }
        for (const rec of settled.records) {
          if (r.chance(0.6)) await disputeAnswered(r, await as(crew.find((x) => x.id === rec.volunteerId)!), hostc, rec.id);
        }
      }

      // 补录 for a new member: a short one confirmed at once, a long one waiting, then approved or rejected
      const member = await makeUser(t, { regionCode: r.pick(COMMUNITIES) });
      people.push(member);
      await retroDecided(t, r, { host: hostc, staff, orgId: host.id, member, maxDaysBack: 20 });

      // a residents' request: ordered, dispatched to a volunteer, served, then rated (or found not to have happened)
      const resident = r.pick(people);
      const helper = r.pick(people.filter((p) => p.id !== resident.id));
      await requestServed(t, r, { resident: await as(resident), residentRegion: resident.regionCode, staff, helper: await as(helper), helperId: helper.id, category: r.pick(['elderly', 'health']), happened: r.chance(0.75) });

      // a wish: claimed, delivered, confirmed fulfilled (or left delivered)
      const w = await staff.post('/api/v1/wishes', { title: '一个新书包', story: '孩子上学需要新书包', valueYuan: 120, regionCode: r.pick(COMMUNITIES), beneficiaryName: '李小明' });
      expect(w.status).toBe(201);
      const claimer = r.pick(people);
      expect((await (await as(claimer)).post(`/api/v1/wishes/${w.body.id}/claim`, { claimantType: 'volunteer' })).status).toBe(201);
      expect((await (await as(claimer)).post(`/api/v1/wishes/${w.body.id}/deliver`, { note: '已送到', photoBase64: PNG_1x1 })).status).toBe(200);
      if (r.chance(0.7)) expect((await staff.post(`/api/v1/wishes/${w.body.id}/confirm`)).status).toBe(200);

      // a redemption at a station: fulfilled (points counted) or cancelled (nothing)
      const station = r.pick(stations);
      const p = await staff.post(`/api/v1/stations/${station}/products`, { name: '大米', pointsPrice: r.int(5, 50), stock: 5 });
      expect(p.status, JSON.stringify(p.body)).toBe(201);
      const buyer = r.pick(people);
      await transfer(t.app.ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: buyer.id }, amount: 200, code: 'adjustment', actorId: null, idempotencyKey: `stats-fund-${round}` });
      const red = await (await as(buyer)).post('/api/v1/redemptions', { productId: p.body.product.id, quantity: r.int(1, 2) });
      expect(red.status, JSON.stringify(red.body)).toBe(201);
      if (r.chance(0.7)) expect((await staff.post(`/api/v1/redemptions/${red.body.id}/fulfil`, { pickupCode: red.body.pickupCode })).status).toBe(200);
      else expect((await (await as(buyer)).post(`/api/v1/redemptions/${red.body.id}/cancel`)).status).toBe(200);

      const kept = await snapshot(t.app.ctx.db);
      expect(kept, `round ${round} (seed ${SEED})`).toEqual(await recount());
    }
    // every metric moved, at every level of the tree, and in more than one month
    const kept = await snapshot(t.app.ctx.db);
    for (const m of METRICS) {
      expect(kept[`${m}|140500|a|1970-01-01|`], m).toBeGreaterThan(0);
      expect(Object.keys(kept).filter((k) => k.startsWith(`${m}|`) && k.includes('|m|')).length, m).toBeGreaterThan(1);
    }
    expect(Object.keys(kept).some((k) => /^participations\|\d{12,15}\|d\|/.test(k))).toBe(true);
    expect(Object.keys(kept).some((k) => k.startsWith('serviceMinutes|140500|m|') && !k.endsWith('|'))).toBe(true);
  });
});
