import { describe, expect, it } from 'vitest';
import { ageOn, composeIdNumber, idNumberCheckChar, maskIdNumber, parseIdNumber } from './id-number';

describe('GB 11643 ID numbers', () => {
  it('accepts the standard example and derives birth date and sex', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({ normalized: '11010519491231002X', birthDate: '1949-12-31', sex: 'F', addressCode: '110105' });
    expect(parseIdNumber('11010519491231002x')).toMatchObject({ normalized: '11010519491231002X' });
  });
  it('computes the check character with the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    const n = composeIdNumber('140502', '1990-04-18', 81);
    expect(parseIdNumber(n)).toMatchObject({ sex: 'M', birthDate: '1990-04-18' });
  });
  it('names the problem', () => {
    expect(parseIdNumber('1101051949123100')).toEqual({ problem: 'format' });
    expect(parseIdNumber('110105194912310021')).toEqual({ problem: 'check_digit' });
    expect(parseIdNumber(composeIdNumber('110105', '1949-02-30', 2))).toEqual({ problem: 'birth_date' });
    expect(parseIdNumber(composeIdNumber('110105', '2099-01-01', 2), new Date('2026-11-24'))).toEqual({ problem: 'birth_date' });
  });
  it('does not reject an address code missing from today’s division list', () => {
    expect('problem' in parseIdNumber(composeIdNumber('999999', '1980-01-01', 5))).toBe(false);
  });
  it('masks to 6 + 8 stars + 4', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110*************2X');
  });
  it('computes age on a day', () => {
    expect(ageOn('1966-11-25', new Date('2026-11-24'))).toBe(59);
    expect(ageOn('1966-11-24', new Date('2026-11-24'))).toBe(60);
  });
});
