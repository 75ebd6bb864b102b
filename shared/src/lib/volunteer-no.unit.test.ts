import { describe, expect, it } from 'vitest';
import { composeVolunteerNo, isValidVolunteerNo } from './volunteer-no';

describe('volunteer numbers', () => {
  it('are district code + 8-digit sequence + check character', () => {
    const n = composeVolunteerNo('140502', 17);
    expect(n).toMatch(/^14050200000017[\dX]$/);
    expect(isValidVolunteerNo(n)).toBe(true);
  });
  it('detect a mistyped digit', () => {
    const n = composeVolunteerNo('140502', 12345);
    const typo = n.slice(0, 10) + ((Number(n[10]) + 1) % 10) + n.slice(11);
    expect(isValidVolunteerNo(typo)).toBe(false);
  });
});
