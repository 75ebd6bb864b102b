import { describe, expect, it } from 'vitest';
import { periodRange, trendRange } from './period';

describe('statistics periods', () => {
  const today = new Date(2026, 1, 15, 10, 0); // 15 February 2026, local time
  it('are plain dates, both ends included', () => {
    expect(periodRange('all', today)).toEqual({});
    expect(periodRange('year', today)).toEqual({ from: '2026-01-01', to: '2026-02-15' });
    expect(periodRange('months12', today)).toEqual({ from: '2025-03-01', to: '2026-02-15' });
  });
  it('give a trend twelve months when the period is all time', () => {
    expect(trendRange('all', today)).toEqual({ from: '2025-03-01', to: '2026-02-15' });
    expect(trendRange('year', today)).toEqual({ from: '2026-01-01', to: '2026-02-15' });
  });
});
