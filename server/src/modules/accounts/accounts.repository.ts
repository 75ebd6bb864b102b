import { and, desc, eq, gt, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { users, personIdentities, sessions, regions, volunteerProfiles, volunteerNoCounters, consents } from '../../db/schema/index';
import type { DbOrTx } from '../../db/client';
import { preparedPerDb } from '../../db/prepared';
import { escapeLike, inRegionSubtree } from '../regions/index';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export const userWithRegion = {
  id: users.id,
  name: users.name,
  phone: users.phone,
  idNumberMasked: users.idNumberMasked,
  birthDate: users.birthDate,
  sex: users.sex,
  regionCode: users.regionCode,
  regionName: regions.name,
  regionPath: regions.path,
  status: users.status,
  createdAt: users.createdAt,
};
export interface UserView {
  id: string;
  name: string;
  phone: string;
  idNumberMasked: string | null;
  birthDate: string | null;
  sex: string | null;
  regionCode: string;
  regionName: string | null;
  regionPath: string | null;
  status: string;
  createdAt: Date;
}

export async function insertUser(db: DbOrTx, row: typeof users.$inferInsert): Promise<void> {
  await db.insert(users).values(row);
}

export async function insertIdentity(db: DbOrTx, row: typeof personIdentities.$inferInsert): Promise<void> {
  await db.insert(personIdentities).values(row);
}

export async function findIdentity(db: DbOrTx, idHash: string) {
  const [r] = await db.select().from(personIdentities).where(eq(personIdentities.idHash, idHash)).limit(1);
  return r;
}

export async function findUserByPhone(db: DbOrTx, phone: string): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(eq(users.phone, phone)).limit(1);
  return u;
}

export async function findUserRow(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return u;
}

export async function findUserView(db: DbOrTx, id: string): Promise<UserView | undefined> {
  const [u] = await db.select(userWithRegion).from(users).leftJoin(regions, eq(regions.code, users.regionCode)).where(eq(users.id, id)).limit(1);
  return u as UserView | undefined;
}

export async function searchUsers(db: DbOrTx, f: { regionPaths: string[]; q?: string | undefined; exactPhone?: string | undefined; limit: number; offset: number }) {
  const conds: SQL[] = [];
  if (f.regionPaths.length) conds.push(sql`(${sql.join(f.regionPaths.map((p) => inRegionSubtree(users.regionCode, p)), sql` or `)})`);
  if (f.exactPhone) conds.push(eq(users.phone, f.exactPhone));
  if (f.q) {
    const like = escapeLike(f.q) + '%';
    conds.push(or(sql`${users.name} like ${like}`, sql`${users.phone} like ${like}`)!);
  }
  const where = conds.length ? and(...conds) : undefined;
  const items = (await db
    .select(userWithRegion)
    .from(users)
    .leftJoin(regions, eq(regions.code, users.regionCode))
    .where(where)
    .orderBy(desc(users.createdAt))
    .limit(f.limit)
    .offset(f.offset)) as UserView[];
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(where);
  return { items, total: c?.n ?? 0 };
}

export async function insertSession(db: DbOrTx, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

/** The live session behind a cookie token hash, with its user. */
export async function findLiveSession(db: DbOrTx, tokenHash: string, now: Date) {
  // read on every request the signed-in cache misses: built once per database handle
  const [row] = await liveSessionQuery(db).execute({ tokenHash, now });
  return row;
}

const liveSessionQuery = preparedPerDb((db) =>
  db
    .select({ session: sessions, user: { id: users.id, name: users.name, regionCode: users.regionCode, status: users.status } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql.placeholder('now'))))
    .limit(1)
    .prepare('live_session'),
);

export async function touchSession(db: DbOrTx, tokenHash: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
}

export async function revokeSession(db: DbOrTx, where: { tokenHash?: string; id?: string; userId: string }, now: Date): Promise<number> {
  const conds: SQL[] = [eq(sessions.userId, where.userId), isNull(sessions.revokedAt)];
  if (where.tokenHash) conds.push(eq(sessions.tokenHash, where.tokenHash));
  if (where.id) conds.push(eq(sessions.id, where.id));
  const rows = await db.update(sessions).set({ revokedAt: now }).where(and(...conds)).returning({ id: sessions.id });
  return rows.length;
}

export async function listLiveSessions(db: DbOrTx, userId: string, now: Date) {
  return db
    .select({ id: sessions.id, tokenHash: sessions.tokenHash, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, ip: sessions.ip, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(50);
}

/** Ends every live session of a person but the one given (a password change keeps the current one). */
/** Ends the live sessions of a person on one device (before a new sign-in there). */
export async function revokeDeviceSessions(db: DbOrTx, userId: string, deviceId: string, now: Date): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), eq(sessions.deviceId, deviceId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function revokeOtherSessions(db: DbOrTx, userId: string, keepTokenHash: string | null, now: Date): Promise<number> {
  const conds: SQL[] = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (keepTokenHash) conds.push(ne(sessions.tokenHash, keepTokenHash));
  const rows = await db.update(sessions).set({ revokedAt: now }).where(and(...conds)).returning({ id: sessions.id });
  return rows.length;
}

/** Sessions past their expiry, and those revoked more than `keepRevokedDays` ago, are deleted. */
export async function purgeSessions(db: DbOrTx, now: Date, keepRevokedDays = 30): Promise<number> {
  const revokedBefore = new Date(now.getTime() - keepRevokedDays * 86_400_000);
  const rows = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.revokedAt, revokedBefore)))
    .returning({ id: sessions.id });
  return rows.length;
}

/** Sets the first password of an account that has none; false when it already has one. */
export async function setPasswordIfUnset(db: DbOrTx, userId: string, hash: string, now: Date): Promise<boolean> {
  const rows = await db.update(users).set({ passwordHash: hash, updatedAt: now }).where(and(eq(users.id, userId), isNull(users.passwordHash))).returning({ id: users.id });
  return rows.length === 1;
}

export async function updatePassword(db: DbOrTx, userId: string, hash: string, now: Date): Promise<void> {
  await db.update(users).set({ passwordHash: hash, updatedAt: now }).where(eq(users.id, userId));
}

export async function insertProfile(db: DbOrTx, row: typeof volunteerProfiles.$inferInsert): Promise<void> {
  await db.insert(volunteerProfiles).values(row);
}

export async function insertConsent(db: DbOrTx, row: typeof consents.$inferInsert): Promise<void> {
  await db.insert(consents).values(row);
}

/** Next number of a district's volunteer sequence (the row lock serialises concurrent callers). */
export async function nextVolunteerSequence(db: DbOrTx, prefix: string): Promise<number> {
  const [r] = await db
    .insert(volunteerNoCounters)
    .values({ prefix, nextValue: 2 })
    .onConflictDoUpdate({ target: volunteerNoCounters.prefix, set: { nextValue: sql`${volunteerNoCounters.nextValue} + 1` } })
    .returning({ next: volunteerNoCounters.nextValue });
  return r!.next - 1;
}

/** Reserves `count` consecutive numbers at once (bulk import). Returns the first. */
export async function reserveVolunteerSequences(db: DbOrTx, prefix: string, count: number): Promise<number> {
  const [r] = await db
    .insert(volunteerNoCounters)
    .values({ prefix, nextValue: count + 1 })
    .onConflictDoUpdate({ target: volunteerNoCounters.prefix, set: { nextValue: sql`${volunteerNoCounters.nextValue} + ${count}` } })
    .returning({ next: volunteerNoCounters.nextValue });
  return r!.next - count;
}

/** The staff member who registered the person on their behalf, if anyone did. */
export async function findRegistrar(db: DbOrTx, userId: string): Promise<string | null> {
  const [r] = await db.select({ by: volunteerProfiles.registeredBy }).from(volunteerProfiles).where(eq(volunteerProfiles.userId, userId)).limit(1);
  return r?.by ?? null;
}

export async function markClaimed(db: DbOrTx, userId: string, at: Date): Promise<void> {
  await db.update(volunteerProfiles).set({ claimedAt: at, updatedAt: at }).where(eq(volunteerProfiles.userId, userId));
}

/** The device cookie's id behind a session (the shared-phone check of public-welfare attendance), or null. */
export async function deviceOfSession(db: DbOrTx, sessionId: string): Promise<string | null> {
  const [r] = await db.select({ deviceId: sessions.deviceId }).from(sessions).where(eq(sessions.id, sessionId)).limit(1);
  return r?.deviceId ?? null;
}
