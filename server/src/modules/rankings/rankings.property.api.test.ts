import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { Random } from '../../../../bench/seed/random';
import { rebuildRankings } from './index';

/**
 * ranking_totals against the service records: a seeded random series through the HTTP API —
 * settlements (their points credited in later transactions than the records), disputes
 * corrected or rejected, 补录 confirmed, approved or rejected, residents' requests served — over
 * several months; after each round every row equals a count made here from the base tables (each
 * standing record under its region and every region above it in the city, its organisation, its
 * year and month), and `rebuildRankings` gives the same rows again.
 */

let t: TestApp;
let city: MadeUser;
const SEED = Number(process.env.RANKINGS_SEED ?? 20261202);
const COMMUNITIES = ['140502001001', '140502002001', '140502008001', '140522100001', '140502001001001', '140581001001'];
const HOME = { lat: 35.4985, lng: 112.86 };

beforeAll(async () => {
  t = await buildTestApp();
  city = await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
});
afterAll(async () => t.close());

type Rows = Record<string, string>;
const rowsOf = (res: unknown) => (res as { rows: Array<Record<string, unknown>> }).rows;

/** The rollup's rows that hold anything: key → "minutes/points/participations". */
async function kept(): Promise<Rows> {
  const out: Rows = {};
  for (const r of rowsOf(await t.app.ctx.db.execute(sql`select * from ranking_totals where minutes <> 0 or points <> 0 or participations <> 0`))) {
    out[`${r.city_code}|${r.period}|${r.scope_kind}|${r.scope_key}|${r.subject_kind}|${r.subject_id}`] = `${r.minutes}/${r.points}/${r.participations}`;
  }
  return out;
}

/** The same rows counted here, in TypeScript, from the standing records and the region paths. */
async function counted(): Promise<Rows> {
  const records = rowsOf(
    await t.app.ctx.db.execute(sql`
      select x.volunteer_id, x.org_id, x.region_code, x.service_date, x.minutes, x.points, r.path
        from service_records x join regions r on r.code = x.region_code where x.status in ('confirmed', 'disputed')`),
  );
  const sums = new Map<string, [number, number, number]>();
  const add = (key: string, x: Record<string, unknown>) => {
    const s = sums.get(key) ?? [0, 0, 0];
    sums.set(key, [s[0] + Number(x.minutes), s[1] + Number(x.points), s[2] + 1]);
  };
  for (const x of records) {
    const cityCode = (x.region_code as string).slice(0, 4);
    const date = x.service_date as string;
    for (const period of [`Y${date.slice(0, 4)}`, `M${date.slice(0, 7)}`]) {
      const at = `${cityCode}|${period}`;
      for (const code of (x.path as string).split('/').filter((c) => c.startsWith(cityCode))) {
        add(`${at}|r|${code}|v|${x.volunteer_id}`, x);
        if (x.org_id) add(`${at}|r|${code}|t|${x.org_id}`, x);
      }
      if (x.org_id) add(`${at}|o|${x.org_id}|v|${x.volunteer_id}`, x);
    }
  }
  return Object.fromEntries([...sums].map(([k, v]) => [k, v.join('/')]));
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('rankings against the service records', () => {
  it('a random series of settlements, corrections and reversals leaves every ranking row equal to a count of the records', async () => {
    const r = new Random(SEED);
    let logins = new Map<string, TestClient>();
    const as = async (u: MadeUser) => {
      let c = logins.get(u.id);
      if (!c) logins.set(u.id, (c = await t.client().login(u.phone)));
      return c;
    };
    const people: MadeUser[] = [];
    const orgs: Array<{ id: string; admin: MadeUser }> = [];

    for (let round = 0; round < 6; round++) {
      t.clock.advance(r.int(8, 20) * 86_400_000); // months apart, across a new year
      logins = new Map();
      const staff = await as(city);
      for (let k = r.int(2, 3); k > 0; k--) people.push(await makeUser(t, { regionCode: r.pick(COMMUNITIES) }));
      const admin = await makeUser(t, { regionCode: r.pick(COMMUNITIES) });
      orgs.push({ id: (await makeOrg(t, admin, { regionCode: admin.regionCode, approvedBy: city })).id, admin });

      // a settled activity, its records credited one per transaction, some disputed and corrected or rejected
      const host = r.pick(orgs);
      const hostc = await as(host.admin);
      const start = t.clock.now().getTime() + 86_400_000;
      const act = await hostc.post('/api/v1/activities', {
        orgId: host.id,
        title: `社区服务${round}`,
        category: 'elderly',
        description: '社区志愿服务',
        regionCode: r.pick(COMMUNITIES),
        address: '社区广场',
        ...HOME,
        startsAt: iso(start),
        endsAt: iso(start + 3 * 3600_000),
        capacity: 10,
      });
      expect(act.status, JSON.stringify(act.body)).toBe(201);
      const aid = act.body.id as string;
      expect((await hostc.post(`/api/v1/activities/${aid}/submit`)).status).toBe(200);
      expect((await staff.post(`/api/v1/activities/${aid}/review`, { decision: 'approve' })).status).toBe(200);
      const crew = [...new Set([r.pick(people), r.pick(people), r.pick(people)])];
      for (const v of crew) expect((await (await as(v)).post(`/api/v1/activities/${aid}/signups`)).status).toBe(201);
      t.clock.advance(86_400_000 + 4 * 3600_000);
      for (const v of crew) {
        const m = await hostc.post(`/api/v1/activities/${aid}/attendance/manual`, { userId: v.id, checkinAt: iso(start), checkoutAt: iso(start + r.int(30, 180) * 60_000), note: '现场登记' });
        expect(m.status, JSON.stringify(m.body)).toBe(201);
      }
      const settled = await hostc.post(`/api/v1/activities/${aid}/settle`, { entries: crew.map((v) => ({ userId: v.id, decision: 'include' })) });
      expect(settled.status, JSON.stringify(settled.body)).toBe(200);
      for (const rec of settled.body.records as Array<{ id: string; volunteerId: string }>) {
        if (!r.chance(0.6)) continue;
        const v = crew.find((x) => x.id === rec.volunteerId)!;
        const d = await (await as(v)).post(`/api/v1/service-records/${rec.id}/disputes`, { reason: '时长记录有误，请核实' });
        expect(d.status).toBe(201);
        const ans = await hostc.post(`/api/v1/disputes/${d.body.id}/answer`, r.chance(0.6) ? { decision: 'correct', answer: '核实后更正', minutes: r.int(10, 180) } : { decision: 'reject', answer: '记录无误' });
        expect(ans.status, JSON.stringify(ans.body)).toBe(200);
      }

      // 补录: a short one confirmed at once, a long one waiting, then approved or rejected
      const member = await makeUser(t, { regionCode: r.pick(COMMUNITIES) });
      people.push(member);
      expect((await hostc.post(`/api/v1/orgs/${host.id}/members`, { userId: member.id })).status).toBeLessThan(300);
      const day = t.clock.now().getTime() - r.int(2, 40) * 86_400_000;
      const long = r.chance(0.6);
      const retro = await hostc.post('/api/v1/service-records', { volunteerId: member.id, orgId: host.id, startedAt: iso(day), endedAt: iso(day + (long ? 300 : 60) * 60_000), content: '入户走访独居老人', evidenceNote: '社区签到表与照片' });
      expect(retro.status, JSON.stringify(retro.body)).toBe(201);
      if (long) {
        const id = retro.body.serviceRecord.id as string;
        const decided = r.chance(0.6) ? await staff.post(`/api/v1/service-records/${id}/approve`) : await staff.post(`/api/v1/service-records/${id}/reject`, { reason: '证据不足' });
        expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      }

      // a residents' request served by a volunteer in person (no organisation: the community records it)
      const resident = r.pick(people);
      const helper = r.pick(people.filter((p) => p.id !== resident.id));
      const rc = await as(resident);
      const order = await rc.post('/api/v1/service-requests', { category: 'elderly', description: '上门帮忙', regionCode: resident.regionCode, address: '小区1号楼', ...HOME });
      expect(order.status, JSON.stringify(order.body)).toBe(201);
      const rid = order.body.id as string;
      expect((await staff.post(`/api/v1/service-requests/${rid}/dispatch`, { userId: helper.id, dueAt: iso(t.clock.now().getTime() + 2 * 86_400_000) })).status).toBe(200);
      const hc = await as(helper);
      expect((await hc.post(`/api/v1/service-requests/${rid}/accept`, {})).status).toBe(200);
      expect((await hc.post(`/api/v1/service-requests/${rid}/checkin`, HOME)).status).toBe(200);
      t.clock.advance(r.int(20, 120) * 60_000);
      expect((await hc.post(`/api/v1/service-requests/${rid}/checkout`, HOME)).status).toBe(200);
      expect((await rc.post(`/api/v1/service-requests/${rid}/rate`, { happened: true, stars: r.int(1, 5) })).status).toBe(200);

      expect(await kept(), `round ${round} (seed ${SEED})`).toEqual(await counted());
    }
    const rows = await kept();
    // every kind of row moved, in more than one year, and points were counted
    for (const part of ['|r|140500|v|', '|r|140500|t|', '|o|']) expect(Object.keys(rows).some((k) => k.includes(part)), part).toBe(true);
    expect(new Set(Object.keys(rows).map((k) => k.split('|')[1]!.slice(1, 5))).size).toBeGreaterThan(1);
    expect(Object.values(rows).some((v) => Number(v.split('/')[1]) > 0)).toBe(true);
    // and the rebuild from the base tables agrees
    await rebuildRankings(t.app.ctx);
    expect(await kept()).toEqual(rows);
    // with its metric indexes built again
    const indexes = rowsOf(await t.app.ctx.db.execute(sql`select indexname from pg_indexes where tablename = 'ranking_totals' order by 1`)).map((x) => x.indexname);
    expect(indexes).toEqual(['ranking_totals_minutes_idx', 'ranking_totals_participations_idx', 'ranking_totals_pk', 'ranking_totals_points_idx']);
  });
});
