import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { withTx, type DbOrTx } from '../../db/client';
import { chinaDate } from '../../lib/working-days';
import * as repo from './stats.repository';

/**
 * Figures kept by rollups (stat_counters). Other modules call `countStats` inside the transaction
 * that makes the change, so a figure moves exactly when the change commits.
 */

export const METRICS = ['volunteers'] as const;
export type Metric = (typeof METRICS)[number];

export interface StatChange {
  /** Where it happened: the counters of this region and every region above it move. */
  regionCode: string;
  at: Date;
  metric: Metric;
  /** A service category, or '' (the change is still counted under every category, '' ). */
  category?: string | null;
  delta: number;
}

/** Counts changes in the caller's transaction. */
export async function countStats(tx: DbOrTx, changes: readonly StatChange[]): Promise<void> {
  const deltas = changes
    .filter((c) => c.delta !== 0)
    .map((c) => ({ regionCode: c.regionCode, metric: c.metric, day: chinaDate(c.at), category: c.category ?? '', delta: c.delta }));
  await repo.addDeltas(tx, deltas, Math.floor(Math.random() * repo.SLOTS));
}

/** All-time figures of a region's whole subtree. */
export function allTimeTotals(db: DbOrTx, regionCode: string, metrics: readonly Metric[]) {
  return repo.allTimeTotals(db, regionCode, metrics);
}

/** How each metric is counted from the base tables (for `aixin stats rebuild` and the property test). */
export const SOURCES: Record<Metric, ReturnType<typeof sql>> = {
  // people registered, by where they live now, on the day they registered
  volunteers: sql`select u.region_code, (u.created_at at time zone 'Asia/Shanghai')::date, ''::text, 1::bigint from users u`,
};

/** Recomputes the counters from the base tables (an existing database, or after a bulk load). */
export async function rebuildStats(ctx: AppContext, metrics: readonly Metric[] = METRICS): Promise<void> {
  for (const m of metrics) {
    await withTx(ctx.db, async (tx) => {
      await repo.clearMetric(tx, m);
      await repo.rebuildMetric(tx, m, SOURCES[m]);
    });
  }
}
