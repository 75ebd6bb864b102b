import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { accountRecoveries, grants, regions, organizations, stations, users } from '../../db/schema/index';
import type { DbOrTx } from '../../db/client';
import { preparedPerDb } from '../../db/prepared';
import type { ActorGrant } from '../../context';
import { inRegionSubtree } from '../regions/index';

export type GrantRow = typeof grants.$inferSelect;

/**
 * A person's live grants, split in two: `grants` give power; `dormantGrants` are the org_admin
 * grants of an organisation that is not active (pending, changes requested, rejected, suspended,
 * dissolved), which allow only what a permission declared with `dormantOrg` allows (reading
 * and editing that organisation's own application).
 */
export async function loadActorGrantSets(db: DbOrTx, userId: string): Promise<{ grants: ActorGrant[]; dormantGrants: ActorGrant[] }> {
  const rows = await actorGrantsQuery(db).execute({ userId });
  const out: { grants: ActorGrant[]; dormantGrants: ActorGrant[] } = { grants: [], dormantGrants: [] };
  for (const { orgStatus, ...g } of rows) {
    const dormant = g.role === 'org_admin' && orgStatus !== 'active';
    (dormant ? out.dormantGrants : out.grants).push(g);
  }
  return out;
}

// read whenever the signed-in cache misses: prepared once per database handle
const actorGrantsQuery = preparedPerDb((db) =>
  db
    .select({ id: grants.id, role: grants.role, regionCode: grants.regionCode, regionPath: regions.path, orgId: grants.orgId, stationId: grants.stationId, orgStatus: organizations.status })
    .from(grants)
    .innerJoin(regions, eq(regions.code, grants.regionCode))
    .leftJoin(organizations, eq(organizations.id, grants.orgId))
    .where(and(eq(grants.userId, sql.placeholder('userId')), isNull(grants.revokedAt)))
    .prepare('actor_grants'),
);

/** The grants that give power (see loadActorGrantSets). */
export async function loadActorGrants(db: DbOrTx, userId: string): Promise<ActorGrant[]> {
  return (await loadActorGrantSets(db, userId)).grants;
}

export async function insertGrant(db: DbOrTx, row: typeof grants.$inferInsert): Promise<GrantRow> {
  const [g] = await db.insert(grants).values(row).returning();
  return g!;
}

export async function findActiveGrant(db: DbOrTx, id: string): Promise<GrantRow | undefined> {
  const [g] = await db.select().from(grants).where(and(eq(grants.id, id), isNull(grants.revokedAt))).limit(1);
  return g;
}

/** Compare-and-set: revokes only a grant that is still active. */
export async function revokeGrant(db: DbOrTx, id: string, by: string, at: Date): Promise<GrantRow | undefined> {
  const [g] = await db
    .update(grants)
    .set({ revokedAt: at, revokedBy: by })
    .where(and(eq(grants.id, id), isNull(grants.revokedAt)))
    .returning();
  return g;
}

export async function countAdmins(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(grants).where(and(eq(grants.role, 'region_admin'), isNull(grants.revokedAt)));
  return r?.n ?? 0;
}

/** Whether any live region admin exists: one indexed row at most, never a count. */
export async function hasAnyAdmin(db: DbOrTx): Promise<boolean> {
  const rows = await db.select({ id: grants.id }).from(grants).where(and(eq(grants.role, 'region_admin'), isNull(grants.revokedAt))).limit(1);
  return rows.length > 0;
}

export interface GrantListFilter {
  regionPaths: string[];
  orgIds: string[];
  stationIds: string[];
  role?: string | undefined;
  userId?: string | undefined;
  limit: number;
  offset: number;
}

const grantColumns = {
  id: grants.id,
  userId: grants.userId,
  userName: users.name,
  userPhone: users.phone,
  userRegionCode: users.regionCode,
  role: grants.role,
  regionCode: grants.regionCode,
  regionName: regions.name,
  orgId: grants.orgId,
  orgName: organizations.name,
  stationId: grants.stationId,
  stationName: stations.name,
  createdAt: grants.createdAt,
};

function grantQuery(db: DbOrTx) {
  return db
    .select(grantColumns)
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .leftJoin(regions, eq(regions.code, grants.regionCode))
    .leftJoin(organizations, eq(organizations.id, grants.orgId))
    .leftJoin(stations, eq(stations.id, grants.stationId));
}

export async function listGrants(db: DbOrTx, f: GrantListFilter) {
  const scope: SQL[] = f.regionPaths.map((p) => inRegionSubtree(grants.regionCode, p));
  if (f.orgIds.length) scope.push(sql`${grants.orgId} in (${sql.join(f.orgIds.map((id) => sql`${id}`), sql`, `)})`);
  if (f.stationIds.length) scope.push(sql`${grants.stationId} in (${sql.join(f.stationIds.map((id) => sql`${id}`), sql`, `)})`);
  if (scope.length === 0) return { items: [], total: 0 };
  const conds: SQL[] = [isNull(grants.revokedAt), sql`(${sql.join(scope, sql` or `)})`];
  if (f.role) conds.push(eq(grants.role, f.role as GrantRow['role']));
  if (f.userId) conds.push(eq(grants.userId, f.userId));
  const where = and(...conds);
  const items = await grantQuery(db).where(where).orderBy(desc(grants.createdAt)).limit(f.limit).offset(f.offset);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(grants).where(where);
  return { items, total: c?.n ?? 0 };
}

export async function listUserGrantsDetailed(db: DbOrTx, userId: string) {
  return grantQuery(db)
    .where(and(eq(grants.userId, userId), isNull(grants.revokedAt)))
    .orderBy(grants.createdAt);
}

export async function findOrgScope(db: DbOrTx, orgId: string) {
  const [o] = await db
    .select({ id: organizations.id, regionCode: organizations.regionCode, regionPath: regions.path, parentId: organizations.parentId, status: organizations.status })
    .from(organizations)
    .innerJoin(regions, eq(regions.code, organizations.regionCode))
    .where(eq(organizations.id, orgId))
    .limit(1);
  return o;
}

export async function findStationScope(db: DbOrTx, stationId: string) {
  const [s] = await db
    .select({ id: stations.id, regionCode: stations.regionCode, regionPath: regions.path })
    .from(stations)
    .innerJoin(regions, eq(regions.code, stations.regionCode))
    .where(eq(stations.id, stationId))
    .limit(1);
  return s;
}

export async function findUserBrief(db: DbOrTx, userId: string) {
  const [u] = await db.select({ id: users.id, regionCode: users.regionCode }).from(users).where(eq(users.id, userId)).limit(1);
  return u;
}

/** The person's recoveries that no one has confirmed yet, newest first (a handful at most: index on user, time). */
export async function unconfirmedRecoveries(db: DbOrTx, userId: string): Promise<Array<typeof accountRecoveries.$inferSelect>> {
  return db
    .select()
    .from(accountRecoveries)
    .where(and(eq(accountRecoveries.userId, userId), isNull(accountRecoveries.confirmedAt)))
    .orderBy(desc(accountRecoveries.recoveredAt));
}

