import type { StatsBreakdown as StatsBreakdownSchema, StatsOverview as StatsOverviewSchema } from '@shared/schemas/stats';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { API_BASE, api, buildQuery, isApiError, type ApiQuery } from '../../api/client';
import { apiKey } from '../../api/query';

/**
 * The statistics API (issue 12): `GET /stats/overview`, `/stats/breakdown`, `/stats/export.xlsx`
 * and `/stats/report.pdf`. Periods are plain dates (`YYYY-MM-DD`), a report's month `YYYY-MM`.
 */
// the shapes are the server's own schemas (shared/src/schemas/stats.ts), not copies
export type StatsOverview = StatsOverviewSchema;
export type StatsWork = NonNullable<StatsOverview['work']>;
export type StatsBreakdown = StatsBreakdownSchema;
export type BreakdownBy = StatsBreakdown['by'];
export type BreakdownRow = StatsBreakdown['rows'][number];

export interface StatsQuery {
  regionCode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** An older server has no statistics yet and answers 404: the page shows an empty state, not an error. */
async function orNothing<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (isApiError(err) && err.status === 404) return null;
    throw err;
  }
}

const q = (query: StatsQuery): ApiQuery<'/stats/overview'> => ({ regionCode: query.regionCode, from: query.from, to: query.to });

export const statsApi = {
  overview: (query: StatsQuery) =>
    queryOptions({
      queryKey: apiKey('/stats/overview', { query: q(query) }),
      queryFn: ({ signal }) => orNothing(api.get('/stats/overview', { query: q(query) }, signal)),
      placeholderData: keepPreviousData,
    }),
  breakdown: (query: StatsQuery, by: BreakdownBy) =>
    queryOptions({
      queryKey: apiKey('/stats/breakdown', { query: { ...q(query), by } }),
      queryFn: ({ signal }) => orNothing(api.get('/stats/breakdown', { query: { ...q(query), by } }, signal)),
      placeholderData: keepPreviousData,
    }),
  /** The Excel workbook of every table (staff in scope): a plain link, so the browser downloads it. */
  exportUrl: (query: StatsQuery) => `${API_BASE}/stats/export.xlsx${buildQuery(q(query))}`,
  /** The one-page monthly report (PDF) of a region. */
  reportUrl: (regionCode: string, month: string) => `${API_BASE}/stats/report.pdf${buildQuery({ regionCode, month })}`,
};
