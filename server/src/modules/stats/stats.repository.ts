import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { statCounters } from '../../db/schema/index';
import { KINDS, SOURCES, idFilter, type Kind, type Metric } from './stats.sources';

/** The only writer of stat_counters. */

export const SLOTS = 8;

export interface CounterDelta {
  regionCode: string;
  metric: string;
  /** The China-time day, YYYY-MM-DD. */
  day: string;
  category: string;
  delta: number;
}

/**
 * Adds deltas to the counters of each region AND every region above it (from its path), for the
 * day, the month and all time, for the category and for all categories. One statement; rows are
 * written in key order (so concurrent writers take their locks in the same order) to one slot.
 */
export async function addDeltas(db: DbOrTx, deltas: readonly CounterDelta[], slot: number): Promise<void> {
  if (deltas.length === 0) return;
  await db.execute(sql`
    insert into stat_counters (city_code, region_code, metric, period, period_start, category, slot, value)
    select left(a.code, 4), a.code, e.metric, p.period, p.start, c.category, ${slot}, sum(e.delta)
      from jsonb_to_recordset(${JSON.stringify(deltas)}::jsonb) as e("regionCode" text, metric text, day date, category text, delta bigint)
      join regions r on r.code = e."regionCode"
      cross join lateral unnest(string_to_array(trim(both '/' from r.path), '/')) as a(code)
      cross join lateral (values ('d', e.day), ('m', date_trunc('month', e.day)::date), ('a', date '1970-01-01')) as p(period, start)
      cross join lateral (select distinct x from (values (e.category), ('')) as v(x)) as c(category)
     group by 1, 2, 3, 4, 5, 6
    having sum(e.delta) <> 0
     order by 2, 3, 4, 5, 6
    on conflict (region_code, metric, period, period_start, category, slot) do update set value = stat_counters.value + excluded.value`);
}

/** All-time figures of one region (its whole subtree), summed over the slots. */
export async function allTimeTotals(db: DbOrTx, regionCode: string, metrics: readonly string[]): Promise<Record<string, number>> {
  const rows = await db
    .select({ metric: statCounters.metric, value: sql<number>`sum(${statCounters.value})::bigint` })
    .from(statCounters)
    .where(and(eq(statCounters.regionCode, regionCode), inArray(statCounters.metric, [...metrics]), eq(statCounters.period, 'a'), eq(statCounters.category, '')))
    .groupBy(statCounters.metric);
  const out: Record<string, number> = {};
  for (const m of metrics) out[m] = 0;
  for (const r of rows) out[r.metric] = Number(r.value);
  return out;
}

/** Locks the objects a change is about (in id order), so that what they counted before is read under the lock. */
export async function lockObjects(db: DbOrTx, kind: Kind, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`select x.id from ${sql.identifier(KINDS[kind])} x where ${idFilter(ids)} order by x.id for update`);
}

/** What the objects count now: one row per (metric, region, day, category), from the same sources as a rebuild. */
export async function contributions(db: DbOrTx, kind: Kind, ids: readonly string[]): Promise<CounterDelta[]> {
  const sources = SOURCES.filter((s) => s.kind === kind);
  if (ids.length === 0 || sources.length === 0) return [];
  const filter = idFilter(ids);
  const union = sql.join(
    sources.map((s) => sql`select ${s.metric}::text as metric, e.* from (${s.rows(filter)}) as e(region_code, day, category, delta)`),
    sql` union all `,
  );
  const res = await db.execute(sql`select u.metric, u.region_code, u.day::text as day, u.category, sum(u.delta)::bigint as delta from (${union}) as u group by 1, 2, 3, 4`);
  return (res as unknown as { rows: Array<{ metric: string; region_code: string; day: string; category: string; delta: string | number }> }).rows.map((r) => ({
    metric: r.metric,
    regionCode: r.region_code,
    day: r.day,
    category: r.category,
    delta: Number(r.delta),
  }));
}

/** Drops one metric's counters (before recomputing it from the base tables). */
export async function clearMetric(db: DbOrTx, metric: string): Promise<void> {
  await db.delete(statCounters).where(eq(statCounters.metric, metric));
}

/**
 * Recomputes one metric from its sources over the base tables: summed per (region, day,
 * category) first (5 million records are far fewer days of communities), then the same
 * expansion as addDeltas (ancestors, day / month / all, category and ''), in one statement,
 * into slot 0.
 */
export async function rebuildMetric(db: DbOrTx, metric: Metric): Promise<void> {
  const union = sql.join(
    SOURCES.filter((s) => s.metric === metric).map((s) => s.rows(sql`true`)),
    sql` union all `,
  );
  await db.execute(sql`
    insert into stat_counters (city_code, region_code, metric, period, period_start, category, slot, value)
    select left(a.code, 4), a.code, ${metric}, p.period, p.start, c.category, 0, sum(e.delta)
      from (select u.region_code, u.day, u.category, sum(u.delta) as delta
              from (${union}) as u(region_code, day, category, delta)
             group by 1, 2, 3) as e
      join regions r on r.code = e.region_code
      cross join lateral unnest(string_to_array(trim(both '/' from r.path), '/')) as a(code)
      cross join lateral (values ('d', e.day), ('m', date_trunc('month', e.day)::date), ('a', date '1970-01-01')) as p(period, start)
      cross join lateral (select distinct x from (values (e.category), ('')) as v(x)) as c(category)
     group by 1, 2, 4, 5, 6
    having sum(e.delta) <> 0`);
}
