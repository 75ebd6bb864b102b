import type { AppContext } from '../../context';
import { withTx, type DbOrTx } from '../../db/client';
import { chinaDate } from '../../lib/working-days';
import * as repo from './stats.repository';
import { METRICS, type Kind, type Metric } from './stats.sources';

/**
 * Figures kept by rollups (stat_counters). Other modules count their changes inside the
 * transaction that makes them, so a figure moves exactly when the change commits:
 * `trackStats` around a change to existing objects, `countNew` after inserting objects,
 * `countStats` for deltas the caller computes itself (registrations).
 */

export interface StatChange {
  /** Where it happened: the counters of this region and every region above it move. */
  regionCode: string;
  at: Date;
  metric: Metric;
  /** A service category, or '' (the change is still counted under every category, '' ). */
  category?: string | null;
  delta: number;
}

/**
 * The slot a transaction writes to: one per transaction, chosen at random, so that its several
 * counts lock the same rows again rather than a second slot's (two settlements each holding one
 * slot and waiting for the other's would deadlock).
 */
const slots = new WeakMap<object, number>();
function slotOf(tx: DbOrTx): number {
  let s = slots.get(tx);
  if (s === undefined) slots.set(tx, (s = Math.floor(Math.random() * repo.SLOTS)));
  return s;
}

/** Counts changes in the caller's transaction. */
export async function countStats(tx: DbOrTx, changes: readonly StatChange[]): Promise<void> {
  const deltas = changes
    .filter((c) => c.delta !== 0)
    .map((c) => ({ regionCode: c.regionCode, metric: c.metric, day: chinaDate(c.at), category: c.category ?? '', delta: c.delta }));
  await repo.addDeltas(tx, deltas, slotOf(tx));
}

const key = (d: repo.CounterDelta) => `${d.metric}|${d.regionCode}|${d.day}|${d.category}`;

/** after − before, netted per counter key. */
function net(before: readonly repo.CounterDelta[], after: readonly repo.CounterDelta[]): repo.CounterDelta[] {
  const out = new Map<string, repo.CounterDelta>();
  for (const [sign, rows] of [[-1, before], [1, after]] as const) {
    for (const r of rows) {
      const k = key(r);
      const cur = out.get(k);
      if (cur) cur.delta += sign * r.delta;
      else out.set(k, { ...r, delta: sign * r.delta });
    }
  }
  return [...out.values()].filter((d) => d.delta !== 0);
}

/**
 * Runs a change to existing objects and counts what it moved: the objects are locked, what they
 * count is read before and after the change (from the same sources as a rebuild), and the
 * difference is added, all in the caller's transaction.
 */
export async function trackStats<T>(tx: DbOrTx, kind: Kind, ids: readonly string[], change: () => Promise<T>): Promise<T> {
  await repo.lockObjects(tx, kind, ids);
  const before = await repo.contributions(tx, kind, ids);
  const out = await change();
  const after = await repo.contributions(tx, kind, ids);
  await repo.addDeltas(tx, net(before, after), slotOf(tx));
  return out;
}

/** Counts objects just inserted in the caller's transaction. */
export async function countNew(tx: DbOrTx, kind: Kind, ids: readonly string[]): Promise<void> {
  await repo.addDeltas(tx, await repo.contributions(tx, kind, ids), slotOf(tx));
}

/** All-time figures of a region's whole subtree. */
export function allTimeTotals(db: DbOrTx, regionCode: string, metrics: readonly Metric[]) {
  return repo.allTimeTotals(db, regionCode, metrics);
}

/** Recomputes the counters from the base tables (an existing database, or after a bulk load). */
export async function rebuildStats(ctx: AppContext, metrics: readonly Metric[] = METRICS): Promise<void> {
  for (const m of metrics) {
    await withTx(ctx.db, async (tx) => {
      await repo.clearMetric(tx, m);
      await repo.rebuildMetric(tx, m);
    });
  }
}
