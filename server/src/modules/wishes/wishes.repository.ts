import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { regions, volunteerProfiles, wishClaims, wishes } from '../../db/schema/index';
import type { DbOrTx } from '../../db/client';
import { inRegionSubtree } from '../regions/index';

export type WishRow = typeof wishes.$inferSelect;
export type ClaimRow = typeof wishClaims.$inferSelect;

export async function insertWish(db: DbOrTx, row: typeof wishes.$inferInsert): Promise<WishRow> {
  const [w] = await db.insert(wishes).values(row).returning();
  return w!;
}

export async function findWish(db: DbOrTx, id: string, lock = false): Promise<WishRow | undefined> {
  const q = db.select().from(wishes).where(eq(wishes.id, id)).limit(1);
  const [w] = lock ? await q.for('update') : await q;
  return w;
}

export async function setWishStatus(db: DbOrTx, id: string, from: readonly string[], set: Partial<typeof wishes.$inferInsert>): Promise<WishRow | undefined> {
  const [w] = await db.update(wishes).set(set).where(and(eq(wishes.id, id), inArray(wishes.status, [...from]))).returning();
  return w;
}

export async function insertClaim(db: DbOrTx, row: typeof wishClaims.$inferInsert): Promise<ClaimRow> {
  const [c] = await db.insert(wishClaims).values(row).returning();
  return c!;
}

export async function openClaim(db: DbOrTx, wishId: string): Promise<ClaimRow | undefined> {
  const [c] = await db.select().from(wishClaims).where(and(eq(wishClaims.wishId, wishId), inArray(wishClaims.status, ['active', 'delivered']))).limit(1);
  return c;
}

export async function setClaimStatus(db: DbOrTx, id: string, from: readonly string[], set: Partial<typeof wishClaims.$inferInsert>): Promise<ClaimRow | undefined> {
  const [c] = await db.update(wishClaims).set(set).where(and(eq(wishClaims.id, id), inArray(wishClaims.status, [...from]))).returning();
  return c;
}

export async function lapsedClaims(db: DbOrTx, now: Date) {
  return db.select().from(wishClaims).where(and(eq(wishClaims.status, 'active'), lt(wishClaims.dueAt, now))).limit(500);
}

/** A wish, its region's name, its open or confirmed claim and whether the claimant consented to be named in public. */
const VIEW = { wish: wishes, regionName: regions.name, claim: wishClaims, claimantPublic: volunteerProfiles.publicDisplay };

export async function listWishes(db: DbOrTx, f: { regionPath?: string | undefined; status?: string | undefined; limit: number; offset: number }) {
  const conds: SQL[] = [];
  if (f.regionPath) conds.push(inRegionSubtree(wishes.regionCode, f.regionPath));
  if (f.status) conds.push(eq(wishes.status, f.status));
  else conds.push(sql`${wishes.status} <> 'withdrawn'`);
  const where = and(...conds);
  const items = await db
    .select(VIEW)
    .from(wishes)
    .leftJoin(regions, eq(regions.code, wishes.regionCode))
    .leftJoin(wishClaims, and(eq(wishClaims.wishId, wishes.id), inArray(wishClaims.status, ['active', 'delivered', 'confirmed'])))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, wishClaims.claimantId))
    .where(where)
    .orderBy(desc(wishes.createdAt), desc(wishes.id))
    .limit(f.limit)
    .offset(f.offset);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(wishes).where(where);
  return { items, total: c?.n ?? 0 };
}

export async function wishView(db: DbOrTx, id: string) {
  const [r] = await db
    .select(VIEW)
    .from(wishes)
    .leftJoin(regions, eq(regions.code, wishes.regionCode))
    .leftJoin(wishClaims, and(eq(wishClaims.wishId, wishes.id), inArray(wishClaims.status, ['active', 'delivered', 'confirmed'])))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, wishClaims.claimantId))
    .where(eq(wishes.id, id))
    .limit(1);
  return r;
}

/** The figures the statistics quote: wishes collected, claimed (ever), fulfilled, still open. */
export async function stats(db: DbOrTx, regionPath: string) {
  const [r] = await db
    .select({
      collected: sql<number>`count(*) filter (where ${wishes.status} <> 'withdrawn')::int`,
      claimed: sql<number>`count(*) filter (where ${wishes.status} in ('claimed', 'delivered', 'fulfilled'))::int`,
      fulfilled: sql<number>`count(*) filter (where ${wishes.status} = 'fulfilled')::int`,
      open: sql<number>`count(*) filter (where ${wishes.status} = 'open')::int`,
      valueYuanFulfilled: sql<number>`coalesce(sum(${wishes.valueYuan}) filter (where ${wishes.status} = 'fulfilled'), 0)::int`,
      valueFenFulfilled: sql<number>`coalesce(sum(${wishes.valueFen}) filter (where ${wishes.status} = 'fulfilled'), 0)`.mapWith(Number),
    })
    .from(wishes)
    .where(inRegionSubtree(wishes.regionCode, regionPath));
  return r!;
}
