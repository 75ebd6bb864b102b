import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_CODE_LIST } from '@shared/errors';
import { GUARDIAN_RELATIONS, ROLES } from '@shared/constants';
import { zhCN } from './zh-CN';
import { en } from './en';

function leaves(obj: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof obj === 'object' && obj !== null) {
    for (const [k, v] of Object.entries(obj)) {
      for (const [kk, vv] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
    }
  } else {
    out.set(prefix, obj);
  }
  return out;
}

describe('i18n resources', () => {
  const zh = leaves(zhCN);
  const e = leaves(en);
  it('have the same keys in both languages', () => {
    expect([...e.keys()].sort()).toEqual([...zh.keys()].sort());
  });
  it('have no empty strings', () => {
    for (const [k, v] of [...zh, ...e]) expect(typeof v === 'string' && v.length > 0, k).toBe(true);
  });
  it('use the same {{placeholders}} in both languages', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of zh) expect(vars(e.get(k)), k).toEqual(vars(v));
  });
  it('word every error code the way shared/src/errors.ts does', () => {
    for (const code of ERROR_CODE_LIST) {
      expect(zhCN.errors[code]).toBe(ERROR_CODES[code].zh);
      expect(en.errors[code]).toBe(ERROR_CODES[code].en);
    }
  });
  it('name every role and guardian relation', () => {
    for (const r of ROLES) expect(zhCN.roles[r]).toBeTruthy();
    for (const r of GUARDIAN_RELATIONS) expect(zhCN.guardianRelations[r]).toBeTruthy();
  });
});
