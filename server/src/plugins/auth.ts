import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '@shared/constants';
import type { Actor } from '../context';
import { AppError } from '../lib/app-error';
import { sha256Hex, timingSafeEqualStr } from '../lib/crypto';
import { findLiveSession, touchSession } from '../modules/accounts/accounts.repository';
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS } from '../modules/accounts/devices';
import { loadActorGrantSets } from '../modules/access/index';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionTokenHash: string | null;
    /** The actor, or 401 UNAUTHENTICATED. */
    requireActor(): Actor;
  }
  interface FastifyContextConfig {
    /** Login and register open a session; they are exempt from the CSRF check. */
    csrfExempt?: boolean;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TOUCH_EVERY_MS = 5 * 60_000;

export function setSessionCookies(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, s: { token: string; csrfToken: string; expiresAt: Date }) {
  const secure = app.ctx.config.cookieSecure === '1' || (app.ctx.config.cookieSecure === 'auto' && request.protocol === 'https');
  reply.setCookie(SESSION_COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: s.expiresAt });
  reply.setCookie(CSRF_COOKIE, s.csrfToken, { path: '/', httpOnly: false, sameSite: 'lax', secure, expires: s.expiresAt });
}

/** The signed device cookie (see modules/accounts/devices.ts): httpOnly, sent only to the sign-in routes. */
export function setDeviceCookie(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, value: string) {
  const secure = app.ctx.config.cookieSecure === '1' || (app.ctx.config.cookieSecure === 'auto' && request.protocol === 'https');
  reply.setCookie(DEVICE_COOKIE, value, { path: '/api/v1/auth', httpOnly: true, sameSite: 'lax', secure, maxAge: DEVICE_COOKIE_DAYS * 86_400 });
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/**
 * Reads the session cookie, loads the live session, the user and their grants into
 * `request.actor`, and checks the CSRF header on every state-changing call made with a
 * session: `X-CSRF-Token` must equal the token stored with the session (403 CSRF_FAILED).
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionTokenHash', null);
  app.decorateRequest('requireActor', function (this: FastifyRequest): Actor {
    if (!this.actor) throw new AppError('UNAUTHENTICATED');
    return this.actor;
  });

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    const mutating = MUTATING.has(request.method);
    if (!token) return;
    const tokenHash = sha256Hex(token);
    const now = app.ctx.clock.now();
    const cache = app.ctx.authCache;
    let row = cache.get(tokenHash);
    if (row && row.session.expiresAt <= now) row = undefined;
    if (!row) {
      const stamp = cache.stamp();
      const live = await findLiveSession(app.ctx.db, tokenHash, now);
      if (!live || live.user.status !== 'active') return;
      row = { ...live, ...(await loadActorGrantSets(app.ctx.db, live.user.id)) };
      cache.put(tokenHash, stamp, row);
    }
    if (mutating && !request.routeOptions.config?.csrfExempt) {
      const header = request.headers[CSRF_HEADER];
      const value = Array.isArray(header) ? header[0] : header;
      if (!value || !timingSafeEqualStr(value, row.session.csrfToken)) throw new AppError('CSRF_FAILED');
    }
    const { grants, dormantGrants } = row;
    request.sessionTokenHash = tokenHash;
    request.actor = {
      userId: row.user.id,
      name: row.user.name,
      regionCode: row.user.regionCode,
      grants,
      dormantGrants,
      sessionId: row.session.id,
      ip: request.ip ?? null,
    };
    if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await touchSession(app.ctx.db, tokenHash, now);
      cache.touched(tokenHash, now);
    }
  });
});
