import { describe, expect, it } from 'vitest';
import { parsePickupInput } from './api';

describe('parsePickupInput', () => {
  it('takes six digits, spaces allowed, or a scanned pickup QR', () => {
    expect(parsePickupInput(' 123 456 ')).toEqual({ code: '123456', redemptionId: null });
    expect(parsePickupInput('AIXIN-PICKUP:0190a0b0-0000-7000-8000-000000000001:004321')).toEqual({ code: '004321', redemptionId: '0190a0b0-0000-7000-8000-000000000001' });
    expect(parsePickupInput('12345')).toBeNull();
    expect(parsePickupInput('abc')).toBeNull();
  });
});
