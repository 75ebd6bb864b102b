import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { certificateCounters, certificateRecords, certificates, starAnnouncements, starLadders, users, volunteerProfiles, volunteerStars } from '../../db/schema/index';
import { inRegionSubtree } from '../regions/index';

/** The only database access of modules/honours. */

export type LadderRow = typeof starLadders.$inferSelect;
export type StarsRow = typeof volunteerStars.$inferSelect;
export type AnnouncementRow = typeof starAnnouncements.$inferSelect;
export type CertificateRow = typeof certificates.$inferSelect;

function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}
const uuids = (ids: readonly string[]) => sql`${sql.param([...ids])}::uuid[]`;

// ——— ladders ———

export function laddersOfCodes(db: DbOrTx, codes: readonly string[]): Promise<LadderRow[]> {
  if (!codes.length) return Promise.resolve([]);
  return db.select().from(starLadders).where(inArray(starLadders.regionCode, [...codes]));
}

export function laddersOfRegion(db: DbOrTx, regionCode: string): Promise<LadderRow[]> {
  return db.select().from(starLadders).where(eq(starLadders.regionCode, regionCode)).orderBy(desc(starLadders.effectiveFrom));
}

export async function upsertLadder(db: DbOrTx, row: typeof starLadders.$inferInsert): Promise<LadderRow> {
  const [r] = await db
    .insert(starLadders)
    .values(row)
    .onConflictDoUpdate({ target: [starLadders.regionCode, starLadders.effectiveFrom], set: { thresholdsHours: row.thresholdsHours, noticeWorkingDays: row.noticeWorkingDays, createdBy: row.createdBy, createdAt: row.createdAt } })
    .returning();
  return r!;
}

// ——— hours ———

/**
 * Adds (sign 1) or takes away (sign -1) the minutes of the given records that count — confirmed or
 * disputed — to their volunteers' totals: one statement for any number of records. Returns the
 * volunteers touched.
 */
export async function addRecordMinutes(db: DbOrTx, recordIds: readonly string[], sign: 1 | -1, now: Date): Promise<string[]> {
  if (!recordIds.length) return [];
  const counted = sql`select volunteer_id, min(city_code) as city_code, sum(minutes)::int as m from service_records
    where id = any(${uuids(recordIds)}) and status in ('confirmed', 'disputed') group by volunteer_id`;
  const res =
    sign > 0
      ? await db.execute(sql`
    insert into volunteer_stars (user_id, city_code, minutes, level, updated_at)
    select volunteer_id, city_code, m, 0, ${now} from (${counted}) d
    on conflict (user_id) do update set minutes = volunteer_stars.minutes + excluded.minutes, updated_at = excluded.updated_at
    returning user_id`)
      : await db.execute(sql`
    update volunteer_stars s set minutes = s.minutes - d.m, updated_at = ${now} from (${counted}) d
    where s.user_id = d.volunteer_id returning s.user_id`);
  return rowsOf<{ user_id: string }>(res).map((r) => r.user_id);
}

export interface PersonStars {
  userId: string;
  cityCode: string;
  regionCode: string;
  regionPath: string | null;
  minutes: number;
  level: number;
}

/** The totals, levels and regions of some volunteers (locked for the caller's transaction). */
export async function starsOf(db: DbOrTx, userIds: readonly string[], lock = false): Promise<PersonStars[]> {
  if (!userIds.length) return [];
  const res = await db.execute(sql`
    select s.user_id, s.city_code, s.minutes, s.level, u.region_code, r.path
    from volunteer_stars s join users u on u.id = s.user_id left join regions r on r.code = u.region_code
    where s.user_id = any(${uuids(userIds)}) order by s.user_id ${lock ? sql`for update of s` : sql``}`);
  return rowsOf<Record<string, unknown>>(res).map((r) => ({
    userId: r.user_id as string,
    cityCode: r.city_code as string,
    regionCode: r.region_code as string,
    regionPath: (r.path as string | null) ?? null,
    minutes: Number(r.minutes),
    level: Number(r.level),
  }));
}

export async function findStars(db: DbOrTx, userId: string): Promise<StarsRow | undefined> {
  const [r] = await db.select().from(volunteerStars).where(eq(volunteerStars.userId, userId));
  return r;
}

/** Several people's confirmed minutes and level at once (a page of a list): one primary-key lookup each. */
export async function findStarsMany(db: DbOrTx, userIds: readonly string[]): Promise<Map<string, { minutes: number; level: number }>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.select({ userId: volunteerStars.userId, minutes: volunteerStars.minutes, level: volunteerStars.level }).from(volunteerStars).where(inArray(volunteerStars.userId, [...userIds]));
  return new Map(rows.map((r) => [r.userId, { minutes: r.minutes, level: r.level }]));
}

export async function setLevel(db: DbOrTx, userId: string, level: number, now: Date): Promise<void> {
  await db.update(volunteerStars).set({ level, levelSince: now, updatedAt: now }).where(eq(volunteerStars.userId, userId));
}

// ——— announcements ———

export async function pendingAnnouncementsOf(db: DbOrTx, userIds: readonly string[]): Promise<AnnouncementRow[]> {
  if (!userIds.length) return [];
  return db.select().from(starAnnouncements).where(and(inArray(starAnnouncements.userId, [...userIds]), eq(starAnnouncements.status, 'pending')));
}

export async function insertAnnouncement(db: DbOrTx, row: typeof starAnnouncements.$inferInsert): Promise<void> {
  await db.insert(starAnnouncements).values(row);
}

/** Compare-and-set: pending → granted | withdrawn. */
export async function closeAnnouncement(db: DbOrTx, id: string, status: 'granted' | 'withdrawn', now: Date): Promise<AnnouncementRow | undefined> {
  const [r] = await db
    .update(starAnnouncements)
    .set({ status, decidedAt: now })
    .where(and(eq(starAnnouncements.id, id), eq(starAnnouncements.status, 'pending')))
    .returning();
  return r;
}

/** Announcements whose notice has ended (the sweeper's batch), or one person's. */
export function dueAnnouncements(db: DbOrTx, now: Date, opts: { userId?: string; limit: number }) {
  return db
    .select()
    .from(starAnnouncements)
    .where(and(eq(starAnnouncements.status, 'pending'), lte(starAnnouncements.noticeEndsAt, now), opts.userId ? eq(starAnnouncements.userId, opts.userId) : undefined))
    .orderBy(asc(starAnnouncements.noticeEndsAt))
    .limit(opts.limit);
}

/** The public notice board of a region's subtree: pending announcements, with the display consent. */
export async function announcementsInSubtree(db: DbOrTx, cityCode: string | null, regionPath: string, limit: number, offset: number) {
  const where = and(eq(starAnnouncements.status, 'pending'), cityCode ? eq(starAnnouncements.cityCode, cityCode) : undefined, inRegionSubtree(starAnnouncements.regionCode, regionPath));
  const items = await db
    .select({ a: starAnnouncements, name: users.name, publicDisplay: volunteerProfiles.publicDisplay })
    .from(starAnnouncements)
    .innerJoin(users, eq(users.id, starAnnouncements.userId))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, starAnnouncements.userId))
    .where(where)
    .orderBy(desc(starAnnouncements.announcedAt), asc(starAnnouncements.id))
    .limit(limit)
    .offset(offset);
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(starAnnouncements).where(where);
  return { items, total: Number(n?.n ?? 0) };
}

// ——— certificates ———

/** The next number of a city's year: one row per city and year, incremented atomically. */
export async function nextCertificateSeq(db: DbOrTx, cityCode: string, year: number): Promise<number> {
  const [r] = await db
    .insert(certificateCounters)
    .values({ cityCode, year, lastValue: 1 })
    .onConflictDoUpdate({ target: [certificateCounters.cityCode, certificateCounters.year], set: { lastValue: sql`${certificateCounters.lastValue} + 1` } })
    .returning({ v: certificateCounters.lastValue });
  return r!.v;
}

export async function insertCertificate(db: DbOrTx, row: typeof certificates.$inferInsert, recordIds: readonly string[]): Promise<CertificateRow> {
  const [c] = await db.insert(certificates).values(row).returning();
  if (recordIds.length) await db.insert(certificateRecords).values(recordIds.map((recordId) => ({ certificateId: c!.id, recordId, cityCode: row.cityCode })));
  return c!;
}

export async function findCertificate(db: DbOrTx, id: string): Promise<CertificateRow | undefined> {
  const [c] = await db.select().from(certificates).where(eq(certificates.id, id));
  return c;
}

export async function findCertificateByNumber(db: DbOrTx, number: string): Promise<CertificateRow | undefined> {
  const [c] = await db.select().from(certificates).where(eq(certificates.number, number));
  return c;
}

export async function validCardOf(db: DbOrTx, userId: string): Promise<CertificateRow | undefined> {
  const [c] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.kind, 'card'), eq(certificates.status, 'valid')))
    .orderBy(desc(certificates.createdAt))
    .limit(1);
  return c;
}

export async function certificatesOf(db: DbOrTx, userId: string, limit: number, offset: number) {
  const items = await db.select().from(certificates).where(eq(certificates.userId, userId)).orderBy(desc(certificates.createdAt)).limit(limit).offset(offset);
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(certificates).where(eq(certificates.userId, userId));
  return { items, total: Number(n?.n ?? 0) };
}

/** Revokes every valid certificate that counted one of the records; answers those revoked. */
export async function revokeCountingRecords(db: DbOrTx, recordIds: readonly string[], reason: string, now: Date): Promise<CertificateRow[]> {
  if (!recordIds.length) return [];
  return db
    .update(certificates)
    .set({ status: 'revoked', revokedReason: reason, revokedAt: now })
    .where(and(eq(certificates.status, 'valid'), sql`${certificates.id} in (select certificate_id from certificate_records where record_id = any(${uuids(recordIds)}))`))
    .returning();
}

/** The person's confirmed records of a period (China dates) or of one activity, for a certificate. */
export async function countedRecords(db: DbOrTx, userId: string, q: { from: string; to: string } | { activityId: string }) {
  const res = await db.execute(sql`
    select id, service_date, activity_title, content, org_name, minutes from service_records
    where volunteer_id = ${userId} and status in ('confirmed', 'disputed')
      and ${'activityId' in q ? sql`activity_id = ${q.activityId}` : sql`service_date between ${q.from} and ${q.to}`}
    order by started_at, id limit 5001`);
  return rowsOf<{ id: string; service_date: string; activity_title: string; content: string; org_name: string; minutes: number }>(res);
}

export async function personFacts(db: DbOrTx, userId: string) {
  const [p] = await db
    .select({ name: users.name, idNumberMasked: users.idNumberMasked, cityCode: users.cityCode, regionCode: users.regionCode, volunteerNo: volunteerProfiles.volunteerNo })
    .from(users)
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
    .where(eq(users.id, userId));
  return p;
}

export async function revokeCard(db: DbOrTx, id: string, reason: string, now: Date): Promise<void> {
  await db.update(certificates).set({ status: 'revoked', revokedReason: reason, revokedAt: now }).where(and(eq(certificates.id, id), eq(certificates.status, 'valid')));
}

/** Every volunteer's counted minutes recomputed from the records (after a bulk load); levels follow at the next read or change. */
export async function rebuildAllMinutes(db: DbOrTx, now: Date): Promise<number> {
  await db.execute(sql`update volunteer_stars set minutes = 0, updated_at = ${now}`);
  const res = await db.execute(sql`
    insert into volunteer_stars (user_id, city_code, minutes, level, updated_at)
    select volunteer_id, min(city_code), sum(minutes)::int, 0, ${now} from service_records
    where status in ('confirmed', 'disputed') group by volunteer_id
    on conflict (user_id) do update set minutes = excluded.minutes, updated_at = excluded.updated_at
    returning user_id`);
  return rowsOf(res).length;
}
