import { and, asc, desc, eq, inArray, isNull, lt, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  careAssignments,
  careBuildings,
  careCampaigns,
  careGrids,
  careHouseholdMembers,
  careHouseholdReads,
  careHouseholds,
  careHouseholdTags,
  carePlans,
  careVisits,
  pensionDrives,
  pensionItems,
  regions,
  users,
} from '../../db/schema/index';
import { escapeLike } from '../regions/index';

/** The only database access of modules/care. */

export type GridRow = typeof careGrids.$inferSelect;
export type BuildingRow = typeof careBuildings.$inferSelect;
export type AssignmentRow = typeof careAssignments.$inferSelect;
export type HouseholdRow = typeof careHouseholds.$inferSelect;
export type VisitRow = typeof careVisits.$inferSelect;
export type DriveRow = typeof pensionDrives.$inferSelect;
export type PensionItemRow = typeof pensionItems.$inferSelect;

const under = (col: SQL | AnyColumn, paths: readonly string[]) => sql`(${sql.join(paths.map((p) => sql`${col} like ${escapeLike(p) + '%'}`), sql` or `)})`;

// ——— grids, buildings, assignments ———

export async function insertGrid(db: DbOrTx, row: typeof careGrids.$inferInsert) {
  await db.insert(careGrids).values(row);
}
export async function findGrid(db: DbOrTx, id: string) {
  const [r] = await db.select({ g: careGrids, communityPath: regions.path, communityName: regions.name }).from(careGrids).innerJoin(regions, eq(regions.code, careGrids.communityCode)).where(eq(careGrids.id, id)).limit(1);
  return r;
}
export async function gridsOfCommunity(db: DbOrTx, communityCode: string) {
  return db.select({ g: careGrids, communityName: regions.name }).from(careGrids).innerJoin(regions, eq(regions.code, careGrids.communityCode)).where(eq(careGrids.communityCode, communityCode)).orderBy(asc(careGrids.path)).limit(500);
}
export async function gridsByIds(db: DbOrTx, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.select({ g: careGrids, communityName: regions.name }).from(careGrids).innerJoin(regions, eq(regions.code, careGrids.communityCode)).where(inArray(careGrids.id, [...ids])).orderBy(asc(careGrids.path));
}
export async function gridsUnderPaths(db: DbOrTx, paths: readonly string[]) {
  if (!paths.length) return [];
  return db.select({ g: careGrids, communityName: regions.name }).from(careGrids).innerJoin(regions, eq(regions.code, careGrids.communityCode)).where(under(careGrids.path, paths)).orderBy(asc(careGrids.path)).limit(500);
}
export async function gridByName(db: DbOrTx, communityCodes: readonly string[], name: string) {
  if (!communityCodes.length) return undefined;
  const [r] = await db.select().from(careGrids).where(and(inArray(careGrids.communityCode, [...communityCodes]), eq(careGrids.name, name))).limit(1);
  return r;
}

export async function insertBuilding(db: DbOrTx, row: typeof careBuildings.$inferInsert) {
  await db.insert(careBuildings).values(row);
}
export async function findBuilding(db: DbOrTx, id: string) {
  const [r] = await db.select().from(careBuildings).where(eq(careBuildings.id, id)).limit(1);
  return r;
}
export async function buildingsOfGrids(db: DbOrTx, gridIds: readonly string[]) {
  if (!gridIds.length) return [];
  return db
    .select({ b: careBuildings, households: sql<number>`(select count(*) from care_households h where h.building_id = care_buildings.id)`.mapWith(Number) })
    .from(careBuildings)
    .where(inArray(careBuildings.gridId, [...gridIds]))
    .orderBy(asc(careBuildings.name));
}
export async function buildingByName(db: DbOrTx, gridIds: readonly string[], name: string) {
  if (!gridIds.length) return undefined;
  const [r] = await db.select().from(careBuildings).where(and(inArray(careBuildings.gridId, [...gridIds]), eq(careBuildings.name, name))).limit(1);
  return r;
}

export async function insertAssignment(db: DbOrTx, row: typeof careAssignments.$inferInsert) {
  await db.insert(careAssignments).values(row);
}
export async function findAssignment(db: DbOrTx, id: string) {
  const [r] = await db.select().from(careAssignments).where(eq(careAssignments.id, id)).limit(1);
  return r;
}
/** Ends an active assignment (compare-and-set): false when it had already ended. */
export async function endAssignment(db: DbOrTx, id: string, by: string, at: Date, reason: string): Promise<boolean> {
  const r = await db.update(careAssignments).set({ endedAt: at, endedBy: by, endReason: reason }).where(and(eq(careAssignments.id, id), isNull(careAssignments.endedAt))).returning({ id: careAssignments.id });
  return r.length > 0;
}
export async function activeAssignmentsOfGrids(db: DbOrTx, gridIds: readonly string[]) {
  if (!gridIds.length) return [];
  return db
    .select({ a: careAssignments, name: users.name, phone: users.phone })
    .from(careAssignments)
    .innerJoin(users, eq(users.id, careAssignments.userId))
    .where(and(inArray(careAssignments.gridId, [...gridIds]), isNull(careAssignments.endedAt)))
    .orderBy(asc(careAssignments.assignedAt));
}
/** A person's active assignments with the grid's path: their care scope. */
export async function myAssignments(db: DbOrTx, userId: string) {
  return db
    .select({ a: careAssignments, gridPath: careGrids.path, communityCode: careGrids.communityCode })
    .from(careAssignments)
    .innerJoin(careGrids, eq(careGrids.id, careAssignments.gridId))
    .where(and(eq(careAssignments.userId, userId), isNull(careAssignments.endedAt)))
    .limit(200);
}
/** Active assignees of some roles over a building / the grids above a household. */
export async function assigneesFor(db: DbOrTx, h: { buildingId: string | null; gridPath: string | null }) {
  const gridIds = (h.gridPath ?? '').split('/').filter(Boolean);
  const conds: SQL[] = [];
  if (h.buildingId) conds.push(eq(careAssignments.buildingId, h.buildingId));
  if (gridIds.length) conds.push(and(inArray(careAssignments.gridId, gridIds), isNull(careAssignments.buildingId))!);
  if (!conds.length) return [];
  return db.select().from(careAssignments).where(and(isNull(careAssignments.endedAt), sql`(${sql.join(conds, sql` or `)})`)).limit(50);
}

// ——— households ———

export async function insertHousehold(db: DbOrTx, row: typeof careHouseholds.$inferInsert, members: Array<typeof careHouseholdMembers.$inferInsert>, tags: Array<typeof careHouseholdTags.$inferInsert>) {
  await db.insert(careHouseholds).values(row);
  if (members.length) await db.insert(careHouseholdMembers).values(members);
  if (tags.length) await db.insert(careHouseholdTags).values(tags);
}
export async function findHousehold(db: DbOrTx, id: string) {
  const [r] = await db
    .select({ h: careHouseholds, communityPath: regions.path, gridName: careGrids.name, buildingName: careBuildings.name, buildingAddress: careBuildings.address })
    .from(careHouseholds)
    .innerJoin(regions, eq(regions.code, careHouseholds.communityCode))
    .innerJoin(careGrids, eq(careGrids.id, careHouseholds.gridId))
    .innerJoin(careBuildings, eq(careBuildings.id, careHouseholds.buildingId))
    .where(eq(careHouseholds.id, id))
    .limit(1);
  return r;
}
export async function householdIdByRoom(db: DbOrTx, buildingId: string, unit: string, room: string) {
  const [r] = await db.select({ id: careHouseholds.id }).from(careHouseholds).where(and(eq(careHouseholds.buildingId, buildingId), eq(careHouseholds.unit, unit), eq(careHouseholds.room, room))).limit(1);
  return r?.id;
}
export async function replaceTags(db: DbOrTx, householdId: string, rows: Array<typeof careHouseholdTags.$inferInsert>) {
  await db.delete(careHouseholdTags).where(eq(careHouseholdTags.householdId, householdId));
  if (rows.length) await db.insert(careHouseholdTags).values(rows);
}
export async function membersOf(db: DbOrTx, householdIds: readonly string[]) {
  if (!householdIds.length) return [];
  return db.select().from(careHouseholdMembers).where(inArray(careHouseholdMembers.householdId, [...householdIds])).orderBy(asc(careHouseholdMembers.id));
}
export async function tagsOf(db: DbOrTx, householdIds: readonly string[]) {
  if (!householdIds.length) return [];
  return db.select().from(careHouseholdTags).where(inArray(careHouseholdTags.householdId, [...householdIds])).orderBy(asc(careHouseholdTags.tag));
}

export interface HouseholdScope {
  /** Community codes the actor manages (all of their households). */
  communities?: readonly string[] | undefined;
  /** Community subtrees by region path (a street's or a district's admin). */
  regionPaths?: readonly string[] | undefined;
  gridPaths?: readonly string[] | undefined;
  buildingIds?: readonly string[] | undefined;
}
function scopeCond(s: HouseholdScope, t: { communityCode: AnyColumn; gridPath: AnyColumn; buildingId: AnyColumn }): SQL | undefined {
  const parts: SQL[] = [];
  if (s.regionPaths?.length) parts.push(sql`${t.communityCode} in (select code from regions where ${under(sql`path`, s.regionPaths)})`);
  if (s.gridPaths?.length) parts.push(under(sql`${t.gridPath}`, s.gridPaths));
  if (s.buildingIds?.length) parts.push(inArray(t.buildingId, [...s.buildingIds]));
  if (!parts.length) return undefined;
  return sql`(${sql.join(parts, sql` or `)})`;
}

export async function listHouseholds(db: DbOrTx, s: HouseholdScope, f: { communityCode?: string | undefined; gridPath?: string | undefined; tag?: string | undefined }, limit: number, offset: number) {
  const scope = scopeCond(s, careHouseholds);
  if (!scope) return { items: [], total: 0 };
  const conds: SQL[] = [scope];
  if (f.communityCode) conds.push(eq(careHouseholds.communityCode, f.communityCode));
  if (f.gridPath) conds.push(under(careHouseholds.gridPath, [f.gridPath]));
  if (f.tag) conds.push(sql`exists (select 1 from care_household_tags x where x.household_id = care_households.id and x.tag = ${f.tag})`);
  const rows = await db
    .select({
      h: careHouseholds,
      gridName: careGrids.name,
      buildingName: careBuildings.name,
      nextDue: sql<Date | null>`(select min(v.due_at) from care_visits v where v.household_id = care_households.id and v.status = 'due')`,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(careHouseholds)
    .innerJoin(careGrids, eq(careGrids.id, careHouseholds.gridId))
    .innerJoin(careBuildings, eq(careBuildings.id, careHouseholds.buildingId))
    .where(and(...conds))
    .orderBy(asc(careBuildings.name), asc(careHouseholds.unit), asc(careHouseholds.room))
    .limit(limit)
    .offset(offset);
  return { items: rows, total: rows[0]?.total ?? 0 };
}

export async function insertReads(db: DbOrTx, rows: Array<typeof careHouseholdReads.$inferInsert>) {
  if (rows.length) await db.insert(careHouseholdReads).values(rows);
}
export async function listReads(db: DbOrTx, householdId: string, limit: number, offset: number) {
  const rows = await db
    .select({ r: careHouseholdReads, readerName: users.name, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(careHouseholdReads)
    .innerJoin(users, eq(users.id, careHouseholdReads.readerId))
    .where(eq(careHouseholdReads.householdId, householdId))
    .orderBy(desc(careHouseholdReads.at), desc(careHouseholdReads.id))
    .limit(limit)
    .offset(offset);
  return { items: rows, total: rows[0]?.total ?? 0 };
}

// ——— plans ———

export async function upsertPlan(db: DbOrTx, row: typeof carePlans.$inferInsert) {
  const [r] = await db
    .insert(carePlans)
    .values(row)
    .onConflictDoUpdate({ target: [carePlans.communityCode, carePlans.tag], set: { intervalDays: row.intervalDays, updatedBy: row.updatedBy, updatedAt: row.updatedAt } })
    .returning();
  return r!;
}
export async function plansOf(db: DbOrTx, communityCode: string) {
  return db.select().from(carePlans).where(eq(carePlans.communityCode, communityCode)).orderBy(asc(carePlans.tag));
}
/** The shortest interval among the plans for a household's tags, or null when none applies. */
export async function intervalFor(db: DbOrTx, householdId: string): Promise<number | null> {
  const r = await db.execute(sql`select min(p.interval_days)::int as d from care_household_tags t join care_households h on h.id = t.household_id
    join care_plans p on p.community_code = h.community_code and p.tag = t.tag where t.household_id = ${householdId}`);
  const d = (r as unknown as { rows: Array<{ d: number | null }> }).rows[0]?.d;
  return d ?? null;
}
/** Households of a community with a tag of the plan and no open plan visit. */
export async function householdsWithoutPlanVisit(db: DbOrTx, communityCode: string, tag: string) {
  return db
    .select({ h: careHouseholds })
    .from(careHouseholds)
    .where(and(
      eq(careHouseholds.communityCode, communityCode),
      sql`exists (select 1 from care_household_tags t where t.household_id = care_households.id and t.tag = ${tag})`,
      sql`not exists (select 1 from care_visits v where v.household_id = care_households.id and v.status = 'due' and v.source = 'plan')`,
    ))
    .limit(5000);
}
export async function lastVisitAt(db: DbOrTx, householdId: string): Promise<Date | null> {
  const [r] = await db.select({ at: careVisits.visitedAt }).from(careVisits).where(and(eq(careVisits.householdId, householdId), eq(careVisits.status, 'done'))).orderBy(desc(careVisits.visitedAt)).limit(1);
  return r?.at ?? null;
}

// ——— visits ———

export async function insertVisits(db: DbOrTx, rows: Array<typeof careVisits.$inferInsert>) {
  if (rows.length) await db.insert(careVisits).values(rows).onConflictDoNothing();
}
export async function findVisit(db: DbOrTx, id: string) {
  const [r] = await db.select().from(careVisits).where(eq(careVisits.id, id)).limit(1);
  return r;
}
export async function openVisitsOfHousehold(db: DbOrTx, householdId: string) {
  return db.select().from(careVisits).where(and(eq(careVisits.householdId, householdId), eq(careVisits.status, 'due'))).orderBy(asc(careVisits.dueAt)).limit(50);
}
export async function openVisitsOfItem(db: DbOrTx, itemId: string) {
  return db.select().from(careVisits).where(and(eq(careVisits.pensionItemId, itemId), eq(careVisits.status, 'due'))).limit(10);
}
/** Records a visit on open rows (compare-and-set on status): the ids it closed. */
export async function completeVisits(db: DbOrTx, ids: readonly string[], set: Partial<typeof careVisits.$inferInsert>): Promise<string[]> {
  if (!ids.length) return [];
  const r = await db.update(careVisits).set({ ...set, status: 'done' }).where(and(inArray(careVisits.id, [...ids]), eq(careVisits.status, 'due'))).returning({ id: careVisits.id });
  return r.map((x) => x.id);
}
export async function setVisitRequest(db: DbOrTx, id: string, requestId: string): Promise<boolean> {
  const r = await db.update(careVisits).set({ requestId }).where(and(eq(careVisits.id, id), isNull(careVisits.requestId), eq(careVisits.status, 'done'))).returning({ id: careVisits.id });
  return r.length > 0;
}
export async function visitsOfHousehold(db: DbOrTx, householdId: string, limit = 20) {
  return db.select().from(careVisits).where(eq(careVisits.householdId, householdId)).orderBy(desc(careVisits.dueAt)).limit(limit);
}
/** Open visits in a scope due before `until`, oldest first. */
export async function dueVisits(db: DbOrTx, s: HouseholdScope, until: Date, limit = 200) {
  const scope = scopeCond(s, careVisits);
  if (!scope) return [];
  return db.select().from(careVisits).where(and(eq(careVisits.status, 'due'), lt(careVisits.dueAt, until), scope)).orderBy(asc(careVisits.dueAt)).limit(limit);
}
export async function countDoneSince(db: DbOrTx, visitorId: string, since: Date): Promise<number> {
  const r = await db.execute(sql`select count(*)::int as n from care_visits where visitor_id = ${visitorId} and status = 'done' and visited_at >= ${since.toISOString()}`);
  return Number((r as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0);
}
/** Open visits whose due time is before `before` and whose escalation is below `level`. */
export async function visitsToEscalate(db: DbOrTx, level: number, before: Date, limit = 500) {
  return db.select().from(careVisits).where(and(eq(careVisits.status, 'due'), lt(careVisits.escalationLevel, level), lt(careVisits.dueAt, before))).orderBy(asc(careVisits.dueAt)).limit(limit);
}
export async function raiseEscalation(db: DbOrTx, id: string, from: number, to: number, at: Date): Promise<boolean> {
  const r = await db.update(careVisits).set({ escalationLevel: to, escalatedAt: at }).where(and(eq(careVisits.id, id), eq(careVisits.status, 'due'), eq(careVisits.escalationLevel, from))).returning({ id: careVisits.id });
  return r.length > 0;
}
/** Region admins of a community or of the street above it (not the whole city). */
export async function communityAdmins(db: DbOrTx, communityCode: string): Promise<string[]> {
  const r = await db.execute(sql`select distinct g.user_id from grants g join regions c on c.code = ${communityCode}
    join regions r on r.code = g.region_code where g.role = 'region_admin' and g.revoked_at is null and c.path like r.path || '%' and r.level >= 4 limit 50`);
  return (r as unknown as { rows: Array<{ user_id: string }> }).rows.map((x) => x.user_id);
}
export async function userNames(db: DbOrTx, ids: readonly string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
export async function householdsByIds(db: DbOrTx, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.select({ h: careHouseholds, buildingName: careBuildings.name }).from(careHouseholds).innerJoin(careBuildings, eq(careBuildings.id, careHouseholds.buildingId)).where(inArray(careHouseholds.id, [...ids]));
}

// ——— campaigns ———

export async function insertCampaign(db: DbOrTx, row: typeof careCampaigns.$inferInsert) {
  await db.insert(careCampaigns).values(row);
}
export async function campaignsOf(db: DbOrTx, communityCode: string) {
  return db
    .select({
      c: careCampaigns,
      total: sql<number>`(select count(*) from care_visits v where v.campaign_id = care_campaigns.id)`.mapWith(Number),
      done: sql<number>`(select count(*) from care_visits v where v.campaign_id = care_campaigns.id and v.status = 'done')`.mapWith(Number),
    })
    .from(careCampaigns)
    .where(eq(careCampaigns.communityCode, communityCode))
    .orderBy(desc(careCampaigns.createdAt))
    .limit(100);
}
export async function householdsForCampaign(db: DbOrTx, communityCode: string, f: { tag?: string | undefined; gridPath?: string | undefined }) {
  const conds: SQL[] = [eq(careHouseholds.communityCode, communityCode)];
  if (f.tag) conds.push(sql`exists (select 1 from care_household_tags t where t.household_id = care_households.id and t.tag = ${f.tag})`);
  if (f.gridPath) conds.push(under(careHouseholds.gridPath, [f.gridPath]));
  return db.select().from(careHouseholds).where(and(...conds)).limit(5000);
}

// ——— the pension-authentication drive ———

export async function insertDrive(db: DbOrTx, row: typeof pensionDrives.$inferInsert) {
  await db.insert(pensionDrives).values(row);
}
export async function findDrive(db: DbOrTx, id: string) {
  const [r] = await db.select({ d: pensionDrives, regionPath: regions.path, regionName: regions.name }).from(pensionDrives).innerJoin(regions, eq(regions.code, pensionDrives.regionCode)).where(eq(pensionDrives.id, id)).limit(1);
  return r;
}
export async function drivesUnder(db: DbOrTx, regionPath: string) {
  return db
    .select({ d: pensionDrives, regionName: regions.name, total: sql<number>`(select count(*) from pension_items i where i.drive_id = pension_drives.id)`.mapWith(Number) })
    .from(pensionDrives)
    .innerJoin(regions, eq(regions.code, pensionDrives.regionCode))
    .where(sql`${regions.path} like ${escapeLike(regionPath) + '%'}`)
    .orderBy(desc(pensionDrives.createdAt))
    .limit(100);
}
/** Drives over the regions holding some grids (a grid worker's drives). */
export async function drivesWithItemsUnder(db: DbOrTx, gridPaths: readonly string[]) {
  if (!gridPaths.length) return [];
  return db.selectDistinct({ id: pensionItems.driveId }).from(pensionItems).where(under(pensionItems.gridPath, gridPaths)).limit(20);
}
export async function insertItems(db: DbOrTx, rows: Array<typeof pensionItems.$inferInsert>) {
  for (let i = 0; i < rows.length; i += 500) await db.insert(pensionItems).values(rows.slice(i, i + 500));
}
export async function existingIdKeys(db: DbOrTx, driveId: string, keys: readonly string[]) {
  if (!keys.length) return new Set<string>();
  const rows = await db.select({ k: pensionItems.idKey }).from(pensionItems).where(and(eq(pensionItems.driveId, driveId), inArray(pensionItems.idKey, [...keys])));
  return new Set(rows.map((r) => r.k));
}
export async function findItem(db: DbOrTx, id: string) {
  const [r] = await db.select().from(pensionItems).where(eq(pensionItems.id, id)).limit(1);
  return r;
}
export async function itemsByIds(db: DbOrTx, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.select().from(pensionItems).where(inArray(pensionItems.id, [...ids]));
}
export async function updateItem(db: DbOrTx, id: string, set: Partial<typeof pensionItems.$inferInsert>) {
  await db.update(pensionItems).set(set).where(eq(pensionItems.id, id));
}
export async function listItems(db: DbOrTx, driveId: string, f: { id?: string; status?: string | undefined; gridPaths?: readonly string[] | undefined; gridId?: string | undefined }, limit: number, offset: number) {
  const conds: SQL[] = [eq(pensionItems.driveId, driveId)];
  if (f.id) conds.push(eq(pensionItems.id, f.id));
  if (f.status) conds.push(eq(pensionItems.status, f.status));
  if (f.gridId) conds.push(eq(pensionItems.gridId, f.gridId));
  if (f.gridPaths) {
    if (!f.gridPaths.length) return { items: [], total: 0 };
    conds.push(under(pensionItems.gridPath, f.gridPaths));
  }
  const rows = await db
    .select({ i: pensionItems, regionName: regions.name, gridName: careGrids.name, helperName: users.name, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(pensionItems)
    .innerJoin(regions, eq(regions.code, pensionItems.regionCode))
    .leftJoin(careGrids, eq(careGrids.id, pensionItems.gridId))
    .leftJoin(users, eq(users.id, pensionItems.helpedBy))
    .where(and(...conds))
    .orderBy(asc(pensionItems.id))
    .limit(limit)
    .offset(offset);
  return { items: rows, total: rows[0]?.total ?? 0 };
}
/** The drive residents still open (pending or not yet) in some grids, across drives: a grid worker's list. */
export async function openItemsUnder(db: DbOrTx, gridPaths: readonly string[], limit: number, offset: number) {
  if (!gridPaths.length) return { items: [], total: 0 };
  const rows = await db
    .select({ i: pensionItems, regionName: regions.name, gridName: careGrids.name, helperName: users.name, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(pensionItems)
    .innerJoin(regions, eq(regions.code, pensionItems.regionCode))
    .leftJoin(careGrids, eq(careGrids.id, pensionItems.gridId))
    .leftJoin(users, eq(users.id, pensionItems.helpedBy))
    .where(and(inArray(pensionItems.status, ['pending', 'not_yet']), under(pensionItems.gridPath, gridPaths)))
    .orderBy(asc(pensionItems.status), asc(pensionItems.id))
    .limit(limit)
    .offset(offset);
  return { items: rows, total: rows[0]?.total ?? 0 };
}
export async function countPendingItems(db: DbOrTx, gridPaths: readonly string[]): Promise<number> {
  if (!gridPaths.length) return 0;
  const r = await db.execute(sql`select count(*)::int as n from pension_items where status in ('pending', 'not_yet') and ${under(sql`grid_path`, gridPaths)}`);
  return Number((r as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0);
}
/** The drive's counts by status per region and per grid (one index walk over the drive's items). */
export async function driveCounts(db: DbOrTx, driveId: string) {
  const r = await db.execute(sql`select i.region_code, r.name as region_name, i.grid_id, g.name as grid_name, i.status, count(*)::int as n
    from pension_items i join regions r on r.code = i.region_code left join care_grids g on g.id = i.grid_id
    where i.drive_id = ${driveId} group by i.region_code, r.name, i.grid_id, g.name, i.status`);
  return (r as unknown as { rows: Array<{ region_code: string; region_name: string; grid_id: string | null; grid_name: string | null; status: string; n: number }> }).rows;
}
