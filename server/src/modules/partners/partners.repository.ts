import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { partnerBenefitCounters, partnerBenefitUses, partnerBenefits, partners, partnerStaff, regions, users } from '../../db/schema/index';
import { escapeLike } from '../regions/index';

/** The only database access of modules/partners. */

export type PartnerRow = typeof partners.$inferSelect;
export type BenefitRow = typeof partnerBenefits.$inferSelect;
export type UseRow = typeof partnerBenefitUses.$inferSelect;
export type PartnerWithRegion = PartnerRow & { regionPath: string; regionName: string };

function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}
const uuids = (ids: readonly string[]) => sql`${sql.param([...ids])}::uuid[]`;
const withRegion = { p: partners, regionPath: regions.path, regionName: regions.name };
const flat = (r: { p: PartnerRow; regionPath: string; regionName: string }): PartnerWithRegion => ({ ...r.p, regionPath: r.regionPath, regionName: r.regionName });
const underAny = (paths: readonly string[]) => sql`(${sql.join(paths.map((p) => sql`${regions.path} like ${escapeLike(p) + '%'}`), sql` or `)})`;

// ——— partners and staff ———

export async function insertPartner(db: DbOrTx, row: typeof partners.$inferInsert): Promise<void> {
  await db.insert(partners).values(row);
}

export async function updatePartner(db: DbOrTx, id: string, set: Partial<typeof partners.$inferInsert>): Promise<void> {
  await db.update(partners).set(set).where(eq(partners.id, id));
}

export async function findPartner(db: DbOrTx, id: string): Promise<PartnerWithRegion | undefined> {
  const [r] = await db.select(withRegion).from(partners).innerJoin(regions, eq(regions.code, partners.regionCode)).where(eq(partners.id, id)).limit(1);
  return r ? flat(r) : undefined;
}

/** Partners in some region subtrees (a city's partners are a few hundred at most), newest first. */
export async function listPartners(db: DbOrTx, paths: readonly string[], limit: number, offset: number) {
  if (!paths.length) return { items: [], total: 0 };
  const rows = await db
    .select({ ...withRegion, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(partners)
    .innerJoin(regions, eq(regions.code, partners.regionCode))
    .where(underAny(paths))
    .orderBy(desc(partners.createdAt))
    .limit(limit)
    .offset(offset);
  return { items: rows.map(flat), total: rows[0]?.total ?? 0 };
}

/** Ids of the partners in some region subtrees (the report's scope). */
export async function partnerIdsIn(db: DbOrTx, paths: readonly string[]): Promise<string[]> {
  if (!paths.length) return [];
  const rows = await db.select({ id: partners.id }).from(partners).innerJoin(regions, eq(regions.code, partners.regionCode)).where(underAny(paths)).limit(1000);
  return rows.map((r) => r.id);
}

export async function partnersOfStaff(db: DbOrTx, userId: string): Promise<PartnerWithRegion[]> {
  const rows = await db
    .select(withRegion)
    .from(partnerStaff)
    .innerJoin(partners, eq(partners.id, partnerStaff.partnerId))
    .innerJoin(regions, eq(regions.code, partners.regionCode))
    .where(eq(partnerStaff.userId, userId))
    .orderBy(asc(partners.name));
  return rows.map(flat);
}

export async function isStaff(db: DbOrTx, partnerId: string, userId: string): Promise<boolean> {
  const [r] = await db.select({ u: partnerStaff.userId }).from(partnerStaff).where(and(eq(partnerStaff.partnerId, partnerId), eq(partnerStaff.userId, userId))).limit(1);
  return !!r;
}

export async function staffOf(db: DbOrTx, partnerIds: readonly string[]) {
  if (!partnerIds.length) return [];
  return db
    .select({ partnerId: partnerStaff.partnerId, userId: partnerStaff.userId, name: users.name, phone: users.phone, createdAt: partnerStaff.createdAt })
    .from(partnerStaff)
    .innerJoin(users, eq(users.id, partnerStaff.userId))
    .where(inArray(partnerStaff.partnerId, [...partnerIds]))
    .orderBy(asc(partnerStaff.createdAt));
}

/** Adds a staff member; false when they already were one. */
export async function addStaff(db: DbOrTx, row: typeof partnerStaff.$inferInsert): Promise<boolean> {
  const r = await db.insert(partnerStaff).values(row).onConflictDoNothing().returning({ u: partnerStaff.userId });
  return r.length > 0;
}

export async function removeStaff(db: DbOrTx, partnerId: string, userId: string): Promise<boolean> {
  const r = await db.delete(partnerStaff).where(and(eq(partnerStaff.partnerId, partnerId), eq(partnerStaff.userId, userId))).returning({ u: partnerStaff.userId });
  return r.length > 0;
}

export async function findUser(db: DbOrTx, id: string) {
  const [u] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, id)).limit(1);
  return u;
}

// ——— benefits ———

export async function benefitCounts(db: DbOrTx, partnerIds: readonly string[]): Promise<Map<string, number>> {
  if (!partnerIds.length) return new Map();
  const rows = await db
    .select({ id: partnerBenefits.partnerId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(partnerBenefits)
    .where(and(inArray(partnerBenefits.partnerId, [...partnerIds]), eq(partnerBenefits.status, 'active')))
    .groupBy(partnerBenefits.partnerId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function insertBenefit(db: DbOrTx, row: typeof partnerBenefits.$inferInsert): Promise<BenefitRow> {
  const [r] = await db.insert(partnerBenefits).values(row).returning();
  return r!;
}

export async function updateBenefit(db: DbOrTx, id: string, set: Partial<typeof partnerBenefits.$inferInsert>): Promise<BenefitRow> {
  const [r] = await db.update(partnerBenefits).set(set).where(eq(partnerBenefits.id, id)).returning();
  return r!;
}

export async function findBenefit(db: DbOrTx, id: string): Promise<BenefitRow | undefined> {
  const [r] = await db.select().from(partnerBenefits).where(eq(partnerBenefits.id, id)).limit(1);
  return r;
}

export function benefitsOf(db: DbOrTx, partnerIds: readonly string[]): Promise<BenefitRow[]> {
  if (!partnerIds.length) return Promise.resolve([]);
  return db.select().from(partnerBenefits).where(inArray(partnerBenefits.partnerId, [...partnerIds])).orderBy(asc(partnerBenefits.minStars), asc(partnerBenefits.createdAt));
}

/** Active partners of the regions on a path (the volunteer's region and those above it). */
export async function partnersOfRegions(db: DbOrTx, codes: readonly string[]): Promise<PartnerWithRegion[]> {
  if (!codes.length) return [];
  const rows = await db
    .select(withRegion)
    .from(partners)
    .innerJoin(regions, eq(regions.code, partners.regionCode))
    .where(and(inArray(partners.regionCode, [...codes]), eq(partners.status, 'active')))
    .orderBy(asc(partners.name))
    .limit(200);
  return rows.map(flat);
}

// ——— the volunteer behind a card (volunteer_profiles, users, volunteer_stars: read only) ———

export interface CardHolder {
  userId: string;
  name: string;
  cityCode: string;
  regionPath: string;
  volunteerNo: string;
  level: number;
}

async function holderWhere(db: DbOrTx, where: ReturnType<typeof sql>): Promise<CardHolder | undefined> {
  const res = await db.execute(sql`
    select u.id, u.name, p.city_code, r.path, p.volunteer_no, coalesce(s.level, 0)::int as level
    from volunteer_profiles p join users u on u.id = p.user_id join regions r on r.code = u.region_code
    left join volunteer_stars s on s.user_id = p.user_id where ${where} limit 1`);
  const [r] = rowsOf<Record<string, unknown>>(res);
  return r ? { userId: r.id as string, name: r.name as string, cityCode: r.city_code as string, regionPath: r.path as string, volunteerNo: r.volunteer_no as string, level: Number(r.level) } : undefined;
}

export function holderByUser(db: DbOrTx, userId: string) {
  return holderWhere(db, sql`p.user_id = ${userId}`);
}
export function holderByVolunteerNo(db: DbOrTx, volunteerNo: string) {
  return holderWhere(db, sql`p.volunteer_no = ${volunteerNo}`);
}

// ——— limits and uses ———

/** Uses of the person in the given periods of the given benefits, by `benefitId:period`. */
export async function countersOf(db: DbOrTx, userId: string, benefitIds: readonly string[], periods: readonly string[]): Promise<Map<string, number>> {
  if (!benefitIds.length) return new Map();
  const rows = await db
    .select({ b: partnerBenefitCounters.benefitId, p: partnerBenefitCounters.period, n: partnerBenefitCounters.uses })
    .from(partnerBenefitCounters)
    .where(and(eq(partnerBenefitCounters.userId, userId), inArray(partnerBenefitCounters.benefitId, [...benefitIds]), inArray(partnerBenefitCounters.period, [...periods])));
  return new Map(rows.map((r) => [`${r.b}:${r.p}`, r.n]));
}

/**
 * Counts one use if the period's uses are below the limit: one statement, the row locked by the
 * insert or the update, so that of two taps at once exactly one passes. Null: the limit is reached.
 */
export async function takeUse(db: DbOrTx, k: { benefitId: string; userId: string; period: string; cityCode: string; limit: number }): Promise<number | null> {
  const r = await db
    .insert(partnerBenefitCounters)
    .values({ benefitId: k.benefitId, userId: k.userId, period: k.period, cityCode: k.cityCode, uses: 1 })
    .onConflictDoUpdate({
      target: [partnerBenefitCounters.benefitId, partnerBenefitCounters.userId, partnerBenefitCounters.period],
      set: { uses: sql`${partnerBenefitCounters.uses} + 1` },
      setWhere: sql`${partnerBenefitCounters.uses} < ${k.limit}`,
    })
    .returning({ uses: partnerBenefitCounters.uses });
  return r[0]?.uses ?? null;
}

export async function insertUse(db: DbOrTx, row: typeof partnerBenefitUses.$inferInsert): Promise<UseRow> {
  const [r] = await db.insert(partnerBenefitUses).values(row).returning();
  return r!;
}

/** A partner's uses of a month, newest first, with the names to show. */
export async function usesOf(db: DbOrTx, partnerId: string, month: string, limit: number, offset: number) {
  const staff = sql<string>`(select name from users where id = ${partnerBenefitUses.staffId})`;
  const rows = await db
    .select({ u: partnerBenefitUses, title: partnerBenefits.title, volunteerName: users.name, staffName: staff, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(partnerBenefitUses)
    .innerJoin(partnerBenefits, eq(partnerBenefits.id, partnerBenefitUses.benefitId))
    .innerJoin(users, eq(users.id, partnerBenefitUses.userId))
    .where(and(eq(partnerBenefitUses.partnerId, partnerId), eq(partnerBenefitUses.month, month)))
    .orderBy(desc(partnerBenefitUses.usedAt))
    .limit(limit)
    .offset(offset);
  return { items: rows, total: rows[0]?.total ?? 0 };
}

export interface ReportRow {
  partnerId: string;
  partnerName: string;
  benefitId: string;
  benefitTitle: string;
  month: string;
  uses: number;
  volunteers: number;
}

/** Uses by partner, benefit and month for some partners and a span of months. */
export async function usesReport(db: DbOrTx, partnerIds: readonly string[], from: string, to: string): Promise<ReportRow[]> {
  if (!partnerIds.length) return [];
  const res = await db.execute(sql`
    select u.partner_id, p.name as partner_name, u.benefit_id, b.title, u.month, count(*)::int as uses, count(distinct u.user_id)::int as volunteers
    from partner_benefit_uses u join partners p on p.id = u.partner_id join partner_benefits b on b.id = u.benefit_id
    where u.partner_id = any(${uuids(partnerIds)}) and u.month between ${from} and ${to}
    group by u.partner_id, p.name, u.benefit_id, b.title, u.month
    order by u.month desc, p.name, b.title`);
  return rowsOf<Record<string, unknown>>(res).map((r) => ({
    partnerId: r.partner_id as string,
    partnerName: r.partner_name as string,
    benefitId: r.benefit_id as string,
    benefitTitle: r.title as string,
    month: String(r.month),
    uses: Number(r.uses),
    volunteers: Number(r.volunteers),
  }));
}
