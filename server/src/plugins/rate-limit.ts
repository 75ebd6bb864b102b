import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { rateLimits } from '../db/schema/index';
import type { DbOrTx } from '../db/client';
import { AppError } from '../lib/app-error';

/**
 * Fixed-window counters kept in the database, so that every server process shares them
 * (scaling rule 5). `hit` counts one attempt and throws RATE_LIMITED past the limit.
 */
export async function hitRateLimit(db: DbOrTx, key: string, limit: number, windowSeconds: number, now: Date): Promise<void> {
  const windowStartCutoff = new Date(now.getTime() - windowSeconds * 1000);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, windowStart: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < ${windowStartCutoff} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} < ${windowStartCutoff} then ${now}::timestamptz else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  if (row && row.count > limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((row.windowStart.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
    throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds });
  }
}

const LOCKED_MESSAGE = '尝试次数过多，已暂时锁定 / Too many failed attempts; locked for a while';

function locked(until: Date, now: Date): AppError {
  return new AppError('RATE_LIMITED', LOCKED_MESSAGE, { retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)), locked: true });
}

/**
 * Counts one attempt at a secret (a password, a claim code) against a key BEFORE the secret is
 * checked, in one atomic statement (INSERT … ON CONFLICT DO UPDATE … RETURNING): parallel
 * attempts are numbered 1, 2, 3… and only the first `maxFailures` of a window are checked at all.
 * Throws RATE_LIMITED while the key is locked or its attempts are used up. A window lasts
 * `lockSeconds` from its first attempt; a lock, from the failure that set it.
 */
export async function reserveAttempt(db: DbOrTx, key: string, maxFailures: number, lockSeconds: number, now: Date): Promise<{ attempt: number }> {
  const cutoff = new Date(now.getTime() - lockSeconds * 1000);
  const fresh = sql`(${rateLimits.windowStart} < ${cutoff} and (${rateLimits.lockedUntil} is null or ${rateLimits.lockedUntil} <= ${now}))`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, windowStart: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${fresh} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${fresh} then ${now}::timestamptz else ${rateLimits.windowStart} end`,
        lockedUntil: sql`case when ${fresh} then null else ${rateLimits.lockedUntil} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart, lockedUntil: rateLimits.lockedUntil });
  if (row!.lockedUntil && row!.lockedUntil > now) throw locked(row!.lockedUntil, now);
  if (row!.count > maxFailures) throw locked(new Date(row!.windowStart.getTime() + lockSeconds * 1000), now);
  return { attempt: row!.count };
}

/**
 * The reserved attempt failed. The last allowed one locks the key for `lockSeconds` and throws
 * RATE_LIMITED; before that, answers how many attempts are left.
 */
export async function failAttempt(db: DbOrTx, key: string, attempt: number, maxFailures: number, lockSeconds: number, now: Date): Promise<{ remaining: number }> {
  if (attempt < maxFailures) return { remaining: maxFailures - attempt };
  const until = new Date(now.getTime() + lockSeconds * 1000);
  await db.update(rateLimits).set({ lockedUntil: until }).where(eq(rateLimits.key, key));
  throw locked(until, now);
}

export async function clearKey(db: DbOrTx, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/**
 * Deletes counters nobody needs any more: windows that began more than `olderThanSeconds` ago
 * and hold no lock still running (the sweeper calls it). Answers how many went.
 */
export async function purgeRateLimits(db: DbOrTx, now: Date, olderThanSeconds = 86_400): Promise<number> {
  const cutoff = new Date(now.getTime() - olderThanSeconds * 1000);
  const rows = await db
    .delete(rateLimits)
    .where(and(lt(rateLimits.windowStart, cutoff), or(isNull(rateLimits.lockedUntil), lte(rateLimits.lockedUntil, now))))
    .returning({ key: rateLimits.key });
  return rows.length;
}
