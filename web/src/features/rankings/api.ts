import type { z } from 'zod';
import type { MyRanking as MyRankingSchema, Rankings as RankingsSchema, RankingMetric } from '@shared/schemas/rankings';
import { apiQuery } from '../../api/query';

export type Rankings = z.infer<typeof RankingsSchema>;
export type MyRanking = z.infer<typeof MyRankingSchema>;
export type Metric = z.infer<typeof RankingMetric>;
export type RankingKind = 'volunteers' | 'teams';

/** The period asked for: a year, or a month of it; left out → this year / this month (the server's China date). */
export interface PeriodChoice {
  period: 'year' | 'month';
  year?: number | undefined;
  month?: number | undefined;
}

const periodQuery = (p: PeriodChoice) => ({ period: p.period, year: p.year, month: p.period === 'month' ? p.month : undefined });

export const rankingsApi = {
  list: (q: PeriodChoice & { regionCode?: string | undefined; orgId?: string | undefined; metric: Metric; kind: RankingKind; limit?: number }) =>
    apiQuery('/rankings', { query: { ...periodQuery(q), regionCode: q.regionCode, orgId: q.orgId, metric: q.metric, kind: q.kind, limit: q.limit ?? 50 } }),
  mine: (q: PeriodChoice & { regionCode?: string | undefined; metric: Metric }) =>
    apiQuery('/me/rankings', { query: { ...periodQuery(q), regionCode: q.regionCode, metric: q.metric } }),
};

/** The figure a ranking is by. */
export function valueOf(x: { hours: number; points: number; participations: number }, metric: Metric): number {
  return metric === 'hours' ? x.hours : metric === 'points' ? x.points : x.participations;
}
