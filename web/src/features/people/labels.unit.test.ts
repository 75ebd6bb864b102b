import { describe, expect, it } from 'vitest';
import { ageOn, birthDateOfId, blankToNull, categoryLabel, cleanSkills, importPercent, isMaskedId, lastCode, orgTypeLabel, stationTypeLabel } from './labels';

describe('people labels and helpers', () => {
  it('names categories, org and station types in both languages, and passes unknown keys through', () => {
    expect(categoryLabel('elderly', 'zh-CN')).toBe('助老');
    expect(categoryLabel('elderly', 'en')).toBe('Elderly care');
    expect(orgTypeLabel('community_team', 'zh-CN')).toBe('社区志愿服务队');
    expect(stationTypeLabel('other', 'en')).toBe('Other station');
    expect(categoryLabel('nope', 'zh-CN')).toBe('nope');
  });
  it('takes the last code of a cascader path', () => {
    expect(lastCode(['140000', '140500', '140502'])).toBe('140502');
    expect(lastCode([])).toBeUndefined();
    expect(lastCode(undefined)).toBeUndefined();
  });
  it('cleans skills', () => {
    expect(cleanSkills([' 理发 ', '', '理发', '驾驶'])).toEqual(['理发', '驾驶']);
    expect(cleanSkills(Array.from({ length: 25 }, (_, i) => `s${i}`))).toHaveLength(20);
    expect(cleanSkills(['x'.repeat(40)])[0]).toHaveLength(30);
  });
  it('turns blanks into null', () => {
    expect(blankToNull('  ')).toBeNull();
    expect(blankToNull(undefined)).toBeNull();
    expect(blankToNull(' a ')).toBe('a');
  });
  it('computes import progress', () => {
    expect(importPercent({ phase: 'checking', totalRows: 0, processedRows: 0 })).toBe(0);
    expect(importPercent({ phase: 'importing', totalRows: 200, processedRows: 50 })).toBe(25);
    expect(importPercent({ phase: 'importing', totalRows: 10, processedRows: 10 })).toBe(99);
    expect(importPercent({ phase: 'finished', totalRows: 10, processedRows: 3 })).toBe(100);
  });
  it('recognises a masked ID number', () => {
    expect(isMaskedId('140*************3X')).toBe(true);
    expect(isMaskedId('140502********123X')).toBe(false);
    expect(isMaskedId('140502199004181234')).toBe(false);
    expect(isMaskedId(null)).toBe(false);
  });
  it('computes an age', () => {
    expect(ageOn('2010-06-15', new Date(2026, 5, 14))).toBe(15);
    expect(ageOn('2010-06-15', new Date(2026, 5, 15))).toBe(16);
    expect(ageOn(null)).toBeNull();
  });
  it('reads the birth date of an ID number', () => {
    expect(birthDateOfId('14050219900418123X')).toBe('1990-04-18');
    expect(birthDateOfId('1405021990')).toBeNull();
    expect(birthDateOfId(undefined)).toBeNull();
  });
});
