import { describe, expect, it } from 'vitest';
import { cityCodeOf, regionLevel } from './region-code';
import { isValidPhone, maskPhone } from './phone';

describe('region codes and phones', () => {
  it('derives the level from the code', () => {
    expect(regionLevel('140000')).toBe(1);
    expect(regionLevel('140500')).toBe(2);
    expect(regionLevel('140502')).toBe(3);
    expect(regionLevel('140502001')).toBe(4);
    expect(regionLevel('140502001001')).toBe(5);
    expect(regionLevel('140502001001001')).toBe(6);
    expect(cityCodeOf('140502001001')).toBe('1405');
  });
  it('checks and masks mobile numbers', () => {
    expect(isValidPhone('13800000001')).toBe(true);
    expect(isValidPhone('12800000001')).toBe(false);
    expect(isValidPhone('1380000000')).toBe(false);
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
