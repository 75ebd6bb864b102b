import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from './app-error';

/**
 * Decides, from what arrived before the body (the session, the path, the query), whether the
 * caller may send this body at all: it throws (401, 403, 404, 400) to refuse, so that an upload
 * or an import from someone who may not make it is never read.
 */
export type BodyGuard = (request: FastifyRequest) => Promise<void>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Run before the body is read (preParsing); the OpenAPI operation says `x-checked-before-body`. */
    checkedBeforeBody?: BodyGuard;
  }
}

/**
 * Runs each route's `config.checkedBeforeBody` in preParsing, after the session is loaded and
 * the CSRF token checked (onRequest), before a byte of the body is read. A route that takes a
 * raw file body without such a guard is refused when the app starts.
 */
export function registerBodyGuard(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const config = route.config as { rawBody?: unknown; checkedBeforeBody?: unknown } | undefined;
    if (config?.rawBody && typeof config.checkedBeforeBody !== 'function') {
      throw new Error(`${String(route.method)} ${route.url} takes a raw body but has no config.checkedBeforeBody guard`);
    }
  });
  app.addHook('preParsing', async (request, _reply, payload) => {
    const guard = request.routeOptions.config.checkedBeforeBody;
    if (guard) await guard(request);
    return payload;
  });
}

/**
 * Parses the path parameters or the query with the route's own schema before validation has
 * run (a guard sees the raw strings): a malformed value is the same 400 the validation gives.
 */
export function parseEarly<S extends z.ZodType>(schema: S, value: unknown, part: 'params' | 'querystring'): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  throw new AppError('VALIDATION_FAILED', undefined, { fields, in: part });
}
