import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import type { PageQuery } from '@shared/schemas/common';

export function offsetOf(q: PageQuery): { limit: number; offset: number } {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** Lists count at most this many rows per request: a city's millions are never counted. */
export const COUNT_CAP = 10_000;

/**
 * Counts the rows a `from … where …` clause selects, stopping after `cap` (an index walk of at
 * most that many rows). `capped` says the true total is larger: the answer then carries
 * `totalIsLowerBound`, and a client shows "10,000+".
 */
export async function cappedCount(db: DbOrTx, fromWhere: SQL, cap = COUNT_CAP): Promise<{ total: number; capped: boolean }> {
  const res = await db.execute(sql`select count(*)::int as n from (select 1 ${fromWhere} limit ${cap + 1}) c`);
  const n = Number((res as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0);
  return { total: Math.min(n, cap), capped: n > cap };
}
