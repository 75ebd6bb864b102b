import { describe, expect, it } from 'vitest';
import { cronMatches, parseCron } from './queue';

describe('cron of the in-process runner', () => {
  it('matches every minute, a fixed minute of each hour, steps, ranges and lists (UTC)', () => {
    const at = (iso: string) => new Date(iso);
    expect(cronMatches(parseCron('* * * * *'), at('2026-12-02T13:41:30Z'))).toBe(true);
    expect(cronMatches(parseCron('17 * * * *'), at('2026-12-02T13:17:00Z'))).toBe(true);
    expect(cronMatches(parseCron('17 * * * *'), at('2026-12-02T13:18:00Z'))).toBe(false);
    expect(cronMatches(parseCron('*/15 * * * *'), at('2026-12-02T13:45:00Z'))).toBe(true);
    expect(cronMatches(parseCron('*/15 * * * *'), at('2026-12-02T13:46:00Z'))).toBe(false);
    expect(cronMatches(parseCron('0 1-3,20 * * 1-5'), at('2026-12-02T20:00:00Z'))).toBe(true); // a Wednesday
    expect(cronMatches(parseCron('0 1-3,20 * * 1-5'), at('2026-12-06T20:00:00Z'))).toBe(false); // a Sunday
  });

  it('refuses what it cannot read', () => {
    expect(() => parseCron('* * * *')).toThrow(/5 fields/);
    expect(() => parseCron('60 * * * *')).toThrow(/range/);
    expect(() => parseCron('a * * * *')).toThrow(/bad cron/);
    expect(() => parseCron('*/0 * * * *')).toThrow(/range/);
  });
});
