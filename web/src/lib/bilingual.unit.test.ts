import { describe, expect, it } from 'vitest';
import { pickLanguage } from './bilingual';

describe('pickLanguage', () => {
  const m = '手机号应为11位，以1开头 / An 11-digit mobile number starting with 1';
  it('picks the part of the page language', () => {
    expect(pickLanguage(m, 'zh-CN')).toBe('手机号应为11位，以1开头');
    expect(pickLanguage(m, 'en')).toBe('An 11-digit mobile number starting with 1');
  });
  it('keeps a message in one language whole', () => {
    expect(pickLanguage('password: at least 8 characters', 'zh-CN')).toBe('password: at least 8 characters');
    expect(pickLanguage('未知错误', 'en')).toBe('未知错误');
  });
  it('does not split an English message that happens to contain " / "', () => {
    expect(pickLanguage('either a / b', 'zh-CN')).toBe('either a / b');
  });
  it('keeps later slashes in the English part', () => {
    expect(pickLanguage('区县 / District / county', 'en')).toBe('District / county');
  });
});
