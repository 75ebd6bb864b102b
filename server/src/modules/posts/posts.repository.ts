import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  hardshipEntries,
  organizations,
  personStatusEntries,
  regions,
  users,
  welfareAttendance,
  welfareClosures,
  welfareConfirmations,
  welfareFlags,
  welfareObjections,
  welfarePlacementSteps,
  welfarePlacements,
  welfarePlans,
  welfarePosts,
} from '../../db/schema/index';
import { escapeLike } from '../regions/index';

/** The only database access of modules/posts. */

export type PostRow = typeof welfarePosts.$inferSelect;
export type PlacementRow = typeof welfarePlacements.$inferSelect;
export type StepRow = typeof welfarePlacementSteps.$inferSelect;
export type ObjectionRow = typeof welfareObjections.$inferSelect;
export type AttendanceRow = typeof welfareAttendance.$inferSelect;
export type FlagRow = typeof welfareFlags.$inferSelect;
export type PostWithRegion = PostRow & { regionPath: string; townName: string; supervisorOrgName: string | null };

export function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}
const uuids = (ids: readonly string[]) => sql`${sql.param([...ids])}::uuid[]`;

// ——— posts ———

const town = sql<string>`(select r.name from regions r where r.code = ${welfarePosts.townCode})`;
const postSelect = { p: welfarePosts, regionPath: regions.path, townName: town, supervisorOrgName: organizations.name };
const flatPost = (r: { p: PostRow; regionPath: string; townName: string; supervisorOrgName: string | null }): PostWithRegion => ({ ...r.p, regionPath: r.regionPath, townName: r.townName ?? '', supervisorOrgName: r.supervisorOrgName });

export async function insertPost(db: DbOrTx, row: typeof welfarePosts.$inferInsert): Promise<void> {
  await db.insert(welfarePosts).values(row);
}

export async function updatePost(db: DbOrTx, id: string, set: Partial<typeof welfarePosts.$inferInsert>, fromStatus?: string): Promise<PostRow | undefined> {
  const [r] = await db
    .update(welfarePosts)
    .set(set)
    .where(and(eq(welfarePosts.id, id), fromStatus ? eq(welfarePosts.status, fromStatus) : undefined))
    .returning();
  return r;
}

export async function findPost(db: DbOrTx, id: string): Promise<PostWithRegion | undefined> {
  const [r] = await db
    .select(postSelect)
    .from(welfarePosts)
    .innerJoin(regions, eq(regions.code, welfarePosts.regionCode))
    .leftJoin(organizations, eq(organizations.id, welfarePosts.supervisorOrgId))
    .where(eq(welfarePosts.id, id))
    .limit(1);
  return r ? flatPost(r) : undefined;
}

/** Posts of some region subtrees or supervised by some organisations (a city's posts: a few thousand), newest first. */
export async function listPosts(db: DbOrTx, scope: { paths: readonly string[]; orgIds: readonly string[] }, status: string | undefined, limit: number, offset: number) {
  const parts: SQL[] = scope.paths.map((p) => sql`${regions.path} like ${escapeLike(p) + '%'}`);
  if (scope.orgIds.length) parts.push(sql`${welfarePosts.supervisorOrgId} = any(${uuids(scope.orgIds)})`);
  if (!parts.length) return { items: [], total: 0 };
  const rows = await db
    .select({ ...postSelect, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(welfarePosts)
    .innerJoin(regions, eq(regions.code, welfarePosts.regionCode))
    .leftJoin(organizations, eq(organizations.id, welfarePosts.supervisorOrgId))
    .where(and(sql`(${sql.join(parts, sql` or `)})`, status ? eq(welfarePosts.status, status) : undefined))
    .orderBy(desc(welfarePosts.createdAt))
    .limit(limit)
    .offset(offset);
  return { items: rows.map(flatPost), total: rows[0]?.total ?? 0 };
}

/** Ids and towns of the posts in a region subtree (the report's and the checks' scope). */
export async function postsIn(db: DbOrTx, path: string): Promise<PostWithRegion[]> {
  const rows = await db
    .select(postSelect)
    .from(welfarePosts)
    .innerJoin(regions, eq(regions.code, welfarePosts.regionCode))
    .leftJoin(organizations, eq(organizations.id, welfarePosts.supervisorOrgId))
    .where(sql`${regions.path} like ${escapeLike(path) + '%'}`)
    .orderBy(asc(welfarePosts.townCode), asc(welfarePosts.createdAt))
    .limit(20_000);
  return rows.map(flatPost);
}

export async function placedCounts(db: DbOrTx, postIds: readonly string[]): Promise<Map<string, number>> {
  if (!postIds.length) return new Map();
  const rows = await db
    .select({ postId: welfarePlacements.postId, n: sql<number>`count(*)::int` })
    .from(welfarePlacements)
    .where(and(inArray(welfarePlacements.postId, [...postIds]), eq(welfarePlacements.status, 'active')))
    .groupBy(welfarePlacements.postId);
  return new Map(rows.map((r) => [r.postId, Number(r.n)]));
}

// ——— plans and progress ———

export async function upsertPlan(db: DbOrTx, row: typeof welfarePlans.$inferInsert) {
  await db
    .insert(welfarePlans)
    .values(row)
    .onConflictDoUpdate({ target: [welfarePlans.regionCode, welfarePlans.year], set: { ruralPlanned: row.ruralPlanned, urbanPlanned: row.urbanPlanned, updatedBy: row.updatedBy, updatedAt: row.updatedAt } });
}

/** Per town of a subtree: the plan of the year, posts by kind, placements active by kind and in procedure. */
export async function progress(db: DbOrTx, cityCode: string, path: string, year: number) {
  const res = await db.execute(sql`
    with towns as (
      select code, name from regions where path like ${escapeLike(path) + '%'} and char_length(code) = 9
    ),
    p as (
      select p.town_code, p.kind, count(*)::int as posts from welfare_posts p where p.city_code = ${cityCode} and p.town_code in (select code from towns) and p.status <> 'closed' group by 1, 2
    ),
    pl as (
      select pl.town_code, p.kind, pl.status, count(*)::int as n from welfare_placements pl join welfare_posts p on p.id = pl.post_id
      where pl.city_code = ${cityCode} and pl.town_code in (select code from towns) and pl.status in ('active', 'in_procedure') group by 1, 2, 3
    )
    select t.code as "regionCode", t.name,
      coalesce(wp.rural_planned, 0)::int as "ruralPlanned", coalesce(wp.urban_planned, 0)::int as "urbanPlanned",
      coalesce((select posts from p where p.town_code = t.code and p.kind = 'rural'), 0)::int as "ruralPosts",
      coalesce((select posts from p where p.town_code = t.code and p.kind = 'urban'), 0)::int as "urbanPosts",
      coalesce((select sum(n) from pl where pl.town_code = t.code and pl.kind = 'rural' and pl.status = 'active'), 0)::int as "placedRural",
      coalesce((select sum(n) from pl where pl.town_code = t.code and pl.kind = 'urban' and pl.status = 'active'), 0)::int as "placedUrban",
      coalesce((select sum(n) from pl where pl.town_code = t.code and pl.status = 'in_procedure'), 0)::int as "inProcedure"
    from towns t left join welfare_plans wp on wp.region_code = t.code and wp.year = ${year}
    where wp.region_code is not null or exists (select 1 from p where p.town_code = t.code)
    order by t.code`);
  return rowsOf<{ regionCode: string; name: string; ruralPlanned: number; urbanPlanned: number; ruralPosts: number; urbanPosts: number; placedRural: number; placedUrban: number; inProcedure: number }>(res);
}

// ——— hardship register and status lists ———

export async function insertHardship(db: DbOrTx, row: typeof hardshipEntries.$inferInsert): Promise<boolean> {
  const r = await db.insert(hardshipEntries).values(row).onConflictDoNothing().returning({ id: hardshipEntries.id });
  return r.length > 0;
}

export async function listHardship(db: DbOrTx, cityCode: string, path: string, limit: number, offset: number) {
  const rows = await db
    .select({ h: hardshipEntries, name: users.name, idNumberMasked: users.idNumberMasked, regionName: regions.name, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(hardshipEntries)
    .innerJoin(regions, eq(regions.code, hardshipEntries.regionCode))
    .innerJoin(users, eq(users.id, hardshipEntries.userId))
    .where(and(eq(hardshipEntries.cityCode, cityCode), sql`${regions.path} like ${escapeLike(path) + '%'}`))
    .orderBy(desc(hardshipEntries.createdAt))
    .limit(limit)
    .offset(offset);
  return { items: rows, total: rows[0]?.total ?? 0 };
}

/** The person's active hardship entries (a handful at most). */
export async function hardshipOf(db: DbOrTx, userId: string) {
  return db
    .select({ h: hardshipEntries, regionPath: regions.path })
    .from(hardshipEntries)
    .innerJoin(regions, eq(regions.code, hardshipEntries.regionCode))
    .where(and(eq(hardshipEntries.userId, userId), eq(hardshipEntries.status, 'active')));
}

export async function insertStatusEntries(db: DbOrTx, rows: Array<typeof personStatusEntries.$inferInsert>): Promise<number> {
  if (!rows.length) return 0;
  const r = await db.insert(personStatusEntries).values(rows).onConflictDoNothing().returning({ id: personStatusEntries.id });
  return r.length;
}

export async function countPlacedByHash(db: DbOrTx, hashes: readonly string[]): Promise<number> {
  if (!hashes.length) return 0;
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(welfarePlacements)
    .where(and(inArray(welfarePlacements.idHash, [...hashes]), inArray(welfarePlacements.status, ['in_procedure', 'active'])));
  return Number(r?.n ?? 0);
}

// ——— placements and steps ———

/** Inserts a placement; false when the person already has an open one (the partial unique index). */
export async function insertPlacement(db: DbOrTx, row: typeof welfarePlacements.$inferInsert): Promise<boolean> {
  const r = await db.insert(welfarePlacements).values(row).onConflictDoNothing().returning({ id: welfarePlacements.id });
  return r.length > 0;
}

export async function findPlacement(db: DbOrTx, id: string): Promise<PlacementRow | undefined> {
  const [r] = await db.select().from(welfarePlacements).where(eq(welfarePlacements.id, id)).limit(1);
  return r;
}

export async function openPlacementOf(db: DbOrTx, userId: string): Promise<PlacementRow | undefined> {
  const [r] = await db
    .select()
    .from(welfarePlacements)
    .where(and(eq(welfarePlacements.userId, userId), inArray(welfarePlacements.status, ['in_procedure', 'active'])))
    .limit(1);
  return r;
}

/** Compare-and-set: moves a placement on from the step it was at. */
export async function advancePlacement(db: DbOrTx, id: string, fromSeq: number, set: Partial<typeof welfarePlacements.$inferInsert>): Promise<PlacementRow | undefined> {
  const [r] = await db
    .update(welfarePlacements)
    .set(set)
    .where(and(eq(welfarePlacements.id, id), eq(welfarePlacements.lastSeq, fromSeq), eq(welfarePlacements.status, 'in_procedure')))
    .returning();
  return r;
}

export async function setPlacementStatus(db: DbOrTx, id: string, from: readonly string[], set: Partial<typeof welfarePlacements.$inferInsert>): Promise<PlacementRow | undefined> {
  const [r] = await db
    .update(welfarePlacements)
    .set(set)
    .where(and(eq(welfarePlacements.id, id), inArray(welfarePlacements.status, [...from])))
    .returning();
  return r;
}

export async function insertStep(db: DbOrTx, row: typeof welfarePlacementSteps.$inferInsert): Promise<void> {
  await db.insert(welfarePlacementSteps).values(row);
}

export async function stepsOf(db: DbOrTx, placementIds: readonly string[]): Promise<StepRow[]> {
  if (!placementIds.length) return [];
  return db.select().from(welfarePlacementSteps).where(inArray(welfarePlacementSteps.placementId, [...placementIds])).orderBy(asc(welfarePlacementSteps.seq));
}

export async function findStep(db: DbOrTx, placementId: string, stepId: string): Promise<StepRow | undefined> {
  const [r] = await db
    .select()
    .from(welfarePlacementSteps)
    .where(and(eq(welfarePlacementSteps.placementId, placementId), eq(welfarePlacementSteps.id, stepId)))
    .limit(1);
  return r;
}

const placementSelect = { pl: welfarePlacements, workerName: users.name, idNumberMasked: users.idNumberMasked, postTitle: welfarePosts.title };

export async function listPlacements(db: DbOrTx, where: { postIds?: readonly string[]; cityCode?: string; townPrefix?: string; status?: string }, limit: number, offset: number) {
  const conds: SQL[] = [];
  if (where.postIds) {
    if (!where.postIds.length) return { items: [], total: 0 };
    conds.push(inArray(welfarePlacements.postId, [...where.postIds]));
  }
  if (where.status) conds.push(eq(welfarePlacements.status, where.status));
  const rows = await db
    .select({ ...placementSelect, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(welfarePlacements)
    .innerJoin(users, eq(users.id, welfarePlacements.userId))
    .innerJoin(welfarePosts, eq(welfarePosts.id, welfarePlacements.postId))
    .where(and(...conds))
    .orderBy(desc(welfarePlacements.createdAt))
    .limit(limit)
    .offset(offset);
  return { items: rows, total: rows[0]?.total ?? 0 };
}

export async function placementWithNames(db: DbOrTx, id: string) {
  const [r] = await db
    .select(placementSelect)
    .from(welfarePlacements)
    .innerJoin(users, eq(users.id, welfarePlacements.userId))
    .innerJoin(welfarePosts, eq(welfarePosts.id, welfarePlacements.postId))
    .where(eq(welfarePlacements.id, id))
    .limit(1);
  return r;
}

/** Placements of posts active at some time in [from, to] (China days). */
export async function placementsActiveIn(db: DbOrTx, postIds: readonly string[], from: string, to: string) {
  if (!postIds.length) return [];
  return db
    .select({ pl: welfarePlacements, workerName: users.name, idNumberMasked: users.idNumberMasked })
    .from(welfarePlacements)
    .innerJoin(users, eq(users.id, welfarePlacements.userId))
    .where(
      and(
        inArray(welfarePlacements.postId, [...postIds]),
        inArray(welfarePlacements.status, ['active', 'ended']),
        lte(welfarePlacements.startedOn, to),
        sql`(${welfarePlacements.endedOn} is null or ${welfarePlacements.endedOn} >= ${from})`,
      ),
    )
    .orderBy(asc(welfarePlacements.startedOn));
}

// ——— the public notice and objections ———

/** Notices up now or lately (their period and the 30 days after), in a subtree, newest first. */
export async function listNotices(db: DbOrTx, cityCode: string | null, path: string | null, sinceDay: string, limit: number, offset: number) {
  const rows = await db
    .select({ pl: welfarePlacements, post: welfarePosts, workerName: users.name, townName: town, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(welfarePlacements)
    .innerJoin(welfarePosts, eq(welfarePosts.id, welfarePlacements.postId))
    .innerJoin(users, eq(users.id, welfarePlacements.userId))
    .innerJoin(regions, eq(regions.code, welfarePosts.regionCode))
    .where(
      and(
        cityCode ? eq(welfarePlacements.cityCode, cityCode) : undefined,
        path ? sql`${regions.path} like ${escapeLike(path) + '%'}` : undefined,
        gte(welfarePlacements.noticeEndsOn, sinceDay),
        sql`${welfarePlacements.status} <> 'rejected'`,
      ),
    )
    .orderBy(desc(welfarePlacements.noticeStartsOn))
    .limit(limit)
    .offset(offset);
  return { items: rows, total: rows[0]?.total ?? 0 };
}

export async function insertObjection(db: DbOrTx, row: typeof welfareObjections.$inferInsert): Promise<void> {
  await db.insert(welfareObjections).values(row);
}

export async function objectionsOf(db: DbOrTx, placementIds: readonly string[]): Promise<ObjectionRow[]> {
  if (!placementIds.length) return [];
  return db.select().from(welfareObjections).where(inArray(welfareObjections.placementId, [...placementIds])).orderBy(asc(welfareObjections.createdAt));
}

export async function findObjection(db: DbOrTx, id: string): Promise<ObjectionRow | undefined> {
  const [r] = await db.select().from(welfareObjections).where(eq(welfareObjections.id, id)).limit(1);
  return r;
}

export async function reviewObjection(db: DbOrTx, id: string, set: Partial<typeof welfareObjections.$inferInsert>): Promise<ObjectionRow | undefined> {
  const [r] = await db.update(welfareObjections).set(set).where(and(eq(welfareObjections.id, id), eq(welfareObjections.status, 'open'))).returning();
  return r;
}

export async function openObjectionCount(db: DbOrTx, placementId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(welfareObjections).where(and(eq(welfareObjections.placementId, placementId), eq(welfareObjections.status, 'open')));
  return Number(r?.n ?? 0);
}

// ——— attendance, closures, confirmations ———

/** Inserts the day's attendance; a repeat (same placement and day) reads the first. */
export async function insertAttendance(db: DbOrTx, row: typeof welfareAttendance.$inferInsert): Promise<{ row: AttendanceRow; created: boolean }> {
  const [r] = await db.insert(welfareAttendance).values(row).onConflictDoNothing().returning();
  if (r) return { row: r, created: true };
  const [first] = await db
    .select()
    .from(welfareAttendance)
    .where(and(eq(welfareAttendance.placementId, row.placementId), eq(welfareAttendance.day, row.day)))
    .limit(1);
  return { row: first!, created: false };
}

export async function attendanceOfPosts(db: DbOrTx, postIds: readonly string[], from: string, to: string): Promise<AttendanceRow[]> {
  if (!postIds.length) return [];
  return db
    .select()
    .from(welfareAttendance)
    .where(and(inArray(welfareAttendance.postId, [...postIds]), gte(welfareAttendance.day, from), lte(welfareAttendance.day, to)))
    .orderBy(asc(welfareAttendance.day));
}

export async function attendanceOfPlacement(db: DbOrTx, placementId: string, from: string, to: string): Promise<AttendanceRow[]> {
  return db
    .select()
    .from(welfareAttendance)
    .where(and(eq(welfareAttendance.placementId, placementId), gte(welfareAttendance.day, from), lte(welfareAttendance.day, to)))
    .orderBy(asc(welfareAttendance.day));
}

export async function countPresentToday(db: DbOrTx, postId: string, day: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(welfareAttendance).where(and(eq(welfareAttendance.postId, postId), eq(welfareAttendance.day, day)));
  return Number(r?.n ?? 0);
}

export async function upsertClosure(db: DbOrTx, row: typeof welfareClosures.$inferInsert): Promise<void> {
  await db.insert(welfareClosures).values(row).onConflictDoUpdate({ target: [welfareClosures.postId, welfareClosures.day], set: { reason: row.reason, markedBy: row.markedBy, markedAt: row.markedAt } });
}

export async function closuresOf(db: DbOrTx, postIds: readonly string[], from: string, to: string) {
  if (!postIds.length) return [];
  return db
    .select()
    .from(welfareClosures)
    .where(and(inArray(welfareClosures.postId, [...postIds]), gte(welfareClosures.day, from), lte(welfareClosures.day, to)))
    .orderBy(asc(welfareClosures.day));
}

export async function insertConfirmation(db: DbOrTx, row: typeof welfareConfirmations.$inferInsert): Promise<boolean> {
  const r = await db.insert(welfareConfirmations).values(row).onConflictDoNothing().returning({ postId: welfareConfirmations.postId });
  return r.length > 0;
}

export async function confirmationsOf(db: DbOrTx, postIds: readonly string[], month: string) {
  if (!postIds.length) return [];
  return db.select().from(welfareConfirmations).where(and(inArray(welfareConfirmations.postId, [...postIds]), eq(welfareConfirmations.month, month)));
}

// ——— flags ———

/** A finding: new, or its evidence refreshed while still open; a reviewed one stays as decided. */
export async function upsertFlag(db: DbOrTx, row: typeof welfareFlags.$inferInsert): Promise<boolean> {
  const r = await db
    .insert(welfareFlags)
    .values(row)
    .onConflictDoUpdate({ target: [welfareFlags.postId, welfareFlags.kind, welfareFlags.key], set: { evidence: row.evidence }, setWhere: sql`${welfareFlags.status} = 'open'` })
    .returning({ id: welfareFlags.id, createdAt: welfareFlags.createdAt });
  return !!r[0] && r[0].id === row.id;
}

export async function listFlags(db: DbOrTx, postIds: readonly string[], q: { month?: string | undefined; status?: string | undefined; kind?: string | undefined }, limit: number, offset: number) {
  if (!postIds.length) return { items: [], total: 0 };
  const rows = await db
    .select({ f: welfareFlags, postTitle: welfarePosts.title, workerName: users.name, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(welfareFlags)
    .innerJoin(welfarePosts, eq(welfarePosts.id, welfareFlags.postId))
    .leftJoin(users, eq(users.id, welfareFlags.userId))
    .where(
      and(
        inArray(welfareFlags.postId, [...postIds]),
        q.month ? eq(welfareFlags.month, q.month) : undefined,
        q.status ? eq(welfareFlags.status, q.status) : undefined,
        q.kind ? eq(welfareFlags.kind, q.kind) : undefined,
      ),
    )
    .orderBy(desc(welfareFlags.createdAt))
    .limit(limit)
    .offset(offset);
  return { items: rows, total: rows[0]?.total ?? 0 };
}

export async function findFlag(db: DbOrTx, id: string): Promise<FlagRow | undefined> {
  const [r] = await db.select().from(welfareFlags).where(eq(welfareFlags.id, id)).limit(1);
  return r;
}

export async function reviewFlag(db: DbOrTx, id: string, set: Partial<typeof welfareFlags.$inferInsert>): Promise<FlagRow | undefined> {
  const [r] = await db.update(welfareFlags).set(set).where(and(eq(welfareFlags.id, id), eq(welfareFlags.status, 'open'))).returning();
  return r;
}

export async function flagCounts(db: DbOrTx, postIds: readonly string[], month: string) {
  if (!postIds.length) return [];
  return db
    .select({ postId: welfareFlags.postId, placementId: welfareFlags.placementId, open: sql<number>`count(*) filter (where ${welfareFlags.status} = 'open')::int`, closed: sql<number>`count(*) filter (where ${welfareFlags.status} <> 'open')::int` })
    .from(welfareFlags)
    .where(and(inArray(welfareFlags.postId, [...postIds]), eq(welfareFlags.month, month)))
    .groupBy(welfareFlags.postId, welfareFlags.placementId);
}

// ——— the checks' queries (each by an index: posts' attendance by day, devices by city and day, hashes) ———

/** Attendance of the month on the same device by two or more workers on one day (in the city). */
export async function sharedDevices(db: DbOrTx, cityCode: string, from: string, to: string) {
  const res = await db.execute(sql`
    select a.id, a.post_id as "postId", a.placement_id as "placementId", a.user_id as "userId", a.day::text as day, a.device_id as "deviceId", u.name, p.title
    from welfare_attendance a
    join users u on u.id = a.user_id
    join welfare_posts p on p.id = a.post_id
    where a.city_code = ${cityCode} and a.day between ${from} and ${to} and a.device_id is not null
      and exists (select 1 from welfare_attendance b where b.city_code = a.city_code and b.day = a.day and b.device_id = a.device_id and b.user_id <> a.user_id)
    order by a.day, a.device_id`);
  return rowsOf<{ id: string; postId: string; placementId: string; userId: string; day: string; deviceId: string; name: string; title: string }>(res);
}

/** Pairs of placements of the same person (ID hash) whose periods overlap the month. */
export async function overlappingPlacements(db: DbOrTx, postIds: readonly string[], from: string, to: string) {
  if (!postIds.length) return [];
  const res = await db.execute(sql`
    select a.id as "a", a.post_id as "aPost", a.user_id as "userId", a.started_on::text as "aStart", a.ended_on::text as "aEnd",
           b.id as "b", b.post_id as "bPost", b.started_on::text as "bStart", b.ended_on::text as "bEnd", pb.title as "bTitle"
    from welfare_placements a
    join welfare_placements b on b.id_hash = a.id_hash and b.id <> a.id
    join welfare_posts pb on pb.id = b.post_id
    where a.post_id = any(${uuids(postIds)}) and a.id_hash is not null
      and a.started_on is not null and b.started_on is not null
      and a.status in ('active','ended') and b.status in ('active','ended')
      and a.started_on <= ${to} and coalesce(a.ended_on, '2099-12-31') >= ${from}
      and b.started_on <= coalesce(a.ended_on, '2099-12-31') and coalesce(b.ended_on, '2099-12-31') >= a.started_on
      and greatest(a.started_on, b.started_on) <= ${to} and least(coalesce(a.ended_on, '2099-12-31'), coalesce(b.ended_on, '2099-12-31')) >= ${from}`);
  return rowsOf<{ a: string; aPost: string; userId: string; aStart: string; aEnd: string | null; b: string; bPost: string; bStart: string; bEnd: string | null; bTitle: string }>(res);
}

/** Placements of the posts whose person is on an imported list (deceased, moved) dated before the month's end while the placement ran. */
export async function listedPlacements(db: DbOrTx, postIds: readonly string[], from: string, to: string) {
  if (!postIds.length) return [];
  const res = await db.execute(sql`
    select pl.id as "placementId", pl.post_id as "postId", pl.user_id as "userId", s.id as "entryId", s.status, s.status_date::text as "statusDate", s.source,
      (select count(*)::int from welfare_attendance a where a.placement_id = pl.id and a.day >= s.status_date and a.day between ${from} and ${to}) as "daysAfter"
    from welfare_placements pl
    join person_status_entries s on s.id_hash = pl.id_hash
    where pl.post_id = any(${uuids(postIds)}) and pl.status in ('active','ended') and pl.started_on is not null
      and s.status_date <= ${to} and coalesce(pl.ended_on, '2099-12-31') >= greatest(s.status_date, ${from}::date)`);
  return rowsOf<{ placementId: string; postId: string; userId: string; entryId: string; status: 'deceased' | 'moved'; statusDate: string; source: string; daysAfter: number }>(res);
}

/** Attendance on days the post was marked closed. */
export async function attendanceOnClosedDays(db: DbOrTx, postIds: readonly string[], from: string, to: string) {
  if (!postIds.length) return [];
  const res = await db.execute(sql`
    select a.id, a.post_id as "postId", a.placement_id as "placementId", a.user_id as "userId", a.day::text as day, a.source, c.reason
    from welfare_attendance a join welfare_closures c on c.post_id = a.post_id and c.day = a.day
    where a.post_id = any(${uuids(postIds)}) and a.day between ${from} and ${to}`);
  return rowsOf<{ id: string; postId: string; placementId: string; userId: string; day: string; source: string; reason: string }>(res);
}

export async function flagView(db: DbOrTx, id: string) {
  const [r] = await db
    .select({ f: welfareFlags, postTitle: welfarePosts.title, workerName: users.name })
    .from(welfareFlags)
    .innerJoin(welfarePosts, eq(welfarePosts.id, welfareFlags.postId))
    .leftJoin(users, eq(users.id, welfareFlags.userId))
    .where(eq(welfareFlags.id, id))
    .limit(1);
  return r;
}

/** The open flags of some posts in a month (a recompute closes those no longer found). */
export async function openFlagsOf(db: DbOrTx, postIds: readonly string[], month: string): Promise<FlagRow[]> {
  if (!postIds.length) return [];
  return db
    .select()
    .from(welfareFlags)
    .where(and(inArray(welfareFlags.postId, [...postIds]), eq(welfareFlags.month, month), eq(welfareFlags.status, 'open')));
}
