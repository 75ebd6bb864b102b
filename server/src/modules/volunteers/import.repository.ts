import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { consents, importJobs, personIdentities, users, volunteerProfiles } from '../../db/schema/index';
import type { DbOrTx } from '../../db/client';

export type ImportJobRow = typeof importJobs.$inferSelect;
export type ImportJobInsert = typeof importJobs.$inferInsert;

export async function insertJob(db: DbOrTx, row: typeof importJobs.$inferInsert): Promise<ImportJobRow> {
  const [j] = await db.insert(importJobs).values(row).returning();
  return j!;
}

export async function updateJob(db: DbOrTx, id: string, set: Partial<typeof importJobs.$inferInsert>): Promise<void> {
  await db.update(importJobs).set(set).where(eq(importJobs.id, id));
}

/** Changes a row still running (progress, or its end): false when it was finished already. */
export async function updateRunningJob(db: DbOrTx, id: string, set: Partial<ImportJobInsert>): Promise<boolean> {
  const r = await db.update(importJobs).set(set).where(and(eq(importJobs.id, id), eq(importJobs.status, 'running'))).returning({ id: importJobs.id });
  return r.length > 0;
}

/** One writer per import: a transaction-scoped lock on the row's id (the row itself stays free for progress). */
export async function lockJob(tx: DbOrTx, id: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7415003, hashtext(${id}))`);
}

/** Rows still running, oldest first (a partial index holds only those). */
export async function runningJobs(db: DbOrTx, limit: number): Promise<Array<Pick<ImportJobRow, 'id'>>> {
  return db.select({ id: importJobs.id }).from(importJobs).where(eq(importJobs.status, 'running')).orderBy(asc(importJobs.createdAt)).limit(limit);
}

export async function findJob(db: DbOrTx, id: string): Promise<ImportJobRow | undefined> {
  const [j] = await db.select().from(importJobs).where(eq(importJobs.id, id)).limit(1);
  return j;
}

/** Existing people among the file's ID hashes: they are matched, not created twice. */
export async function identitiesByHash(db: DbOrTx, hashes: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < hashes.length; i += 1000) {
    const rows = await db.select({ idHash: personIdentities.idHash, userId: personIdentities.userId }).from(personIdentities).where(inArray(personIdentities.idHash, hashes.slice(i, i + 1000)));
    for (const r of rows) out.set(r.idHash, r.userId);
  }
  return out;
}

export async function usersByPhone(db: DbOrTx, phones: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < phones.length; i += 1000) {
    const rows = await db.select({ phone: users.phone, id: users.id }).from(users).where(inArray(users.phone, phones.slice(i, i + 1000)));
    for (const r of rows) out.set(r.phone, r.id);
  }
  return out;
}

export async function insertPeople(
  db: DbOrTx,
  batch: { users: Array<typeof users.$inferInsert>; identities: Array<typeof personIdentities.$inferInsert>; profiles: Array<typeof volunteerProfiles.$inferInsert>; consents: Array<typeof consents.$inferInsert> },
): Promise<void> {
  if (batch.users.length === 0) return;
  await db.insert(users).values(batch.users);
  await db.insert(personIdentities).values(batch.identities);
  await db.insert(volunteerProfiles).values(batch.profiles);
  await db.insert(consents).values(batch.consents);
}

/** Adds skills to matched people's profiles (never removes what they had). */
export async function addSkills(db: DbOrTx, userId: string, skills: string[]): Promise<void> {
  if (skills.length === 0) return;
  await db
    .update(volunteerProfiles)
    .set({ skills: sql`(select array(select distinct unnest(${volunteerProfiles.skills} || array[${sql.join(skills.map((s) => sql`${s}`), sql`, `)}]::text[])))` })
    .where(eq(volunteerProfiles.userId, userId));
}
