/** Figures kept by rollups: other modules count their changes through countStats, in their own transaction. */
export { countStats, allTimeTotals, rebuildStats, METRICS } from './stats.service';
export type { Metric, StatChange } from './stats.service';
