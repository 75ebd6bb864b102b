import { sql } from 'drizzle-orm';
import { pgTable, uuid, varchar, text, char, bigint, integer, boolean, date, timestamp, index, uniqueIndex, check, primaryKey } from 'drizzle-orm/pg-core';

/**
 * The time bank, modelled on TigerBeetle's accounts and transfers. Two ledgers: `points`
 * (积分) and `time` (minutes). Only `modules/ledger` writes these tables.
 *
 * An account's `balance` is its posted net (credits_posted - debits_posted); what can be spent
 * now is `balance - pending_debits`. Person accounts (and every system account but issuance,
 * which mints) carry a CHECK that this never goes below zero (flag bit 1 = may go negative).
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    ledger: varchar('ledger', { length: 8 }).notNull(),
    kind: varchar('kind', { length: 8 }).notNull(),
    ownerUserId: uuid('owner_user_id'),
    regionCode: varchar('region_code', { length: 15 }),
    purpose: varchar('purpose', { length: 20 }),
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
    pendingDebits: bigint('pending_debits', { mode: 'number' }).notNull().default(0),
    pendingCredits: bigint('pending_credits', { mode: 'number' }).notNull().default(0),
    debitsPosted: bigint('debits_posted', { mode: 'number' }).notNull().default(0),
    creditsPosted: bigint('credits_posted', { mode: 'number' }).notNull().default(0),
    /** Bit 1: the account may go negative (issuance accounts mint). */
    flags: integer('flags').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('ledger_accounts_person_uq').on(t.ledger, t.ownerUserId).where(sql`kind = 'person'`),
    uniqueIndex('ledger_accounts_system_uq').on(t.ledger, t.regionCode, t.purpose).where(sql`kind = 'system'`),
    index('ledger_accounts_city_idx').on(t.cityCode, t.id),
    check('ledger_accounts_ledger_ck', sql`ledger in ('points', 'time')`),
    check(
      'ledger_accounts_kind_ck',
      sql`(kind = 'person' and owner_user_id is not null and region_code is null and purpose is null and flags & 1 = 0)
       or (kind = 'system' and owner_user_id is null and region_code is not null
           and purpose in ('issuance', 'supermarket', 'public_pool', 'escrow', 'service_payment'))`,
    ),
    check('ledger_accounts_no_overdraft_ck', sql`flags & 1 = 1 or balance - pending_debits >= 0`),
    check('ledger_accounts_balance_ck', sql`balance = credits_posted - debits_posted`),
    check('ledger_accounts_nonneg_ck', sql`pending_debits >= 0 and pending_credits >= 0 and debits_posted >= 0 and credits_posted >= 0`),
  ],
);

/**
 * Immutable transfers (a trigger refuses UPDATE and DELETE). A pending transfer reserves; a
 * later record with `pending_id` posts, voids or expires it, exactly once (`ledger_transfer_resolutions`).
 * A reversal is a new posted transfer the other way with `reverses_id`. Partitioned by the year
 * (China time) its UUIDv7 id was minted: `PARTITION BY RANGE (id)`, one partition a year. Each row carries the
 * spendable balance after it on both sides. Its place in the hash chain of (city, ledger) is
 * a row of `ledger_chain_links`, written by the sealer shortly after the transfer commits.
 */
export const ledgerTransfers = pgTable(
  'ledger_transfers',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    ledger: varchar('ledger', { length: 8 }).notNull(),
    debitAccountId: uuid('debit_account_id').notNull(),
    creditAccountId: uuid('credit_account_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    code: varchar('code', { length: 24 }).notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    pendingId: uuid('pending_id'),
    reversesId: uuid('reverses_id'),
    timeoutAt: timestamp('timeout_at', { withTimezone: true }),
    actorId: uuid('actor_id'),
    objectType: varchar('object_type', { length: 40 }),
    objectId: varchar('object_id', { length: 64 }),
    memo: text('memo'),
    idempotencyKey: varchar('idempotency_key', { length: 200 }),
    /** sha256 of the request's fields: a repeat of the key with other fields is a conflict. */
    requestHash: char('request_hash', { length: 64 }).notNull(),
    debitBalanceAfter: bigint('debit_balance_after', { mode: 'number' }).notNull(),
    creditBalanceAfter: bigint('credit_balance_after', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // (created_at, id) is the passbook's order: a page is read from the index in order and stops
    // at the page's end, instead of fetching and sorting every transfer of the account
    index('ledger_transfers_debit_idx').on(t.debitAccountId, t.createdAt.desc(), t.id.desc()),
    index('ledger_transfers_credit_idx').on(t.creditAccountId, t.createdAt.desc(), t.id.desc()),
    index('ledger_transfers_object_idx').on(t.objectType, t.objectId),
    check('ledger_transfers_amount_ck', sql`amount > 0`),
    check('ledger_transfers_ledger_ck', sql`ledger in ('points', 'time')`),
    check('ledger_transfers_accounts_ck', sql`debit_account_id <> credit_account_id`),
    check('ledger_transfers_status_ck', sql`status in ('posted', 'pending', 'post_pending', 'void_pending', 'expired')`),
    check(
      'ledger_transfers_pending_link_ck',
      sql`(status in ('post_pending', 'void_pending', 'expired')) = (pending_id is not null)`,
    ),
    check('ledger_transfers_timeout_ck', sql`status = 'pending' or timeout_at is null`),
  ],
);

/**
 * The transfer's keys that are unique across every year's partition of `ledger_transfers`
 * (partitioned by the year its id was minted, migration 0033): written by the AFTER INSERT
 * trigger `ledger_transfers_keys`. Their primary keys carry the names of the unique indexes they
 * replace, so a lost race is still told by `isUniqueViolation(err, 'ledger_transfers_idem_uq')`.
 */
export const ledgerTransferKeys = pgTable(
  'ledger_transfer_keys',
  {
    idempotencyKey: varchar('idempotency_key', { length: 200 }).notNull(),
    transferId: uuid('transfer_id').notNull(),
    cityCode: char('city_code', { length: 4 }).notNull(),
  },
  (t) => [primaryKey({ name: 'ledger_transfers_idem_uq', columns: [t.idempotencyKey] })],
);

/** A reservation's one resolution (post, void or expiry). */
export const ledgerTransferResolutions = pgTable(
  'ledger_transfer_resolutions',
  {
    pendingId: uuid('pending_id').notNull(),
    transferId: uuid('transfer_id').notNull(),
    cityCode: char('city_code', { length: 4 }).notNull(),
  },
  (t) => [primaryKey({ name: 'ledger_transfers_pending_uq', columns: [t.pendingId] })],
);

/** A transfer's one reversal. */
export const ledgerTransferReversals = pgTable(
  'ledger_transfer_reversals',
  {
    reversesId: uuid('reverses_id').notNull(),
    transferId: uuid('transfer_id').notNull(),
    cityCode: char('city_code', { length: 4 }).notNull(),
  },
  (t) => [primaryKey({ name: 'ledger_transfers_reverses_uq', columns: [t.reversesId] })],
);

/**
 * The hash chains. Transfers are written without waiting for any chain: an AFTER INSERT trigger
 * queues each one in `ledger_seal_queue`, and the sealer (one at a time per chain: it locks the
 * head) appends queued transfers to their chain in batches, linking each to the previous hash.
 * Links are append-only (trigger). `version` 1: the JSON encoding of the first release (kept so
 * that chains written then still verify); 2: the canonical byte encoding (ledger.proof.ts).
 */
export const ledgerChainLinks = pgTable(
  'ledger_chain_links',
  {
    cityCode: char('city_code', { length: 4 }).notNull(),
    ledger: varchar('ledger', { length: 8 }).notNull(),
    /** Position in the (city_code, ledger) chain, from 1. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    transferId: uuid('transfer_id').notNull(),
    prevHash: char('prev_hash', { length: 64 }).notNull(),
    hash: char('hash', { length: 64 }).notNull(),
    version: integer('version').notNull(),
    sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('ledger_chain_links_pk').on(t.cityCode, t.ledger, t.seq),
    uniqueIndex('ledger_chain_links_transfer_uq').on(t.transferId),
    check('ledger_chain_links_version_ck', sql`version in (1, 2)`),
  ],
);

/** Transfers committed but not yet in a chain (filled by a trigger, emptied by the sealer). */
export const ledgerSealQueue = pgTable(
  'ledger_seal_queue',
  {
    transferId: uuid('transfer_id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    ledger: varchar('ledger', { length: 8 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('ledger_seal_queue_chain_idx').on(t.cityCode, t.ledger, t.createdAt)],
);

/**
 * Reservations not yet posted, voided or expired (a trigger adds a pending transfer and removes
 * it when its resolution is written), so the sweeper's cost follows the open reservations, not
 * every reservation ever made.
 */
export const ledgerOpenPending = pgTable(
  'ledger_open_pending',
  {
    transferId: uuid('transfer_id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    timeoutAt: timestamp('timeout_at', { withTimezone: true }),
  },
  (t) => [index('ledger_open_pending_timeout_idx').on(t.timeoutAt)],
);

/**
 * Years whose partitions of transfers, service records and attendance left the database for an
 * archive file (`aixin ledger archive`): the id bounds, what left and the file's sha256. The proof
 * reads them: a chain link whose transfer lies in an archived year is accepted unrecomputed (its
 * hash is pinned by the next link's, which is recomputed), and each account's archived sums stand
 * for the transfers that left. Written by the ledger module's archive only.
 */
export const ledgerArchivedYears = pgTable('ledger_archived_years', {
  year: integer('year').primaryKey(),
  /** The smallest UUIDv7 of 1 January (China time) of the year, and of the next. */
  lo: uuid('lo').notNull(),
  hi: uuid('hi').notNull(),
  transfers: integer('transfers').notNull(),
  records: integer('records').notNull(),
  attendance: integer('attendance').notNull(),
  fileSha256: char('file_sha256', { length: 64 }).notNull(),
  fileName: text('file_name').notNull(),
  archivedAt: timestamp('archived_at', { withTimezone: true }).notNull(),
});

/** What an archived year's transfers added to each account (the same sums the proof recomputes). */
export const ledgerArchivedSums = pgTable(
  'ledger_archived_sums',
  {
    accountId: uuid('account_id').notNull(),
    year: integer('year').notNull(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    debitsPosted: bigint('debits_posted', { mode: 'number' }).notNull(),
    creditsPosted: bigint('credits_posted', { mode: 'number' }).notNull(),
    pendingDebits: bigint('pending_debits', { mode: 'number' }).notNull(),
    pendingCredits: bigint('pending_credits', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'ledger_archived_sums_pkey', columns: [t.accountId, t.year] })],
);

/** How many of each chain's links point at an archived year's transfers. */
export const ledgerArchivedChains = pgTable(
  'ledger_archived_chains',
  {
    cityCode: char('city_code', { length: 4 }).notNull(),
    ledger: varchar('ledger', { length: 8 }).notNull(),
    year: integer('year').notNull(),
    transfers: integer('transfers').notNull(),
  },
  (t) => [primaryKey({ name: 'ledger_archived_chains_pkey', columns: [t.cityCode, t.ledger, t.year] })],
);

/** The head of each hash chain: the sealer locks it (FOR UPDATE) to append a batch. */
export const ledgerChainHeads = pgTable(
  'ledger_chain_heads',
  {
    cityCode: char('city_code', { length: 4 }).notNull(),
    ledger: varchar('ledger', { length: 8 }).notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
    hash: char('hash', { length: 64 }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('ledger_chain_heads_pk').on(t.cityCode, t.ledger)],
);

/** Time-bank rules of a region from a date, inherited down the region tree (reference data). */
export const ledgerPolicies = pgTable(
  'ledger_policies',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
    pointsPerHour: integer('points_per_hour').notNull().default(10),
    rounding: varchar('rounding', { length: 20 }).$type<'up_half_hour' | 'up_hour' | 'nearest_half_hour' | 'down_half_hour' | 'exact'>().notNull().default('up_half_hour'),
    dailyCapMinutes: integer('daily_cap_minutes').notNull().default(720),
    creditsPoints: boolean('credits_points').notNull().default(true),
    creditsTime: boolean('credits_time').notNull().default(true),
    storageCapMinutes: integer('storage_cap_minutes'),
    withdrawMinAge: integer('withdraw_min_age').notNull().default(60),
    familyTransferEnabled: boolean('family_transfer_enabled').notNull().default(true),
    familyTransferMaxPerYearMinutes: integer('family_transfer_max_per_year_minutes'),
    /** A service shorter than this earns nothing (art. 7: the time actually given, set reasonably). */
    minMinutes: integer('min_minutes').notNull().default(15),
    /** 补录: how many days back a retroactive record may reach. */
    retroWindowDays: integer('retro_window_days').notNull().default(90),
    /** 补录 longer than this waits for a second staff member's approval. */
    retroApprovalMinutes: integer('retro_approval_minutes').notNull().default(240),
    /** 补录 beyond this many for one person in a calendar month wait for approval. */
    retroMonthlyLimit: integer('retro_monthly_limit').notNull().default(3),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('ledger_policies_region_from_uq').on(t.regionCode, t.effectiveFrom),
    check('ledger_policies_rounding_ck', sql`rounding in ('up_half_hour', 'up_hour', 'nearest_half_hour', 'down_half_hour', 'exact')`),
    check(
      'ledger_policies_numbers_ck',
      sql`points_per_hour >= 0 and daily_cap_minutes >= 0 and (storage_cap_minutes is null or storage_cap_minutes >= 0)
       and withdraw_min_age >= 0 and (family_transfer_max_per_year_minutes is null or family_transfer_max_per_year_minutes >= 0)
       and min_minutes >= 0`,
    ),
    check('ledger_policies_retro_ck', sql`retro_window_days >= 0 and retro_approval_minutes >= 0 and retro_monthly_limit >= 0`),
  ],
);

/**
 * One row per service credited (creditService): the idempotency anchor of a credit and what
 * the daily cap counts (minutes credited per person per local day).
 */
export const ledgerServiceCredits = pgTable(
  'ledger_service_credits',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    userId: uuid('user_id').notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    /** The local (Asia/Shanghai) day of the service. */
    serviceDay: date('service_day', { mode: 'string' }).notNull(),
    measuredMinutes: integer('measured_minutes').notNull(),
    creditedMinutes: integer('credited_minutes').notNull(),
    timeMinutes: integer('time_minutes').notNull(),
    overflowMinutes: integer('overflow_minutes').notNull(),
    points: integer('points').notNull(),
    policyId: uuid('policy_id'),
    objectType: varchar('object_type', { length: 40 }),
    objectId: varchar('object_id', { length: 64 }),
    idempotencyKey: varchar('idempotency_key', { length: 200 }).notNull(),
    requestHash: char('request_hash', { length: 64 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('ledger_service_credits_idem_uq').on(t.idempotencyKey),
    index('ledger_service_credits_user_day_idx').on(t.userId, t.serviceDay),
    check('ledger_service_credits_ck', sql`measured_minutes >= 0 and credited_minutes >= 0 and time_minutes >= 0 and overflow_minutes >= 0 and points >= 0`),
  ],
);

/** Direct relatives (直系亲属), verified by staff before time or points may be given. */
export const relatives = pgTable(
  'relatives',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    userId: uuid('user_id').notNull(),
    relativeUserId: uuid('relative_user_id').notNull(),
    relation: varchar('relation', { length: 12 }).notNull(),
    status: varchar('status', { length: 10 }).notNull().default('pending'),
    verifiedBy: uuid('verified_by'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('relatives_pair_uq').on(t.userId, t.relativeUserId).where(sql`status <> 'rejected'`),
    index('relatives_relative_idx').on(t.relativeUserId, t.userId),
    check('relatives_relation_ck', sql`relation in ('spouse', 'parent', 'child', 'grandparent', 'grandchild')`),
    check('relatives_status_ck', sql`status in ('pending', 'verified', 'rejected')`),
    check('relatives_not_self_ck', sql`user_id <> relative_user_id`),
  ],
);
