import { and, eq, lt } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema/index';
import type { DbOrTx } from '../../db/client';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/**
 * Claims (actor, key) for this transaction. A concurrent claim of the same pair waits here for
 * the first transaction to end: if it committed, nothing is inserted (false) and its row is then
 * visible; if it rolled back, this one claims it.
 */
export async function claim(db: DbOrTx, row: { actorId: string; key: string; scope: string; requestHash: string; createdAt: Date }): Promise<boolean> {
  const r = await db.insert(idempotencyKeys).values(row).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  return r.length > 0;
}

export async function find(db: DbOrTx, actorId: string, key: string): Promise<IdempotencyRow | undefined> {
  const [r] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.actorId, actorId), eq(idempotencyKeys.key, key))).limit(1);
  return r;
}

export async function complete(db: DbOrTx, actorId: string, key: string, statusCode: number, response: unknown): Promise<void> {
  await db.update(idempotencyKeys).set({ statusCode, response }).where(and(eq(idempotencyKeys.actorId, actorId), eq(idempotencyKeys.key, key)));
}

export async function purgeBefore(db: DbOrTx, before: Date): Promise<number> {
  const r = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before)).returning({ key: idempotencyKeys.key });
  return r.length;
}
