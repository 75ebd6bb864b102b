import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { statCounters } from '../../db/schema/index';

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

/** Drops one metric's counters (before recomputing it from the base tables). */
export async function clearMetric(db: DbOrTx, metric: string): Promise<void> {
  await db.delete(statCounters).where(eq(statCounters.metric, metric));
}

/**
 * Recomputes one metric from a query over the base tables that yields (region_code, day, category,
 * delta) rows: the same expansion as addDeltas (ancestors, day / month / all, category and ''), in
 * one statement, into slot 0.
 */
export async function rebuildMetric(db: DbOrTx, metric: string, source: ReturnType<typeof sql>): Promise<void> {
  await db.execute(sql`
    insert into stat_counters (city_code, region_code, metric, period, period_start, category, slot, value)
    select left(a.code, 4), a.code, ${metric}, p.period, p.start, c.category, 0, sum(e.delta)
      from (${source}) as e(region_code, day, category, delta)
      join regions r on r.code = e.region_code
      cross join lateral unnest(string_to_array(trim(both '/' from r.path), '/')) as a(code)
      cross join lateral (values ('d', e.day), ('m', date_trunc('month', e.day)::date), ('a', date '1970-01-01')) as p(period, start)
      cross join lateral (select distinct x from (values (e.category), ('')) as v(x)) as c(category)
     group by 1, 2, 4, 5, 6
    having sum(e.delta) <> 0`);
}
