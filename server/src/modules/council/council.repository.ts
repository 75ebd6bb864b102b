import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { councilDecisions, councilMeetingTopics, councilMeetings, councilSupports, councilTopics, regions, users } from '../../db/schema/index';
import { escapeLike } from '../regions/index';

/** The only database access of modules/council. */

export type TopicRow = typeof councilTopics.$inferSelect;
export type MeetingRow = typeof councilMeetings.$inferSelect;
export type DecisionRow = typeof councilDecisions.$inferSelect;
export type TopicView = { t: TopicRow; regionName: string; regionPath: string; raisedByName: string };

const under = (paths: readonly string[]) => sql`(${sql.join(paths.map((p) => sql`${regions.path} like ${escapeLike(p) + '%'}`), sql` or `)})`;
const topicCols = { t: councilTopics, regionName: regions.name, regionPath: regions.path, raisedByName: users.name };

export async function insertTopic(db: DbOrTx, row: typeof councilTopics.$inferInsert) {
  await db.insert(councilTopics).values(row);
}
export async function findTopic(db: DbOrTx, id: string): Promise<TopicView | undefined> {
  const [r] = await db.select(topicCols).from(councilTopics).innerJoin(regions, eq(regions.code, councilTopics.regionCode)).innerJoin(users, eq(users.id, councilTopics.raisedBy)).where(eq(councilTopics.id, id)).limit(1);
  return r;
}
export async function topicsByIds(db: DbOrTx, ids: readonly string[]): Promise<TopicView[]> {
  if (!ids.length) return [];
  return db.select(topicCols).from(councilTopics).innerJoin(regions, eq(regions.code, councilTopics.regionCode)).innerJoin(users, eq(users.id, councilTopics.raisedBy)).where(inArray(councilTopics.id, [...ids]));
}
/** Topics in region subtrees (or raised by one person), newest first. */
export async function listTopics(db: DbOrTx, o: { paths?: readonly string[]; raisedBy?: string; status?: string }, limit: number, offset: number) {
  if (o.paths && !o.paths.length) return { items: [] as TopicView[], total: 0 };
  const rows = await db
    .select({ ...topicCols, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(councilTopics)
    .innerJoin(regions, eq(regions.code, councilTopics.regionCode))
    .innerJoin(users, eq(users.id, councilTopics.raisedBy))
    .where(and(o.paths ? under(o.paths) : undefined, o.raisedBy ? eq(councilTopics.raisedBy, o.raisedBy) : undefined, o.status ? eq(councilTopics.status, o.status) : undefined))
    .orderBy(desc(councilTopics.createdAt), desc(councilTopics.id))
    .limit(limit)
    .offset(offset);
  return { items: rows as TopicView[], total: rows[0]?.total ?? 0 };
}
/** Moves topics from some statuses to another (compare-and-set); answers the ids moved. */
export async function setTopicStatus(db: DbOrTx, ids: readonly string[], from: readonly string[], to: string, at: Date, extra: Partial<typeof councilTopics.$inferInsert> = {}) {
  if (!ids.length) return [];
  const r = await db.update(councilTopics).set({ status: to, updatedAt: at, ...extra }).where(and(inArray(councilTopics.id, [...ids]), inArray(councilTopics.status, [...from]))).returning({ id: councilTopics.id });
  return r.map((x) => x.id);
}
export async function linkRequest(db: DbOrTx, id: string, requestId: string, at: Date): Promise<boolean> {
  const r = await db.update(councilTopics).set({ requestId, updatedAt: at }).where(and(eq(councilTopics.id, id), sql`${councilTopics.requestId} is null`)).returning({ id: councilTopics.id });
  return r.length > 0;
}

/** One support per account: the primary key decides; the count moves in the same statement's transaction. */
export async function addSupport(db: DbOrTx, row: typeof councilSupports.$inferInsert): Promise<boolean> {
  const r = await db.insert(councilSupports).values(row).onConflictDoNothing().returning({ u: councilSupports.userId });
  if (!r.length) return false;
  await db.update(councilTopics).set({ supportCount: sql`${councilTopics.supportCount} + 1` }).where(eq(councilTopics.id, row.topicId));
  return true;
}
export async function supportedBy(db: DbOrTx, topicIds: readonly string[], userId: string): Promise<Set<string>> {
  if (!topicIds.length) return new Set();
  const rows = await db.select({ id: councilSupports.topicId }).from(councilSupports).where(and(inArray(councilSupports.topicId, [...topicIds]), eq(councilSupports.userId, userId)));
  return new Set(rows.map((r) => r.id));
}

export async function insertMeeting(db: DbOrTx, row: typeof councilMeetings.$inferInsert, topicIds: readonly string[]) {
  await db.insert(councilMeetings).values(row);
  await db.insert(councilMeetingTopics).values(topicIds.map((topicId) => ({ meetingId: row.id, topicId, cityCode: row.cityCode })));
}
export async function findMeeting(db: DbOrTx, id: string) {
  const [r] = await db.select({ m: councilMeetings, regionName: regions.name, regionPath: regions.path }).from(councilMeetings).innerJoin(regions, eq(regions.code, councilMeetings.regionCode)).where(eq(councilMeetings.id, id)).limit(1);
  return r;
}
export async function listMeetings(db: DbOrTx, paths: readonly string[], limit: number, offset: number) {
  if (!paths.length) return { items: [], total: 0 };
  const rows = await db
    .select({ m: councilMeetings, regionName: regions.name, regionPath: regions.path, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(councilMeetings)
    .innerJoin(regions, eq(regions.code, councilMeetings.regionCode))
    .where(under(paths))
    .orderBy(desc(councilMeetings.startsAt), desc(councilMeetings.id))
    .limit(limit)
    .offset(offset);
  return { items: rows, total: rows[0]?.total ?? 0 };
}
export async function holdMeeting(db: DbOrTx, id: string, set: { minutes: string; attendees: number; heldAt: Date }): Promise<boolean> {
  const r = await db.update(councilMeetings).set({ ...set, status: 'held' }).where(and(eq(councilMeetings.id, id), eq(councilMeetings.status, 'scheduled'))).returning({ id: councilMeetings.id });
  return r.length > 0;
}
export async function topicIdsOfMeetings(db: DbOrTx, meetingIds: readonly string[]) {
  if (!meetingIds.length) return [];
  return db.select({ meetingId: councilMeetingTopics.meetingId, topicId: councilMeetingTopics.topicId }).from(councilMeetingTopics).where(inArray(councilMeetingTopics.meetingId, [...meetingIds]));
}
export async function meetingsOfTopics(db: DbOrTx, topicIds: readonly string[]) {
  if (!topicIds.length) return [];
  return db
    .select({ topicId: councilMeetingTopics.topicId, id: councilMeetings.id, title: councilMeetings.title, startsAt: councilMeetings.startsAt, status: councilMeetings.status })
    .from(councilMeetingTopics)
    .innerJoin(councilMeetings, eq(councilMeetings.id, councilMeetingTopics.meetingId))
    .where(inArray(councilMeetingTopics.topicId, [...topicIds]))
    .orderBy(asc(councilMeetings.startsAt));
}

export async function insertDecisions(db: DbOrTx, rows: Array<typeof councilDecisions.$inferInsert>) {
  if (rows.length) await db.insert(councilDecisions).values(rows);
}
export async function decisionsOf(db: DbOrTx, by: { topicIds?: readonly string[]; meetingIds?: readonly string[] }) {
  if (by.topicIds && !by.topicIds.length) return [];
  if (by.meetingIds && !by.meetingIds.length) return [];
  return db
    .select()
    .from(councilDecisions)
    .where(by.topicIds ? inArray(councilDecisions.topicId, [...by.topicIds]) : inArray(councilDecisions.meetingId, [...(by.meetingIds ?? [])]))
    .orderBy(asc(councilDecisions.dueDate), asc(councilDecisions.id));
}
export async function findDecision(db: DbOrTx, id: string) {
  const [r] = await db.select({ d: councilDecisions, regionPath: regions.path }).from(councilDecisions).innerJoin(regions, eq(regions.code, councilDecisions.regionCode)).where(eq(councilDecisions.id, id)).limit(1);
  return r;
}
export async function completeDecision(db: DbOrTx, id: string, at: Date, note: string): Promise<boolean> {
  const r = await db.update(councilDecisions).set({ status: 'done', doneAt: at, doneNote: note }).where(and(eq(councilDecisions.id, id), eq(councilDecisions.status, 'open'))).returning({ id: councilDecisions.id });
  return r.length > 0;
}
export async function openDecisionsLeft(db: DbOrTx, topicId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(councilDecisions).where(and(eq(councilDecisions.topicId, topicId), eq(councilDecisions.status, 'open')));
  return r?.n ?? 0;
}
/** Open decisions past their due day in region subtrees (the partial index on open decisions by due day). */
export async function overdueDecisions(db: DbOrTx, paths: readonly string[], today: string, limit: number, offset: number) {
  if (!paths.length) return { items: [], total: 0 };
  const rows = await db
    .select({ d: councilDecisions, topicTitle: councilTopics.title, regionName: regions.name, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(councilDecisions)
    .innerJoin(councilTopics, eq(councilTopics.id, councilDecisions.topicId))
    .innerJoin(regions, eq(regions.code, councilDecisions.regionCode))
    .where(and(under(paths), eq(councilDecisions.status, 'open'), lt(councilDecisions.dueDate, today)))
    .orderBy(asc(councilDecisions.dueDate), asc(councilDecisions.id))
    .limit(limit)
    .offset(offset);
  return { items: rows, total: rows[0]?.total ?? 0 };
}

/**
 * Claims up to `limit` open decisions past their day whose overdue notice was not sent, marking
 * them told (compare-and-set, skip locked: two sweepers never claim one decision), with what the
 * notice needs: the topic's title and raiser.
 */
export async function claimUntoldOverdue(db: DbOrTx, today: string, at: Date, limit: number) {
  const r = await db.execute(sql`
    update council_decisions d set overdue_notified_at = ${at}
    from council_topics t
    where t.id = d.topic_id and d.id in (
      select id from council_decisions
      where status = 'open' and overdue_notified_at is null and due_date < ${today}
      order by due_date limit ${limit} for update skip locked)
    returning d.id, d.region_code, d.owner_user_id, d.owner_name, d.due_date, d.decision, t.id as topic_id, t.title, t.raised_by`);
  return (r as unknown as { rows: Array<{ id: string; region_code: string; owner_user_id: string | null; owner_name: string; due_date: string; decision: string; topic_id: string; title: string; raised_by: string }> }).rows;
}

/** The region admins holding the decision's community or a region above it down to the street (not the whole city's). */
export async function communityStaff(db: DbOrTx, regionCode: string): Promise<string[]> {
  const r = await db.execute(sql`select distinct g.user_id from grants g join regions c on c.code = ${regionCode}
    join regions r on r.code = g.region_code where g.role = 'region_admin' and g.revoked_at is null and c.path like r.path || '%' and r.level >= 4 limit 50`);
  return (r as unknown as { rows: Array<{ user_id: string }> }).rows.map((x) => x.user_id);
}
