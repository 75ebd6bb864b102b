import { describe, expect, it } from 'vitest';
import { formatAmount, formatMinutes, formatSigned } from './format';
import { createKeyKeeper, newIdempotencyKey } from './idempotency';
import { otherUserId, relationFromMyView, toMinutes } from './relations';

describe('formatMinutes', () => {
  it('reads hours and minutes the Chinese way', () => {
    expect(formatMinutes(150, 'zh-CN')).toBe('2小时30分钟');
    expect(formatMinutes(120, 'zh-CN')).toBe('2小时');
    expect(formatMinutes(45, 'zh-CN')).toBe('45分钟');
    expect(formatMinutes(0, 'zh-CN')).toBe('0分钟');
    expect(formatMinutes(-90, 'zh-CN')).toBe('-1小时30分钟');
    expect(formatMinutes(90_000 * 60, 'zh-CN')).toBe('9万小时');
  });
  it('reads in English too', () => {
    expect(formatMinutes(150, 'en')).toBe('2 h 30 min');
    expect(formatMinutes(60, 'en')).toBe('1 h');
    expect(formatMinutes(5, 'en')).toBe('5 min');
    expect(formatMinutes(1500 * 60, 'en')).toBe('1,500 h');
  });
});

describe('formatSigned / formatAmount', () => {
  it('puts the sign on every change and Chinese number words on points', () => {
    expect(formatSigned('points', 25, 'zh-CN')).toBe('+25积分');
    expect(formatSigned('points', -12_000, 'zh-CN')).toBe('-1.2万积分');
    expect(formatSigned('time', 150, 'zh-CN')).toBe('+2小时30分钟');
    expect(formatSigned('time', -30, 'en')).toBe('-30 min');
    expect(formatSigned('points', 0, 'zh-CN')).toBe('0积分');
    expect(formatAmount('points', 12_000, 'en')).toBe('12,000 pts');
    // never a bare 分 that reads as points
    expect(formatSigned('time', 45, 'zh-CN')).toBe('+45分钟');
  });
});

describe('idempotency keys', () => {
  it('keeps one key for a retry of the same values and makes a new one after success or a change', () => {
    let n = 0;
    const keeper = createKeyKeeper(() => `key-${++n}`);
    const a = keeper.keyFor({ to: 'x', amount: 10 });
    expect(keeper.keyFor({ to: 'x', amount: 10 })).toBe(a);
    const b = keeper.keyFor({ to: 'x', amount: 11 });
    expect(b).not.toBe(a);
    keeper.done();
    expect(keeper.keyFor({ to: 'x', amount: 11 })).not.toBe(b);
  });
  it('makes keys the server takes (letters, digits and -)', () => {
    const k = newIdempotencyKey();
    expect(k).toMatch(/^[0-9a-f-]{36}$/);
    expect(newIdempotencyKey()).not.toBe(k);
  });
});

describe('relations', () => {
  it('reads a link from either side', () => {
    const link = { userId: 'me', relativeUserId: 'mum', relation: 'parent' as const };
    expect(relationFromMyView(link, 'me')).toBe('parent');
    expect(relationFromMyView(link, 'mum')).toBe('child');
    expect(relationFromMyView({ ...link, relation: 'spouse' }, 'mum')).toBe('spouse');
    expect(relationFromMyView({ ...link, relation: 'grandchild' }, 'mum')).toBe('grandparent');
    expect(otherUserId(link, 'me')).toBe('mum');
    expect(otherUserId(link, 'mum')).toBe('me');
  });
  it('adds hours and minutes', () => {
    expect(toMinutes(2, 30)).toBe(150);
    expect(toMinutes(null, 45)).toBe(45);
    expect(toMinutes(1.5, null)).toBe(90);
    expect(toMinutes(undefined, null)).toBeNull();
  });
});
