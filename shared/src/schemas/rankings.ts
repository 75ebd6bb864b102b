import { z } from 'zod';
import { Id, RegionCode } from './common';

/** Rankings (排行榜): volunteers and teams by service hours, points or participations (人次), per year or month. */

export const RankingMetric = z.enum(['hours', 'points', 'participations']);
export type RankingMetric = z.infer<typeof RankingMetric>;

const PeriodFields = {
  period: z.enum(['year', 'month']).default('year'),
  /** Default: this year (China time). */
  year: z.coerce.number().int().min(2000).max(2099).optional(),
  /** With period=month; default: this month. */
  month: z.coerce.number().int().min(1).max(12).optional(),
  metric: RankingMetric.default('hours'),
};

export const RankingsQuery = z.object({
  /** A region's subtree (the city or below); default: the city. */
  regionCode: RegionCode.optional(),
  /** An organisation's volunteers, instead of a region. */
  orgId: Id.optional(),
  kind: z.enum(['volunteers', 'teams']).default('volunteers'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  ...PeriodFields,
});
export type RankingsQuery = z.infer<typeof RankingsQuery>;

export const MyRankingQuery = z.object({ regionCode: RegionCode.optional(), orgId: Id.optional(), ...PeriodFields });
export type MyRankingQuery = z.infer<typeof MyRankingQuery>;

const Figures = {
  /** Hours, one decimal. */
  hours: z.number().nonnegative(),
  points: z.number().int(),
  participations: z.number().int().nonnegative(),
};

export const RankingEntry = z.object({
  /** 1 + how many are ahead (equal figures share a rank). */
  rank: z.number().int().positive(),
  /** A volunteer's name only with their consent to public display, masked (周*梅) otherwise; a team's name. */
  name: z.string(),
  masked: z.boolean(),
  /** The team's id (teams only; volunteers are never identified here). */
  orgId: Id.nullable(),
  ...Figures,
});
export type RankingEntry = z.infer<typeof RankingEntry>;

const Scope = {
  scope: z.object({ kind: z.enum(['region', 'org']), regionCode: RegionCode.nullable(), orgId: Id.nullable(), name: z.string() }),
  period: z.enum(['year', 'month']),
  year: z.number().int(),
  month: z.number().int().nullable(),
  metric: RankingMetric,
};

export const Rankings = z.object({ ...Scope, kind: z.enum(['volunteers', 'teams']), items: z.array(RankingEntry) });
export type Rankings = z.infer<typeof Rankings>;

export const MyRanking = z.object({
  ...Scope,
  /** Null while I have no standing record in the scope and period. */
  rank: z.number().int().positive().nullable(),
  /** Present when more than this many are ahead: the place is "beyond the N-th" (rank is then N + 1, a lower bound). */
  rankBeyond: z.number().int().positive().optional(),
  ...Figures,
});
export type MyRanking = z.infer<typeof MyRanking>;
