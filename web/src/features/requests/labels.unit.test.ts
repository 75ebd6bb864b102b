import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { RESIDENT_CATEGORIES, whenRange } from './labels';

describe('the resident’s "when"', () => {
  const now = dayjs(new Date(2026, 10, 24, 15, 30));
  it('as soon as possible sets no window', () => {
    expect(whenRange('asap', now)).toEqual({});
  });
  it('today runs to the end of the day; tomorrow is 8:00 to 18:00; this week seven days', () => {
    const today = whenRange('today', now);
    expect(new Date(today.preferredTo!).getDate()).toBe(24);
    expect(new Date(today.preferredTo!).getHours()).toBe(23);
    const tomorrow = whenRange('tomorrow', now);
    expect(new Date(tomorrow.preferredFrom!).getHours()).toBe(8);
    expect(new Date(tomorrow.preferredTo!).getHours()).toBe(18);
    expect(new Date(tomorrow.preferredFrom!).getDate()).toBe(25);
    expect(new Date(whenRange('week', now).preferredTo!).getDate()).toBe(1); // 1 December
  });
  it('offers a resident the kinds of help asked for at home, not 大型赛会', () => {
    expect(RESIDENT_CATEGORIES).toContain('elderly');
    expect(RESIDENT_CATEGORIES).not.toContain('major_events');
    expect(RESIDENT_CATEGORIES).not.toContain('traffic');
  });
});
