import { describe, expect, it } from 'vitest';
import { loginPath, safeNext } from './safe-next';

describe('safeNext', () => {
  it('accepts a path inside the site', () => {
    expect(safeNext('/console/audit?page=2')).toBe('/console/audit?page=2');
  });
  it('refuses other sites and odd forms', () => {
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('javascript:alert(1)')).toBe('/');
  });
  it('does not loop back to login or register', () => {
    expect(safeNext('/login?next=/x')).toBe('/');
    expect(safeNext('/register')).toBe('/');
  });
  it('falls back when missing', () => {
    expect(safeNext(null)).toBe('/');
    expect(safeNext('', '/me')).toBe('/me');
  });
});

describe('loginPath', () => {
  it('carries the page to come back to', () => {
    expect(loginPath('/console/grants?role=partner')).toBe('/login?next=%2Fconsole%2Fgrants%3Frole%3Dpartner');
    expect(loginPath('/')).toBe('/login');
  });
});
