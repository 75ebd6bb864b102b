import { inRegionSubtree } from '../regions/index';
import { alias } from 'drizzle-orm/pg-core';
import { and, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ledgerAccounts, ledgerChainHeads, ledgerPolicies, ledgerServiceCredits, ledgerTransfers, relatives, users, regions } from '../../db/schema/index';
import type { Ledger, SystemPurpose } from '@shared/schemas/ledger';

/** The only module that touches the ledger tables. Every function takes the db or a transaction. */

export type AccountRow = typeof ledgerAccounts.$inferSelect;
export type TransferRow = typeof ledgerTransfers.$inferSelect;
export type TransferInsert = typeof ledgerTransfers.$inferInsert;
export type PolicyDbRow = typeof ledgerPolicies.$inferSelect;
export type RelativeRow = typeof relatives.$inferSelect;
export type ServiceCreditRow = typeof ledgerServiceCredits.$inferSelect;

export const GENESIS_HASH = '0'.repeat(64);
export const FLAG_MAY_GO_NEGATIVE = 1;

export async function ensurePersonAccount(db: DbOrTx, a: { id: string; ledger: Ledger; userId: string; cityCode: string; at: Date }): Promise<AccountRow> {
  await db
    .insert(ledgerAccounts)
    .values({ id: a.id, cityCode: a.cityCode, ledger: a.ledger, kind: 'person', ownerUserId: a.userId, createdAt: a.at })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.ledger, a.ledger), eq(ledgerAccounts.ownerUserId, a.userId), eq(ledgerAccounts.kind, 'person')))
    .limit(1);
  return row!;
}

export async function ensureSystemAccount(
  db: DbOrTx,
  a: { id: string; ledger: Ledger; regionCode: string; purpose: SystemPurpose; cityCode: string; at: Date },
): Promise<AccountRow> {
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
  const [row] = await db
    .select()
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.ledger, a.ledger), eq(ledgerAccounts.regionCode, a.regionCode), eq(ledgerAccounts.purpose, a.purpose), eq(ledgerAccounts.kind, 'system')))
    .limit(1);
  return row!;
}

export async function findPersonAccounts(db: DbOrTx, userId: string): Promise<AccountRow[]> {
  return db.select().from(ledgerAccounts).where(and(eq(ledgerAccounts.ownerUserId, userId), eq(ledgerAccounts.kind, 'person')));
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

/** Locks the head of a hash chain, creating it at genesis the first time. */
export async function lockChainHead(db: DbOrTx, cityCode: string, ledger: Ledger, at: Date) {
  await db.insert(ledgerChainHeads).values({ cityCode, ledger, seq: 0, hash: GENESIS_HASH, updatedAt: at }).onConflictDoNothing();
  const [head] = await db
    .select()
    .from(ledgerChainHeads)
    .where(and(eq(ledgerChainHeads.cityCode, cityCode), eq(ledgerChainHeads.ledger, ledger)))
    .for('update');
  return head!;
}

export async function advanceChainHead(db: DbOrTx, cityCode: string, ledger: Ledger, seq: number, hash: string, at: Date) {
  await db
    .update(ledgerChainHeads)
    .set({ seq, hash, updatedAt: at })
    .where(and(eq(ledgerChainHeads.cityCode, cityCode), eq(ledgerChainHeads.ledger, ledger), eq(ledgerChainHeads.seq, seq - 1)));
}

export async function listChainHeads(db: DbOrTx) {
  return db.select().from(ledgerChainHeads);
}

export async function insertTransfer(db: DbOrTx, row: TransferInsert): Promise<TransferRow> {
  const [t] = await db.insert(ledgerTransfers).values(row).returning();
  return t!;
}

export async function findTransfer(db: DbOrTx, id: string): Promise<TransferRow | undefined> {
  const [t] = await db.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, id)).limit(1);
  return t;
}

export async function findTransferByKey(db: DbOrTx, key: string): Promise<TransferRow | undefined> {
  const [t] = await db.select().from(ledgerTransfers).where(eq(ledgerTransfers.idempotencyKey, key)).limit(1);
  return t;
}

export async function findResolution(db: DbOrTx, pendingId: string): Promise<TransferRow | undefined> {
  const [t] = await db.select().from(ledgerTransfers).where(eq(ledgerTransfers.pendingId, pendingId)).limit(1);
  return t;
}

export async function findReversal(db: DbOrTx, transferId: string): Promise<TransferRow | undefined> {
  const [t] = await db.select().from(ledgerTransfers).where(eq(ledgerTransfers.reversesId, transferId)).limit(1);
  return t;
}

/** Pending transfers past their timeout and not yet resolved (partial index on timeout_at). */
export async function findTimedOutPending(db: DbOrTx, now: Date, limit: number): Promise<TransferRow[]> {
  return db
    .select()
    .from(ledgerTransfers)
    .where(
      and(
        eq(ledgerTransfers.status, 'pending'),
        lte(ledgerTransfers.timeoutAt, now),
        sql`not exists (select 1 from ledger_transfers r where r.pending_id = ${ledgerTransfers.id})`,
      ),
    )
    .orderBy(ledgerTransfers.timeoutAt)
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

/** One account's transfers, newest first: two index scans (debit side, credit side) merged. */
export async function listAccountTransfers(db: DbOrTx, accountIds: string[], limit: number, offset: number) {
  if (accountIds.length === 0) return { rows: [] as TransferRow[], total: 0 };
  const ids = sql.join(accountIds.map((id) => sql`${id}::uuid`), sql`, `);
  const cols = sql`id, city_code, ledger, debit_account_id, credit_account_id, amount, code, status, pending_id, reverses_id, timeout_at, actor_id, object_type, object_id, memo, idempotency_key, request_hash, debit_balance_after, credit_balance_after, created_at, seq, prev_hash, hash`;
  const n = limit + offset;
  const res = await db.execute(sql`
    select * from (
      (select ${cols} from ledger_transfers where debit_account_id in (${ids}) order by created_at desc, id desc limit ${n})
      union all
      (select ${cols} from ledger_transfers where credit_account_id in (${ids}) order by created_at desc, id desc limit ${n})
    ) t order by created_at desc, id desc limit ${limit} offset ${offset}`);
  const [c] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ledgerTransfers)
    .where(or(inArray(ledgerTransfers.debitAccountId, accountIds), inArray(ledgerTransfers.creditAccountId, accountIds)));
  const rows = (res as unknown as { rows: Array<Record<string, unknown>> }).rows.map(rowFromSql);
  return { rows, total: c?.n ?? 0 };
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
    seq: num(r.seq)!,
    prevHash: r.prev_hash as string,
    hash: r.hash as string,
  };
}

/** A page of one chain, in order (for verification). */
export async function chainPage(db: DbOrTx, cityCode: string, ledger: string, afterSeq: number, limit: number): Promise<TransferRow[]> {
  return db
    .select()
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.cityCode, cityCode), eq(ledgerTransfers.ledger, ledger), sql`${ledgerTransfers.seq} > ${afterSeq}`))
    .orderBy(ledgerTransfers.seq)
    .limit(limit);
}

/**
 * Every account's columns as recomputed from the transfers, next to the stored ones: rows
 * that differ. Resolutions (post/void/expire) undo the pending amounts of what they resolve.
 */
export async function accountMismatches(db: DbOrTx) {
  const res = await db.execute(sql`
    with moves as (
      select debit_account_id as account_id,
             case when status in ('posted', 'post_pending') then amount else 0 end as debits_posted,
             0::bigint as credits_posted,
             case when status = 'pending' then amount when status in ('post_pending', 'void_pending', 'expired') then -amount else 0 end as pending_debits,
             0::bigint as pending_credits
        from ledger_transfers
      union all
      select credit_account_id,
             0::bigint,
             case when status in ('posted', 'post_pending') then amount else 0 end,
             0::bigint,
             case when status = 'pending' then amount when status in ('post_pending', 'void_pending', 'expired') then -amount else 0 end
        from ledger_transfers
    ), sums as (
      select account_id, sum(debits_posted) dp, sum(credits_posted) cp, sum(pending_debits) pd, sum(pending_credits) pc from moves group by account_id
    )
    select a.id, a.ledger, a.balance, a.debits_posted, a.credits_posted, a.pending_debits, a.pending_credits,
           coalesce(s.dp, 0)::bigint as calc_debits_posted, coalesce(s.cp, 0)::bigint as calc_credits_posted,
           coalesce(s.pd, 0)::bigint as calc_pending_debits, coalesce(s.pc, 0)::bigint as calc_pending_credits
      from ledger_accounts a left join sums s on s.account_id = a.id
     where a.debits_posted <> coalesce(s.dp, 0) or a.credits_posted <> coalesce(s.cp, 0)
        or a.pending_debits <> coalesce(s.pd, 0) or a.pending_credits <> coalesce(s.pc, 0)
        or a.balance <> coalesce(s.cp, 0) - coalesce(s.dp, 0)
     limit 100`);
  return (res as unknown as { rows: Array<Record<string, unknown>> }).rows;
}

/** Transfers naming an account that does not exist. */
export async function orphanTransfers(db: DbOrTx) {
  const res = await db.execute(sql`
    select t.id from ledger_transfers t
     where not exists (select 1 from ledger_accounts a where a.id = t.debit_account_id)
        or not exists (select 1 from ledger_accounts a where a.id = t.credit_account_id)
     limit 100`);
  return (res as unknown as { rows: Array<{ id: string }> }).rows;
}

export async function ledgerTotals(db: DbOrTx) {
  const res = await db.execute(sql`
    select ledger, sum(balance)::bigint as balance, sum(pending_debits)::bigint as pending_debits, sum(pending_credits)::bigint as pending_credits, count(*)::int as accounts
      from ledger_accounts group by ledger`);
  return (res as unknown as { rows: Array<Record<string, unknown>> }).rows.map((r) => ({
    ledger: r.ledger as string,
    balance: Number(r.balance),
    pendingDebits: Number(r.pending_debits),
    pendingCredits: Number(r.pending_credits),
    accounts: Number(r.accounts),
  }));
}

export async function countTransfers(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(ledgerTransfers);
  return r?.n ?? 0;
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

// ——— relatives ———

export async function insertRelative(db: DbOrTx, row: typeof relatives.$inferInsert): Promise<RelativeRow> {
  const [r] = await db.insert(relatives).values(row).returning();
  return r!;
}

export async function findRelative(db: DbOrTx, id: string): Promise<RelativeRow | undefined> {
  const [r] = await db.select().from(relatives).where(eq(relatives.id, id)).limit(1);
  return r;
}

/** Compare-and-set: only a pending link is decided. */
export async function decideRelative(db: DbOrTx, id: string, status: 'verified' | 'rejected', by: string, at: Date): Promise<RelativeRow | undefined> {
  const [r] = await db
    .update(relatives)
    .set({ status, verifiedBy: by, verifiedAt: at })
    .where(and(eq(relatives.id, id), eq(relatives.status, 'pending')))
    .returning();
  return r;
}

export async function hasVerifiedRelation(db: DbOrTx, a: string, b: string): Promise<boolean> {
  const [r] = await db
    .select({ id: relatives.id })
    .from(relatives)
    .where(
      and(
        eq(relatives.status, 'verified'),
        or(and(eq(relatives.userId, a), eq(relatives.relativeUserId, b)), and(eq(relatives.userId, b), eq(relatives.relativeUserId, a))),
      ),
    )
    .limit(1);
  return !!r;
}

export async function listRelativesOf(db: DbOrTx, userId: string) {
  const other = sql<string>`case when ${relatives.userId} = ${userId} then ${relatives.relativeUserId} else ${relatives.userId} end`;
  return db
    .select({
      id: relatives.id,
      userId: relatives.userId,
      relativeUserId: relatives.relativeUserId,
      relation: relatives.relation,
      status: relatives.status,
      verifiedAt: relatives.verifiedAt,
      createdAt: relatives.createdAt,
      otherName: users.name,
    })
    .from(relatives)
    .innerJoin(users, eq(users.id, other))
    .where(or(eq(relatives.userId, userId), eq(relatives.relativeUserId, userId)))
    .orderBy(desc(relatives.createdAt))
    .limit(200);
}

/** Relations declared by people of a region subtree, for the staff who verify them. */
export async function listRelativesInRegion(db: DbOrTx, f: { regionPath: string; status?: string | undefined; limit: number; offset: number }) {
  const declarer = alias(users, 'declarer');
  const relative = alias(users, 'relative');
  const conds: SQL[] = [inRegionSubtree(declarer.regionCode, f.regionPath)];
  if (f.status) conds.push(eq(relatives.status, f.status));
  const where = and(...conds);
  const items = await db
    .select({
      id: relatives.id,
      userId: relatives.userId,
      relativeUserId: relatives.relativeUserId,
      relation: relatives.relation,
      status: relatives.status,
      verifiedAt: relatives.verifiedAt,
      createdAt: relatives.createdAt,
      userName: declarer.name,
      userIdNumberMasked: declarer.idNumberMasked,
      relativeName: relative.name,
      relativeIdNumberMasked: relative.idNumberMasked,
    })
    .from(relatives)
    .innerJoin(declarer, eq(declarer.id, relatives.userId))
    .innerJoin(relative, eq(relative.id, relatives.relativeUserId))
    .where(where)
    .orderBy(desc(relatives.createdAt))
    .limit(f.limit)
    .offset(f.offset);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(relatives).innerJoin(declarer, eq(declarer.id, relatives.userId)).where(where);
  return { items, total: c?.n ?? 0 };
}
