import { describe, expect, it } from 'vitest';
import { changedKeys, prettyJson } from './json-diff';

describe('changedKeys', () => {
  it('lists the keys added, removed or changed', () => {
    expect(changedKeys({ a: 1, b: { x: 1 }, c: 3 }, { a: 1, b: { x: 2 }, d: 4 })).toEqual(['b', 'c', 'd']);
  });
  it('treats a missing side as empty', () => {
    expect(changedKeys(null, { role: 'partner' })).toEqual(['role']);
    expect(changedKeys({ role: 'partner' }, null)).toEqual(['role']);
    expect(changedKeys(null, null)).toEqual([]);
  });
});

describe('prettyJson', () => {
  it('indents, and answers null for nothing', () => {
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(prettyJson(null)).toBeNull();
  });
});
