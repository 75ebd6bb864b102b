import { describe, expect, it } from 'vitest';
import { levelFor, noticeEnd } from './stars.service';

describe('star levels', () => {
  it('counts the thresholds reached, in minutes against hours', () => {
    const ladder = [100, 300, 600, 1000, 1500];
    expect(levelFor(0, ladder)).toBe(0);
    expect(levelFor(100 * 60 - 1, ladder)).toBe(0);
    expect(levelFor(100 * 60, ladder)).toBe(1);
    expect(levelFor(999 * 60, ladder)).toBe(3);
    expect(levelFor(1500 * 60, ladder)).toBe(5);
    expect(levelFor(10_000 * 60, ladder)).toBe(5);
  });

  it('ends the notice at the end of the n-th working day (China time), skipping weekends; at once for 0', () => {
    // Friday 27 November 2026, 22:00 in Beijing: 5 working days end on Friday 4 December
    const friday = new Date('2026-11-27T22:00:00+08:00');
    expect(noticeEnd(friday, 5).toISOString()).toBe(new Date('2026-12-05T00:00:00+08:00').toISOString());
    // Saturday late evening UTC is already Sunday in Beijing: the first working day is Monday
    expect(noticeEnd(new Date('2026-11-28T17:00:00Z'), 1).toISOString()).toBe(new Date('2026-12-01T00:00:00+08:00').toISOString());
    expect(noticeEnd(friday, 0)).toBe(friday);
  });
});
