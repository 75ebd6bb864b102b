import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ledgerAccounts, ledgerChainHeads, ledgerChainLinks, ledgerOpenPending, ledgerSealQueue, ledgerTransfers } from '../../db/schema/index';
import { rowFromSql, transferColumns, type TransferRow } from './ledger.repository';

/** Data access of the proof: hash chains, the seal queue, and the aggregates `verifyLedger` compares. */

export type LinkRow = typeof ledgerChainLinks.$inferSelect;
export type HeadRow = typeof ledgerChainHeads.$inferSelect;

export const GENESIS_HASH = '0'.repeat(64);

type Rows = { rows: Array<Record<string, unknown>> };
const rowsOf = (res: unknown) => (res as Rows).rows;

// ——— sealing ———

/**
 * For the operations metrics: transfers sealed into the chains so far (the sum of the chain
 * heads: one row per city and ledger) and transfers waiting in the seal queue (drained twice a second).
 */
export async function sealFigures(db: DbOrTx): Promise<{ sealed: number; queued: number }> {
  const res = await db.execute(sql`select (select coalesce(sum(seq), 0)::bigint from ledger_chain_heads) as sealed, (select count(*)::int from ledger_seal_queue) as queued`);
  const r = rowsOf(res)[0] ?? {};
  return { sealed: Number(r.sealed ?? 0), queued: Number(r.queued ?? 0) };
}

/** The chains that have transfers waiting to be sealed. */
export async function chainsWithQueue(db: DbOrTx): Promise<Array<{ cityCode: string; ledger: string }>> {
  const res = await db.execute(sql`select distinct city_code, ledger from ledger_seal_queue`);
  return rowsOf(res).map((r) => ({ cityCode: r.city_code as string, ledger: r.ledger as string }));
}

export async function hasQueued(db: DbOrTx): Promise<boolean> {
  const res = await db.execute(sql`select 1 from ledger_seal_queue limit 1`);
  return rowsOf(res).length > 0;
}

/**
 * Locks a chain's head for sealing, making it at genesis the first time. With `skipLocked`, a
 * head another sealer holds is skipped (undefined) instead of waited for.
 */
export async function lockHeadForSealing(db: DbOrTx, cityCode: string, ledger: string, at: Date, skipLocked: boolean): Promise<HeadRow | undefined> {
  await db.insert(ledgerChainHeads).values({ cityCode, ledger, seq: 0, hash: GENESIS_HASH, updatedAt: at }).onConflictDoNothing();
  const q = db
    .select()
    .from(ledgerChainHeads)
    .where(and(eq(ledgerChainHeads.cityCode, cityCode), eq(ledgerChainHeads.ledger, ledger)));
  const [head] = skipLocked ? await q.for('update', { skipLocked: true }) : await q.for('update');
  return head;
}

/** The queued transfers of a chain, oldest first (the order they are sealed in). */
export async function queuedTransfers(db: DbOrTx, cityCode: string, ledger: string, limit: number): Promise<TransferRow[]> {
  const res = await db.execute(sql`
    select ${transferColumns('t')}
      from ledger_seal_queue q join ledger_transfers t on t.id = q.transfer_id
     where q.city_code = ${cityCode} and q.ledger = ${ledger}
     order by q.created_at, q.transfer_id
     limit ${limit}`);
  return rowsOf(res).map(rowFromSql);
}

export async function insertLinks(db: DbOrTx, links: Array<typeof ledgerChainLinks.$inferInsert>): Promise<void> {
  if (links.length) await db.insert(ledgerChainLinks).values(links);
}

export async function dequeue(db: DbOrTx, transferIds: string[]): Promise<void> {
  if (transferIds.length) await db.delete(ledgerSealQueue).where(inArray(ledgerSealQueue.transferId, transferIds));
}

/** Moves a head forward (compare-and-set on the seq it had). */
export async function advanceHead(db: DbOrTx, h: { cityCode: string; ledger: string; fromSeq: number; seq: number; hash: string; at: Date }): Promise<void> {
  await db
    .update(ledgerChainHeads)
    .set({ seq: h.seq, hash: h.hash, updatedAt: h.at })
    .where(and(eq(ledgerChainHeads.cityCode, h.cityCode), eq(ledgerChainHeads.ledger, h.ledger), eq(ledgerChainHeads.seq, h.fromSeq)));
}

// ——— reading the chains ———

export async function listHeads(db: DbOrTx, cityCodes?: readonly string[]): Promise<HeadRow[]> {
  const q = db.select().from(ledgerChainHeads);
  const rows = cityCodes ? await q.where(inArray(ledgerChainHeads.cityCode, [...cityCodes])) : await q;
  return rows.sort((a, b) => (a.cityCode + a.ledger).localeCompare(b.cityCode + b.ledger));
}

export interface LinkedTransfer {
  link: LinkRow;
  transfer: TransferRow | null;
}

/** A page of one chain in seq order, each link with its transfer (null when the transfer is gone). */
export async function chainPage(db: DbOrTx, cityCode: string, ledger: string, afterSeq: number, limit: number): Promise<LinkedTransfer[]> {
  const rows = await db
    .select({ link: ledgerChainLinks, transfer: ledgerTransfers })
    .from(ledgerChainLinks)
    .leftJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerChainLinks.transferId))
    .where(and(eq(ledgerChainLinks.cityCode, cityCode), eq(ledgerChainLinks.ledger, ledger), gt(ledgerChainLinks.seq, afterSeq)))
    .orderBy(asc(ledgerChainLinks.seq))
    .limit(limit);
  return rows;
}

/** The link of one position of a chain. */
export async function linkAt(db: DbOrTx, cityCode: string, ledger: string, seq: number): Promise<LinkRow | undefined> {
  const [l] = await db
    .select()
    .from(ledgerChainLinks)
    .where(and(eq(ledgerChainLinks.cityCode, cityCode), eq(ledgerChainLinks.ledger, ledger), eq(ledgerChainLinks.seq, seq)))
    .limit(1);
  return l;
}

// ——— aggregates the proof compares ———

export interface AccountScope {
  /** Only these cities' accounts (and their transfers). */
  cityCodes?: readonly string[];
  /** Only the person accounts of people living in this region subtree (materialised path). */
  personRegionPath?: string;
}

function accountFilter(alias: string, s: AccountScope) {
  if (s.personRegionPath) {
    return sql`${sql.raw(alias)}.kind = 'person' and ${sql.raw(alias)}.owner_user_id in (
      select u.id from users u join regions r on r.code = u.region_code where r.path like ${s.personRegionPath + '%'})`;
  }
  if (s.cityCodes) return sql`${sql.raw(alias)}.city_code in (${sql.join(s.cityCodes.map((c) => sql`${c}`), sql`, `)})`;
  return sql`true`;
}

/**
 * What one transfer (aliased `t`) adds to its debit account and to its credit account: posted
 * debits and credits, and pending amounts (a resolution — post, void, expiry — undoes the pending
 * amount of what it resolves). The proof's recount and a year's archived sums use the same rule.
 */
export const DEBIT_MOVE = sql`case when t.status in ('posted', 'post_pending') then t.amount else 0 end as debits_posted, 0::bigint as credits_posted,
  case when t.status = 'pending' then t.amount when t.status in ('post_pending', 'void_pending', 'expired') then -t.amount else 0 end as pending_debits, 0::bigint as pending_credits`;
export const CREDIT_MOVE = sql`0::bigint as debits_posted, case when t.status in ('posted', 'post_pending') then t.amount else 0 end as credits_posted,
  0::bigint as pending_debits, case when t.status = 'pending' then t.amount when t.status in ('post_pending', 'void_pending', 'expired') then -t.amount else 0 end as pending_credits`;

/**
 * Every account in scope whose columns differ from what its transfers add up to, plus what its
 * archived years' transfers added (`ledger_archived_sums`). Resolutions
 * (post/void/expire) undo the pending amounts of what they resolve. For a scope, each account's
 * transfers are read through the two account indexes.
 */
export async function accountMismatches(db: DbOrTx, scope: AccountScope = {}) {
  const whole = !scope.cityCodes && !scope.personRegionPath;
  const moves = whole
    ? sql`
      select t.debit_account_id as account_id, ${DEBIT_MOVE} from ledger_transfers t
      union all
      select t.credit_account_id, ${CREDIT_MOVE} from ledger_transfers t
      union all
      select s.account_id, s.debits_posted, s.credits_posted, s.pending_debits, s.pending_credits from ledger_archived_sums s`
    : sql`
      select t.debit_account_id as account_id, ${DEBIT_MOVE} from scoped a join ledger_transfers t on t.debit_account_id = a.id
      union all
      select t.credit_account_id, ${CREDIT_MOVE} from scoped a join ledger_transfers t on t.credit_account_id = a.id
      union all
      select s.account_id, s.debits_posted, s.credits_posted, s.pending_debits, s.pending_credits from scoped a join ledger_archived_sums s on s.account_id = a.id`;
  const res = await db.execute(sql`
    with scoped as (select a.* from ledger_accounts a where ${accountFilter('a', scope)}),
    moves as (${moves}),
    sums as (
      select account_id, sum(debits_posted) dp, sum(credits_posted) cp, sum(pending_debits) pd, sum(pending_credits) pc from moves group by account_id
    )
    select a.id, a.ledger, a.balance, a.debits_posted, a.credits_posted, a.pending_debits, a.pending_credits,
           coalesce(s.dp, 0)::bigint as calc_debits_posted, coalesce(s.cp, 0)::bigint as calc_credits_posted,
           coalesce(s.pd, 0)::bigint as calc_pending_debits, coalesce(s.pc, 0)::bigint as calc_pending_credits
      from scoped a left join sums s on s.account_id = a.id
     where a.debits_posted <> coalesce(s.dp, 0) or a.credits_posted <> coalesce(s.cp, 0)
        or a.pending_debits <> coalesce(s.pd, 0) or a.pending_credits <> coalesce(s.pc, 0)
        or a.balance <> coalesce(s.cp, 0) - coalesce(s.dp, 0)
     limit 100`);
  return rowsOf(res);
}

export async function countAccounts(db: DbOrTx, scope: AccountScope = {}): Promise<number> {
  const res = await db.execute(sql`select count(*)::int as n from ledger_accounts a where ${accountFilter('a', scope)}`);
  return Number(rowsOf(res)[0]?.n ?? 0);
}

/** Transfers naming an account that does not exist. */
export async function orphanTransfers(db: DbOrTx, cityCodes?: readonly string[]) {
  const inCity = cityCodes ? sql`t.city_code in (${sql.join(cityCodes.map((c) => sql`${c}`), sql`, `)}) and` : sql``;
  const res = await db.execute(sql`
    select t.id from ledger_transfers t
     where ${inCity} (not exists (select 1 from ledger_accounts a where a.id = t.debit_account_id)
        or not exists (select 1 from ledger_accounts a where a.id = t.credit_account_id))
     limit 100`);
  return rowsOf(res) as Array<{ id: string }>;
}

export async function ledgerTotals(db: DbOrTx) {
  const res = await db.execute(sql`
    select ledger, sum(balance)::bigint as balance, sum(pending_debits)::bigint as pending_debits, sum(pending_credits)::bigint as pending_credits, count(*)::int as accounts
      from ledger_accounts group by ledger`);
  return rowsOf(res).map((r) => ({
    ledger: r.ledger as string,
    balance: Number(r.balance),
    pendingDebits: Number(r.pending_debits),
    pendingCredits: Number(r.pending_credits),
    accounts: Number(r.accounts),
  }));
}

/** Transfers and links per (city, ledger), to prove that every transfer is in exactly one chain. */
export async function chainCoverage(db: DbOrTx, cityCodes?: readonly string[]) {
  const inCity = (col: string) => (cityCodes ? sql`where ${sql.raw(col)} in (${sql.join(cityCodes.map((c) => sql`${c}`), sql`, `)})` : sql``);
  const res = await db.execute(sql`
    select coalesce(t.city_code, l.city_code) as city_code, coalesce(t.ledger, l.ledger) as ledger,
           coalesce(t.n, 0)::int as transfers, coalesce(l.n, 0)::int as links
      from (select city_code, ledger, count(*) n from ledger_transfers ${inCity('city_code')} group by city_code, ledger) t
      full join (select city_code, ledger, count(*) n from ledger_chain_links ${inCity('city_code')} group by city_code, ledger) l
        on l.city_code = t.city_code and l.ledger = t.ledger`);
  return rowsOf(res).map((r) => ({ cityCode: r.city_code as string, ledger: r.ledger as string, transfers: Number(r.transfers), links: Number(r.links) }));
}

/** Open reservations that are not pending transfers without a resolution, and the reverse. */
export async function openPendingMismatches(db: DbOrTx, cityCodes?: readonly string[]) {
  const inCity = cityCodes ? sql`and t.city_code in (${sql.join(cityCodes.map((c) => sql`${c}`), sql`, `)})` : sql``;
  const inCityO = cityCodes ? sql`where o.city_code in (${sql.join(cityCodes.map((c) => sql`${c}`), sql`, `)})` : sql``;
  const res = await db.execute(sql`
    select t.id, 'missing' as problem from ledger_transfers t
     where t.status = 'pending' ${inCity}
       and not exists (select 1 from ledger_transfer_resolutions r where r.pending_id = t.id)
       and not exists (select 1 from ledger_open_pending o where o.transfer_id = t.id)
    union all
    select o.transfer_id, 'stale' from ledger_open_pending o
      left join ledger_transfers t on t.id = o.transfer_id
     ${inCityO}
     ${cityCodes ? sql`and` : sql`where`} (t.id is null or t.status <> 'pending' or exists (select 1 from ledger_transfer_resolutions r where r.pending_id = o.transfer_id))
     limit 100`);
  return rowsOf(res).map((r) => ({ id: r.id as string, problem: r.problem as 'missing' | 'stale' }));
}

/** Queued transfers older than a moment: the sealer has not caught up (or is not running). */
export async function oldestQueued(db: DbOrTx): Promise<Date | null> {
  const [r] = await db.select({ at: sql<Date | null>`min(${ledgerSealQueue.createdAt})` }).from(ledgerSealQueue);
  const v = r?.at ?? null;
  return v === null ? null : v instanceof Date ? v : new Date(String(v));
}

/** For a subtree proof: the links of the transfers that touch the accounts in scope, with their predecessors' hashes. */
export async function scopedLinks(db: DbOrTx, personRegionPath: string, afterTransferId: string | null, limit: number) {
  const res = await db.execute(sql`
    with acc as (
      select a.id from ledger_accounts a
       where a.kind = 'person' and a.owner_user_id in (
         select u.id from users u join regions r on r.code = u.region_code where r.path like ${personRegionPath + '%'})
    ), tids as (
      select t.id from acc join ledger_transfers t on t.debit_account_id = acc.id
      union
      select t.id from acc join ledger_transfers t on t.credit_account_id = acc.id
    )
    select ${transferColumns('t')},
           l.seq as link_seq, l.prev_hash as link_prev_hash, l.hash as link_hash, l.version as link_version, l.sealed_at as link_sealed_at,
           p.hash as prior_hash
      from tids
      join ledger_transfers t on t.id = tids.id
      left join ledger_chain_links l on l.transfer_id = t.id
      left join ledger_chain_links p on p.city_code = l.city_code and p.ledger = l.ledger and p.seq = l.seq - 1
     where ${afterTransferId ? sql`t.id > ${afterTransferId}::uuid` : sql`true`}
     order by t.id
     limit ${limit}`);
  return rowsOf(res).map((r) => ({
    transfer: rowFromSql(r),
    link:
      r.link_seq === null || r.link_seq === undefined
        ? null
        : {
            cityCode: r.city_code as string,
            ledger: r.ledger as string,
            seq: Number(r.link_seq),
            transferId: r.id as string,
            prevHash: r.link_prev_hash as string,
            hash: r.link_hash as string,
            version: Number(r.link_version),
            sealedAt: r.link_sealed_at instanceof Date ? r.link_sealed_at : new Date(String(r.link_sealed_at)),
          },
    priorHash: (r.prior_hash as string | null) ?? null,
  }));
}

export async function queueSize(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(ledgerSealQueue);
  return Number(r?.n ?? 0);
}

export async function openPendingCount(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(ledgerOpenPending);
  return Number(r?.n ?? 0);
}

export async function accountExists(db: DbOrTx, id: string): Promise<boolean> {
  const [r] = await db.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(eq(ledgerAccounts.id, id)).limit(1);
  return !!r;
}
