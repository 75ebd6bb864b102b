import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import { cappedCount } from '../../lib/pagination';
import { activities, attendance, disputes, organizations, regions, serviceRecords, signups, users, volunteerProfiles } from '../../db/schema/index';
import type { DbOrTx } from '../../db/client';
import { insertMany } from '../../db/bulk';
import { preparedPerDb } from '../../db/prepared';
import { escapeLike, inRegionSubtree } from '../regions/index';

export type ActivityRow = typeof activities.$inferSelect;
export type SignupRow = typeof signups.$inferSelect;
export type AttendanceRow = typeof attendance.$inferSelect;
export type RecordRow = typeof serviceRecords.$inferSelect;
export type DisputeRow = typeof disputes.$inferSelect;

const activityView = { activity: activities, orgName: organizations.name, regionName: regions.name };

function activityQuery(db: DbOrTx) {
  return db.select(activityView).from(activities).innerJoin(organizations, eq(organizations.id, activities.orgId)).leftJoin(regions, eq(regions.code, activities.regionCode));
}
export type ActivityView = { activity: ActivityRow; orgName: string; regionName: string | null };

export async function insertActivities(db: DbOrTx, rows: Array<typeof activities.$inferInsert>): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await db.insert(activities).values(rows.slice(i, i + 100));
}

export async function findActivity(db: DbOrTx, id: string, opts: { lock?: boolean } = {}): Promise<ActivityRow | undefined> {
  const q = db.select().from(activities).where(eq(activities.id, id)).limit(1);
  const [a] = opts.lock ? await q.for('update') : await q;
  return a;
}

export async function findActivityView(db: DbOrTx, id: string): Promise<ActivityView | undefined> {
  const [a] = await activityQuery(db).where(eq(activities.id, id)).limit(1);
  return a;
}

export async function updateActivity(db: DbOrTx, id: string, set: Partial<typeof activities.$inferInsert>, expectStatus?: string[]): Promise<ActivityRow | undefined> {
  const conds: SQL[] = [eq(activities.id, id)];
  if (expectStatus) conds.push(inArray(activities.status, expectStatus));
  const [a] = await db.update(activities).set(set).where(and(...conds)).returning();
  return a;
}

export interface ActivityFilter {
  regionPath?: string | undefined;
  status?: string | undefined;
  orgId?: string | undefined;
  category?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  q?: string | undefined;
  signedUpBy?: string | undefined;
  limit: number;
  offset: number;
  order: 'start_asc' | 'start_desc' | 'submitted_asc';
  /** Keyset paging on the start-time orders: rows after this (start, id), walked along the indexes on starts_at. */
  after?: { startsAt: Date; id: string } | undefined;
}

/** `<start ISO>_<id>` of a page's last row: where the next page starts. */
export function cursorOf(a: { startsAt: Date; id: string }): string {
  return `${a.startsAt.toISOString()}_${a.id}`;
}

export function parseCursor(c: string): { startsAt: Date; id: string } {
  const at = c.lastIndexOf('_');
  return { startsAt: new Date(c.slice(0, at)), id: c.slice(at + 1) };
}

export async function listActivities(db: DbOrTx, f: ActivityFilter) {
  const conds: SQL[] = [];
  if (f.regionPath) conds.push(inRegionSubtree(activities.regionCode, f.regionPath));
  if (f.status) conds.push(eq(activities.status, f.status));
  if (f.orgId) conds.push(eq(activities.orgId, f.orgId));
  if (f.category) conds.push(eq(activities.category, f.category));
  if (f.from) conds.push(gte(activities.endsAt, f.from));
  if (f.to) conds.push(lte(activities.startsAt, f.to));
  if (f.q) conds.push(sql`${activities.title} like ${'%' + escapeLike(f.q) + '%'}`);
  if (f.signedUpBy) conds.push(sql`${activities.id} in (select activity_id from signups where user_id = ${f.signedUpBy} and status in ('confirmed', 'waitlisted'))`);
  const where = conds.length ? and(...conds) : undefined;
  const keyset = f.after && f.order !== 'submitted_asc'
    ? f.order === 'start_desc'
      ? sql`(${activities.startsAt}, ${activities.id}) < (${f.after.startsAt.toISOString()}::timestamptz, ${f.after.id}::uuid)`
      : sql`(${activities.startsAt}, ${activities.id}) > (${f.after.startsAt.toISOString()}::timestamptz, ${f.after.id}::uuid)`
    : undefined;
  const order = f.order === 'submitted_asc' ? [asc(activities.submittedAt), asc(activities.id)] : f.order === 'start_desc' ? [desc(activities.startsAt), desc(activities.id)] : [asc(activities.startsAt), asc(activities.id)];
  const [items, count] = await Promise.all([
    activityQuery(db)
      .where(keyset ? and(where, keyset) : where)
      .orderBy(...order)
      .limit(f.limit)
      .offset(keyset ? 0 : f.offset),
    cappedCount(db, sql`from ${activities} ${where ? sql`where ${where}` : sql``}`),
  ]);
  return { items, total: count.total, capped: count.capped };
}

// ——— sign-ups ———

export async function findOpenSignup(db: DbOrTx, activityId: string, userId: string): Promise<SignupRow | undefined> {
  const [s] = await db
    .select()
    .from(signups)
    .where(and(eq(signups.activityId, activityId), eq(signups.userId, userId), inArray(signups.status, ['confirmed', 'waitlisted'])))
    .limit(1);
  return s;
}

export async function insertSignup(db: DbOrTx, row: typeof signups.$inferInsert): Promise<SignupRow> {
  const [s] = await db.insert(signups).values(row).returning();
  return s!;
}

export async function setSignupStatus(db: DbOrTx, id: string, from: string, set: Partial<typeof signups.$inferInsert>): Promise<SignupRow | undefined> {
  const [s] = await db.update(signups).set(set).where(and(eq(signups.id, id), eq(signups.status, from))).returning();
  return s;
}

export async function firstWaitlisted(db: DbOrTx, activityId: string): Promise<SignupRow | undefined> {
  const [s] = await db.select().from(signups).where(and(eq(signups.activityId, activityId), eq(signups.status, 'waitlisted'))).orderBy(asc(signups.createdAt), asc(signups.id)).limit(1);
  return s;
}

export async function waitlistPosition(db: DbOrTx, s: SignupRow): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signups)
    .where(and(eq(signups.activityId, s.activityId), eq(signups.status, 'waitlisted'), sql`(${signups.createdAt}, ${signups.id}) <= (${s.createdAt}, ${s.id})`));
  return r?.n ?? 0;
}

/**
 * One statement takes a place and writes the sign-up: the activity's head count goes up only
 * while there is room (and the row stays locked until the transaction ends), the sign-up is
 * confirmed if a place was taken and waitlisted otherwise, and nothing is written unless the
 * activity is still published. Answers the status, or null when the activity is not published.
 */
export async function insertSignupTakingPlace(
  db: DbOrTx,
  row: { id: string; cityCode: string; activityId: string; userId: string; signedUpBy: string | null; createdAt: Date },
): Promise<'confirmed' | 'waitlisted' | null> {
  const r = await db.execute(sql`
    with claim as (
      update ${activities} set confirmed_count = confirmed_count + 1
      where id = ${row.activityId}::uuid and status = 'published' and confirmed_count < capacity
      returning id
    )
    insert into ${signups} (id, city_code, activity_id, user_id, status, signed_up_by, created_at)
    select ${row.id}::uuid, ${row.cityCode}, a.id, ${row.userId}::uuid,
      case when exists (select 1 from claim) then 'confirmed' else 'waitlisted' end,
      ${row.signedUpBy}::uuid, ${row.createdAt.toISOString()}::timestamptz
    from ${activities} a where a.id = ${row.activityId}::uuid and a.status = 'published'
    returning status`);
  const rows = (r as unknown as { rows: Array<{ status: 'confirmed' | 'waitlisted' }> }).rows;
  return rows[0]?.status ?? null;
}

export async function adjustConfirmed(db: DbOrTx, activityId: string, delta: number): Promise<void> {
  await db.update(activities).set({ confirmedCount: sql`${activities.confirmedCount} + ${delta}` }).where(eq(activities.id, activityId));
}

/** The person's open sign-ups to other activities overlapping the time of the given one. */
export async function overlappingSignups(db: DbOrTx, userId: string, activityId: string) {
  const target = sql`(select t.starts_at, t.ends_at from ${activities} t where t.id = ${activityId})`;
  return db
    .select({ id: activities.id, title: activities.title, startsAt: activities.startsAt, endsAt: activities.endsAt })
    .from(signups)
    .innerJoin(activities, eq(activities.id, signups.activityId))
    .where(
      and(
        eq(signups.userId, userId),
        inArray(signups.status, ['confirmed', 'waitlisted']),
        ne(activities.id, activityId),
        ne(activities.status, 'cancelled'),
        sql`${activities.startsAt} < (select ends_at from ${target} x)`,
        sql`${activities.endsAt} > (select starts_at from ${target} y)`,
      ),
    )
    .limit(1);
}

export async function signupsOf(db: DbOrTx, activityId: string) {
  return db
    .select({ signup: signups, userName: users.name, volunteerNo: volunteerProfiles.volunteerNo })
    .from(signups)
    .innerJoin(users, eq(users.id, signups.userId))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, signups.userId))
    .where(and(eq(signups.activityId, activityId), inArray(signups.status, ['confirmed', 'waitlisted'])))
    .orderBy(asc(signups.createdAt))
    .limit(5000);
}

export async function mySignupStatus(db: DbOrTx, userId: string, activityIds: string[]) {
  if (activityIds.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ activityId: signups.activityId, status: signups.status })
    .from(signups)
    .where(and(eq(signups.userId, userId), inArray(signups.activityId, activityIds), inArray(signups.status, ['confirmed', 'waitlisted'])));
  return new Map(rows.map((r) => [r.activityId, r.status]));
}

// ——— attendance ———

export async function findAttendance(db: DbOrTx, activityId: string, userId: string): Promise<AttendanceRow | undefined> {
  const [a] = await db.select().from(attendance).where(and(eq(attendance.activityId, activityId), eq(attendance.userId, userId))).limit(1);
  return a;
}

/**
 * What a scan needs in one round trip: the activity, the person's attendance if any, and the
 * status of their open sign-up.
 */
export async function checkinState(db: DbOrTx, activityId: string, userId: string) {
  // the busiest read of the platform: built once per database handle, then only executed
  const [r] = await checkinStateQuery(db).execute({ activityId, userId });
  return r;
}

const checkinStateQuery = preparedPerDb((db) => {
  const userId = sql.placeholder('userId');
  return db
    .select({
      activity: activities,
      attendance,
      signupStatus: sql<string | null>`(select s.status from ${signups} s where s.activity_id = ${activities.id} and s.user_id = ${userId} and s.status in ('confirmed', 'waitlisted') limit 1)`,
    })
    .from(activities)
    .leftJoin(attendance, and(eq(attendance.activityId, activities.id), eq(attendance.userId, userId)))
    .where(eq(activities.id, sql.placeholder('activityId')))
    .limit(1)
    .prepare('checkin_state');
});

export interface AttendanceInsert {
  id: string;
  cityCode: string;
  activityId: string;
  userId: string;
  checkinAt: Date;
  checkinLat?: number | null;
  checkinLng?: number | null;
  checkinDistanceMeters?: number | null;
  checkoutAt?: Date | null;
  flags: string[];
  recordedBy?: string | null;
  note?: string | null;
  createdAt: Date;
}

/** Inserts the first check-in; a concurrent repeat loses the race and reads the winner. */
export async function insertAttendance(db: DbOrTx, row: AttendanceInsert): Promise<{ row: AttendanceRow; created: boolean }> {
  const [a] = await insertAttendanceQuery(db).execute({
    checkinLat: null,
    checkinLng: null,
    checkinDistanceMeters: null,
    recordedBy: null,
    note: null,
    ...row,
    // passed as text: drizzle's encoder of a timestamp placeholder does not take null
    checkoutAt: row.checkoutAt ? row.checkoutAt.toISOString() : null,
  });
  if (a) return { row: a, created: true };
  return { row: (await findAttendance(db, row.activityId, row.userId))!, created: false };
}

// the first check-in of each person: a prepared insert (every column a placeholder)
const insertAttendanceQuery = preparedPerDb((db) => {
  const p = (name: keyof AttendanceInsert) => sql.placeholder(name);
  return db
    .insert(attendance)
    .values({
      id: p('id'),
      cityCode: p('cityCode'),
      activityId: p('activityId'),
      userId: p('userId'),
      checkinAt: p('checkinAt'),
      checkinLat: p('checkinLat'),
      checkinLng: p('checkinLng'),
      checkinDistanceMeters: p('checkinDistanceMeters'),
      checkoutAt: sql`${p('checkoutAt')}::timestamptz`,
      flags: p('flags'),
      recordedBy: p('recordedBy'),
      note: p('note'),
      createdAt: p('createdAt'),
    })
    .onConflictDoNothing({ target: [attendance.activityId, attendance.userId] })
    .returning()
    .prepare('insert_attendance');
});

export async function checkoutAttendance(db: DbOrTx, id: string, set: Partial<typeof attendance.$inferInsert>): Promise<AttendanceRow | undefined> {
  const [a] = await db.update(attendance).set(set).where(and(eq(attendance.id, id), isNull(attendance.checkoutAt))).returning();
  return a;
}

export async function attendanceOf(db: DbOrTx, activityId: string) {
  return db.select({ attendance, userName: users.name }).from(attendance).innerJoin(users, eq(users.id, attendance.userId)).where(eq(attendance.activityId, activityId)).limit(5000);
}

export async function attendanceCounts(db: DbOrTx, activityId: string) {
  const [r] = await db
    .select({ checkedIn: sql<number>`count(*)::int`, checkedOut: sql<number>`count(${attendance.checkoutAt})::int` })
    .from(attendance)
    .where(eq(attendance.activityId, activityId));
  return r ?? { checkedIn: 0, checkedOut: 0 };
}

/** Closes attendance left open once check-out has closed (two hours after the end): at the end, flagged. */
export async function autoCloseAttendance(db: DbOrTx, checkoutClosedBefore: Date): Promise<number> {
  const rows = await db.execute(sql`
    update attendance a set checkout_at = act.ends_at, flags = array_append(a.flags, 'auto_closed')
    from activities act
    where a.activity_id = act.id and a.checkout_at is null and act.ends_at < ${checkoutClosedBefore}
    returning a.id`);
  return (rows as unknown as { rows: unknown[] }).rows.length;
}

// ——— service records ———

export async function insertRecord(db: DbOrTx, row: typeof serviceRecords.$inferInsert): Promise<{ row: RecordRow; created: boolean }> {
  const [r] = await db.insert(serviceRecords).values(row).onConflictDoNothing().returning();
  if (r) return { row: r, created: true };
  const [existing] = await db
    .select()
    .from(serviceRecords)
    .where(and(eq(serviceRecords.activityId, row.activityId!), eq(serviceRecords.volunteerId, row.volunteerId), eq(serviceRecords.kind, 'activity')))
    .limit(1);
  return { row: existing!, created: false };
}

export async function insertRequestRecord(db: DbOrTx, row: typeof serviceRecords.$inferInsert): Promise<RecordRow> {
  const [r] = await db.insert(serviceRecords).values(row).returning();
  return r!;
}

export async function findRecord(db: DbOrTx, id: string, opts: { lock?: boolean } = {}): Promise<RecordRow | undefined> {
  const q = db.select().from(serviceRecords).where(eq(serviceRecords.id, id)).limit(1);
  const [r] = opts.lock ? await q.for('update') : await q;
  return r;
}

/** Records by id, in id order. */
/** The records' points, their rows locked until the transaction ends (their credit is about to change). */
export async function lockRecordPoints(db: DbOrTx, ids: readonly string[]): Promise<Array<{ id: string; points: number }>> {
  if (ids.length === 0) return [];
  return db
    .select({ id: serviceRecords.id, points: serviceRecords.points })
    .from(serviceRecords)
    .where(sql`${serviceRecords.id} = any(${sql.param([...ids])}::uuid[])`)
    .orderBy(asc(serviceRecords.id))
    .for('update');
}

export async function recordsByIds(db: DbOrTx, ids: readonly string[]): Promise<RecordRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(serviceRecords)
    .where(sql`${serviceRecords.id} = any(${sql.param([...ids])}::uuid[])`)
    .orderBy(asc(serviceRecords.id));
}

/** Serialises the writing of one person's records (the overlap check of 补录). */
export async function lockPersonRecords(db: DbOrTx, volunteerId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'service-records:' + volunteerId}))`);
}

/** A record of the person (not rejected, not superseded by a correction) whose time overlaps [start, end). */
export async function overlappingRecord(db: DbOrTx, volunteerId: string, start: Date, end: Date): Promise<RecordRow | undefined> {
  const [r] = await db
    .select()
    .from(serviceRecords)
    .where(and(eq(serviceRecords.volunteerId, volunteerId), notInArray(serviceRecords.status, ['rejected', 'corrected']), lt(serviceRecords.startedAt, end), gt(serviceRecords.endedAt, start)))
    .limit(1);
  return r;
}

/** The person's presence at an activity (not left out at settlement) overlapping [start, end): it will be settled as its own record. */
export async function overlappingAttendance(db: DbOrTx, userId: string, start: Date, end: Date) {
  const [a] = await db
    .select({ id: attendance.id, activityId: activities.id, title: activities.title, startsAt: activities.startsAt })
    .from(attendance)
    .innerJoin(activities, eq(activities.id, attendance.activityId))
    .where(
      and(
        eq(attendance.userId, userId),
        sql`${attendance.settleDecision} is distinct from 'exclude'`,
        lt(attendance.checkinAt, end),
        sql`coalesce(${attendance.checkoutAt}, ${activities.endsAt}) > ${start}`,
      ),
    )
    .limit(1);
  return a;
}

/** The person's 补录 (not rejected) of service in a calendar month (`YYYY-MM`). */
export async function countRetroInMonth(db: DbOrTx, volunteerId: string, month: string): Promise<number> {
  const [c] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(serviceRecords)
    .where(and(eq(serviceRecords.volunteerId, volunteerId), eq(serviceRecords.kind, 'retroactive'), ne(serviceRecords.status, 'rejected'), sql`${serviceRecords.serviceDate} like ${month + '-%'}`));
  return c?.n ?? 0;
}

/** A pending 补录 decided: confirmed or rejected, once. */
export async function reviewRecord(db: DbOrTx, id: string, set: { status: 'confirmed' | 'rejected'; reviewedBy: string; reviewedAt: Date; reviewReason: string | null }): Promise<RecordRow | undefined> {
  const [r] = await db.update(serviceRecords).set(set).where(and(eq(serviceRecords.id, id), eq(serviceRecords.status, 'pending_approval'))).returning();
  return r;
}

/** Pending 补录 of some organisations, or of the organisations in some regions, minus those of or by one person. */
export async function listPendingRetro(db: DbOrTx, f: { orgIds?: string[] | undefined; regionPaths?: string[] | undefined; excludeUserId: string; limit: number; offset: number }) {
  const scopes: SQL[] = [];
  if (f.orgIds?.length) scopes.push(inArray(serviceRecords.orgId, f.orgIds));
  for (const p of f.regionPaths ?? []) scopes.push(sql`${serviceRecords.orgId} in (select id from organizations where ${inRegionSubtree(organizations.regionCode, p)})`);
  const where = and(
    eq(serviceRecords.status, 'pending_approval'),
    eq(serviceRecords.kind, 'retroactive'),
    ne(serviceRecords.volunteerId, f.excludeUserId),
    sql`${serviceRecords.createdBy} is distinct from ${f.excludeUserId}`,
    scopes.length ? sql`(${sql.join(scopes, sql` or `)})` : sql`false`,
  );
  return recordPage(db, where, [asc(serviceRecords.createdAt), asc(serviceRecords.id)], f);
}

export async function recordsOfActivity(db: DbOrTx, activityId: string) {
  return db.select().from(serviceRecords).where(and(eq(serviceRecords.activityId, activityId), eq(serviceRecords.kind, 'activity'))).limit(5000);
}

/** The attendance of these people at an activity (a settlement's roster in one read). */
export async function attendanceOfUsers(db: DbOrTx, activityId: string, userIds: readonly string[]): Promise<AttendanceRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select()
    .from(attendance)
    .where(and(eq(attendance.activityId, activityId), inArray(attendance.userId, [...userIds])));
}

/** These people's settlement records of an activity. */
export async function activityRecordsOfUsers(db: DbOrTx, activityId: string, volunteerIds: readonly string[]): Promise<RecordRow[]> {
  if (volunteerIds.length === 0) return [];
  return db
    .select()
    .from(serviceRecords)
    .where(and(eq(serviceRecords.activityId, activityId), inArray(serviceRecords.volunteerId, [...volunteerIds]), eq(serviceRecords.kind, 'activity')));
}

/** Inserts settlement records (one statement); answers those written (a person's existing record is left as it is). */
export async function insertRecords(db: DbOrTx, rows: Array<typeof serviceRecords.$inferInsert>): Promise<RecordRow[]> {
  return recordsByIds(db, await insertMany(db, serviceRecords, rows, { onConflictDoNothing: true }));
}

/** Settlement's explicit decision on a flagged attendance. */
export async function decideAttendance(db: DbOrTx, id: string, set: { settleDecision: 'include' | 'exclude'; settleDecidedBy: string; settleDecisionReason: string | null }): Promise<void> {
  await db.update(attendance).set(set).where(eq(attendance.id, id));
}

export async function markSettled(db: DbOrTx, activityId: string, at: Date): Promise<void> {
  await db.update(activities).set({ settledAt: at, updatedAt: at }).where(and(eq(activities.id, activityId), isNull(activities.settledAt)));
}

/** The credit decided by the ledger's policy, written once right after the record is made. */
export async function setCredit(db: DbOrTx, id: string, creditedMinutes: number, points: number): Promise<RecordRow> {
  const [r] = await db.update(serviceRecords).set({ creditedMinutes, points }).where(eq(serviceRecords.id, id)).returning();
  return r!;
}

/** The credits of many records at once (a settlement's chunk), one statement. */
export async function setCredits(db: DbOrTx, credits: ReadonlyArray<{ id: string; creditedMinutes: number; points: number }>): Promise<RecordRow[]> {
  if (credits.length === 0) return [];
  const values = sql.join(
    credits.map((c) => sql`(${c.id}::uuid, ${c.creditedMinutes}::int, ${c.points}::int)`),
    sql`, `,
  );
  return db
    .update(serviceRecords)
    .set({ creditedMinutes: sql`v.credited_minutes`, points: sql`v.points` })
    .from(sql`(values ${values}) as v(id, credited_minutes, points)`)
    .where(sql`${serviceRecords.id} = v.id`)
    .returning();
}

export async function setRecordStatus(db: DbOrTx, id: string, from: string, to: string): Promise<RecordRow | undefined> {
  const [r] = await db.update(serviceRecords).set({ status: to }).where(and(eq(serviceRecords.id, id), eq(serviceRecords.status, from))).returning();
  return r;
}

export async function listRecords(db: DbOrTx, f: { volunteerId?: string | undefined; orgId?: string | undefined; limit: number; offset: number }) {
  const conds: SQL[] = [];
  if (f.volunteerId) conds.push(eq(serviceRecords.volunteerId, f.volunteerId));
  if (f.orgId) conds.push(eq(serviceRecords.orgId, f.orgId));
  const where = conds.length ? and(...conds) : undefined;
  return recordPage(db, where, [desc(serviceRecords.startedAt), desc(serviceRecords.id)], f);
}

/** A page of records with their volunteers' names, and a total counted up to the cap. */
async function recordPage(db: DbOrTx, where: SQL | undefined, order: SQL[], page: { limit: number; offset: number }) {
  const [items, count] = await Promise.all([
    db
      .select({ record: serviceRecords, volunteerName: users.name })
      .from(serviceRecords)
      .innerJoin(users, eq(users.id, serviceRecords.volunteerId))
      .where(where)
      .orderBy(...order)
      .limit(page.limit)
      .offset(page.offset),
    cappedCount(db, sql`from ${serviceRecords} ${where ? sql`where ${where}` : sql``}`),
  ]);
  return { items, total: count.total, capped: count.capped };
}

// ——— disputes ———

export async function insertDispute(db: DbOrTx, row: typeof disputes.$inferInsert): Promise<DisputeRow> {
  const [d] = await db.insert(disputes).values(row).returning();
  return d!;
}

export async function findDispute(db: DbOrTx, id: string): Promise<DisputeRow | undefined> {
  const [d] = await db.select().from(disputes).where(eq(disputes.id, id)).limit(1);
  return d;
}

export async function answerDispute(db: DbOrTx, id: string, set: Partial<typeof disputes.$inferInsert>): Promise<DisputeRow | undefined> {
  const [d] = await db.update(disputes).set(set).where(and(eq(disputes.id, id), eq(disputes.status, 'open'))).returning();
  return d;
}

export async function listDisputes(db: DbOrTx, f: { orgId?: string | undefined; volunteerId?: string | undefined; communityPaths?: string[] | undefined; status?: string | undefined; limit: number; offset: number }) {
  const conds: SQL[] = [];
  if (f.orgId) conds.push(eq(disputes.orgId, f.orgId));
  if (f.communityPaths) conds.push(isNull(disputes.orgId), sql`(${sql.join(f.communityPaths.map((p) => inRegionSubtree(disputes.regionCode, p)), sql` or `)})`);
  if (f.volunteerId) conds.push(eq(disputes.volunteerId, f.volunteerId));
  if (f.status) conds.push(eq(disputes.status, f.status));
  const where = conds.length ? and(...conds) : undefined;
  const items = await db.select().from(disputes).where(where).orderBy(desc(disputes.createdAt)).limit(f.limit).offset(f.offset);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(disputes).where(where);
  return { items, total: c?.n ?? 0 };
}

/** Activities that ended, are not settled, in an org or region: the settlement deadline list. */
export async function unsettledEnded(db: DbOrTx, f: { orgIds?: string[]; regionPath?: string; now: Date; limit: number; offset: number }) {
  const conds: SQL[] = [eq(activities.status, 'published'), isNull(activities.settledAt), lte(activities.endsAt, f.now)];
  if (f.orgIds) conds.push(inArray(activities.orgId, f.orgIds.length ? f.orgIds : ['00000000-0000-0000-0000-000000000000']));
  if (f.regionPath) conds.push(inRegionSubtree(activities.regionCode, f.regionPath));
  const where = and(...conds);
  const items = await activityQuery(db).where(where).orderBy(asc(activities.endsAt)).limit(f.limit).offset(f.offset);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(activities).where(where);
  return { items, total: c?.n ?? 0 };
}

export async function personBrief(db: DbOrTx, userId: string) {
  const [u] = await db.select({ id: users.id, name: users.name, birthDate: users.birthDate, regionCode: users.regionCode, skills: volunteerProfiles.skills }).from(users).leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id)).where(eq(users.id, userId)).limit(1);
  return u;
}
