import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { attendedAndSettled, disputeAnswered, logins, publishedActivity, requestServed, retroDecided } from '../../../test/record-scenarios';
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

describe('rankings against the service records', () => {
  it('a random series of settlements, corrections and reversals leaves every ranking row equal to a count of the records', async () => {
    const r = new Random(SEED);
    const people: MadeUser[] = [];
    const orgs: Array<{ id: string; admin: MadeUser }> = [];

    for (let round = 0; round < 6; round++) {
      t.clock.advance(r.int(8, 20) * 86_400_000); // months apart, across a new year
      const as = logins(t);
      const staff = await as(city);
      for (let k = r.int(2, 3); k > 0; k--) people.push(await makeUser(t, { regionCode: r.pick(COMMUNITIES) }));
      const admin = await makeUser(t, { regionCode: r.pick(COMMUNITIES) });
      orgs.push({ id: (await makeOrg(t, admin, { regionCode: admin.regionCode, approvedBy: city })).id, admin });

      // a settled activity (its points credited in a later transaction than its records), some records disputed and corrected or not
      const host = r.pick(orgs);
      const hostc = await as(host.admin);
      const crew = [...new Set([r.pick(people), r.pick(people), r.pick(people)])];
      const crewc = [];
      for (const v of crew) crewc.push(await as(v));
      const act = await publishedActivity(t, { host: hostc, staff, orgId: host.id, title: `社区服务${round}`, category: 'elderly', regionCode: r.pick(COMMUNITIES), crew: crewc });
      const settled = await attendedAndSettled(t, r, { host: hostc, ...act, crew });
      for (const rec of settled.records) {
        if (r.chance(0.6)) await disputeAnswered(r, await as(crew.find((x) => x.id === rec.volunteerId)!), hostc, rec.id);
      }

      // 补录: a short one confirmed at once, a long one waiting, then approved or rejected
      const member = await makeUser(t, { regionCode: r.pick(COMMUNITIES) });
      people.push(member);
      await retroDecided(t, r, { host: hostc, staff, orgId: host.id, member, maxDaysBack: 40 });

      // a residents' request served by a volunteer in person (no organisation: the community records it)
      const resident = r.pick(people);
      const helper = r.pick(people.filter((p) => p.id !== resident.id));
      await requestServed(t, r, { resident: await as(resident), residentRegion: resident.regionCode, staff, helper: await as(helper), helperId: helper.id, category: 'elderly', happened: true });

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
