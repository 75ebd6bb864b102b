import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { organizations, stations, regions } from '../../db/schema/index';
import type { DbOrTx } from '../../db/client';
import { escapeLike, inRegionSubtree } from '../regions/index';

export type OrgRow = typeof organizations.$inferSelect;
export type StationRow = typeof stations.$inferSelect;

const orgColumns = {
  id: organizations.id,
  name: organizations.name,
  type: organizations.type,
  regionCode: organizations.regionCode,
  regionName: regions.name,
  parentId: organizations.parentId,
  description: organizations.description,
  supervisingUnit: organizations.supervisingUnit,
  serviceCategories: organizations.serviceCategories,
  contactName: organizations.contactName,
  contactPhone: organizations.contactPhone,
  status: organizations.status,
  statusReason: organizations.statusReason,
  createdAt: organizations.createdAt,
};

export async function insertOrg(db: DbOrTx, row: typeof organizations.$inferInsert): Promise<OrgRow> {
  const [o] = await db.insert(organizations).values(row).returning();
  return o!;
}

export async function findOrg(db: DbOrTx, id: string): Promise<OrgRow | undefined> {
  const [o] = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return o;
}

export async function findOrgView(db: DbOrTx, id: string) {
  const [o] = await db.select(orgColumns).from(organizations).leftJoin(regions, eq(regions.code, organizations.regionCode)).where(eq(organizations.id, id)).limit(1);
  return o;
}

/** Compare-and-set on status. */
export async function setOrgStatus(db: DbOrTx, id: string, from: string[], to: string, at: Date, reason: string | null = null): Promise<OrgRow | undefined> {
  const [o] = await db
    .update(organizations)
    .set({ status: to, statusReason: reason, updatedAt: at })
    .where(and(eq(organizations.id, id), sql`${organizations.status} in (${sql.join(from.map((s) => sql`${s}`), sql`, `)})`))
    .returning();
  return o;
}

export async function listOrgs(db: DbOrTx, f: { regionPath?: string | undefined; status?: string | undefined; type?: string | undefined; q?: string | undefined; limit: number; offset: number }) {
  const conds: SQL[] = [];
  if (f.regionPath) conds.push(inRegionSubtree(organizations.regionCode, f.regionPath));
  if (f.status) conds.push(eq(organizations.status, f.status));
  if (f.type) conds.push(eq(organizations.type, f.type));
  if (f.q) conds.push(sql`${organizations.name} like ${'%' + escapeLike(f.q) + '%'}`);
  const where = conds.length ? and(...conds) : undefined;
  const items = await db
    .select(orgColumns)
    .from(organizations)
    .leftJoin(regions, eq(regions.code, organizations.regionCode))
    .where(where)
    .orderBy(desc(organizations.createdAt))
    .limit(f.limit)
    .offset(f.offset);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(organizations).where(where);
  return { items, total: c?.n ?? 0 };
}

const stationColumns = {
  id: stations.id,
  name: stations.name,
  type: stations.type,
  regionCode: stations.regionCode,
  regionName: regions.name,
  address: stations.address,
  lat: stations.lat,
  lng: stations.lng,
  openingHours: stations.openingHours,
  createdAt: stations.createdAt,
};

export async function insertStation(db: DbOrTx, row: typeof stations.$inferInsert): Promise<StationRow> {
  const [s] = await db.insert(stations).values(row).returning();
  return s!;
}

export async function findStationView(db: DbOrTx, id: string) {
  const [s] = await db.select(stationColumns).from(stations).leftJoin(regions, eq(regions.code, stations.regionCode)).where(eq(stations.id, id)).limit(1);
  return s;
}

export async function listStations(db: DbOrTx, f: { regionPath?: string | undefined; type?: string | undefined; q?: string | undefined; limit: number; offset: number }) {
  const conds: SQL[] = [];
  if (f.regionPath) conds.push(inRegionSubtree(stations.regionCode, f.regionPath));
  if (f.type) conds.push(eq(stations.type, f.type));
  if (f.q) conds.push(sql`${stations.name} like ${'%' + escapeLike(f.q) + '%'}`);
  const where = conds.length ? and(...conds) : undefined;
  const items = await db.select(stationColumns).from(stations).leftJoin(regions, eq(regions.code, stations.regionCode)).where(where).orderBy(desc(stations.createdAt)).limit(f.limit).offset(f.offset);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(stations).where(where);
  return { items, total: c?.n ?? 0 };
}

export async function updateOrg(db: DbOrTx, id: string, set: Partial<typeof organizations.$inferInsert>): Promise<OrgRow | undefined> {
  const [o] = await db.update(organizations).set(set).where(eq(organizations.id, id)).returning();
  return o;
}

export async function findStation(db: DbOrTx, id: string): Promise<StationRow | undefined> {
  const [s] = await db.select().from(stations).where(eq(stations.id, id)).limit(1);
  return s;
}

export async function updateStation(db: DbOrTx, id: string, set: Partial<typeof stations.$inferInsert>): Promise<StationRow | undefined> {
  const [s] = await db.update(stations).set(set).where(eq(stations.id, id)).returning();
  return s;
}

/** An organisation as a node of the tree: its parent, and its region's path. */
export async function findOrgNode(db: DbOrTx, id: string) {
  const [o] = await db
    .select({ id: organizations.id, parentId: organizations.parentId, regionCode: organizations.regionCode, regionPath: regions.path })
    .from(organizations)
    .innerJoin(regions, eq(regions.code, organizations.regionCode))
    .where(eq(organizations.id, id))
    .limit(1);
  return o;
}

/** Levels of the subtree under an organisation, itself included (1: no children); counts at most `cap`. */
export async function subtreeHeight(db: DbOrTx, id: string, cap: number): Promise<number> {
  const r = await db.execute(sql`
    with recursive sub(id, depth) as (
      select ${id}::uuid, 1
      union all
      select o.id, s.depth + 1 from ${organizations} o join sub s on o.parent_id = s.id where s.depth < ${cap}
    )
    select max(depth)::int as h from sub`);
  return (r as unknown as { rows: Array<{ h: number | null }> }).rows[0]?.h ?? 1;
}

/** Serialises every change of a parent in a city, so that two changes cannot together close a cycle. */
export async function lockOrgTree(db: DbOrTx, cityCode: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'org-tree:' + cityCode}))`);
}
