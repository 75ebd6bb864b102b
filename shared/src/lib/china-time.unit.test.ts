import { describe, expect, it } from 'vitest';
import { chinaDate, chinaDateTime, chinaParts, chinaRange, durationText } from './china-time';

describe('China time', () => {
  it('reads the wall clock in Asia/Shanghai', () => {
    expect(chinaParts(new Date('2026-12-31T16:30:00Z'))).toMatchObject({ year: 2027, month: 1, day: 1, hour: 0, minute: 30, weekday: 5 });
    expect(chinaDateTime(new Date('2026-12-31T16:30:00Z'))).toBe('2027年1月1日 00:30');
    expect(chinaDateTime('2026-11-26T18:00:00+08:00', 'en')).toBe('2026-11-26 18:00');
  });
  it('keeps a plain date as written', () => {
    expect(chinaDate('2026-11-05')).toBe('2026年11月5日');
    expect(chinaDate(null)).toBe('—');
  });
  it('writes one day once in a range', () => {
    expect(chinaRange('2026-11-26T09:00:00+08:00', '2026-11-26T11:30:00+08:00')).toBe('2026年11月26日 09:00–11:30');
    expect(chinaRange('2026-11-26T09:00:00+08:00', '2026-11-27T11:30:00+08:00')).toBe('2026年11月26日 09:00 – 2026年11月27日 11:30');
  });
  it('says minutes in words that cannot be taken for points', () => {
    expect(durationText(90)).toBe('1小时30分钟');
    expect(durationText(45)).toBe('45分钟');
    expect(durationText(120)).toBe('2小时');
    expect(durationText(90, 'en')).toBe('1 h 30 min');
  });
});
