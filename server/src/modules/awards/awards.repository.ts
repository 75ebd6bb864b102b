import { and, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { activities, awardCampaigns, awardNominations, awardVotes, certificates, organizations, regions, users, volunteerProfiles } from '../../db/schema/index';
import { escapeLike, inRegionSubtree } from '../regions/index';

/** The only database access of modules/awards (it writes the award_* tables and reads people, organisations, activities). */

export type CampaignRow = typeof awardCampaigns.$inferSelect;
export type NominationRow = typeof awardNominations.$inferSelect;

const under = (path: string) => escapeLike(path) + '%';

// ——— campaigns ———

export async function insertCampaign(db: DbOrTx, row: typeof awardCampaigns.$inferInsert): Promise<CampaignRow> {
  const [r] = await db.insert(awardCampaigns).values(row).returning();
  return r!;
}

export async function findCampaign(db: DbOrTx, id: string, lock = false): Promise<CampaignRow | undefined> {
  const q = db.select().from(awardCampaigns).where(eq(awardCampaigns.id, id)).limit(1);
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function updateCampaign(db: DbOrTx, id: string, set: Partial<typeof awardCampaigns.$inferInsert>): Promise<CampaignRow> {
  const [r] = await db.update(awardCampaigns).set(set).where(eq(awardCampaigns.id, id)).returning();
  return r!;
}

/** Campaigns a region's people take part in: those of the region's subtree and of the regions above it. */
export async function campaignsAround(db: DbOrTx, cityCode: string | null, path: string, limit: number, offset: number) {
  const ancestors = path.split('/').filter(Boolean);
  const where = or(and(cityCode ? eq(awardCampaigns.cityCode, cityCode) : undefined, like(awardCampaigns.regionPath, under(path))), inArray(awardCampaigns.regionCode, ancestors));
  const [items, [count]] = await Promise.all([
    db.select().from(awardCampaigns).where(where).orderBy(desc(awardCampaigns.createdAt)).limit(limit).offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(awardCampaigns).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function regionNames(db: DbOrTx, codes: readonly string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, [...new Set(codes)]));
  return new Map(rows.map((r) => [r.code, r.name]));
}

// ——— the candidates' facts ———

export async function personSubject(db: DbOrTx, userId: string) {
  const [r] = await db
    .select({ id: users.id, name: users.name, regionCode: users.regionCode, regionPath: regions.path, hasProfile: sql<boolean>`${volunteerProfiles.userId} is not null` })
    .from(users)
    .innerJoin(regions, eq(regions.code, users.regionCode))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  return r;
}

export async function orgSubject(db: DbOrTx, orgId: string) {
  const [r] = await db
    .select({ id: organizations.id, name: organizations.name, status: organizations.status, regionCode: organizations.regionCode, regionPath: regions.path, parentId: organizations.parentId })
    .from(organizations)
    .innerJoin(regions, eq(regions.code, organizations.regionCode))
    .where(eq(organizations.id, orgId))
    .limit(1);
  return r;
}

export async function projectSubject(db: DbOrTx, activityId: string) {
  const [r] = await db
    .select({ id: activities.id, name: activities.title, orgId: activities.orgId, status: activities.status, startsAt: activities.startsAt, regionCode: activities.regionCode, regionPath: regions.path })
    .from(activities)
    .innerJoin(regions, eq(regions.code, activities.regionCode))
    .where(eq(activities.id, activityId))
    .limit(1);
  return r;
}

export async function orgNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Who consented to be shown by name in public, among some people. */
export async function publicDisplayOf(db: DbOrTx, userIds: readonly string[]): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await db
    .select({ id: volunteerProfiles.userId })
    .from(volunteerProfiles)
    .where(and(inArray(volunteerProfiles.userId, [...new Set(userIds)]), eq(volunteerProfiles.publicDisplay, true)));
  return new Set(rows.map((r) => r.id));
}

export async function accountCreatedAt(db: DbOrTx, userId: string): Promise<Date | undefined> {
  const [r] = await db.select({ at: users.createdAt }).from(users).where(eq(users.id, userId)).limit(1);
  return r?.at;
}

// ——— nominations ———

export async function insertNomination(db: DbOrTx, row: typeof awardNominations.$inferInsert): Promise<NominationRow> {
  const [r] = await db.insert(awardNominations).values(row).returning();
  return r!;
}

export async function findNomination(db: DbOrTx, id: string, lock = false): Promise<NominationRow | undefined> {
  const q = db.select().from(awardNominations).where(eq(awardNominations.id, id)).limit(1);
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

/** A pending nomination's evidence list (links and files), replaced whole under the row's lock. */
export async function setNominationEvidence(db: DbOrTx, id: string, evidence: unknown[]): Promise<NominationRow> {
  const [r] = await db.update(awardNominations).set({ evidence }).where(eq(awardNominations.id, id)).returning();
  return r!;
}

/** Moves a nomination from one of `from` to a new state; undefined when it was not in one of them. */
export async function transitionNomination(db: DbOrTx, id: string, from: readonly string[], set: Partial<typeof awardNominations.$inferInsert>): Promise<NominationRow | undefined> {
  const [r] = await db
    .update(awardNominations)
    .set(set)
    .where(and(eq(awardNominations.id, id), inArray(awardNominations.status, [...from])))
    .returning();
  return r;
}

export async function listNominations(db: DbOrTx, campaignId: string, f: { orgIds?: readonly string[] | undefined; status?: readonly string[] | undefined; categoryKey?: string | undefined; limit: number; offset: number }) {
  const conds: SQL[] = [eq(awardNominations.campaignId, campaignId)];
  if (f.orgIds) conds.push(f.orgIds.length ? inArray(awardNominations.nominatingOrgId, [...f.orgIds]) : sql`false`);
  if (f.status) conds.push(inArray(awardNominations.status, [...f.status]));
  if (f.categoryKey) conds.push(eq(awardNominations.categoryKey, f.categoryKey));
  const where = and(...conds);
  const [items, [count]] = await Promise.all([
    db.select().from(awardNominations).where(where).orderBy(awardNominations.categoryKey, desc(awardNominations.votes), awardNominations.createdAt).limit(f.limit).offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(awardNominations).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function nominationsOf(db: DbOrTx, campaignId: string, ids: readonly string[]): Promise<NominationRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(awardNominations)
    .where(and(eq(awardNominations.campaignId, campaignId), inArray(awardNominations.id, [...ids])));
}

/** At publication: every approved candidate not among the winners is not awarded. */
export async function closeOthers(db: DbOrTx, campaignId: string): Promise<number> {
  const r = await db
    .update(awardNominations)
    .set({ status: 'not_awarded' })
    .where(and(eq(awardNominations.campaignId, campaignId), eq(awardNominations.status, 'approved')))
    .returning({ id: awardNominations.id });
  return r.length;
}

// ——— votes ———

/** One vote; false when the account already voted for the candidate that day (the unique index decides). */
export async function insertVote(db: DbOrTx, row: typeof awardVotes.$inferInsert): Promise<boolean> {
  const r = await db.insert(awardVotes).values(row).onConflictDoNothing({ target: [awardVotes.userId, awardVotes.nominationId, awardVotes.day] }).returning({ id: awardVotes.id });
  return r.length === 1;
}

export async function countVote(db: DbOrTx, nominationId: string, newAccount: boolean): Promise<NominationRow> {
  const [r] = await db
    .update(awardNominations)
    .set(newAccount ? { newAccountVotes: sql`${awardNominations.newAccountVotes} + 1` } : { votes: sql`${awardNominations.votes} + 1` })
    .where(eq(awardNominations.id, nominationId))
    .returning();
  return r!;
}

export async function votedOn(db: DbOrTx, userId: string, nominationIds: readonly string[], day: string): Promise<Set<string>> {
  if (!nominationIds.length) return new Set();
  const rows = await db
    .select({ id: awardVotes.nominationId })
    .from(awardVotes)
    .where(and(eq(awardVotes.userId, userId), eq(awardVotes.day, day), inArray(awardVotes.nominationId, [...nominationIds])));
  return new Set(rows.map((r) => r.id));
}

// ——— the honour wall and the record ———

export async function awardedAround(db: DbOrTx, cityCode: string | null, path: string, limit: number, offset: number) {
  // by where the honoured live or work: a district's wall shows the city's awards won in the district
  const where = and(eq(awardNominations.status, 'awarded'), cityCode ? eq(awardNominations.cityCode, cityCode) : undefined, inRegionSubtree(awardNominations.regionCode, path));
  const [items, [count]] = await Promise.all([
    db
      .select({ n: awardNominations, campaign: awardCampaigns })
      .from(awardNominations)
      .innerJoin(awardCampaigns, eq(awardCampaigns.id, awardNominations.campaignId))
      .where(where)
      .orderBy(desc(awardNominations.awardedAt), awardNominations.categoryKey, awardNominations.id)
      .limit(limit)
      .offset(offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(awardNominations)
      .innerJoin(awardCampaigns, eq(awardCampaigns.id, awardNominations.campaignId))
      .where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function awardsOfPerson(db: DbOrTx, userId: string, limit: number, offset: number) {
  const where = and(eq(awardNominations.subjectId, userId), eq(awardNominations.status, 'awarded'), eq(awardNominations.kind, 'volunteer'));
  const [items, [count]] = await Promise.all([
    db
      .select({ n: awardNominations, campaign: awardCampaigns, certificateNumber: certificates.number })
      .from(awardNominations)
      .innerJoin(awardCampaigns, eq(awardCampaigns.id, awardNominations.campaignId))
      .leftJoin(certificates, eq(certificates.id, awardNominations.certificateId))
      .where(where)
      .orderBy(desc(awardNominations.awardedAt))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(awardNominations).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}
