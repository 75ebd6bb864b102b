import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { civilityAppeals, civilityBoardEntries, civilityCriteria, civilityHouseholds, civilityRatings, regions, users } from '../../db/schema/index';
import { escapeLike } from '../regions/index';

/** The only database access of modules/civility. */

export type CriteriaRow = typeof civilityCriteria.$inferSelect;
export type HouseholdRow = typeof civilityHouseholds.$inferSelect;
export type RatingRow = typeof civilityRatings.$inferSelect;
export type EntryRow = typeof civilityBoardEntries.$inferSelect;
export type AppealRow = typeof civilityAppeals.$inferSelect;

const under = (paths: readonly string[]) => sql`(${sql.join(paths.map((p) => sql`${regions.path} like ${escapeLike(p) + '%'}`), sql` or `)})`;

// ——— criteria ———

export async function insertCriteria(db: DbOrTx, row: typeof civilityCriteria.$inferInsert): Promise<boolean> {
  const r = await db.insert(civilityCriteria).values(row).onConflictDoNothing().returning({ id: civilityCriteria.id });
  return r.length > 0;
}
export async function findCriteria(db: DbOrTx, id: string) {
  const [r] = await db.select({ c: civilityCriteria, regionPath: regions.path, regionName: regions.name }).from(civilityCriteria).innerJoin(regions, eq(regions.code, civilityCriteria.regionCode)).where(eq(civilityCriteria.id, id)).limit(1);
  return r;
}
/** The criteria of a year that govern a region: its own, else the nearest region above it with a set. */
export async function criteriaFor(db: DbOrTx, regionPath: string, year: number) {
  const codes = regionPath.split('/').filter(Boolean);
  if (!codes.length) return undefined;
  const rows = await db.select({ c: civilityCriteria, regionPath: regions.path, regionName: regions.name }).from(civilityCriteria).innerJoin(regions, eq(regions.code, civilityCriteria.regionCode)).where(and(inArray(civilityCriteria.regionCode, codes), eq(civilityCriteria.year, year)));
  return rows.sort((a, b) => b.regionPath.length - a.regionPath.length)[0];
}

// ——— households ———

export async function insertHousehold(db: DbOrTx, row: typeof civilityHouseholds.$inferInsert) {
  const [r] = await db.insert(civilityHouseholds).values(row).returning();
  return r!;
}
export async function findHousehold(db: DbOrTx, id: string) {
  const [r] = await db.select({ h: civilityHouseholds, regionPath: regions.path, regionName: regions.name }).from(civilityHouseholds).innerJoin(regions, eq(regions.code, civilityHouseholds.regionCode)).where(eq(civilityHouseholds.id, id)).limit(1);
  return r;
}
export async function listHouseholds(db: DbOrTx, paths: readonly string[], limit: number, offset: number) {
  if (!paths.length) return { items: [], total: 0 };
  const rows = await db
    .select({ h: civilityHouseholds, regionName: regions.name, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(civilityHouseholds)
    .innerJoin(regions, eq(regions.code, civilityHouseholds.regionCode))
    .where(under(paths))
    .orderBy(desc(civilityHouseholds.createdAt), desc(civilityHouseholds.id))
    .limit(limit)
    .offset(offset);
  return { items: rows, total: rows[0]?.total ?? 0 };
}

// ——— ratings ———

export async function insertRating(db: DbOrTx, row: typeof civilityRatings.$inferInsert): Promise<boolean> {
  const r = await db.insert(civilityRatings).values(row).onConflictDoNothing().returning({ id: civilityRatings.id });
  return r.length > 0;
}
const ratingCols = { r: civilityRatings, h: civilityHouseholds, regionName: regions.name, regionPath: regions.path, criteriaTitle: civilityCriteria.title, criteriaStars: civilityCriteria.stars };
export type RatingView = { r: RatingRow; h: HouseholdRow; regionName: string; regionPath: string; criteriaTitle: string; criteriaStars: CriteriaRow['stars'] };

function ratingQuery(db: DbOrTx) {
  return db
    .select(ratingCols)
    .from(civilityRatings)
    .innerJoin(civilityHouseholds, eq(civilityHouseholds.id, civilityRatings.householdId))
    .innerJoin(civilityCriteria, eq(civilityCriteria.id, civilityRatings.criteriaId))
    .innerJoin(regions, eq(regions.code, civilityRatings.regionCode));
}
export async function findRating(db: DbOrTx, id: string): Promise<RatingView | undefined> {
  const [r] = await ratingQuery(db).where(eq(civilityRatings.id, id)).limit(1);
  return r;
}
export async function listRatings(db: DbOrTx, paths: readonly string[], year: number | undefined, onlyPublic: boolean, limit: number, offset: number) {
  if (!paths.length) return { items: [], total: 0 };
  const rows = await db
    .select({ ...ratingCols, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(civilityRatings)
    .innerJoin(civilityHouseholds, eq(civilityHouseholds.id, civilityRatings.householdId))
    .innerJoin(civilityCriteria, eq(civilityCriteria.id, civilityRatings.criteriaId))
    .innerJoin(regions, eq(regions.code, civilityRatings.regionCode))
    .where(and(under(paths), year ? eq(civilityRatings.year, year) : undefined, onlyPublic ? eq(civilityRatings.consentPublic, true) : undefined))
    .orderBy(desc(civilityRatings.year), desc(civilityRatings.starCount), asc(civilityRatings.id))
    .limit(limit)
    .offset(offset);
  return { items: rows as RatingView[], total: rows[0]?.total ?? 0 };
}
export async function ratingsOfHead(db: DbOrTx, userId: string): Promise<RatingView[]> {
  return ratingQuery(db).where(eq(civilityHouseholds.headUserId, userId)).orderBy(desc(civilityRatings.year)).limit(50);
}
export async function setConsent(db: DbOrTx, id: string, set: { consentPublic: boolean; consentBy: string; consentAt: Date; consentMethod: string }) {
  await db.update(civilityRatings).set(set).where(eq(civilityRatings.id, id));
}

// ——— the board ———

export async function insertEntry(db: DbOrTx, row: typeof civilityBoardEntries.$inferInsert) {
  const [r] = await db.insert(civilityBoardEntries).values(row).returning();
  return r!;
}
export async function findEntry(db: DbOrTx, id: string) {
  const [r] = await db.select({ e: civilityBoardEntries, regionPath: regions.path, regionName: regions.name }).from(civilityBoardEntries).innerJoin(regions, eq(regions.code, civilityBoardEntries.regionCode)).where(eq(civilityBoardEntries.id, id)).limit(1);
  return r;
}
/** Reviews a pending entry (compare-and-set); false when it was not pending. */
export async function reviewEntry(db: DbOrTx, id: string, set: { reviewStatus: string; reviewedBy: string; reviewedAt: Date; reviewNote: string | null }) {
  const r = await db.update(civilityBoardEntries).set(set).where(and(eq(civilityBoardEntries.id, id), eq(civilityBoardEntries.reviewStatus, 'pending'))).returning({ id: civilityBoardEntries.id });
  return r.length > 0;
}
export async function withdrawEntry(db: DbOrTx, id: string) {
  await db.update(civilityBoardEntries).set({ status: 'withdrawn' }).where(eq(civilityBoardEntries.id, id));
}

const enteredBy = alias(users, 'entered_by_user');
const reviewedBy = alias(users, 'reviewed_by_user');
const entryCols = { e: civilityBoardEntries, regionName: regions.name, enteredByName: enteredBy.name, reviewedByName: reviewedBy.name };
export type EntryView = { e: EntryRow; regionName: string; enteredByName: string; reviewedByName: string | null };

/**
 * Public: active, in its period today, and reviewed by a second person — every black entry and
 * every entry naming someone; a black entry under an open appeal is held back (the SQL is the rule).
 */
export const publicNow = (today: string) =>
  sql`${civilityBoardEntries.status} = 'active' and ${civilityBoardEntries.periodFrom} <= ${today} and ${civilityBoardEntries.periodTo} >= ${today}
      and (${civilityBoardEntries.reviewStatus} = 'approved' or (${civilityBoardEntries.board} = 'red' and ${civilityBoardEntries.subjectName} is null and ${civilityBoardEntries.subjectUserId} is null and ${civilityBoardEntries.subjectHouseholdId} is null and ${civilityBoardEntries.reviewStatus} <> 'rejected'))
      and not exists (select 1 from ${civilityAppeals} a where a.entry_id = ${civilityBoardEntries.id} and a.status = 'open' and ${civilityBoardEntries.board} = 'black')`;

export async function listEntries(db: DbOrTx, paths: readonly string[], o: { today?: string; board?: string }, limit: number, offset: number) {
  if (!paths.length) return { items: [] as EntryView[], total: 0 };
  const rows = await db
    .select({ ...entryCols, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(civilityBoardEntries)
    .innerJoin(regions, eq(regions.code, civilityBoardEntries.regionCode))
    .innerJoin(enteredBy, eq(enteredBy.id, civilityBoardEntries.enteredBy))
    .leftJoin(reviewedBy, eq(reviewedBy.id, civilityBoardEntries.reviewedBy))
    .where(and(under(paths), o.today ? publicNow(o.today) : undefined, o.board ? eq(civilityBoardEntries.board, o.board) : undefined))
    .orderBy(desc(civilityBoardEntries.enteredAt), desc(civilityBoardEntries.id))
    .limit(limit)
    .offset(offset);
  return { items: rows as EntryView[], total: rows[0]?.total ?? 0 };
}
export async function entryView(db: DbOrTx, id: string): Promise<EntryView | undefined> {
  const [r] = await db
    .select(entryCols)
    .from(civilityBoardEntries)
    .innerJoin(regions, eq(regions.code, civilityBoardEntries.regionCode))
    .innerJoin(enteredBy, eq(enteredBy.id, civilityBoardEntries.enteredBy))
    .leftJoin(reviewedBy, eq(reviewedBy.id, civilityBoardEntries.reviewedBy))
    .where(eq(civilityBoardEntries.id, id))
    .limit(1);
  return r;
}
export async function isPublicNow(db: DbOrTx, id: string, today: string): Promise<boolean> {
  const [r] = await db.select({ id: civilityBoardEntries.id }).from(civilityBoardEntries).where(and(eq(civilityBoardEntries.id, id), publicNow(today))).limit(1);
  return !!r;
}
/** Entries naming a person or one of the households they head. */
export async function entriesNaming(db: DbOrTx, userId: string): Promise<EntryView[]> {
  const households = db.select({ id: civilityHouseholds.id }).from(civilityHouseholds).where(eq(civilityHouseholds.headUserId, userId));
  return db
    .select(entryCols)
    .from(civilityBoardEntries)
    .innerJoin(regions, eq(regions.code, civilityBoardEntries.regionCode))
    .innerJoin(enteredBy, eq(enteredBy.id, civilityBoardEntries.enteredBy))
    .leftJoin(reviewedBy, eq(reviewedBy.id, civilityBoardEntries.reviewedBy))
    .where(or(eq(civilityBoardEntries.subjectUserId, userId), inArray(civilityBoardEntries.subjectHouseholdId, households)))
    .orderBy(desc(civilityBoardEntries.enteredAt))
    .limit(50) as Promise<EntryView[]>;
}

// ——— appeals ———

export async function insertAppeal(db: DbOrTx, row: typeof civilityAppeals.$inferInsert): Promise<boolean> {
  const r = await db.insert(civilityAppeals).values(row).onConflictDoNothing().returning({ id: civilityAppeals.id });
  return r.length > 0;
}
export async function findAppeal(db: DbOrTx, id: string) {
  const [r] = await db.select().from(civilityAppeals).where(eq(civilityAppeals.id, id)).limit(1);
  return r;
}
export async function answerAppeal(db: DbOrTx, id: string, set: { status: string; answeredBy: string; answeredAt: Date; answer: string }) {
  const r = await db.update(civilityAppeals).set(set).where(and(eq(civilityAppeals.id, id), eq(civilityAppeals.status, 'open'))).returning({ id: civilityAppeals.id });
  return r.length > 0;
}
export async function appealsOf(db: DbOrTx, entryIds: readonly string[]) {
  if (!entryIds.length) return [];
  return db
    .select({ a: civilityAppeals, appellantName: users.name })
    .from(civilityAppeals)
    .innerJoin(users, eq(users.id, civilityAppeals.appellantUserId))
    .where(inArray(civilityAppeals.entryId, [...entryIds]))
    .orderBy(asc(civilityAppeals.createdAt));
}
export async function findUser(db: DbOrTx, id: string) {
  const [u] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, id)).limit(1);
  return u;
}
