import { alias } from 'drizzle-orm/pg-core';
import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { relatives, users } from '../../db/schema/index';
import { inRegionSubtree } from '../regions/index';

/** Direct relatives (直系亲属) declared by people and verified by staff. */

export type RelativeRow = typeof relatives.$inferSelect;

export async function insertRelative(db: DbOrTx, row: typeof relatives.$inferInsert): Promise<RelativeRow> {
  const [r] = await db.insert(relatives).values(row).returning();
  return r!;
}

export async function findRelative(db: DbOrTx, id: string): Promise<RelativeRow | undefined> {
  const [r] = await db.select().from(relatives).where(eq(relatives.id, id)).limit(1);
  return r;
}

/** Compare-and-set: only a pending link is decided. */
export async function decideRelative(db: DbOrTx, id: string, status: 'verified' | 'rejected', by: string, at: Date): Promise<RelativeRow | undefined> {
  const [r] = await db
    .update(relatives)
    .set({ status, verifiedBy: by, verifiedAt: at })
    .where(and(eq(relatives.id, id), eq(relatives.status, 'pending')))
    .returning();
  return r;
}

export async function hasVerifiedRelation(db: DbOrTx, a: string, b: string): Promise<boolean> {
  const [r] = await db
    .select({ id: relatives.id })
    .from(relatives)
    .where(
      and(
        eq(relatives.status, 'verified'),
        or(and(eq(relatives.userId, a), eq(relatives.relativeUserId, b)), and(eq(relatives.userId, b), eq(relatives.relativeUserId, a))),
      ),
    )
    .limit(1);
  return !!r;
}

export async function listRelativesOf(db: DbOrTx, userId: string) {
  const other = sql<string>`case when ${relatives.userId} = ${userId} then ${relatives.relativeUserId} else ${relatives.userId} end`;
  return db
    .select({
      id: relatives.id,
      userId: relatives.userId,
      relativeUserId: relatives.relativeUserId,
      relation: relatives.relation,
      status: relatives.status,
      verifiedAt: relatives.verifiedAt,
      createdAt: relatives.createdAt,
      otherName: users.name,
    })
    .from(relatives)
    .innerJoin(users, eq(users.id, other))
    .where(or(eq(relatives.userId, userId), eq(relatives.relativeUserId, userId)))
    .orderBy(desc(relatives.createdAt))
    .limit(200);
}

/** Relations declared by people of a region subtree, for the staff who verify them. */
export async function listRelativesInRegion(db: DbOrTx, f: { regionPath: string; status?: string | undefined; limit: number; offset: number }) {
  const declarer = alias(users, 'declarer');
  const relative = alias(users, 'relative');
  const conds: SQL[] = [inRegionSubtree(declarer.regionCode, f.regionPath)];
  if (f.status) conds.push(eq(relatives.status, f.status));
  const where = and(...conds);
  const items = await db
    .select({
      id: relatives.id,
      userId: relatives.userId,
      relativeUserId: relatives.relativeUserId,
      relation: relatives.relation,
      status: relatives.status,
      verifiedAt: relatives.verifiedAt,
      createdAt: relatives.createdAt,
      userName: declarer.name,
      userIdNumberMasked: declarer.idNumberMasked,
      relativeName: relative.name,
      relativeIdNumberMasked: relative.idNumberMasked,
    })
    .from(relatives)
    .innerJoin(declarer, eq(declarer.id, relatives.userId))
    .innerJoin(relative, eq(relative.id, relatives.relativeUserId))
    .where(where)
    .orderBy(desc(relatives.createdAt))
    .limit(f.limit)
    .offset(f.offset);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(relatives).innerJoin(declarer, eq(declarer.id, relatives.userId)).where(where);
  return { items, total: c?.n ?? 0 };
}
