import { z } from 'zod';
import { ClientKey, Id, IsoDateTime, PageQuery, RegionCode, pageOf } from './common';

/** Two ledgers: `points` (积分) and `time` (minutes of service, 时间币). */
export const LEDGERS = ['points', 'time'] as const;
export const Ledger = z.enum(LEDGERS);
export type Ledger = z.infer<typeof Ledger>;

export const TRANSFER_CODES = [
  'earned',
  'redeemed',
  'family_transfer',
  'donation',
  'service_payment',
  'reversal',
  'adjustment',
  'storage_overflow',
] as const;
export const TransferCode = z.enum(TRANSFER_CODES);
export type TransferCode = z.infer<typeof TransferCode>;

export const TRANSFER_STATUSES = ['posted', 'pending', 'post_pending', 'void_pending', 'expired'] as const;
export const TransferStatus = z.enum(TRANSFER_STATUSES);
export type TransferStatus = z.infer<typeof TransferStatus>;

export const SYSTEM_PURPOSES = ['issuance', 'supermarket', 'public_pool', 'escrow', 'service_payment'] as const;
export const SystemPurpose = z.enum(SYSTEM_PURPOSES);
export type SystemPurpose = z.infer<typeof SystemPurpose>;

export const ROUNDING_MODES = ['up_half_hour', 'up_hour', 'nearest_half_hour', 'down_half_hour', 'exact'] as const;
export const RoundingMode = z.enum(ROUNDING_MODES);
export type RoundingMode = z.infer<typeof RoundingMode>;

export const RELATIONS = ['spouse', 'parent', 'child', 'grandparent', 'grandchild'] as const;
export const Relation = z.enum(RELATIONS);
export type Relation = z.infer<typeof Relation>;

export const RELATION_STATUSES = ['pending', 'verified', 'rejected'] as const;
export const RelationStatus = z.enum(RELATION_STATUSES);

const IdempotencyKey = z.string().trim().min(8).max(100).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');
const Amount = z.number().int().positive().max(100_000_000);

/** Spendable balances: points, and time in minutes (reserved amounts already taken off). */
export const Balances = z.object({ points: z.number().int(), time: z.number().int() });
export type Balances = z.infer<typeof Balances>;

export const PassbookQuery = PageQuery.extend({ ledger: Ledger.optional() });
export type PassbookQuery = z.infer<typeof PassbookQuery>;

export const PassbookItem = z.object({
  id: Id,
  ledger: Ledger,
  /** Change of the holder's spendable balance, signed (a reservation counts when made). */
  amount: z.number().int(),
  /** The transfer's code: earned, redeemed, family_transfer, … */
  kind: z.string(),
  status: TransferStatus,
  /** For a pending line: what became of it (post_pending = paid, void_pending = returned, expired); null while it is still held. */
  settledAs: TransferStatus.nullable().optional(),
  /** The transfer's own amount (always positive). */
  transferAmount: z.number().int().positive(),
  memo: z.string().nullable(),
  at: IsoDateTime,
  balanceAfter: z.number().int(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
});
export type PassbookItem = z.infer<typeof PassbookItem>;

export const Passbook = z.object({ balances: Balances, items: z.array(PassbookItem), total: z.number().int().nonnegative() });
export type Passbook = z.infer<typeof Passbook>;

export const TransferCreateBody = z.object({
  toUserId: Id,
  ledger: Ledger,
  amount: Amount,
  memo: z.string().trim().max(200).optional(),
  /** Required unless the `Idempotency-Key` header or `clientKey` is given (then that key is used). */
  idempotencyKey: IdempotencyKey.optional(),
  clientKey: ClientKey.optional(),
});
export type TransferCreateBody = z.infer<typeof TransferCreateBody>;

export const DonationCreateBody = z.object({
  ledger: Ledger,
  amount: Amount,
  memo: z.string().trim().max(200).optional(),
  /** Required unless the `Idempotency-Key` header or `clientKey` is given (then that key is used). */
  idempotencyKey: IdempotencyKey.optional(),
  clientKey: ClientKey.optional(),
});
export type DonationCreateBody = z.infer<typeof DonationCreateBody>;

export const Transfer = z.object({
  id: Id,
  ledger: Ledger,
  code: z.string(),
  status: TransferStatus,
  amount: z.number().int().positive(),
  debitAccountId: Id,
  creditAccountId: Id,
  pendingId: Id.nullable(),
  reversesId: Id.nullable(),
  timeoutAt: IsoDateTime.nullable(),
  memo: z.string().nullable(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  debitBalanceAfter: z.number().int(),
  creditBalanceAfter: z.number().int(),
  createdAt: IsoDateTime,
});
export type Transfer = z.infer<typeof Transfer>;

export const ReverseBody = z.object({ reason: z.string().trim().min(2).max(200) });

export const RelativeCreateBody = z.object({ relativeUserId: Id, relation: Relation });
export type RelativeCreateBody = z.infer<typeof RelativeCreateBody>;

export const RelativeLink = z.object({
  id: Id,
  userId: Id,
  relativeUserId: Id,
  relation: Relation,
  status: RelationStatus,
  verifiedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  /** The other person's name, from the reader's side. */
  otherName: z.string().optional(),
});
export type RelativeLink = z.infer<typeof RelativeLink>;

export const LedgerPolicyFields = z.object({
  pointsPerHour: z.number().int().min(0).max(10_000),
  rounding: RoundingMode,
  dailyCapMinutes: z.number().int().min(0).max(1440),
  creditsPoints: z.boolean(),
  creditsTime: z.boolean(),
  storageCapMinutes: z.number().int().min(0).nullable(),
  withdrawMinAge: z.number().int().min(0).max(150),
  familyTransferEnabled: z.boolean(),
  familyTransferMaxPerYearMinutes: z.number().int().min(0).nullable(),
  /** A service shorter than this earns nothing (default 15 minutes). */
  minMinutes: z.number().int().min(0).max(240),
  /** 补录 reaches at most this many days back (default 90). */
  retroWindowDays: z.number().int().min(0).max(36_500),
  /** 补录 longer than this waits for a second staff member's approval (default 240 minutes). */
  retroApprovalMinutes: z.number().int().min(0).max(1440),
  /** 补录 beyond this many for one person in a calendar month wait for approval (default 3). */
  retroMonthlyLimit: z.number().int().min(0).max(1000),
});
export type LedgerPolicyFields = z.infer<typeof LedgerPolicyFields>;

export const LedgerPolicyPutBody = LedgerPolicyFields.partial().extend({
  /** From when the rule applies; now when left out; never in the past. */
  effectiveFrom: IsoDateTime.optional(),
});
export type LedgerPolicyPutBody = z.infer<typeof LedgerPolicyPutBody>;

export const LedgerPolicy = LedgerPolicyFields.extend({
  id: Id.nullable(),
  /** The region whose row applies (this one or an ancestor); null: the defaults. */
  sourceRegionCode: z.string().nullable(),
  effectiveFrom: IsoDateTime.nullable(),
});
export type LedgerPolicy = z.infer<typeof LedgerPolicy>;

export const LedgerPolicyView = z.object({
  regionCode: z.string(),
  effective: LedgerPolicy,
  /** Rows set on this region itself, newest first (including future ones). */
  own: z.array(LedgerPolicy),
});

export const LedgerVerifyScope = z.object({
  /** `all`: every city, the sums and the chains (an admin of a root region); `cities`: the whole
   *  books of the cities inside the admin's region; `subtree`: the accounts of the people living in
   *  a region below a city, with the chain links of their transfers. */
  kind: z.enum(['all', 'cities', 'subtree']),
  regionCode: z.string().nullable(),
  cityCodes: z.array(z.string()),
});
export type LedgerVerifyScope = z.infer<typeof LedgerVerifyScope>;

export const LedgerChainHead = z.object({ cityCode: z.string(), ledger: Ledger, seq: z.number().int(), hash: z.string() });
export type LedgerChainHead = z.infer<typeof LedgerChainHead>;

export const LedgerVerifyResult = z.object({
  ok: z.boolean(),
  accounts: z.number().int(),
  transfers: z.number().int(),
  problems: z.array(z.object({ kind: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })),
  /** What was proved (absent on older clients' expectations: the whole ledger). */
  scope: LedgerVerifyScope.optional(),
  /** The chain heads proved, for comparison with signed anchors kept outside the database. */
  heads: z.array(LedgerChainHead).optional(),
  /** Notes that are not problems (e.g. a first-release link repaired around a replaced character). */
  notes: z.array(z.string()).optional(),
  /** Anchors compared (`ledger verify --anchors FILE`). */
  anchorsChecked: z.number().int().optional(),
});
export const LedgerVerifyQuery = z.object({ regionCode: RegionCode.optional() });
export type LedgerVerifyResult = z.infer<typeof LedgerVerifyResult>;

export const RelativeStaffItem = RelativeLink.extend({
  userName: z.string(),
  userIdNumberMasked: z.string().nullable(),
  relativeName: z.string(),
  relativeIdNumberMasked: z.string().nullable(),
});
export const RelativeStaffQuery = PageQuery.extend({ regionCode: RegionCode.optional(), status: RelationStatus.optional() });
export const RelativeStaffPage = pageOf(RelativeStaffItem);
