import { describe, expect, it } from 'vitest';
import { formatClock, formatCount, formatDate, formatDateTime } from './format';

// 14:05:09 in China (UTC+8): the expectations are China time whatever the zone the tests run in
const at = new Date('2026-11-23T06:05:09Z');

describe('formatDateTime', () => {
  it('reads the Chinese way in zh', () => {
    expect(formatDateTime(at, 'zh-CN')).toBe('2026年11月23日 14:05');
    expect(formatDateTime(at.toISOString(), 'zh-CN')).toBe('2026年11月23日 14:05');
  });
  it('is ISO-like in en', () => {
    expect(formatDateTime(at.toISOString(), 'en')).toBe('2026-11-23 14:05');
  });
  it('does not pad month and day in zh', () => {
    expect(formatDateTime('2026-01-05T08:00:00+08:00', 'zh-CN')).toBe('2026年1月5日 08:00');
  });
  it('is China time whatever the offset the value was written with', () => {
    expect(formatDateTime('2026-11-23T23:30:00Z', 'zh-CN')).toBe('2026年11月24日 07:30');
    expect(formatDateTime('2026-11-23T10:30:00-05:00', 'en')).toBe('2026-11-23 23:30');
  });
  it('never shows an ISO string', () => {
    expect(formatDateTime(at.toISOString(), 'zh-CN')).not.toMatch(/T\d{2}:|Z$/);
  });
  it('shows a dash for nothing and the raw text for garbage', () => {
    expect(formatDateTime(null, 'zh-CN')).toBe('—');
    expect(formatDateTime(undefined, 'en')).toBe('—');
    expect(formatDateTime('', 'en')).toBe('—');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });
});

describe('formatDate', () => {
  it('reads a plain date as that day', () => {
    expect(formatDate('1990-01-02', 'zh-CN')).toBe('1990年1月2日');
    expect(formatDate('1990-01-02', 'en')).toBe('1990-01-02');
  });
  it('formats a full timestamp by its day in China', () => {
    expect(formatDate(at.toISOString(), 'zh-CN')).toBe('2026年11月23日');
    // 20:00 UTC is already the next day in China
    expect(formatDate('2026-11-23T20:00:00Z', 'zh-CN')).toBe('2026年11月24日');
  });
  it('shows a dash for nothing', () => {
    expect(formatDate(null, 'zh-CN')).toBe('—');
  });
});

describe('formatCount', () => {
  it('uses 万 and 亿 in zh', () => {
    expect(formatCount(9999, 'zh-CN')).toBe('9999');
    expect(formatCount(12000, 'zh-CN')).toBe('1.2万');
    expect(formatCount(10000, 'zh-CN')).toBe('1万');
    expect(formatCount(250_000_000, 'zh-CN')).toBe('2.5亿');
  });
  it('uses thousands separators in en', () => {
    expect(formatCount(12000, 'en')).toBe('12,000');
  });
  it('shows a dash for nothing', () => {
    expect(formatCount(null, 'en')).toBe('—');
  });
});

describe('formatClock', () => {
  it('is the China wall clock', () => {
    expect(formatClock('2026-11-23T06:05:09Z')).toBe('14:05');
    expect(formatClock(null)).toBe('—');
  });
});
