import { describe, expect, it } from 'vitest';
import { expectedDays, monthBounds } from './month-days';

describe('the days a worker is expected at the post', () => {
  it('knows the bounds of a month, February of a leap year too', () => {
    expect(monthBounds('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthBounds('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
  it('counts Monday to Friday from the start to today, without closed days', () => {
    // November 2026: the 2nd is a Monday
    const days = expectedDays('2026-11', { startedOn: '2026-11-02', endedOn: null, today: '2026-11-13', closed: new Set(['2026-11-04']) });
    expect(days).toEqual(['2026-11-02', '2026-11-03', '2026-11-05', '2026-11-06', '2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13']);
  });
  it('stops at the end of the placement and expects nothing before the start', () => {
    expect(expectedDays('2026-11', { startedOn: '2026-10-01', endedOn: '2026-11-03', today: '2026-12-10', closed: new Set() })).toEqual(['2026-11-02', '2026-11-03']);
    expect(expectedDays('2026-11', { startedOn: '2026-12-01', endedOn: null, today: '2026-12-10', closed: new Set() })).toEqual([]);
    expect(expectedDays('2026-11', { startedOn: null, endedOn: null, today: '2026-12-10', closed: new Set() })).toEqual([]);
    expect(expectedDays('2026-11', { startedOn: '2026-11-01', endedOn: null, today: '2026-12-10', closed: new Set() })).toHaveLength(21);
  });
});
