import type { FastifyInstance, FastifyRequest } from 'fastify';
import { WRITE_LSN_COOKIE } from '@shared/constants';
import type { AppContext } from '../context';
import { formatLsn, isReplicaFailure, parseLsn } from '../db/replica';
import { decryptText, encryptText } from '../lib/crypto';

/**
 * Read-your-writes with a streaming replica (DATABASE_REPLICA_URL).
 *
 * After a signed-in person's write succeeds (a POST, PUT, PATCH or DELETE under /api answered
 * 2xx), the answer carries the primary's WAL position in an httpOnly cookie that lasts a few
 * minutes; any process of the installation can then tell whether the replica has replayed it.
 * The read-only routes run their service through `onReads`, whose context reads from the replica
 * when `ReadRouter.choose` allows it (anonymous readers: whenever the replica is up and not
 * lagging), and from the primary otherwise — also when the replica fails during the read (the
 * read is side-effect free, so it is simply run again on the primary).
 *
 * The cookie is the person's own hint, not a credential: removing it can only show them older
 * data of their own. It is sealed (AES-GCM, its own key) with the person's id: the primary's WAL
 * position — how much the whole installation writes — is not shown, and a cookie made up or taken
 * from someone else counts as none.
 */

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Seconds the cookie lasts: a replica further behind than this counts as lagging anyway. */
const COOKIE_SECONDS = 300;

export function registerReadRouting(app: FastifyInstance) {
  const router = app.ctx.reads;
  if (!router) return;
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.actor || !WRITES.has(request.method) || reply.statusCode < 200 || reply.statusCode >= 300 || !request.url.startsWith('/api/')) return payload;
    try {
      const lsn = await router.primaryLsn();
      const secure = app.ctx.config.cookieSecure === '1' || (app.ctx.config.cookieSecure === 'auto' && request.protocol === 'https');
      // Fastify appends each Set-Cookie header; the session cookies written by the handler stay
      const sealed = encryptText(app.ctx.keys.writePositions, `${request.actor.userId} ${formatLsn(lsn)}`);
      reply.header('set-cookie', app.serializeCookie(WRITE_LSN_COOKIE, sealed, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: COOKIE_SECONDS }));
    } catch (err) {
      // the write is done; without the position this person's next reads may lag a moment
      request.log.warn({ err: (err as Error).message }, 'could not read the primary WAL position after a write');
    }
    return payload;
  });
}

/** The WAL position of the asker's last write (only a signed-in person's own cookie counts). */
function writeLsnOf(app: FastifyInstance, request: FastifyRequest): bigint | null {
  const sealed = request.cookies[WRITE_LSN_COOKIE];
  if (!request.actor || !sealed) return null;
  try {
    const [userId, lsn] = decryptText(app.ctx.keys.writePositions, sealed).split(' ');
    return userId === request.actor.userId ? parseLsn(lsn) : null;
  } catch {
    return null;
  }
}

/**
 * Runs a read-only service on the replica when it may serve this request, else on the primary.
 * `fn` must only read (no transaction, no write): it may run twice (replica failed → primary).
 */
export async function onReads<T>(app: FastifyInstance, request: FastifyRequest, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = app.ctx;
  const router = ctx.reads;
  if (!router) return fn(ctx);
  const choice = await router.choose(writeLsnOf(app, request));
  if (choice.use === 'primary') return fn(ctx);
  try {
    return await fn({ ...ctx, readDb: router.replicaDb });
  } catch (err) {
    if (!isReplicaFailure(err)) throw err;
    router.markDown(err);
    return fn(ctx);
  }
}
