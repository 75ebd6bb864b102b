import { describe, expect, it } from 'vitest';
import { addWorkingDays, chinaDate } from '../../lib/working-days';
import { lateBefore, SETTLE_WORKING_DAYS } from './stats.figures';

describe('late against the 10-working-day rule', () => {
  it('an activity is late exactly when its deadline (10 working days after its end) is before today, for every day of two months and ends around midnight', () => {
    for (let d = 0; d < 60; d++) {
      const now = new Date(Date.parse('2026-11-01T10:00:00+08:00') + d * 86_400_000);
      const cut = lateBefore(now);
      for (let back = 0; back < 30 * 24; back += 7) {
        const end = new Date(now.getTime() - back * 3600_000);
        const late = addWorkingDays(end, SETTLE_WORKING_DAYS) < chinaDate(now);
        expect(end < cut, `${end.toISOString()} seen ${now.toISOString()}`).toBe(late);
      }
    }
  });
});
