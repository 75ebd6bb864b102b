import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { escapeLike } from '../regions/index';

/**
 * Reads of the figures: a handful of counter rows per region and period (never the base tables),
 * and the office's work in hand from small partial indexes bounded by the region's subtree.
 */

export interface Span {
  /** YYYY-MM-DD, China time, inclusive; null = open. */
  from: string | null;
  to: string | null;
}

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonth = (day: string) => {
  const d = new Date(`${monthStart(day)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * The counter rows that add up to a period: all time ('a') when it is open on both sides;
 * otherwise its whole months ('m') and the days at either edge ('d').
 */
export function periodWhere(span: Span, opts: { wholeMonths?: boolean } = {}): SQL {
  if (!span.from && !span.to && !opts.wholeMonths) return sql`period = 'a'`;
  const from = span.from ?? '2000-01-01';
  const to = span.to ?? '2099-12-31';
  const firstFull = from.endsWith('-01') ? from : nextMonth(from);
  const afterFull = monthStart(addDays(to, 1));
  if (firstFull >= afterFull) return sql`(period = 'd' and period_start between ${from}::date and ${to}::date)`;
  return sql`((period = 'm' and period_start >= ${firstFull}::date and period_start < ${afterFull}::date)
    or (period = 'd' and period_start >= ${from}::date and period_start < ${firstFull}::date)
    or (period = 'd' and period_start >= ${afterFull}::date and period_start <= ${to}::date))`;
}

type Rows = Array<{ k: string; metric: string; v: string | number }>;
const rowsOf = (res: unknown) => (res as { rows: Rows }).rows;

/** Figures of one region's subtree for a period: metric → value. */
export async function totals(db: DbOrTx, regionCode: string, metrics: readonly string[], span: Span): Promise<Record<string, number>> {
  const res = await db.execute(sql`
    select '' as k, metric, sum(value)::bigint as v from stat_counters
     where region_code = ${regionCode} and category = '' and metric in (${sql.join(metrics.map((m) => sql`${m}`), sql`, `)}) and ${periodWhere(span)}
     group by metric`);
  const out: Record<string, number> = Object.fromEntries(metrics.map((m) => [m, 0]));
  for (const r of rowsOf(res)) out[r.metric] = Number(r.v);
  return out;
}

const figuresOf = (metrics: readonly string[]) => Object.fromEntries(metrics.map((m) => [m, 0])) as Record<string, number>;

/** Figures grouped by month (YYYY-MM) or by service category: key → metric → value. */
export async function grouped(db: DbOrTx, by: 'month' | 'category', regionCode: string, metrics: readonly string[], span: Span): Promise<Map<string, Record<string, number>>> {
  const ms = sql.join(metrics.map((m) => sql`${m}`), sql`, `);
  const q =
    by === 'month'
      ? sql`select to_char(period_start, 'YYYY-MM') as k, metric, sum(value)::bigint as v from stat_counters
             where region_code = ${regionCode} and category = '' and metric in (${ms}) and ${periodWhere(span, { wholeMonths: true })}
             group by 1, 2`
      : sql`select category as k, metric, sum(value)::bigint as v from stat_counters
             where region_code = ${regionCode} and category <> '' and metric in (${ms}) and ${periodWhere(span)}
             group by 1, 2`;
  const out = new Map<string, Record<string, number>>();
  for (const r of rowsOf(await db.execute(q))) {
    const row = out.get(r.k) ?? figuresOf(metrics);
    row[r.metric] = Number(r.v);
    out.set(r.k, row);
  }
  return out;
}

/** Figures of each of the region's children (one level down, every child even without figures), by code. */
export async function byChildRegion(db: DbOrTx, regionCode: string, metrics: readonly string[], span: Span): Promise<Array<{ code: string; name: string; figures: Record<string, number> }>> {
  const ms = sql.join(metrics.map((m) => sql`${m}`), sql`, `);
  const res = await db.execute(sql`
    select r.code as k, r.name, c.metric, sum(c.value)::bigint as v from regions r
      left join stat_counters c on c.region_code = r.code and c.category = '' and c.metric in (${ms}) and ${periodWhere(span)}
     where r.parent_code = ${regionCode}
     group by r.code, r.name, c.metric
     order by r.code
     limit 10000`);
  const out = new Map<string, { code: string; name: string; figures: Record<string, number> }>();
  for (const r of (res as unknown as { rows: Array<{ k: string; name: string; metric: string | null; v: string | number | null }> }).rows) {
    let row = out.get(r.k);
    if (!row) out.set(r.k, (row = { code: r.k, name: r.name, figures: figuresOf(metrics) }));
    if (r.metric) row.figures[r.metric] = Number(r.v);
  }
  return [...out.values()];
}

/**
 * The office's work in hand in a region's subtree: activities and organisations waiting for
 * review, ended activities unsettled past `lateBefore` (their end before that instant), open
 * disputes. Each count reads a partial index of the open items only, joined to the subtree.
 */
export async function workInHand(db: DbOrTx, regionPath: string, lateBefore: Date) {
  const like = `${escapeLike(regionPath)}%`;
  const before = lateBefore.toISOString();
  const res = await db.execute(sql`
    select
      (select count(*) from activities a join regions r on r.code = a.region_code where a.status = 'pending_review' and r.path like ${like})
      + (select count(*) from organizations o join regions r on r.code = o.region_code where o.status = 'pending' and r.path like ${like}) as reviews,
      (select count(*) from activities a join regions r on r.code = a.region_code
        where a.status = 'published' and a.settled_at is null and a.ends_at < ${before}::timestamptz and r.path like ${like}) as late,
      (select count(*) from disputes d join regions r on r.code = d.region_code where d.status = 'open' and r.path like ${like}) as disputes`);
  const row = (res as unknown as { rows: Array<Record<string, string | number>> }).rows[0]!;
  return { reviewsPending: Number(row.reviews), recordsLate: Number(row.late), disputesOpen: Number(row.disputes) };
}
