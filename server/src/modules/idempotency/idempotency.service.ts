import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, AppContext } from '../../context';
import { RetryTransactionError, withTx, type Db } from '../../db/client';
import { AppError } from '../../lib/app-error';
import * as repo from './idempotency.repository';

/**
 * Client idempotency keys for every spend (redemptions, service requests, family transfers,
 * donations): a retried POST after a lost answer never spends twice. The client sends a UUID in
 * the `Idempotency-Key` header (or the body's `clientKey`). The key is claimed for (actor, key)
 * in the same transaction as the spend, and the answer is stored with it: the same key and body
 * again answer the stored answer (header `Idempotent-Replayed: true`) and write nothing; the same
 * key with another body is 409 IDEMPOTENCY_MISMATCH. Keys are kept `KEEP_DAYS` days.
 */

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const KEEP_DAYS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The client's key from the header or the body's `clientKey` (both UUIDs; when both are given they must agree). */
export function clientKeyOf(req: FastifyRequest, bodyKey?: string | undefined): string | undefined {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  const header = Array.isArray(raw) ? raw[0] : raw;
  const bad = (why: string) => new AppError('VALIDATION_FAILED', undefined, { fields: { [header !== undefined ? 'Idempotency-Key' : 'clientKey']: why } });
  if (header !== undefined && !UUID.test(header.trim())) throw bad('须为 UUID / must be a UUID');
  if (header !== undefined && bodyKey !== undefined && header.trim().toLowerCase() !== bodyKey.toLowerCase()) throw bad('请求头与 clientKey 不一致 / the header and clientKey differ');
  const key = header?.trim() ?? bodyKey;
  return key?.toLowerCase();
}

/** JSON with object keys sorted, so that the same body hashes the same whatever the order of its fields. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** sha256 of the scope and the canonical body (the body's own `clientKey` left out: it is the key). */
export function requestHashOf(scope: string, request: unknown): string {
  const body = request && typeof request === 'object' && !Array.isArray(request) ? { ...(request as Record<string, unknown>), clientKey: undefined } : request;
  return crypto.createHash('sha256').update(`${scope}\n${canonical(body)}`).digest('hex');
}

export interface IdempotentAnswer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/**
 * Runs `spend` once per (actor, key): in one transaction that first claims the key, then spends
 * (the service's own transactions become savepoints of this one) and stores the answer. Without
 * a key, `spend` runs as it is.
 */
export async function idempotent<T>(
  ctx: AppContext,
  actor: Actor,
  o: { key: string | undefined; scope: string; request: unknown; status: number },
  spend: (ctx: AppContext) => Promise<T>,
): Promise<IdempotentAnswer<T>> {
  const key = o.key;
  if (!key) return { status: o.status, body: await spend(ctx), replayed: false };
  const requestHash = requestHashOf(o.scope, o.request);
  return withTx(ctx.db, async (tx) => {
    const claimed = await repo.claim(tx, { actorId: actor.userId, key, scope: o.scope, requestHash, createdAt: ctx.clock.now() });
    if (!claimed) {
      const prior = await repo.find(tx, actor.userId, key);
      // the first claim is not visible yet (it committed after this statement began): look again
      if (!prior || prior.statusCode === null) throw new RetryTransactionError('idempotency key');
      if (prior.requestHash !== requestHash) {
        throw new AppError('IDEMPOTENCY_MISMATCH', '该幂等键已用于另一笔不同的请求，请为新的提交使用新的键 / This idempotency key was already used for a different request; use a new key for a new submission', {
          scope: prior.scope,
        });
      }
      return { status: prior.statusCode, body: prior.response as T, replayed: true };
    }
    const body = await spend({ ...ctx, db: tx as unknown as Db });
    await repo.complete(tx, actor.userId, key, o.status, body);
    return { status: o.status, body, replayed: false };
  });
}

/** Sends an idempotent answer: its status and whether it is a replay. */
export function sendIdempotent<T>(reply: FastifyReply, a: IdempotentAnswer<T>): T {
  reply.status(a.status).header('idempotent-replayed', String(a.replayed));
  return a.body;
}

/** Forgets keys older than `KEEP_DAYS` (the sweeper): a retry comes within minutes, not months. */
export async function purgeIdempotencyKeys(ctx: AppContext, now: Date = ctx.clock.now()): Promise<number> {
  return repo.purgeBefore(ctx.db, new Date(now.getTime() - KEEP_DAYS * 86_400_000));
}
