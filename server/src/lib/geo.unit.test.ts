import { describe, expect, it } from 'vitest';
import { distanceMeters } from './geo';
import { addWorkingDays, chinaDate, workingDaysUntil } from './working-days';

describe('geo and working days', () => {
  it('measures short distances to within a metre', () => {
    // 0.001° of latitude is about 111 m
    expect(Math.round(distanceMeters({ lat: 35.4985, lng: 112.86 }, { lat: 35.4995, lng: 112.86 }))).toBe(111);
    expect(distanceMeters({ lat: 35.4985, lng: 112.86 }, { lat: 35.4985, lng: 112.86 })).toBe(0);
  });
  it('counts 10 working days after an activity (art. 11), skipping weekends, in China time', () => {
    // Friday 2026-11-27, 23:00 Beijing = 15:00 UTC
    expect(chinaDate(new Date('2026-11-27T16:30:00Z'))).toBe('2026-11-28');
    expect(addWorkingDays(new Date('2026-11-27T03:00:00Z'), 10)).toBe('2026-12-11');
    expect(addWorkingDays(new Date('2026-11-28T03:00:00Z'), 1)).toBe('2026-11-30');
    expect(workingDaysUntil(new Date('2026-11-27T03:00:00Z'), '2026-12-11')).toBe(10);
    expect(workingDaysUntil(new Date('2026-12-14T03:00:00Z'), '2026-12-11')).toBe(-1);
  });
});
