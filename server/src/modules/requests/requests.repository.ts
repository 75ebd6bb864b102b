import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { organizations, regions, serviceRequestEvents, serviceRequests, users } from '../../db/schema/index';
import type { DbOrTx } from '../../db/client';
import { inRegionSubtree } from '../regions/index';

export type RequestRow = typeof serviceRequests.$inferSelect;

const view = { request: serviceRequests, residentName: users.name, regionName: regions.name, orgName: organizations.name, orgPhone: organizations.contactPhone };
function query(db: DbOrTx) {
  return db
    .select(view)
    .from(serviceRequests)
    .innerJoin(users, eq(users.id, serviceRequests.residentId))
    .leftJoin(regions, eq(regions.code, serviceRequests.regionCode))
    .leftJoin(organizations, eq(organizations.id, serviceRequests.assignedOrgId));
}
export type RequestView = { request: RequestRow; residentName: string; regionName: string | null; orgName: string | null; orgPhone: string | null };

export async function insertRequest(db: DbOrTx, row: typeof serviceRequests.$inferInsert): Promise<RequestRow> {
  const [r] = await db.insert(serviceRequests).values(row).returning();
  return r!;
}

export async function findRequest(db: DbOrTx, id: string, lock = false): Promise<RequestRow | undefined> {
  const q = db.select().from(serviceRequests).where(eq(serviceRequests.id, id)).limit(1);
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function findView(db: DbOrTx, id: string): Promise<RequestView | undefined> {
  const [r] = await query(db).where(eq(serviceRequests.id, id)).limit(1);
  return r;
}

/** Compare-and-set: the transition happens only from the expected status. */
export async function transition(db: DbOrTx, id: string, from: readonly string[], set: Partial<typeof serviceRequests.$inferInsert>): Promise<RequestRow | undefined> {
  const [r] = await db
    .update(serviceRequests)
    .set(set)
    .where(and(eq(serviceRequests.id, id), inArray(serviceRequests.status, [...from])))
    .returning();
  return r;
}

export async function insertEvent(db: DbOrTx, row: typeof serviceRequestEvents.$inferInsert): Promise<void> {
  await db.insert(serviceRequestEvents).values(row);
}

export async function history(db: DbOrTx, requestId: string) {
  return db
    .select({ event: serviceRequestEvents, actorName: users.name })
    .from(serviceRequestEvents)
    .leftJoin(users, eq(users.id, serviceRequestEvents.actorId))
    .where(eq(serviceRequestEvents.requestId, requestId))
    .orderBy(asc(serviceRequestEvents.at), asc(serviceRequestEvents.id));
}

/** The SQL for "a deadline is missed now". */
export function overdueSql(now: Date): SQL {
  return sql`((${serviceRequests.status} = 'ordered' and ${serviceRequests.dispatchDueAt} < ${now})
    or (${serviceRequests.status} = 'dispatched' and ${serviceRequests.acceptDueAt} < ${now})
    or (${serviceRequests.status} = 'accepted' and ${serviceRequests.serveDueAt} < ${now}))`;
}

export interface RequestFilter {
  residentId?: string | undefined;
  regionPath?: string | undefined;
  assignedOrgIds?: string[] | undefined;
  assignedUserId?: string | undefined;
  status?: string | undefined;
  overdueAt?: Date | undefined;
  limit: number;
  offset: number;
}

export async function listRequests(db: DbOrTx, f: RequestFilter) {
  const conds: SQL[] = [];
  if (f.residentId) conds.push(or(eq(serviceRequests.residentId, f.residentId), eq(serviceRequests.enteredBy, f.residentId))!);
  if (f.regionPath) conds.push(inRegionSubtree(serviceRequests.regionCode, f.regionPath));
  const assigned: SQL[] = [];
  if (f.assignedOrgIds?.length) assigned.push(inArray(serviceRequests.assignedOrgId, f.assignedOrgIds));
  if (f.assignedUserId) assigned.push(eq(serviceRequests.assignedUserId, f.assignedUserId), sql`${f.assignedUserId} = any(${serviceRequests.helperIds})`);
  if (f.assignedOrgIds || f.assignedUserId) conds.push(assigned.length ? or(...assigned)! : sql`false`);
  if (f.status) conds.push(eq(serviceRequests.status, f.status));
  if (f.overdueAt) conds.push(overdueSql(f.overdueAt));
  const where = conds.length ? and(...conds) : undefined;
  const items = await query(db).where(where).orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id)).limit(f.limit).offset(f.offset);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(serviceRequests).where(where);
  return { items, total: c?.n ?? 0 };
}

/** Active teams of a region subtree, with their open-order load. */
export async function candidateTeams(db: DbOrTx, regionPath: string) {
  return db
    .select({
      orgId: organizations.id,
      orgName: organizations.name,
      regionName: regions.name,
      lat: regions.lat,
      lng: regions.lng,
      serviceCategories: organizations.serviceCategories,
      openOrders: sql<number>`(select count(*)::int from service_requests r where r.assigned_org_id = ${organizations.id} and r.status in ('dispatched', 'accepted', 'serving'))`,
    })
    .from(organizations)
    .leftJoin(regions, eq(regions.code, organizations.regionCode))
    .where(and(eq(organizations.status, 'active'), inRegionSubtree(organizations.regionCode, regionPath)))
    .limit(200);
}

export async function dueBefore(db: DbOrTx, now: Date) {
  return db.select().from(serviceRequests).where(and(eq(serviceRequests.status, 'ordered'), lt(serviceRequests.dispatchDueAt, now))).limit(100);
}
