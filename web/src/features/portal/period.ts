import dayjs from 'dayjs';

export type PeriodKind = 'all' | 'year' | 'months12';
export const PERIODS: readonly PeriodKind[] = ['all', 'year', 'months12'];

export interface Period {
  from?: string;
  to?: string;
}

const day = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

/** A period as the statistics API takes it (`YYYY-MM-DD`, both ends included); all time has no ends. */
export function periodRange(kind: PeriodKind, today: Date): Period {
  const now = dayjs(today);
  if (kind === 'year') return { from: day(now.startOf('year')), to: day(now) };
  if (kind === 'months12') return { from: day(now.subtract(11, 'month').startOf('month')), to: day(now) };
  return {};
}

/** The months a trend shows: the period's, or the last twelve when the period is all time. */
export function trendRange(kind: PeriodKind, today: Date): Period {
  return kind === 'all' ? periodRange('months12', today) : periodRange(kind, today);
}
