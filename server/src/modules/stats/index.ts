/** Figures kept by rollups: other modules count their changes through trackStats / countNew / countStats, in their own transaction. */
export { countStats, countNew, trackStats, allTimeTotals, rebuildStats } from './stats.service';
export { resolveRegion } from './stats.figures';
export { METRICS, SOURCES } from './stats.sources';
export type { Metric, Kind } from './stats.sources';
export type { StatChange } from './stats.service';
export { statsRoutes } from './stats.routes';
