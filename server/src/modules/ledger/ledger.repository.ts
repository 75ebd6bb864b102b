import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ledgerAccounts, ledgerOpenPending, ledgerPolicies, ledgerServiceCredits, ledgerTransferKeys, ledgerTransferResolutions, ledgerTransferReversals, ledgerTransfers, users, regions } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import type { Ledger, SystemPurpose } from '@shared/schemas/ledger';

/** The only module that touches the ledger tables. Every function takes the db or a transaction. */

export type AccountRow = typeof ledgerAccounts.$inferSelect;
export type TransferRow = typeof ledgerTransfers.$inferSelect;
export type TransferInsert = typeof ledgerTransfers.$inferInsert;
export type PolicyDbRow = typeof ledgerPolicies.$inferSelect;
export type ServiceCreditRow = typeof ledgerServiceCredits.$inferSelect;

export const FLAG_MAY_GO_NEGATIVE = 1;

async function findPersonAccount(db: DbOrTx, ledger: Ledger, userId: string): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.ledger, ledger), eq(ledgerAccounts.ownerUserId, userId), eq(ledgerAccounts.kind, 'person')))
    .limit(1);
  return row;
}

/** A person's account of a ledger, made the first time it is needed (one read when it exists). */
export async function ensurePersonAccount(db: DbOrTx, a: { id: string; ledger: Ledger; userId: string; cityCode: string; at: Date }): Promise<AccountRow> {
  const found = await findPersonAccount(db, a.ledger, a.userId);
  if (found) return found;
  await db
    .insert(ledgerAccounts)
    .values({ id: a.id, cityCode: a.cityCode, ledger: a.ledger, kind: 'person', ownerUserId: a.userId, createdAt: a.at })
    .onConflictDoNothing();
  return (await findPersonAccount(db, a.ledger, a.userId))!;
}

async function findSystemAccount(db: DbOrTx, ledger: Ledger, regionCode: string, purpose: SystemPurpose): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.ledger, ledger), eq(ledgerAccounts.regionCode, regionCode), eq(ledgerAccounts.purpose, purpose), eq(ledgerAccounts.kind, 'system')))
    .limit(1);
  return row;
}

/** A system account (issuance, supermarket, public pool …) of a region, made the first time. */
export async function ensureSystemAccount(
  db: DbOrTx,
  a: { id: string; ledger: Ledger; regionCode: string; purpose: SystemPurpose; cityCode: string; at: Date },
): Promise<AccountRow> {
  const found = await findSystemAccount(db, a.ledger, a.regionCode, a.purpose);
  if (found) return found;
  await db
    .insert(ledgerAccounts)
    .values({
      id: a.id,
      cityCode: a.cityCode,
      ledger: a.ledger,
      kind: 'system',
      regionCode: a.regionCode,
      purpose: a.purpose,
      flags: a.purpose === 'issuance' ? FLAG_MAY_GO_NEGATIVE : 0,
      createdAt: a.at,
    })
    .onConflictDoNothing();
  return (await findSystemAccount(db, a.ledger, a.regionCode, a.purpose))!;
}

/** A person's accounts (both ledgers): through the (ledger, owner) index — the ledger named, not left open. */
export async function findPersonAccounts(db: DbOrTx, userId: string): Promise<AccountRow[]> {
  return db
    .select()
    .from(ledgerAccounts)
    .where(and(inArray(ledgerAccounts.ledger, ['points', 'time']), eq(ledgerAccounts.ownerUserId, userId), eq(ledgerAccounts.kind, 'person')));
}

/** The person accounts of several people (a page of a list), by the owner index. */
export async function findPersonAccountsMany(db: DbOrTx, userIds: readonly string[]): Promise<AccountRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select()
    .from(ledgerAccounts)
    .where(and(inArray(ledgerAccounts.ledger, ['points', 'time']), inArray(ledgerAccounts.ownerUserId, [...userIds]), eq(ledgerAccounts.kind, 'person')));
}

export async function findAccount(db: DbOrTx, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, id)).limit(1);
  return row;
}

/** Locks account rows in id order (the one fixed order every transfer uses: no deadlocks). */
export async function lockAccounts(db: DbOrTx, ids: string[]): Promise<Map<string, AccountRow>> {
  const sorted = [...new Set(ids)].sort();
  const out = new Map<string, AccountRow>();
  for (const id of sorted) {
    const [row] = await db.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, id)).for('update');
    if (row) out.set(id, row);
  }
  return out;
}

export interface AccountDelta {
  balance: number;
  pendingDebits: number;
  pendingCredits: number;
  debitsPosted: number;
  creditsPosted: number;
}

/**
 * Moves an account's columns. Compare-and-set: when the spendable balance must fall by
 * `mustCover`, the row only changes if it can (no row back: insufficient). The CHECK on the
 * table is the last line.
 */
export async function applyAccountDelta(db: DbOrTx, id: string, d: AccountDelta, mustCover: number): Promise<AccountRow | undefined> {
  const [row] = await db
    .update(ledgerAccounts)
    .set({
      balance: sql`${ledgerAccounts.balance} + ${d.balance}`,
      pendingDebits: sql`${ledgerAccounts.pendingDebits} + ${d.pendingDebits}`,
      pendingCredits: sql`${ledgerAccounts.pendingCredits} + ${d.pendingCredits}`,
      debitsPosted: sql`${ledgerAccounts.debitsPosted} + ${d.debitsPosted}`,
      creditsPosted: sql`${ledgerAccounts.creditsPosted} + ${d.creditsPosted}`,
    })
    .where(
      and(
        eq(ledgerAccounts.id, id),
        mustCover > 0 ? sql`(${ledgerAccounts.flags} & 1 = 1 or ${ledgerAccounts.balance} - ${ledgerAccounts.pendingDebits} >= ${mustCover})` : undefined,
      ),
    )
    .returning();
  return row;
}

export async function insertTransfer(db: DbOrTx, row: TransferInsert): Promise<TransferRow> {
  const [t] = await db.insert(ledgerTransfers).values(row).returning();
  return t!;
}

export async function findTransfer(db: DbOrTx, id: string): Promise<TransferRow | undefined> {
  const [t] = await db.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, id)).limit(1);
  return t;
}

/**
 * The transfer written under an idempotency key, found through `ledger_transfer_keys` (unique
 * across every year's partition). A key whose transfer left with an archived year is refused,
 * never written again.
 */
export async function findTransferByKey(db: DbOrTx, key: string): Promise<TransferRow | undefined> {
  const [r] = await db
    .select({ transferId: ledgerTransferKeys.transferId, t: ledgerTransfers })
    .from(ledgerTransferKeys)
    .leftJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerTransferKeys.transferId))
    .where(eq(ledgerTransferKeys.idempotencyKey, key))
    .limit(1);
  if (!r) return undefined;
  if (!r.t) throw new AppError('CONFLICT', '这个请求的转账属于已归档的年度 / This request’s transfer belongs to an archived year', { reason: 'archived_year', transferId: r.transferId });
  return r.t;
}

export async function findResolution(db: DbOrTx, pendingId: string): Promise<TransferRow | undefined> {
  const [r] = await db
    .select({ t: ledgerTransfers })
    .from(ledgerTransferResolutions)
    .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerTransferResolutions.transferId))
    .where(eq(ledgerTransferResolutions.pendingId, pendingId))
    .limit(1);
  return r?.t;
}

/** What became of pending transfers: their resolution's status (post_pending, void_pending, expired) by pending id. */
export async function resolutionsOf(db: DbOrTx, pendingIds: readonly string[]): Promise<Map<string, string>> {
  if (pendingIds.length === 0) return new Map();
  const rows = await db
    .select({ pendingId: ledgerTransferResolutions.pendingId, status: ledgerTransfers.status })
    .from(ledgerTransferResolutions)
    .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerTransferResolutions.transferId))
    .where(inArray(ledgerTransferResolutions.pendingId, [...pendingIds]));
  return new Map(rows.map((r) => [r.pendingId, r.status]));
}

export async function findReversal(db: DbOrTx, transferId: string): Promise<TransferRow | undefined> {
  const [r] = await db
    .select({ t: ledgerTransfers })
    .from(ledgerTransferReversals)
    .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerTransferReversals.transferId))
    .where(eq(ledgerTransferReversals.reversesId, transferId))
    .limit(1);
  return r?.t;
}

/**
 * Reservations past their timeout that are still open: read from `ledger_open_pending`, which holds
 * only the open ones, so the cost follows what is open, not every reservation ever made.
 */
export async function findTimedOutPending(db: DbOrTx, now: Date, limit: number): Promise<Array<{ id: string }>> {
  return db
    .select({ id: ledgerOpenPending.transferId })
    .from(ledgerOpenPending)
    .where(lte(ledgerOpenPending.timeoutAt, now))
    .orderBy(ledgerOpenPending.timeoutAt)
    .limit(limit);
}

/** Sum of an account's debits with a code since a moment (yearly family-transfer limit). */
export async function sumDebitsSince(db: DbOrTx, accountId: string, code: string, since: Date): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`coalesce(sum(${ledgerTransfers.amount}), 0)::bigint` })
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.debitAccountId, accountId), eq(ledgerTransfers.code, code), gte(ledgerTransfers.createdAt, since), inArray(ledgerTransfers.status, ['posted', 'pending'])));
  return Number(r?.n ?? 0);
}

/**
 * A person's accounts' transfers, newest first: for each account and side, the newest
 * `offset + limit` read in order from `(account, created_at desc, id desc)` (each stops at the
 * page's end, however long the passbook), then merged.
 */
export async function listAccountTransfers(db: DbOrTx, accountIds: string[], limit: number, offset: number) {
  if (accountIds.length === 0) return { rows: [] as TransferRow[], total: 0 };
  const ids = sql.join(accountIds.map((id) => sql`${id}::uuid`), sql`, `);
  const cols = transferColumns();
  const n = limit + offset;
  const sides = accountIds.flatMap((id) => [
    sql`(select ${cols} from ledger_transfers where debit_account_id = ${id}::uuid order by created_at desc, id desc limit ${n})`,
    sql`(select ${cols} from ledger_transfers where credit_account_id = ${id}::uuid order by created_at desc, id desc limit ${n})`,
  ]);
  const res = await db.execute(sql`
    select * from (${sql.join(sides, sql` union all `)}) t order by created_at desc, id desc limit ${limit} offset ${offset}`);
  // two counts that each read one index only: a transfer never has both sides among one person's
  // accounts (one account per ledger, and a transfer stays in its ledger between two accounts)
  const counted = await db.execute(sql`
    select (select count(*) from ledger_transfers where debit_account_id in (${ids}))
         + (select count(*) from ledger_transfers where credit_account_id in (${ids})) as n`);
  const rows = (res as unknown as { rows: Array<Record<string, unknown>> }).rows.map(rowFromSql);
  return { rows, total: Number((counted as unknown as { rows: Array<{ n: string | number }> }).rows[0]!.n) };
}

const TRANSFER_COLUMN_NAMES = [
  'id', 'city_code', 'ledger', 'debit_account_id', 'credit_account_id', 'amount', 'code', 'status', 'pending_id', 'reverses_id', 'timeout_at',
  'actor_id', 'object_type', 'object_id', 'memo', 'idempotency_key', 'request_hash', 'debit_balance_after', 'credit_balance_after', 'created_at',
] as const;

/** The columns of a transfer (optionally of a table alias), for hand-written SQL read back with rowFromSql. */
export function transferColumns(alias?: string): SQL {
  return sql.raw(TRANSFER_COLUMN_NAMES.map((c) => (alias ? `${alias}.${c}` : c)).join(', '));
}

const num = (v: unknown) => (v === null || v === undefined ? (v as null) : Number(v));
const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

export function rowFromSql(r: Record<string, unknown>): TransferRow {
  return {
    id: r.id as string,
    cityCode: r.city_code as string,
    ledger: r.ledger as string,
    debitAccountId: r.debit_account_id as string,
    creditAccountId: r.credit_account_id as string,
    amount: num(r.amount)!,
    code: r.code as string,
    status: r.status as string,
    pendingId: (r.pending_id as string | null) ?? null,
    reversesId: (r.reverses_id as string | null) ?? null,
    timeoutAt: date(r.timeout_at),
    actorId: (r.actor_id as string | null) ?? null,
    objectType: (r.object_type as string | null) ?? null,
    objectId: (r.object_id as string | null) ?? null,
    memo: (r.memo as string | null) ?? null,
    idempotencyKey: (r.idempotency_key as string | null) ?? null,
    requestHash: r.request_hash as string,
    debitBalanceAfter: num(r.debit_balance_after)!,
    creditBalanceAfter: num(r.credit_balance_after)!,
    createdAt: date(r.created_at)!,
  };
}

// ——— users (read only) ———

export async function findUserBrief(db: DbOrTx, id: string) {
  const [u] = await db
    .select({ id: users.id, name: users.name, regionCode: users.regionCode, cityCode: users.cityCode, birthDate: users.birthDate, regionPath: regions.path })
    .from(users)
    .leftJoin(regions, eq(regions.code, users.regionCode))
    .where(eq(users.id, id))
    .limit(1);
  return u;
}

export interface PartyRow {
  userId: string;
  cityCode: string;
  regionCode: string;
  regionPath: string | null;
  accountId: string | null;
  /** A verified relation links the two people (either direction). */
  related: boolean;
  birthDate: string | null;
}

/**
 * The two people of a person-to-person transfer in one read: who they are, where they live, their
 * accounts of the ledger (null when not made yet) and whether a verified relation links them.
 */
export async function transferParties(db: DbOrTx, ledger: Ledger, fromUserId: string, toUserId: string): Promise<PartyRow[]> {
  const res = await db.execute(sql`
    select u.id as user_id, u.city_code, u.region_code, u.birth_date::text as birth_date, r.path as region_path, a.id as account_id,
           exists (select 1 from relatives x where x.status = 'verified'
                     and ((x.user_id = ${fromUserId} and x.relative_user_id = ${toUserId}) or (x.user_id = ${toUserId} and x.relative_user_id = ${fromUserId}))) as related
      from users u
      left join regions r on r.code = u.region_code
      left join ledger_accounts a on a.kind = 'person' and a.ledger = ${ledger} and a.owner_user_id = u.id
     where u.id in (${fromUserId}, ${toUserId})`);
  return (res as unknown as { rows: Array<Record<string, unknown>> }).rows.map((r) => ({
    userId: r.user_id as string,
    cityCode: r.city_code as string,
    regionCode: r.region_code as string,
    regionPath: (r.region_path as string | null) ?? null,
    accountId: (r.account_id as string | null) ?? null,
    related: r.related === true || r.related === 't',
    birthDate: (r.birth_date as string | null) ?? null,
  }));
}

// ——— policies ———

/** The policy rows of every region on a path (reference data: small). */
export async function policiesOnPath(db: DbOrTx, regionPath: string): Promise<PolicyDbRow[]> {
  const codes = regionPath.split('/').filter(Boolean);
  if (codes.length === 0) return [];
  return db.select().from(ledgerPolicies).where(inArray(ledgerPolicies.regionCode, codes));
}

export async function policiesOfRegion(db: DbOrTx, regionCode: string): Promise<PolicyDbRow[]> {
  return db.select().from(ledgerPolicies).where(eq(ledgerPolicies.regionCode, regionCode)).orderBy(desc(ledgerPolicies.effectiveFrom));
}

export async function upsertPolicy(db: DbOrTx, row: typeof ledgerPolicies.$inferInsert): Promise<PolicyDbRow> {
  const { id: _id, regionCode: _r, effectiveFrom: _e, ...rest } = row;
  const [p] = await db
    .insert(ledgerPolicies)
    .values(row)
    .onConflictDoUpdate({ target: [ledgerPolicies.regionCode, ledgerPolicies.effectiveFrom], set: rest })
    .returning();
  return p!;
}

// ——— service credits ———

/** A transaction-level lock on one person's service credits (released at commit). */
export async function lockPersonCredits(db: DbOrTx, userId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'ledger-credit:' + userId}))`);
}

export async function serviceCreditKeysIn(db: DbOrTx, keys: readonly string[]): Promise<string[]> {
  const rows = await db.select({ k: ledgerServiceCredits.idempotencyKey }).from(ledgerServiceCredits).where(inArray(ledgerServiceCredits.idempotencyKey, [...keys]));
  return rows.map((r) => r.k);
}

export async function findServiceCreditByKey(db: DbOrTx, key: string): Promise<ServiceCreditRow | undefined> {
  const [r] = await db.select().from(ledgerServiceCredits).where(eq(ledgerServiceCredits.idempotencyKey, key)).limit(1);
  return r;
}

export async function creditedMinutesOnDay(db: DbOrTx, userId: string, day: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`coalesce(sum(${ledgerServiceCredits.creditedMinutes}), 0)::int` })
    .from(ledgerServiceCredits)
    .where(and(eq(ledgerServiceCredits.userId, userId), eq(ledgerServiceCredits.serviceDay, day)));
  return Number(r?.n ?? 0);
}

export async function insertServiceCredit(db: DbOrTx, row: typeof ledgerServiceCredits.$inferInsert): Promise<ServiceCreditRow> {
  const [r] = await db.insert(ledgerServiceCredits).values(row).returning();
  return r!;
}

