import { z } from 'zod';
import { RegionCode } from './common';

/** A calendar day in China time, YYYY-MM-DD, between 2000 and 2099. */
export const Day = z
  .string()
  .regex(/^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式为 YYYY-MM-DD / A date is YYYY-MM-DD')
  // a refinement runs even when the pattern failed: it must not throw on any text
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return Number.isFinite(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '没有这一天 / No such day');

const SpanQuery = z.object({ regionCode: RegionCode.optional(), from: Day.optional(), to: Day.optional() });
const inOrder = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;
const outOfOrder = { message: '开始日期不能晚于结束日期 / from must not be after to', path: ['to'] };

export const StatsQuery = SpanQuery.refine(inOrder, outOfOrder);
export type StatsQuery = z.infer<typeof StatsQuery>;
export const StatsBreakdownQuery = SpanQuery.extend({ by: z.enum(['month', 'category', 'region']) }).refine(inOrder, outOfOrder);

export const StatsReportQuery = z.object({
  regionCode: RegionCode.optional(),
  month: z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM / A month is YYYY-MM'),
});

/** The office's work in hand, for staff whose scope covers the region (never the public). */
export const StatsWork = z.object({
  /** Activities and organisations waiting for review. */
  reviewsPending: z.number().int(),
  /** Ended activities not settled within 10 working days (2020 measures, art. 11). */
  recordsLate: z.number().int(),
  /** Volunteers' disputes of their records not yet answered. */
  disputesOpen: z.number().int(),
});

export const StatsOverview = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  volunteers: z.number().int(),
  organizations: z.number().int(),
  teams: z.number().int(),
  stations: z.number().int(),
  activities: z.number().int(),
  /** Hours, one decimal. */
  serviceHours: z.number(),
  /** 人次: service records standing. */
  participations: z.number().int(),
  /** 受益人数: people served. */
  beneficiaries: z.number().int(),
  wishesFulfilled: z.number().int(),
  pointsRedeemed: z.number().int(),
  work: StatsWork.optional(),
});
export type StatsOverview = z.infer<typeof StatsOverview>;

export const StatsBreakdownRow = z.object({
  /** month: YYYY-MM; category: the service category's code; region: the child region's code. */
  key: z.string(),
  label: z.string(),
  volunteers: z.number().int(),
  activities: z.number().int(),
  serviceHours: z.number(),
  participations: z.number().int(),
  beneficiaries: z.number().int(),
});
export const StatsBreakdown = z.object({ by: z.enum(['month', 'category', 'region']), rows: z.array(StatsBreakdownRow) });
export type StatsBreakdown = z.infer<typeof StatsBreakdown>;
