import type { LedgerPolicyFields, RoundingMode } from '@shared/schemas/ledger';

/** Pure arithmetic of the time bank: rounding, caps, points, effective policies. Integers only. */

export const DEFAULT_POLICY: LedgerPolicyFields = Object.freeze({
  pointsPerHour: 10,
  rounding: 'up_half_hour',
  dailyCapMinutes: 720,
  creditsPoints: true,
  creditsTime: true,
  storageCapMinutes: null,
  withdrawMinAge: 60,
  familyTransferEnabled: true,
  familyTransferMaxPerYearMinutes: null,
  minMinutes: 15,
  retroWindowDays: 90,
  retroApprovalMinutes: 240,
  retroMonthlyLimit: 3,
});

export function roundMinutes(minutes: number, mode: RoundingMode): number {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError(`minutes must be a non-negative integer, got ${minutes}`);
  switch (mode) {
    case 'up_half_hour':
      return Math.ceil(minutes / 30) * 30;
    case 'up_hour':
      return Math.ceil(minutes / 60) * 60;
    case 'nearest_half_hour':
      // halves go up: 15 → 30, 14 → 0
      return Math.floor((minutes + 15) / 30) * 30;
    case 'down_half_hour':
      return Math.floor(minutes / 30) * 30;
    case 'exact':
      return minutes;
  }
}

/** Points for credited minutes, rounded down to whole points. */
export function pointsFor(creditedMinutes: number, pointsPerHour: number): number {
  return Math.floor((creditedMinutes * pointsPerHour) / 60);
}

export interface CreditInput {
  measuredMinutes: number;
  /** Minutes already credited to this person on the same local day. */
  creditedTodayMinutes: number;
  /** The person's current time balance in minutes (for the storage cap). */
  timeBalanceMinutes: number;
}

export interface CreditResult {
  /**
   * The served minutes that count (art. 7: the time actually given), after the minimum and the
   * daily cap. This is what the service record shows and what the time ledger receives.
   */
  creditedMinutes: number;
  /** Minutes that go to the person's time account (the credited minutes, less any storage overflow). */
  timeMinutes: number;
  /** Minutes over the storage cap (donated to the public pool, as in Nanjing). */
  overflowMinutes: number;
  /** Points, from the credited minutes rounded by the policy (2 h 20 min → 2 h 30 min → 25 points). */
  points: number;
  /** The credited minutes rounded by the policy: what the points are computed from. */
  roundedMinutes: number;
  cappedByDailyLimit: boolean;
  /** The service was shorter than the policy's minimum and earns nothing. */
  belowMinimum: boolean;
}

/**
 * What one service earns. The time ledger receives the minutes actually served (never rounded
 * up); the points follow the policy's rounding; a service shorter than `minMinutes` earns nothing;
 * the daily cap counts the minutes already credited that day; the storage cap sends the surplus
 * to the public pool.
 */
export function computeCredit(policy: LedgerPolicyFields, input: CreditInput): CreditResult {
  const served = input.measuredMinutes;
  if (!Number.isInteger(served) || served < 0) throw new RangeError(`minutes must be a non-negative integer, got ${served}`);
  const belowMinimum = served < policy.minMinutes;
  const counted = belowMinimum ? 0 : served;
  const room = Math.max(0, policy.dailyCapMinutes - Math.max(0, input.creditedTodayMinutes));
  const credited = Math.min(counted, room);
  const rounded = roundMinutes(credited, policy.rounding);
  const points = policy.creditsPoints ? pointsFor(rounded, policy.pointsPerHour) : 0;
  let timeMinutes = policy.creditsTime ? credited : 0;
  let overflowMinutes = 0;
  if (policy.creditsTime && policy.storageCapMinutes !== null) {
    const space = Math.max(0, policy.storageCapMinutes - Math.max(0, input.timeBalanceMinutes));
    overflowMinutes = Math.max(0, timeMinutes - space);
    timeMinutes -= overflowMinutes;
  }
  return { creditedMinutes: credited, timeMinutes, overflowMinutes, points, roundedMinutes: rounded, cappedByDailyLimit: credited < counted, belowMinimum };
}

export interface PolicyRow extends LedgerPolicyFields {
  id: string;
  regionCode: string;
  effectiveFrom: Date;
}

/**
 * The policy that applies to a region at a moment: among the rows of the regions on its path,
 * the deepest region wins, and of its rows the latest `effectiveFrom <= at`. A region whose
 * rows all start later falls back to its ancestors, then to the defaults.
 */
export function pickEffectivePolicy<R extends Pick<PolicyRow, 'regionCode' | 'effectiveFrom'>>(rows: readonly R[], regionPath: string, at: Date): R | null {
  const chain = regionPath.split('/').filter(Boolean); // root first
  for (let i = chain.length - 1; i >= 0; i--) {
    const code = chain[i]!;
    let best: R | null = null;
    for (const r of rows) {
      if (r.regionCode !== code || r.effectiveFrom.getTime() > at.getTime()) continue;
      if (!best || r.effectiveFrom.getTime() > best.effectiveFrom.getTime()) best = r;
    }
    if (best) return best;
  }
  return null;
}

/** `YYYY-MM-DD` of a moment in China Standard Time (UTC+8, no daylight saving). */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Start of the China-time year holding `at`, as an instant. */
export function chinaYearStart(at: Date): Date {
  const y = chinaDay(at).slice(0, 4);
  return new Date(`${y}-01-01T00:00:00+08:00`);
}
