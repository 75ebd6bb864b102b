import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { insertMany } from '../../db/bulk';
import { ledgerAccounts, ledgerServiceCredits, ledgerTransferKeys, ledgerTransfers, users } from '../../db/schema/index';
import type { Ledger } from '@shared/schemas/ledger';
import type { AccountDelta, AccountRow, ServiceCreditRow, TransferRow } from './ledger.repository';

/**
 * The set-based reads and writes of crediting many services at once (ledger.credits.ts): one
 * statement for what the one-at-a-time path does once per person. Ledger tables only.
 */

/** Takes the per-person credit locks of many people in one statement, in id order (the order every caller uses). */
export async function lockPersonCreditsMany(db: DbOrTx, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  const sorted = [...new Set(userIds)].sort();
  const keys = sql.join(
    sorted.map((u) => sql`(${'ledger-credit:' + u})`),
    sql`, `,
  );
  await db.execute(sql`select count(pg_advisory_xact_lock(hashtext(k.key))) from (select key from (values ${keys}) as v(key) order by key) as k`);
}

export async function userCities(db: DbOrTx, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, cityCode: users.cityCode })
    .from(users)
    .where(inArray(users.id, [...userIds]));
  return new Map(rows.map((r) => [r.id, r.cityCode]));
}

/** Both ledgers' person accounts of these people, made where missing: key `${ledger}:${userId}`. */
export async function ensurePersonAccountsMany(
  db: DbOrTx,
  people: ReadonlyArray<{ userId: string; cityCode: string }>,
  newIds: () => string,
  at: Date,
): Promise<Map<string, AccountRow>> {
  const out = new Map<string, AccountRow>();
  if (people.length === 0) return out;
  const ids = people.map((p) => p.userId);
  const read = async () => {
    const rows = await db
      .select()
      .from(ledgerAccounts)
      .where(and(inArray(ledgerAccounts.ledger, ['points', 'time']), inArray(ledgerAccounts.ownerUserId, ids), eq(ledgerAccounts.kind, 'person')));
    for (const r of rows) out.set(`${r.ledger}:${r.ownerUserId}`, r);
  };
  await read();
  const missing = people.flatMap((p) =>
    (['points', 'time'] as Ledger[]).filter((l) => !out.has(`${l}:${p.userId}`)).map((ledger) => ({ id: newIds(), cityCode: p.cityCode, ledger, kind: 'person', ownerUserId: p.userId, createdAt: at })),
  );
  if (missing.length) {
    await db.insert(ledgerAccounts).values(missing).onConflictDoNothing();
    await read();
  }
  return out;
}

/** Locks account rows in id order in one statement (the order of the one-at-a-time path). */
export async function lockAccountsSorted(db: DbOrTx, ids: readonly string[]): Promise<Map<string, AccountRow>> {
  const sorted = [...new Set(ids)].sort();
  const rows = await db.select().from(ledgerAccounts).where(inArray(ledgerAccounts.id, sorted)).orderBy(ledgerAccounts.id).for('update');
  return new Map(rows.map((r) => [r.id, r]));
}

/** Moves the columns of several accounts already locked by this transaction, one statement. */
export async function applyAccountDeltas(db: DbOrTx, deltas: ReadonlyMap<string, AccountDelta>): Promise<void> {
  if (deltas.size === 0) return;
  const values = sql.join(
    [...deltas].map(
      ([id, d]) => sql`(${id}::uuid, ${d.balance}::bigint, ${d.pendingDebits}::bigint, ${d.pendingCredits}::bigint, ${d.debitsPosted}::bigint, ${d.creditsPosted}::bigint)`,
    ),
    sql`, `,
  );
  await db.execute(sql`
    update ledger_accounts a
       set balance = a.balance + v.b, pending_debits = a.pending_debits + v.pd, pending_credits = a.pending_credits + v.pc,
           debits_posted = a.debits_posted + v.dp, credits_posted = a.credits_posted + v.cp
      from (values ${values}) as v(id, b, pd, pc, dp, cp)
     where a.id = v.id`);
}

/** Inserts complete transfer rows (every column given) in one statement; answers them as written. */
export async function insertTransfers(db: DbOrTx, rows: TransferRow[]): Promise<TransferRow[]> {
  const written = new Set(await insertMany(db, ledgerTransfers, rows));
  return rows.filter((r) => written.has(r.id));
}

export async function serviceCreditsByKeys(db: DbOrTx, keys: readonly string[]): Promise<Map<string, ServiceCreditRow>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select()
    .from(ledgerServiceCredits)
    .where(inArray(ledgerServiceCredits.idempotencyKey, [...keys]));
  return new Map(rows.map((r) => [r.idempotencyKey, r]));
}

export async function transfersByKeys(db: DbOrTx, keys: readonly string[]): Promise<Map<string, TransferRow>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ t: ledgerTransfers })
    .from(ledgerTransferKeys)
    .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerTransferKeys.transferId))
    .where(inArray(ledgerTransferKeys.idempotencyKey, [...keys]));
  return new Map(rows.map((r) => [r.t.idempotencyKey!, r.t]));
}

/** Minutes already credited to each (person, local day): key `${userId}|${day}`. */
export async function creditedMinutesOnDays(db: DbOrTx, pairs: ReadonlyArray<{ userId: string; day: string }>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (pairs.length === 0) return out;
  const values = sql.join(
    pairs.map((p) => sql`(${p.userId}::uuid, ${p.day}::date)`),
    sql`, `,
  );
  const res = await db.execute(sql`
    select c.user_id, c.service_day::text as day, sum(c.credited_minutes)::bigint as n
      from ledger_service_credits c
      join (values ${values}) as v(user_id, day) on c.user_id = v.user_id and c.service_day = v.day
     group by c.user_id, c.service_day`);
  for (const r of (res as unknown as { rows: Array<{ user_id: string; day: string; n: string | number }> }).rows) out.set(`${r.user_id}|${r.day}`, Number(r.n));
  return out;
}

export async function insertServiceCredits(db: DbOrTx, rows: Array<typeof ledgerServiceCredits.$inferInsert>): Promise<void> {
  await insertMany(db, ledgerServiceCredits, rows);
}
