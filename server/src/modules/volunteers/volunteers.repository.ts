import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { cappedCount } from '../../lib/pagination';
import { alias } from 'drizzle-orm/pg-core';
import { consents, regions, users, volunteerProfiles } from '../../db/schema/index';
import type { DbOrTx } from '../../db/client';
import { escapeLike, inRegionSubtree } from '../regions/index';

const registrar = alias(users, 'registrar');

export const profileColumns = {
  userId: users.id,
  volunteerNo: volunteerProfiles.volunteerNo,
  name: users.name,
  sex: users.sex,
  birthDate: users.birthDate,
  idNumberMasked: users.idNumberMasked,
  phone: users.phone,
  regionCode: users.regionCode,
  regionName: regions.name,
  regionPath: regions.path,
  skills: volunteerProfiles.skills,
  serviceCategories: volunteerProfiles.serviceCategories,
  availability: volunteerProfiles.availability,
  nationalVolunteerNo: volunteerProfiles.nationalVolunteerNo,
  publicDisplay: volunteerProfiles.publicDisplay,
  guardianName: volunteerProfiles.guardianName,
  guardianPhone: volunteerProfiles.guardianPhone,
  guardianRelation: volunteerProfiles.guardianRelation,
  registeredBy: volunteerProfiles.registeredBy,
  registeredByName: registrar.name,
  consentMethod: volunteerProfiles.consentMethod,
  hasPassword: sql<boolean>`${users.passwordHash} is not null`,
  createdAt: users.createdAt,
};

function profileQuery(db: DbOrTx) {
  return db
    .select(profileColumns)
    .from(users)
    .innerJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
    .leftJoin(regions, eq(regions.code, users.regionCode))
    .leftJoin(registrar, eq(registrar.id, volunteerProfiles.registeredBy));
}

export type ProfileRow = Awaited<ReturnType<typeof findProfile>> & object;

export async function findProfile(db: DbOrTx, userId: string) {
  const [r] = await profileQuery(db).where(eq(users.id, userId)).limit(1);
  return r;
}

export interface VolunteerFilter {
  regionPath: string;
  q?: string | undefined;
  skill?: string | undefined;
  category?: string | undefined;
  onBehalf?: boolean | undefined;
  limit: number;
  offset: number;
}

function filterWhere(f: VolunteerFilter): SQL | undefined {
  const conds: SQL[] = [inRegionSubtree(users.regionCode, f.regionPath)];
  if (f.q) {
    const like = escapeLike(f.q) + '%';
    conds.push(sql`(${users.name} like ${like} or ${users.phone} like ${like} or ${volunteerProfiles.volunteerNo} like ${like})`);
  }
  if (f.skill) conds.push(sql`${f.skill} = any(${volunteerProfiles.skills})`);
  if (f.category) conds.push(sql`${f.category} = any(${volunteerProfiles.serviceCategories})`);
  if (f.onBehalf !== undefined) conds.push(f.onBehalf ? sql`${volunteerProfiles.registeredBy} is not null` : isNull(volunteerProfiles.registeredBy));
  return and(...conds);
}

/**
 * A page of the volunteers a filter shows, newest first (ids are time-ordered, so the primary key
 * walks them without sorting the region). The count is made only when asked (`countUpTo`: a
 * filtered list counts at most that many); an unfiltered region's total comes from its counter.
 */
export async function listProfiles(db: DbOrTx, f: VolunteerFilter & { countUpTo?: number }) {
  const where = filterWhere(f);
  const items = await profileQuery(db).where(where).orderBy(desc(users.id)).limit(f.limit).offset(f.offset);
  if (f.countUpTo === undefined) return { items, total: null };
  const c = await cappedCount(db, sql`from users inner join volunteer_profiles on volunteer_profiles.user_id = users.id where ${where}`, f.countUpTo);
  return { items, ...c };
}

export async function updateProfile(db: DbOrTx, userId: string, set: Partial<typeof volunteerProfiles.$inferInsert>) {
  await db.update(volunteerProfiles).set(set).where(eq(volunteerProfiles.userId, userId));
}

export async function updateUser(db: DbOrTx, userId: string, set: Partial<typeof users.$inferInsert>) {
  await db.update(users).set(set).where(eq(users.id, userId));
}

export async function insertConsent(db: DbOrTx, row: typeof consents.$inferInsert) {
  await db.insert(consents).values(row);
}

export async function withdrawConsents(db: DbOrTx, userId: string, kind: string, at: Date) {
  await db.update(consents).set({ withdrawnAt: at }).where(and(eq(consents.userId, userId), eq(consents.kind, kind), isNull(consents.withdrawnAt)));
}

export async function listConsents(db: DbOrTx, userId: string) {
  return db.select().from(consents).where(eq(consents.userId, userId)).orderBy(desc(consents.grantedAt));
}

export async function regionByName(db: DbOrTx, name: string, underPath: string) {
  return db
    .select({ code: regions.code, path: regions.path })
    .from(regions)
    .where(and(eq(regions.name, name), sql`${regions.path} like ${escapeLike(underPath) + '%'}`))
    .limit(2);
}

export async function findByPhoneAndVolunteerNo(db: DbOrTx, phone: string, volunteerNo: string) {
  const [r] = await db
    .select({ userId: users.id, name: users.name, volunteerNo: volunteerProfiles.volunteerNo })
    .from(users)
    .innerJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
    .where(and(eq(users.phone, phone), eq(volunteerProfiles.volunteerNo, volunteerNo)))
    .limit(1);
  return r;
}
