import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { orgMemberships, organizations, users, volunteerProfiles } from '../../db/schema/index';
import type { DbOrTx } from '../../db/client';
import { escapeLike } from '../regions/index';

export type MembershipRow = typeof orgMemberships.$inferSelect;

const memberColumns = {
  id: orgMemberships.id,
  orgId: orgMemberships.orgId,
  orgName: organizations.name,
  userId: orgMemberships.userId,
  userName: users.name,
  volunteerNo: volunteerProfiles.volunteerNo,
  idNumberMasked: users.idNumberMasked,
  phone: users.phone,
  role: orgMemberships.role,
  status: orgMemberships.status,
  message: orgMemberships.message,
  reason: orgMemberships.reason,
  createdAt: orgMemberships.createdAt,
  decidedAt: orgMemberships.decidedAt,
};

function memberQuery(db: DbOrTx) {
  return db
    .select(memberColumns)
    .from(orgMemberships)
    .innerJoin(organizations, eq(organizations.id, orgMemberships.orgId))
    .innerJoin(users, eq(users.id, orgMemberships.userId))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, orgMemberships.userId));
}
export type MemberView = Awaited<ReturnType<typeof findMemberView>> & object;

export async function insertMembership(db: DbOrTx, row: typeof orgMemberships.$inferInsert): Promise<MembershipRow> {
  const [m] = await db.insert(orgMemberships).values(row).returning();
  return m!;
}

export async function findMembership(db: DbOrTx, id: string): Promise<MembershipRow | undefined> {
  const [m] = await db.select().from(orgMemberships).where(eq(orgMemberships.id, id)).limit(1);
  return m;
}

export async function findMemberView(db: DbOrTx, id: string) {
  const [m] = await memberQuery(db).where(eq(orgMemberships.id, id)).limit(1);
  return m;
}

/** Compare-and-set transition of one membership. */
export async function transition(db: DbOrTx, id: string, from: string, set: Partial<typeof orgMemberships.$inferInsert>): Promise<MembershipRow | undefined> {
  const [m] = await db.update(orgMemberships).set(set).where(and(eq(orgMemberships.id, id), eq(orgMemberships.status, from))).returning();
  return m;
}

export async function listMembers(db: DbOrTx, f: { orgId: string; status?: string | undefined; q?: string | undefined; limit: number; offset: number }) {
  const conds: SQL[] = [eq(orgMemberships.orgId, f.orgId)];
  if (f.status) conds.push(eq(orgMemberships.status, f.status));
  if (f.q) conds.push(sql`(${users.name} like ${escapeLike(f.q) + '%'} or ${users.phone} like ${escapeLike(f.q) + '%'})`);
  const where = and(...conds);
  const items = await memberQuery(db).where(where).orderBy(desc(orgMemberships.createdAt)).limit(f.limit).offset(f.offset);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(orgMemberships).innerJoin(users, eq(users.id, orgMemberships.userId)).where(where);
  return { items, total: c?.n ?? 0 };
}

export async function listMembershipsOfUser(db: DbOrTx, userId: string) {
  return memberQuery(db).where(eq(orgMemberships.userId, userId)).orderBy(desc(orgMemberships.createdAt)).limit(200);
}

export async function countActiveMembers(db: DbOrTx, orgId: string): Promise<number> {
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(orgMemberships).where(and(eq(orgMemberships.orgId, orgId), eq(orgMemberships.status, 'active')));
  return c?.n ?? 0;
}

export async function findOpenMembership(db: DbOrTx, orgId: string, userId: string): Promise<MembershipRow | undefined> {
  const [m] = await db
    .select()
    .from(orgMemberships)
    .where(and(eq(orgMemberships.orgId, orgId), eq(orgMemberships.userId, userId), sql`${orgMemberships.status} in ('requested', 'invited', 'active')`))
    .limit(1);
  return m;
}

export async function isActiveMember(db: DbOrTx, orgId: string, userId: string): Promise<boolean> {
  const [m] = await db
    .select({ id: orgMemberships.id })
    .from(orgMemberships)
    .where(and(eq(orgMemberships.orgId, orgId), eq(orgMemberships.userId, userId), eq(orgMemberships.status, 'active')))
    .limit(1);
  return !!m;
}
