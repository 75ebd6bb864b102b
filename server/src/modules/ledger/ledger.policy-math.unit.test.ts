import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, chinaDay, chinaYearStart, computeCredit, pickEffectivePolicy, pointsFor, roundMinutes, type PolicyRow } from './ledger.policy-math';

describe('roundMinutes', () => {
  it.each([
    ['up_half_hour', 0, 0],
    ['up_half_hour', 1, 30],
    ['up_half_hour', 30, 30],
    ['up_half_hour', 140, 150],
    ['up_hour', 1, 60],
    ['up_hour', 60, 60],
    ['up_hour', 140, 180],
    ['nearest_half_hour', 14, 0],
    ['nearest_half_hour', 15, 30],
    ['nearest_half_hour', 140, 150],
    ['nearest_half_hour', 134, 120],
    ['down_half_hour', 29, 0],
    ['down_half_hour', 140, 120],
    ['exact', 140, 140],
  ] as const)('%s %i → %i', (mode, minutes, expected) => {
    expect(roundMinutes(minutes, mode)).toBe(expected);
  });

  it('refuses fractions and negatives', () => {
    expect(() => roundMinutes(1.5, 'exact')).toThrow(RangeError);
    expect(() => roundMinutes(-1, 'exact')).toThrow(RangeError);
  });
});

describe('computeCredit', () => {
  it("the seed's 2 h 20 min: 140 minutes in the time ledger (the time actually given), 25 points (rounded up to 150)", () => {
    const r = computeCredit(DEFAULT_POLICY, { measuredMinutes: 140, creditedTodayMinutes: 0, timeBalanceMinutes: 0 });
    expect(r).toMatchObject({ roundedMinutes: 150, creditedMinutes: 140, timeMinutes: 140, points: 25, overflowMinutes: 0, cappedByDailyLimit: false, belowMinimum: false });
  });

  it('a service shorter than the minimum (15 minutes by default) earns nothing', () => {
    expect(computeCredit(DEFAULT_POLICY, { measuredMinutes: 14, creditedTodayMinutes: 0, timeBalanceMinutes: 0 })).toMatchObject({ creditedMinutes: 0, timeMinutes: 0, points: 0, belowMinimum: true });
    expect(computeCredit(DEFAULT_POLICY, { measuredMinutes: 15, creditedTodayMinutes: 0, timeBalanceMinutes: 0 })).toMatchObject({ creditedMinutes: 15, timeMinutes: 15, points: 5, belowMinimum: false });
    expect(computeCredit({ ...DEFAULT_POLICY, minMinutes: 0 }, { measuredMinutes: 1, creditedTodayMinutes: 0, timeBalanceMinutes: 0 })).toMatchObject({ creditedMinutes: 1, points: 5 });
  });

  it('points round down to whole points', () => {
    expect(pointsFor(50, 10)).toBe(8);
    expect(computeCredit({ ...DEFAULT_POLICY, rounding: 'exact' }, { measuredMinutes: 50, creditedTodayMinutes: 0, timeBalanceMinutes: 0 }).points).toBe(8);
  });

  it('the daily cap counts minutes already credited that day', () => {
    const r = computeCredit(DEFAULT_POLICY, { measuredMinutes: 140, creditedTodayMinutes: 660, timeBalanceMinutes: 0 });
    expect(r).toMatchObject({ creditedMinutes: 60, timeMinutes: 60, points: 10, cappedByDailyLimit: true });
    const part = computeCredit(DEFAULT_POLICY, { measuredMinutes: 140, creditedTodayMinutes: 670, timeBalanceMinutes: 0 });
    expect(part).toMatchObject({ creditedMinutes: 50, timeMinutes: 50, roundedMinutes: 60, points: 10 });
    const none = computeCredit(DEFAULT_POLICY, { measuredMinutes: 140, creditedTodayMinutes: 720, timeBalanceMinutes: 0 });
    expect(none).toMatchObject({ creditedMinutes: 0, timeMinutes: 0, points: 0 });
  });

  it('the storage cap clips time (the rest overflows), points are unaffected', () => {
    const nanjing = { ...DEFAULT_POLICY, storageCapMinutes: 1500 * 60 };
    const r = computeCredit(nanjing, { measuredMinutes: 120, creditedTodayMinutes: 0, timeBalanceMinutes: 1500 * 60 - 30 });
    expect(r).toMatchObject({ creditedMinutes: 120, timeMinutes: 30, overflowMinutes: 90, points: 20 });
    const full = computeCredit(nanjing, { measuredMinutes: 60, creditedTodayMinutes: 0, timeBalanceMinutes: 1500 * 60 });
    expect(full).toMatchObject({ timeMinutes: 0, overflowMinutes: 60 });
  });

  it('a region may credit only points or only time', () => {
    expect(computeCredit({ ...DEFAULT_POLICY, creditsTime: false }, { measuredMinutes: 60, creditedTodayMinutes: 0, timeBalanceMinutes: 0 })).toMatchObject({ timeMinutes: 0, points: 10 });
    expect(computeCredit({ ...DEFAULT_POLICY, creditsPoints: false }, { measuredMinutes: 60, creditedTodayMinutes: 0, timeBalanceMinutes: 0 })).toMatchObject({ timeMinutes: 60, points: 0 });
  });
});

describe('pickEffectivePolicy', () => {
  const row = (id: string, regionCode: string, from: string, pointsPerHour = 10): PolicyRow => ({ ...DEFAULT_POLICY, id, regionCode, effectiveFrom: new Date(from), pointsPerHour });
  const path = '/140000/140500/140502/140502001/140502001001/';
  const rows = [
    row('city-old', '140500', '2026-01-01T00:00:00+08:00', 10),
    row('city-new', '140500', '2026-12-01T00:00:00+08:00', 12),
    row('district', '140502', '2026-11-25T00:00:00+08:00', 20),
    row('other', '140521', '2020-01-01T00:00:00+08:00', 99),
  ];

  it('inherits from the nearest ancestor that has a row in force', () => {
    expect(pickEffectivePolicy(rows, path, new Date('2026-11-24T09:00:00+08:00'))?.id).toBe('city-old');
  });

  it('a change applies from its effective date, never before', () => {
    expect(pickEffectivePolicy(rows, path, new Date('2026-11-24T23:59:59+08:00'))?.id).toBe('city-old');
    expect(pickEffectivePolicy(rows, path, new Date('2026-11-25T00:00:00+08:00'))?.id).toBe('district');
  });

  it('the deepest region wins over a newer ancestor row', () => {
    expect(pickEffectivePolicy(rows, path, new Date('2026-12-02T00:00:00+08:00'))?.id).toBe('district');
    expect(pickEffectivePolicy(rows, '/140000/140500/140521/', new Date('2026-12-02T00:00:00+08:00'))?.id).toBe('other');
    expect(pickEffectivePolicy(rows, '/140000/140500/140522/', new Date('2026-12-02T00:00:00+08:00'))?.id).toBe('city-new');
  });

  it('no row in force: null (the defaults apply)', () => {
    expect(pickEffectivePolicy(rows, path, new Date('2025-06-01T00:00:00+08:00'))).toBeNull();
  });
});

describe('China time', () => {
  it('days and years turn at midnight UTC+8', () => {
    expect(chinaDay(new Date('2026-11-24T16:30:00Z'))).toBe('2026-11-25');
    expect(chinaDay(new Date('2026-11-24T15:59:59Z'))).toBe('2026-11-24');
    expect(chinaYearStart(new Date('2026-12-31T17:00:00Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});
