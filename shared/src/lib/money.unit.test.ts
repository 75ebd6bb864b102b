import { describe, expect, it } from 'vitest';
import { formatFen, formatYuan, parseYuan, sumFen } from './money';

describe('money in fen', () => {
  it('reads the seed’s total, 3,092.50 yuan, as 309250 fen and writes it back', () => {
    expect(parseYuan('3092.50')).toBe(309250);
    expect(parseYuan('3092.5')).toBe(309250);
    expect(parseYuan('3,092.50')).toBe(309250);
    expect(parseYuan('¥3092.50')).toBe(309250);
    expect(parseYuan(' 3092.50 元')).toBe(309250);
    expect(formatFen(309250)).toBe('3,092.50');
    expect(formatFen(309250, { grouping: false })).toBe('3092.50');
    expect(formatYuan(309250)).toBe('¥3,092.50');
  });

  it('never loses a fen where floats would (0.1 + 0.2, 19.99 × 3, many small sales)', () => {
    expect(sumFen([parseYuan('0.10')!, parseYuan('0.20')!])).toBe(30);
    expect(formatFen(sumFen([1999, 1999, 1999]))).toBe('59.97');
    // 3,092.50 yuan as 1,237 sales of 2.50 yuan: the float sum drifts, the fen sum does not
    const sales = Array.from({ length: 1237 }, () => parseYuan('2.50')!);
    expect(sumFen(sales)).toBe(309250);
    expect(formatFen(sumFen(sales))).toBe('3,092.50');
    expect(formatFen(7)).toBe('0.07');
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(-50)).toBe('-0.50');
    expect(formatFen(100_000_000)).toBe('1,000,000.00');
  });

  it('refuses what is not an amount instead of rounding it', () => {
    for (const bad of ['', 'abc', '1.234', '1.', '.5', '1e3', '12,34.00', 'NaN', '9999999999']) expect(parseYuan(bad), bad).toBeNull();
    expect(parseYuan('-12.30')).toBe(-1230);
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => sumFen([1, 0.5])).toThrow(RangeError);
  });
});
