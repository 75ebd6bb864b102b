import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

/** The only database access of modules/rankings; the only writer of ranking_totals. */

function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}

/** What each record adds: all of it, or (for a change of credit) only a points delta joined as `d`. */
interface Measures {
  join: SQL;
  minutes: SQL;
  points: SQL;
  participations: SQL;
}
const WHOLE: Measures = { join: sql``, minutes: sql`x.minutes`, points: sql`x.points`, participations: sql`1` };

/** The standing records (confirmed or disputed) that pass `filter` (on `x`), as ranking rows summed per key. */
function contributions(filter: SQL, m: Measures = WHOLE): SQL {
  return sql`
    select left(x.region_code, 4) as city_code, p.period, s.scope_kind, s.scope_key, s.subject_kind, s.subject_id,
           sum(${m.minutes})::bigint as minutes, sum(${m.points})::bigint as points, sum(${m.participations})::int as participations
      from service_records x ${m.join}
      join regions r on r.code = x.region_code
      cross join lateral (values ('Y' || left(x.service_date, 4)), ('M' || left(x.service_date, 7))) as p(period)
      cross join lateral (
        select 'r', a.code::text, k.kind, case k.kind when 'v' then x.volunteer_id else x.org_id end
          from unnest(string_to_array(trim(both '/' from r.path), '/')) as a(code)
          cross join (values ('v'), ('t')) as k(kind)
         where left(a.code, 4) = left(x.region_code, 4)
        union all
        select 'o', x.org_id::text, 'v', x.volunteer_id where x.org_id is not null
      ) as s(scope_kind, scope_key, subject_kind, subject_id)
     where x.status in ('confirmed', 'disputed') and s.subject_id is not null and ${filter}
     group by 1, 2, 3, 4, 5, 6`;
}

const byIds = (ids: readonly string[]) => sql`x.id = any(${sql.param([...ids])}::uuid[])`;

/**
 * Adds (sign 1) or takes away (sign -1) what the given records count now: one statement for any
 * number of records, rows written in key order (concurrent writers lock them in the same order).
 */
export async function addRecords(db: DbOrTx, recordIds: readonly string[], sign: 1 | -1): Promise<void> {
  if (!recordIds.length) return;
  await db.execute(sql`
    insert into ranking_totals (city_code, period, scope_kind, scope_key, subject_kind, subject_id, minutes, points, participations)
    select c.city_code, c.period, c.scope_kind, c.scope_key, c.subject_kind, c.subject_id, ${sign} * c.minutes, ${sign} * c.points, ${sign} * c.participations
      from (${contributions(byIds([...recordIds].sort()))}) as c
     order by 1, 2, 3, 4, 5, 6
    on conflict (city_code, period, scope_kind, scope_key, subject_kind, subject_id) do update
       set minutes = ranking_totals.minutes + excluded.minutes, points = ranking_totals.points + excluded.points,
           participations = ranking_totals.participations + excluded.participations`);
}

/**
 * Adds a change of points only (a settlement's credit: the records' minutes and participations
 * are counted already): one statement, only the rows whose points move, in key order.
 */
export async function addPointsDeltas(db: DbOrTx, deltas: ReadonlyArray<{ id: string; delta: number }>): Promise<void> {
  const moving = deltas.filter((d) => d.delta !== 0).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (!moving.length) return;
  const d: Measures = {
    join: sql`join unnest(${sql.param(moving.map((x) => x.id))}::uuid[], ${sql.param(moving.map((x) => x.delta))}::int[]) as d(id, delta) on d.id = x.id`,
    minutes: sql`0`,
    points: sql`d.delta`,
    participations: sql`0`,
  };
  await db.execute(sql`
    insert into ranking_totals (city_code, period, scope_kind, scope_key, subject_kind, subject_id, minutes, points, participations)
    select c.city_code, c.period, c.scope_kind, c.scope_key, c.subject_kind, c.subject_id, c.minutes, c.points, c.participations
      from (${contributions(byIds(moving.map((x) => x.id)), d)}) as c
     order by 1, 2, 3, 4, 5, 6
    on conflict (city_code, period, scope_kind, scope_key, subject_kind, subject_id) do update
       set points = ranking_totals.points + excluded.points`);
}

/** A rebuild's sorts and index builds in memory rather than on disk (PostgreSQL only; for this transaction). */
export async function roomForRebuild(db: DbOrTx): Promise<void> {
  await db.execute(sql`set local work_mem = '256MB'`);
  await db.execute(sql`set local maintenance_work_mem = '512MB'`);
}

/**
 * Empties the rollup and drops its metric indexes for a rebuild (built again afterwards from the
 * definitions answered here: one sort each, instead of millions of scattered insertions).
 */
export async function emptyForRebuild(db: DbOrTx): Promise<string[]> {
  const defs = rowsOf<{ name: string; def: string }>(
    await db.execute(sql`select indexname as name, indexdef as def from pg_indexes where tablename = 'ranking_totals' and indexname <> 'ranking_totals_pk' order by 1`),
  );
  for (const d of defs) await db.execute(sql`drop index ${sql.identifier(d.name)}`);
  await db.execute(sql`truncate ranking_totals`);
  return defs.map((d) => d.def);
}

export async function restoreIndexes(db: DbOrTx, defs: readonly string[]): Promise<void> {
  for (const def of defs) await db.execute(sql.raw(def));
}

/** The years of service dates among the records (the rebuild goes a year at a time). */
export async function recordYears(db: DbOrTx): Promise<string[]> {
  const res = await db.execute(sql`select distinct left(service_date, 4) as y from service_records order by 1`);
  return rowsOf<{ y: string }>(res).map((r) => r.y);
}

/** Recomputes one year's rows from the records (into the emptied table), in key order: one statement. */
export async function rebuildYear(db: DbOrTx, year: string): Promise<number> {
  const res = await db.execute(sql`
    insert into ranking_totals (city_code, period, scope_kind, scope_key, subject_kind, subject_id, minutes, points, participations)
    select * from (${contributions(sql`x.service_date like ${`${year}-%`}`)}) as c order by 1, 2, 3, 4, 5, 6`);
  return (res as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (res as unknown as { affectedRows?: number }).affectedRows ?? 0;
}

export type Metric = 'minutes' | 'points' | 'participations';
export interface Scope {
  cityCode: string;
  period: string;
  scopeKind: 'r' | 'o';
  scopeKey: string;
  subjectKind: 'v' | 't';
}

export interface TotalsRow {
  subjectId: string;
  minutes: number;
  points: number;
  participations: number;
}

const col = (m: Metric) => sql.raw(m);
const inScope = (s: Scope) =>
  sql`t.city_code = ${s.cityCode} and t.period = ${s.period} and t.scope_kind = ${s.scopeKind} and t.scope_key = ${s.scopeKey} and t.subject_kind = ${s.subjectKind}`;
const toTotals = (r: Record<string, unknown>): TotalsRow => ({ subjectId: r.subject_id as string, minutes: Number(r.minutes), points: Number(r.points), participations: Number(r.participations) });

/** The first `limit` volunteers of a scope by a metric: an index scan. With each one's name and consent to be named. */
export async function topVolunteers(db: DbOrTx, s: Scope, metric: Metric, limit: number) {
  const res = await db.execute(sql`
    select t.subject_id, t.minutes, t.points, t.participations, u.name, coalesce(v.public_display, false) as public_display
      from ranking_totals t
      join users u on u.id = t.subject_id
      left join volunteer_profiles v on v.user_id = t.subject_id
     where ${inScope(s)} and t.${col(metric)} > 0
     order by t.${col(metric)} desc nulls last, t.subject_id
     limit ${limit}`);
  return rowsOf<Record<string, unknown>>(res).map((r) => ({ ...toTotals(r), name: r.name as string, publicDisplay: Boolean(r.public_display) }));
}

/** The first `limit` organisations of a region by a metric (active ones), with their names. */
export async function topTeams(db: DbOrTx, s: Scope, metric: Metric, limit: number) {
  const res = await db.execute(sql`
    select t.subject_id, t.minutes, t.points, t.participations, o.name
      from ranking_totals t
      join organizations o on o.id = t.subject_id and o.status = 'active'
     where ${inScope(s)} and t.${col(metric)} > 0
     order by t.${col(metric)} desc nulls last, t.subject_id
     limit ${limit}`);
  return rowsOf<Record<string, unknown>>(res).map((r) => ({ ...toTotals(r), name: r.name as string }));
}

/** One subject's row of a scope (its primary key). */
export async function totalsOf(db: DbOrTx, s: Scope, subjectId: string): Promise<TotalsRow | undefined> {
  const res = await db.execute(sql`select t.subject_id, t.minutes, t.points, t.participations from ranking_totals t where ${inScope(s)} and t.subject_id = ${subjectId}`);
  const [r] = rowsOf<Record<string, unknown>>(res);
  return r ? toTotals(r) : undefined;
}

/**
 * How many subjects of a scope are ahead of a value, counted on the metric's index up to `cap`
 * (then `cap` + 1 comes back: "further down than that"), so a place far down the list of a city
 * costs no more than one near the top.
 */
export async function countAhead(db: DbOrTx, s: Scope, metric: Metric, value: number, cap: number): Promise<number> {
  const res = await db.execute(sql`select count(*)::int as n from (select 1 from ranking_totals t where ${inScope(s)} and t.${col(metric)} > ${value} limit ${cap + 1}) ahead`);
  return Number(rowsOf<{ n: number }>(res)[0]?.n ?? 0);
}
