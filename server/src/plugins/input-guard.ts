import type { FastifyInstance } from 'fastify';
import { textProblem } from '@shared/lib/text';
import { AppError } from '../lib/app-error';

const WORDS = {
  lone_surrogate: '含有无效的 Unicode 字符（孤立代理项） / contains invalid Unicode (a lone surrogate)',
  nul: '含有 NUL 字符 / contains a NUL character',
} as const;

/** The first string in a JSON value (keys included) that cannot be stored exactly, with its path. */
export function findBadText(value: unknown, path = '', depth = 0): { path: string; problem: keyof typeof WORDS } | null {
  if (depth > 64) return null;
  if (typeof value === 'string') {
    const p = textProblem(value);
    return p ? { path: path || '_', problem: p } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = findBadText(value[i], path ? `${path}.${i}` : String(i), depth + 1);
      if (r) return r;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      const here = path ? `${path}.${k}` : k;
      const keyProblem = textProblem(k);
      if (keyProblem) return { path: here, problem: keyProblem };
      const r = findBadText(v, here, depth + 1);
      if (r) return r;
    }
  }
  return null;
}

/**
 * One guard for every route: a body, query or path parameter holding a string that is not
 * well-formed Unicode (a lone UTF-16 surrogate, which PostgreSQL would store as U+FFFD) or holding
 * a NUL is refused with 400 before any route sees it, naming the field.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const bad = findBadText(value);
      if (bad) {
        throw new AppError('VALIDATION_FAILED', undefined, { fields: { [bad.path]: WORDS[bad.problem] }, in: part, reason: bad.problem });
      }
    }
  });
}
