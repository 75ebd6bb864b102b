import { eq, sql } from 'drizzle-orm';
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

/** Throws RATE_LIMITED while a key (a phone number after repeated failures) is locked. */
export async function assertNotLocked(db: DbOrTx, key: string, now: Date): Promise<void> {
  const [row] = await db.select({ lockedUntil: rateLimits.lockedUntil }).from(rateLimits).where(eq(rateLimits.key, key)).limit(1);
  if (row?.lockedUntil && row.lockedUntil > now) {
    const retryAfterSeconds = Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new AppError('RATE_LIMITED', '登录失败次数过多，账号已暂时锁定 / Too many failed logins; this number is locked for a while', {
      retryAfterSeconds,
      locked: true,
    });
  }
}

/** Counts a failure; at `maxFailures` within the window the key is locked for `lockSeconds`. */
export async function recordFailure(db: DbOrTx, key: string, maxFailures: number, lockSeconds: number, now: Date): Promise<{ locked: boolean; remaining: number }> {
  const windowStartCutoff = new Date(now.getTime() - lockSeconds * 1000);
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
    .returning({ count: rateLimits.count });
  const count = row?.count ?? 1;
  if (count >= maxFailures) {
    await db
      .update(rateLimits)
      .set({ lockedUntil: new Date(now.getTime() + lockSeconds * 1000), count: 0, windowStart: now })
      .where(eq(rateLimits.key, key));
    return { locked: true, remaining: 0 };
  }
  return { locked: false, remaining: maxFailures - count };
}

export async function clearKey(db: DbOrTx, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
