import { and, asc, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { attendance, ledgerArchivedChains, ledgerArchivedYears, ledgerChainLinks, ledgerTransfers, serviceRecords } from '../../db/schema/index';
import type { TransferRow } from './ledger.repository';
import { CREDIT_MOVE, DEBIT_MOVE, type LinkRow } from './proof.repository';

/**
 * Data access of the year archive (ledger.archive.ts): the year's partitions read in id order,
 * the archived sums and chain counts, and the partitions' detachment. The three tables are
 * partitioned by year (migration 0033); a year's partition is `<table>_y<year>`.
 */

export type ArchivedYearRow = typeof ledgerArchivedYears.$inferSelect;
export type RecordRow = typeof serviceRecords.$inferSelect;
export type AttendanceRow = typeof attendance.$inferSelect;

type Rows = { rows: Array<Record<string, unknown>> };
const rowsOf = (res: unknown) => (res as Rows).rows;

/** The smallest UUIDv7 of 1 January 00:00 China time of each year, from the database's own function. */
export async function yearBounds(db: DbOrTx, year: number): Promise<{ lo: string; hi: string }> {
  const res = await db.execute(sql`
    select aixin_uuid7_floor(make_date(${year}::int, 1, 1)::timestamp at time zone 'UTC' - interval '8 hours')::text as lo,
           aixin_uuid7_floor(make_date(${year + 1}::int, 1, 1)::timestamp at time zone 'UTC' - interval '8 hours')::text as hi`);
  const r = rowsOf(res)[0]!;
  return { lo: String(r.lo), hi: String(r.hi) };
}

/** The year's partitions that still exist (none once archived). */
export async function yearPartitions(db: DbOrTx, year: number): Promise<string[]> {
  const names = ['ledger_transfers', 'service_records', 'attendance'].map((t) => `${t}_y${year}`);
  const res = await db.execute(sql`select relname from pg_class where relname in (${sql.join(names.map((n) => sql`${n}`), sql`, `)}) and relkind = 'r'`);
  return rowsOf(res).map((r) => String(r.relname));
}

export async function archivedYears(db: DbOrTx): Promise<ArchivedYearRow[]> {
  return db.select().from(ledgerArchivedYears).orderBy(asc(ledgerArchivedYears.year));
}

export async function archivedChainCounts(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await db
    .select({ cityCode: ledgerArchivedChains.cityCode, ledger: ledgerArchivedChains.ledger, n: sql<number>`sum(${ledgerArchivedChains.transfers})::int` })
    .from(ledgerArchivedChains)
    .groupBy(ledgerArchivedChains.cityCode, ledgerArchivedChains.ledger);
  return new Map(rows.map((r) => [`${r.cityCode}/${r.ledger}`, Number(r.n)]));
}

// ——— what stops a year from leaving ———

/** Transfers of the year not yet in their chain (the sealer has not caught up). */
export async function queuedBefore(db: DbOrTx, hi: string): Promise<number> {
  const res = await db.execute(sql`select count(*)::int as n from ledger_seal_queue where transfer_id < ${hi}::uuid`);
  return Number(rowsOf(res)[0]?.n ?? 0);
}

/** Reservations of the year still open (neither posted, voided nor expired). */
export async function openPendingIn(db: DbOrTx, lo: string, hi: string): Promise<number> {
  const res = await db.execute(sql`select count(*)::int as n from ledger_open_pending where transfer_id >= ${lo}::uuid and transfer_id < ${hi}::uuid`);
  return Number(rowsOf(res)[0]?.n ?? 0);
}

// ——— the year's rows, in pages ———

export async function transfersPage(db: DbOrTx, lo: string, hi: string, after: string | null, limit: number): Promise<TransferRow[]> {
  return db
    .select()
    .from(ledgerTransfers)
    .where(and(gte(ledgerTransfers.id, lo), lt(ledgerTransfers.id, hi), after ? gt(ledgerTransfers.id, after) : undefined))
    .orderBy(asc(ledgerTransfers.id))
    .limit(limit);
}

export async function linksOf(db: DbOrTx, transferIds: readonly string[]): Promise<Map<string, LinkRow>> {
  if (transferIds.length === 0) return new Map();
  const rows = await db.select().from(ledgerChainLinks).where(inArray(ledgerChainLinks.transferId, [...transferIds]));
  return new Map(rows.map((l) => [l.transferId, l]));
}

export async function recordsPage(db: DbOrTx, lo: string, hi: string, after: string | null, limit: number): Promise<RecordRow[]> {
  return db
    .select()
    .from(serviceRecords)
    .where(and(gte(serviceRecords.id, lo), lt(serviceRecords.id, hi), after ? gt(serviceRecords.id, after) : undefined))
    .orderBy(asc(serviceRecords.id))
    .limit(limit);
}

/** Attendance is partitioned by its activity's id: paged by (activity_id, id). */
export async function attendancePage(db: DbOrTx, lo: string, hi: string, after: { activityId: string; id: string } | null, limit: number): Promise<AttendanceRow[]> {
  const from: SQL | undefined = after ? sql`(${attendance.activityId}, ${attendance.id}) > (${after.activityId}::uuid, ${after.id}::uuid)` : undefined;
  return db
    .select()
    .from(attendance)
    .where(and(gte(attendance.activityId, lo), lt(attendance.activityId, hi), from))
    .orderBy(asc(attendance.activityId), asc(attendance.id))
    .limit(limit);
}

export async function countsIn(db: DbOrTx, lo: string, hi: string): Promise<{ transfers: number; records: number; attendance: number }> {
  const res = await db.execute(sql`
    select (select count(*) from ledger_transfers where id >= ${lo}::uuid and id < ${hi}::uuid)::int as transfers,
           (select count(*) from service_records where id >= ${lo}::uuid and id < ${hi}::uuid)::int as records,
           (select count(*) from attendance where activity_id >= ${lo}::uuid and activity_id < ${hi}::uuid)::int as attendance`);
  const r = rowsOf(res)[0]!;
  return { transfers: Number(r.transfers), records: Number(r.records), attendance: Number(r.attendance) };
}

// ——— the year leaves ———

/**
 * Each account's sums over the year's transfers (the rules of `accountMismatches`), each chain's
 * count, and the year's row; then the partitions are detached and dropped. In the caller's transaction.
 */
export async function closeYear(db: DbOrTx, y: { year: number; lo: string; hi: string; counts: { transfers: number; records: number; attendance: number }; fileSha256: string; fileName: string; at: Date }): Promise<void> {
  const inYear = sql`t.id >= ${y.lo}::uuid and t.id < ${y.hi}::uuid`;
  await db.execute(sql`
    insert into ledger_archived_sums (account_id, year, city_code, debits_posted, credits_posted, pending_debits, pending_credits)
    select m.account_id, ${y.year}::int, min(a.city_code), sum(m.debits_posted)::bigint, sum(m.credits_posted)::bigint, sum(m.pending_debits)::bigint, sum(m.pending_credits)::bigint
      from (
        select t.debit_account_id as account_id, ${DEBIT_MOVE} from ledger_transfers t where ${inYear}
        union all
        select t.credit_account_id, ${CREDIT_MOVE} from ledger_transfers t where ${inYear}
      ) m join ledger_accounts a on a.id = m.account_id
     group by m.account_id`);
  await db.execute(sql`
    insert into ledger_archived_chains (city_code, ledger, year, transfers)
    select t.city_code, t.ledger, ${y.year}::int, count(*)::int from ledger_transfers t where ${inYear} group by t.city_code, t.ledger`);
  await db.insert(ledgerArchivedYears).values({ year: y.year, lo: y.lo, hi: y.hi, ...y.counts, fileSha256: y.fileSha256, fileName: y.fileName, archivedAt: y.at });
  for (const table of ['ledger_transfers', 'service_records', 'attendance']) {
    const part = `${table}_y${y.year}`;
    await db.execute(sql.raw(`alter table ${table} detach partition ${part}`));
    await db.execute(sql.raw(`drop table ${part}`));
  }
}
