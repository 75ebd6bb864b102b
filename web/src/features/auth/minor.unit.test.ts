import { describe, expect, it } from 'vitest';
import { ageRule } from './minor';

const today = new Date(Date.UTC(2026, 10, 23));

describe('ageRule', () => {
  it('lets adults register alone', () => {
    expect(ageRule('2008-11-23', today)).toBe('adult');
    expect(ageRule('1950-01-01', today)).toBe('adult');
  });
  it('asks 14 to 17 year olds for a guardian', () => {
    expect(ageRule('2008-11-24', today)).toBe('needs_guardian');
    expect(ageRule('2012-11-23', today)).toBe('needs_guardian');
  });
  it('leaves under-14s to staff', () => {
    expect(ageRule('2012-11-24', today)).toBe('too_young');
  });
});
