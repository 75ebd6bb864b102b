import { describe, expect, it } from 'vitest';
import { readCookie } from './cookie';

describe('readCookie', () => {
  it('finds a cookie among others', () => {
    expect(readCookie('a=1; aixin_csrf=tok123; b=2', 'aixin_csrf')).toBe('tok123');
  });
  it('answers null when absent or empty string', () => {
    expect(readCookie('a=1; b=2', 'aixin_csrf')).toBeNull();
    expect(readCookie('', 'aixin_csrf')).toBeNull();
  });
  it('does not match a cookie whose name only ends the same', () => {
    expect(readCookie('xaixin_csrf=no; aixin_csrf=yes', 'aixin_csrf')).toBe('yes');
  });
  it('decodes percent-encoding and keeps "=" inside the value', () => {
    expect(readCookie('aixin_csrf=a%2Bb%3D%3D', 'aixin_csrf')).toBe('a+b==');
    expect(readCookie('aixin_csrf=abc==', 'aixin_csrf')).toBe('abc==');
  });
  it('keeps a value that is not valid percent-encoding as it is', () => {
    expect(readCookie('aixin_csrf=100%', 'aixin_csrf')).toBe('100%');
  });
  it('strips quotes', () => {
    expect(readCookie('aixin_csrf="q"', 'aixin_csrf')).toBe('q');
  });
});
