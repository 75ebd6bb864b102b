import crypto from 'node:crypto';
import type { Actor, AppContext } from '../../context';
import { isUniqueViolation, isCheckViolation, withTx, type Db, type DbOrTx, type Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { cityCodeOf } from '@shared/lib/region-code';
import type {
  Balances,
  DonationCreateBody,
  Ledger,
  LedgerPolicyFields,
  LedgerPolicyPutBody,
  LedgerVerifyResult,
  PassbookItem,
  PassbookQuery,
  RelativeCreateBody,
  RelativeLink,
  SystemPurpose,
  Transfer,
  TransferCode,
  TransferCreateBody,
  TransferStatus,
} from '@shared/schemas/ledger';
import { authorize, regionScopes, regionTarget, type Target } from '../access/index';
import { recordAudit } from '../audit/index';
import { LEDGER_POLICY_EDIT, LEDGER_REVERSE, LEDGER_VERIFY, PASSBOOK_READ, RELATIVE_VERIFY } from './ledger.policy';
import { DEFAULT_POLICY, chinaDay, chinaYearStart, computeCredit, pickEffectivePolicy, type CreditResult } from './ledger.policy-math';
import { requireRegionPath } from '../regions/index';
import * as repo from './ledger.repository';
import type { AccountRow, TransferRow } from './ledger.repository';

/**
 * The only writer of the ledger tables. Double entry: every transfer debits one account and
 * credits another of the same ledger by the same positive integer. Balances live on the
 * account rows and move in the transaction that appends the transfer; `verifyLedger` proves
 * them against the log and the hash chain.
 */

export type AccountRef = { userId: string } | { system: SystemPurpose; regionCode: string };

export interface TransferInput {
  ledger: Ledger;
  from: AccountRef;
  to: AccountRef;
  amount: number;
  code: TransferCode;
  actorId: string | null;
  objectType?: string | null;
  objectId?: string | null;
  memo?: string | null;
  /** A repeat with the same fields answers the first result; with other fields, CONFLICT. */
  idempotencyKey: string;
}

export interface ReserveInput extends TransferInput {
  /** When the reservation lapses if neither posted nor voided (expirePending sweeps it). */
  timeoutAt: Date;
}

export interface TransferOutcome {
  transfer: TransferRow;
  /** True when the key had been used before with the same fields: nothing new was written. */
  replayed: boolean;
}

const insufficient = (details?: Record<string, unknown>) =>
  new AppError('INSUFFICIENT_BALANCE', '余额不足，无法完成转账 / Insufficient balance for this transfer', details);

/** Runs in the given transaction, or in a new one (retrying serialization failures). */
function inTx<T>(ctx: AppContext, tx: Tx | null | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return tx ? fn(tx) : withTx(ctx.db, fn);
}

// ——— hashing ———

function sha256(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

/** The canonical fields of a transfer, in a fixed order: what the hash chain covers. */
export function canonicalTransfer(t: Omit<TransferRow, 'hash'>): string {
  return JSON.stringify([
    t.id,
    t.cityCode,
    t.ledger,
    t.seq,
    t.debitAccountId,
    t.creditAccountId,
    t.amount,
    t.code,
    t.status,
    t.pendingId,
    t.reversesId,
    t.timeoutAt ? t.timeoutAt.toISOString() : null,
    t.actorId,
    t.objectType,
    t.objectId,
    t.memo,
    t.idempotencyKey,
    t.requestHash,
    t.debitBalanceAfter,
    t.creditBalanceAfter,
    t.createdAt.toISOString(),
  ]);
}

export function chainHash(prevHash: string, t: Omit<TransferRow, 'hash'>): string {
  return sha256(prevHash + '\n' + canonicalTransfer(t));
}

function requestHashOf(parts: unknown[]): string {
  return sha256(JSON.stringify(parts));
}

// ——— accounts ———

async function resolveAccount(ctx: AppContext, db: DbOrTx, ledger: Ledger, ref: AccountRef): Promise<AccountRow> {
  const at = ctx.clock.now();
  if ('userId' in ref) {
    const u = await repo.findUserBrief(db, ref.userId);
    if (!u) throw notFound('用户 user');
    return repo.ensurePersonAccount(db, { id: newId(), ledger, userId: u.id, cityCode: u.cityCode, at });
  }
  return repo.ensureSystemAccount(db, { id: newId(), ledger, regionCode: ref.regionCode, purpose: ref.system, cityCode: cityCodeOf(ref.regionCode), at });
}

/** The city's system accounts sit at the prefecture (6-digit `cccc00`) region. */
export function cityRegionOf(regionCode: string): string {
  return cityCodeOf(regionCode) + '00';
}

const spendable = (a: AccountRow) => a.balance - a.pendingDebits;

// ——— the one append path ———

interface Movement {
  ledger: Ledger;
  debit: AccountRow;
  credit: AccountRow;
  amount: number;
  code: string;
  status: TransferStatus;
  pendingId: string | null;
  reversesId: string | null;
  timeoutAt: Date | null;
  actorId: string | null;
  objectType: string | null;
  objectId: string | null;
  memo: string | null;
  idempotencyKey: string;
  requestHash: string;
}

/**
 * Appends one transfer: locks the chain head of (city, ledger) (serialising appends, and
 * making the idempotency lookup race-free), answers a repeat of the key, locks both
 * accounts in id order, moves their columns with compare-and-set, writes the transfer with
 * the balances after and its hash, and advances the head. Runs inside `tx`.
 */
async function append(ctx: AppContext, tx: Tx, m: Movement): Promise<TransferOutcome> {
  const now = ctx.clock.now();
  const cityCode = m.debit.cityCode;
  const head = await repo.lockChainHead(tx, cityCode, m.ledger, now);

  const prior = await repo.findTransferByKey(tx, m.idempotencyKey);
  if (prior) return answerRepeat(prior, m.requestHash);

  const locked = await repo.lockAccounts(tx, [m.debit.id, m.credit.id]);
  const debit = locked.get(m.debit.id)!;
  const credit = locked.get(m.credit.id)!;

  // what each side's columns do, by the kind of record
  const amt = m.amount;
  const zero = { balance: 0, pendingDebits: 0, pendingCredits: 0, debitsPosted: 0, creditsPosted: 0 };
  let dDelta = { ...zero };
  let cDelta = { ...zero };
  let mustCover = 0;
  switch (m.status) {
    case 'posted':
      dDelta = { ...zero, balance: -amt, debitsPosted: amt };
      cDelta = { ...zero, balance: amt, creditsPosted: amt };
      mustCover = amt;
      break;
    case 'pending':
      dDelta = { ...zero, pendingDebits: amt };
      cDelta = { ...zero, pendingCredits: amt };
      mustCover = amt;
      break;
    case 'post_pending':
      dDelta = { ...zero, balance: -amt, debitsPosted: amt, pendingDebits: -amt };
      cDelta = { ...zero, balance: amt, creditsPosted: amt, pendingCredits: -amt };
      break;
    case 'void_pending':
    case 'expired':
      dDelta = { ...zero, pendingDebits: -amt };
      cDelta = { ...zero, pendingCredits: -amt };
      break;
  }
  if (mustCover > 0 && (debit.flags & repo.FLAG_MAY_GO_NEGATIVE) === 0 && spendable(debit) < mustCover) {
    throw insufficient({ ledger: m.ledger, available: spendable(debit), amount: amt });
  }
  let debitAfter: AccountRow | undefined;
  let creditAfter: AccountRow | undefined;
  try {
    debitAfter = await repo.applyAccountDelta(tx, debit.id, dDelta, mustCover);
    if (!debitAfter) throw insufficient({ ledger: m.ledger, amount: amt });
    creditAfter = await repo.applyAccountDelta(tx, credit.id, cDelta, 0);
  } catch (err) {
    if (isCheckViolation(err)) throw insufficient({ ledger: m.ledger, amount: amt });
    throw err;
  }

  const row: Omit<TransferRow, 'hash'> = {
    id: newId(),
    cityCode,
    ledger: m.ledger,
    debitAccountId: debit.id,
    creditAccountId: credit.id,
    amount: amt,
    code: m.code,
    status: m.status,
    pendingId: m.pendingId,
    reversesId: m.reversesId,
    timeoutAt: m.timeoutAt,
    actorId: m.actorId,
    objectType: m.objectType,
    objectId: m.objectId,
    memo: m.memo,
    idempotencyKey: m.idempotencyKey,
    requestHash: m.requestHash,
    debitBalanceAfter: spendable(debitAfter),
    creditBalanceAfter: spendable(creditAfter!),
    createdAt: now,
    seq: head.seq + 1,
    prevHash: head.hash,
  };
  const hash = chainHash(head.hash, row);
  try {
    const t = await repo.insertTransfer(tx, { ...row, hash });
    await repo.advanceChainHead(tx, cityCode, m.ledger, row.seq, hash, now);
    return { transfer: t, replayed: false };
  } catch (err) {
    // the same key used at the same moment on another chain
    if (isUniqueViolation(err, 'ledger_transfers_idem_uq')) throw conflictingKey();
    if (isUniqueViolation(err, 'ledger_transfers_pending_uq')) throw new AppError('INVALID_STATE', '该预留已处理 / This reservation was already settled');
    if (isUniqueViolation(err, 'ledger_transfers_reverses_uq')) throw new AppError('INVALID_STATE', '该笔转账已被冲正 / This transfer was already reversed');
    throw err;
  }
}

const conflictingKey = () =>
  new AppError('CONFLICT', '该幂等键已用于另一笔不同的请求 / This idempotency key was already used for a different request');

function answerRepeat(prior: TransferRow, requestHash: string): TransferOutcome {
  if (prior.requestHash !== requestHash) throw conflictingKey();
  return { transfer: prior, replayed: true };
}

function checkAmount(amount: number) {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new AppError('VALIDATION_FAILED', '金额必须是正整数 / The amount must be a positive integer', { fields: { amount: 'positive integer' } });
  }
}

async function movementOf(ctx: AppContext, tx: Tx, input: TransferInput, status: 'posted' | 'pending', timeoutAt: Date | null): Promise<Movement> {
  checkAmount(input.amount);
  const debit = await resolveAccount(ctx, tx, input.ledger, input.from);
  const credit = await resolveAccount(ctx, tx, input.ledger, input.to);
  if (debit.id === credit.id) throw new AppError('VALIDATION_FAILED', '不能转给自己 / Cannot transfer to the same account', { fields: { to: 'same account' } });
  const requestHash = requestHashOf([status, input.ledger, debit.id, credit.id, input.amount, input.code, input.objectType ?? null, input.objectId ?? null, input.memo ?? null, timeoutAt?.toISOString() ?? null]);
  return {
    ledger: input.ledger,
    debit,
    credit,
    amount: input.amount,
    code: input.code,
    status,
    pendingId: null,
    reversesId: null,
    timeoutAt,
    actorId: input.actorId,
    objectType: input.objectType ?? null,
    objectId: input.objectId ?? null,
    memo: input.memo ?? null,
    idempotencyKey: input.idempotencyKey,
    requestHash,
  };
}

/** A posted transfer. */
export async function transfer(ctx: AppContext, tx: Tx | null, input: TransferInput): Promise<TransferOutcome> {
  return inTx(ctx, tx, async (t) => append(ctx, t, await movementOf(ctx, t, input, 'posted', null)));
}

/** A pending transfer: the amount is reserved (spendable balance falls now) until posted, voided or expired. */
export async function reserve(ctx: AppContext, tx: Tx | null, input: ReserveInput): Promise<TransferOutcome> {
  if (input.timeoutAt.getTime() <= ctx.clock.now().getTime()) {
    throw new AppError('VALIDATION_FAILED', '预留的截止时间必须在将来 / The reservation must time out in the future', { fields: { timeoutAt: 'in the past' } });
  }
  return inTx(ctx, tx, async (t) => append(ctx, t, await movementOf(ctx, t, input, 'pending', input.timeoutAt)));
}

type Resolution = 'post_pending' | 'void_pending' | 'expired';

async function resolvePending(ctx: AppContext, tx: Tx, pendingId: string, status: Resolution, actorId: string | null, memo: string | null): Promise<TransferOutcome> {
  const p = await repo.findTransfer(tx, pendingId);
  if (!p || p.status !== 'pending') throw notFound('预留 pending transfer');
  const key = `resolve:${pendingId}`;
  const requestHash = requestHashOf([status, pendingId]);
  const debit = (await repo.findAccount(tx, p.debitAccountId))!;
  const credit = (await repo.findAccount(tx, p.creditAccountId))!;
  // lock the chain, then look: a resolution made meanwhile is seen
  await repo.lockChainHead(tx, p.cityCode, p.ledger as Ledger, ctx.clock.now());
  const done = await repo.findResolution(tx, pendingId);
  if (done) {
    if (done.status === status) return { transfer: done, replayed: true };
    throw new AppError('INVALID_STATE', `该预留已${done.status === 'post_pending' ? '入账' : done.status === 'expired' ? '过期' : '撤销'} / This reservation was already ${done.status.replace('_pending', 'ed')}`, {
      status: done.status,
    });
  }
  if (status === 'post_pending' && p.timeoutAt && p.timeoutAt.getTime() <= ctx.clock.now().getTime()) {
    throw new AppError('INVALID_STATE', '该预留已过期 / This reservation has timed out', { timeoutAt: p.timeoutAt.toISOString() });
  }
  return append(ctx, tx, {
    ledger: p.ledger as Ledger,
    debit,
    credit,
    amount: p.amount,
    code: p.code,
    status,
    pendingId,
    reversesId: null,
    timeoutAt: null,
    actorId,
    objectType: p.objectType,
    objectId: p.objectId,
    memo: memo ?? p.memo,
    idempotencyKey: key,
    requestHash,
  });
}

/** Posts a pending transfer, once; a repeat answers the first posting. */
export async function postPending(ctx: AppContext, tx: Tx | null, pendingId: string, actorId: string | null = null): Promise<TransferOutcome> {
  return inTx(ctx, tx, (t) => resolvePending(ctx, t, pendingId, 'post_pending', actorId, null));
}

/** Voids a pending transfer, once: the reserved amount is spendable again. */
export async function voidPending(ctx: AppContext, tx: Tx | null, pendingId: string, actorId: string | null = null, memo: string | null = null): Promise<TransferOutcome> {
  return inTx(ctx, tx, (t) => resolvePending(ctx, t, pendingId, 'void_pending', actorId, memo));
}

/** Expires every pending transfer past its timeout (each in its own transaction). Returns how many. */
export async function expirePending(ctx: AppContext, now: Date = ctx.clock.now(), batch = 500): Promise<number> {
  let n = 0;
  for (;;) {
    const due = await repo.findTimedOutPending(ctx.db, now, batch);
    if (due.length === 0) return n;
    for (const p of due) {
      try {
        const r = await withTx(ctx.db, (t) => resolvePending(ctx, t, p.id, 'expired', null, null));
        if (!r.replayed) n++;
      } catch (err) {
        // posted or voided meanwhile: nothing to expire
        if (!(err instanceof AppError && err.code === 'INVALID_STATE')) throw err;
      }
    }
    if (due.length < batch) return n;
  }
}

/**
 * Reverses a posted transfer with a new transfer the other way that points at it (once).
 * The original stays. Fails with INSUFFICIENT_BALANCE when the receiver has spent it.
 */
export async function reverse(ctx: AppContext, tx: Tx | null, input: { transferId: string; actorId: string | null; reason: string }): Promise<TransferOutcome> {
  return inTx(ctx, tx, async (t) => {
    const o = await repo.findTransfer(t, input.transferId);
    if (!o) throw notFound('转账 transfer');
    if (!(o.status === 'posted' || o.status === 'post_pending') || o.code === 'reversal') {
      throw new AppError('INVALID_STATE', '只能冲正已入账的转账 / Only a posted transfer can be reversed', { status: o.status, code: o.code });
    }
    const debit = (await repo.findAccount(t, o.creditAccountId))!;
    const credit = (await repo.findAccount(t, o.debitAccountId))!;
    const key = `reverse:${o.id}`;
    const prior = await repo.findTransferByKey(t, key);
    if (prior) return { transfer: prior, replayed: true };
    return append(ctx, t, {
      ledger: o.ledger as Ledger,
      debit,
      credit,
      amount: o.amount,
      code: 'reversal',
      status: 'posted',
      pendingId: null,
      reversesId: o.id,
      timeoutAt: null,
      actorId: input.actorId,
      objectType: o.objectType,
      objectId: o.objectId,
      memo: input.reason,
      idempotencyKey: key,
      requestHash: requestHashOf(['reversal', o.id]),
    });
  });
}

// ——— policies and service credits ———

export async function effectivePolicy(db: DbOrTx, regionPath: string, at: Date) {
  const rows = await repo.policiesOnPath(db, regionPath);
  return pickEffectivePolicy(rows, regionPath, at);
}

export interface CreditServiceInput {
  userId: string;
  /** Where the service was given: decides the policy. */
  regionCode: string;
  measuredMinutes: number;
  /** When the service was given: decides the policy in force and the day of the daily cap. */
  at: Date;
  objectType: string;
  objectId: string;
  idempotencyKey: string;
  actorId?: string | null;
}

export interface CreditServiceOutcome extends CreditResult {
  replayed: boolean;
  transfers: TransferRow[];
}

/**
 * Credits a service to a person as the region's policy says: rounds, applies the daily cap
 * (minutes already credited that day count) and the storage cap (the overflow goes to the
 * city's public pool), then issues points and time from the city's issuance accounts.
 * Exactly once per idempotency key.
 */
export async function creditService(ctx: AppContext, tx: Tx | null, input: CreditServiceInput): Promise<CreditServiceOutcome> {
  if (!Number.isSafeInteger(input.measuredMinutes) || input.measuredMinutes < 0) {
    throw new AppError('VALIDATION_FAILED', '服务时长必须是非负整数分钟 / Minutes must be a non-negative integer', { fields: { measuredMinutes: 'integer >= 0' } });
  }
  return inTx(ctx, tx, async (t) => {
    const u = await repo.findUserBrief(t, input.userId);
    if (!u) throw notFound('用户 user');
    const requestHash = requestHashOf(['credit', input.userId, input.regionCode, input.measuredMinutes, input.at.toISOString(), input.objectType, input.objectId]);
    // serialise this person's credits (daily cap); taken before any chain head, so the lock order stays fixed
    await repo.lockPersonCredits(t, input.userId);
    const timeAccount = await resolveAccount(ctx, t, 'time', { userId: input.userId });
    const prior = await repo.findServiceCreditByKey(t, input.idempotencyKey);
    if (prior) {
      if (prior.requestHash !== requestHash) throw conflictingKey();
      const transfers = (await Promise.all(['points', 'time', 'overflow'].map((s) => repo.findTransferByKey(t, `${input.idempotencyKey}:${s}`)))).filter(
        (x): x is TransferRow => !!x,
      );
      return {
        replayed: true,
        transfers,
        creditedMinutes: prior.creditedMinutes,
        timeMinutes: prior.timeMinutes,
        overflowMinutes: prior.overflowMinutes,
        points: prior.points,
        roundedMinutes: prior.creditedMinutes,
        cappedByDailyLimit: false,
      };
    }
    const path = await regionPathOf(t, input.regionCode);
    const row = pickEffectivePolicy(await repo.policiesOnPath(t, path), path, input.at);
    const policy = row ?? DEFAULT_POLICY;
    const day = chinaDay(input.at);
    const creditedToday = await repo.creditedMinutesOnDay(t, input.userId, day);
    const fresh = (await repo.findAccount(t, timeAccount.id))!;
    const r = computeCredit(policy, { measuredMinutes: input.measuredMinutes, creditedTodayMinutes: creditedToday, timeBalanceMinutes: fresh.balance });
    await repo.insertServiceCredit(t, {
      id: newId(),
      cityCode: u.cityCode,
      userId: input.userId,
      regionCode: input.regionCode,
      serviceDay: day,
      measuredMinutes: input.measuredMinutes,
      creditedMinutes: r.creditedMinutes,
      timeMinutes: r.timeMinutes,
      overflowMinutes: r.overflowMinutes,
      points: r.points,
      policyId: row?.id ?? null,
      objectType: input.objectType,
      objectId: input.objectId,
      idempotencyKey: input.idempotencyKey,
      requestHash,
      createdAt: ctx.clock.now(),
    });
    const issuance = { system: 'issuance' as const, regionCode: cityRegionOf(input.regionCode) };
    const common = { actorId: input.actorId ?? null, objectType: input.objectType, objectId: input.objectId };
    const transfers: TransferRow[] = [];
    // points first, then time: one fixed order of chains across the codebase
    if (r.points > 0) {
      transfers.push(
        (await transfer(ctx, t, { ...common, ledger: 'points', from: issuance, to: { userId: input.userId }, amount: r.points, code: 'earned', memo: `服务 ${r.creditedMinutes} 分钟`, idempotencyKey: `${input.idempotencyKey}:points` }))
          .transfer,
      );
    }
    if (r.timeMinutes > 0) {
      transfers.push(
        (await transfer(ctx, t, { ...common, ledger: 'time', from: issuance, to: { userId: input.userId }, amount: r.timeMinutes, code: 'earned', memo: `服务 ${r.creditedMinutes} 分钟`, idempotencyKey: `${input.idempotencyKey}:time` }))
          .transfer,
      );
    }
    if (r.overflowMinutes > 0) {
      transfers.push(
        (
          await transfer(ctx, t, {
            ...common,
            ledger: 'time',
            from: issuance,
            to: { system: 'public_pool', regionCode: cityRegionOf(input.regionCode) },
            amount: r.overflowMinutes,
            code: 'storage_overflow',
            memo: `超出存储上限，捐入公益池 / over the storage cap, donated to the public pool`,
            idempotencyKey: `${input.idempotencyKey}:overflow`,
          })
        ).transfer,
      );
    }
    return { ...r, replayed: false, transfers };
  });
}

async function regionPathOf(db: DbOrTx, regionCode: string): Promise<string> {
  return requireRegionPath(db, regionCode);
}

// ——— reading ———

/** Spendable balances of a person (accounts not made yet: zero). */
export async function balances(db: DbOrTx, userId: string): Promise<Balances> {
  const accounts = await repo.findPersonAccounts(db, userId);
  const out: Balances = { points: 0, time: 0 };
  for (const a of accounts) out[a.ledger as Ledger] = spendable(a);
  return out;
}

/** The change of the holder's spendable balance a record makes (a reservation counts when made). */
export function holderEffect(t: Pick<TransferRow, 'status' | 'amount' | 'debitAccountId'>, accountId: string): number {
  const isDebit = t.debitAccountId === accountId;
  switch (t.status) {
    case 'posted':
      return isDebit ? -t.amount : t.amount;
    case 'pending':
      return isDebit ? -t.amount : 0;
    case 'post_pending':
      return isDebit ? 0 : t.amount;
    default: // void_pending, expired
      return isDebit ? t.amount : 0;
  }
}

export async function passbook(db: DbOrTx, userId: string, q: { ledger?: Ledger | undefined; page: number; pageSize: number }) {
  const accounts = (await repo.findPersonAccounts(db, userId)).filter((a) => !q.ledger || a.ledger === q.ledger);
  const bal = await balances(db, userId);
  const { rows, total } = await repo.listAccountTransfers(db, accounts.map((a) => a.id), q.pageSize, (q.page - 1) * q.pageSize);
  const mine = new Set(accounts.map((a) => a.id));
  const items: PassbookItem[] = rows.map((t) => {
    const accountId = mine.has(t.debitAccountId) ? t.debitAccountId : t.creditAccountId;
    return {
      id: t.id,
      ledger: t.ledger as Ledger,
      amount: holderEffect(t, accountId),
      kind: t.code,
      status: t.status as TransferStatus,
      transferAmount: t.amount,
      memo: t.memo,
      at: t.createdAt.toISOString(),
      balanceAfter: accountId === t.debitAccountId ? t.debitBalanceAfter : t.creditBalanceAfter,
      objectType: t.objectType,
      objectId: t.objectId,
    };
  });
  return { balances: bal, items, total };
}

// ——— proof ———

/**
 * Proves the ledger: every account's columns equal what its transfers add up to; each ledger
 * sums to zero (what issuance minted is what the others hold); every hash chain recomputes
 * link by link and ends at its head. Reads only.
 */
export async function verifyLedger(db: Db | DbOrTx): Promise<LedgerVerifyResult> {
  const problems: LedgerVerifyResult['problems'] = [];
  for (const m of await repo.accountMismatches(db)) {
    problems.push({ kind: 'account_mismatch', message: `account ${String(m.id)} does not match its transfers`, details: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])) });
  }
  for (const o of await repo.orphanTransfers(db)) problems.push({ kind: 'orphan_transfer', message: `transfer ${o.id} names a missing account`, details: { id: o.id } });
  const totals = await repo.ledgerTotals(db);
  let accounts = 0;
  for (const t of totals) {
    accounts += t.accounts;
    if (t.balance !== 0) problems.push({ kind: 'ledger_unbalanced', message: `ledger ${t.ledger}: balances sum to ${t.balance}, not 0`, details: t });
    if (t.pendingDebits !== t.pendingCredits) problems.push({ kind: 'pending_unbalanced', message: `ledger ${t.ledger}: pending debits ${t.pendingDebits} ≠ pending credits ${t.pendingCredits}`, details: t });
  }
  let transfers = 0;
  for (const head of await repo.listChainHeads(db)) {
    let prev = repo.GENESIS_HASH;
    let seq = 0;
    for (;;) {
      const page = await repo.chainPage(db, head.cityCode, head.ledger, seq, 2000);
      for (const t of page) {
        transfers++;
        if (t.seq !== seq + 1) problems.push({ kind: 'chain_gap', message: `chain ${head.cityCode}/${head.ledger}: seq ${seq + 1} missing`, details: { expected: seq + 1, found: t.seq } });
        const { hash, ...rest } = t;
        if (t.prevHash !== prev) problems.push({ kind: 'chain_broken', message: `transfer ${t.id}: prev_hash does not link to the previous transfer`, details: { id: t.id, seq: t.seq } });
        if (chainHash(t.prevHash, rest) !== hash) problems.push({ kind: 'hash_mismatch', message: `transfer ${t.id}: fields do not match its hash (edited?)`, details: { id: t.id, seq: t.seq } });
        prev = hash;
        seq = t.seq;
      }
      if (page.length < 2000) break;
    }
    if (seq !== head.seq || prev !== head.hash) {
      problems.push({ kind: 'chain_head_mismatch', message: `chain ${head.cityCode}/${head.ledger}: ends at ${seq}, head says ${head.seq}`, details: { cityCode: head.cityCode, ledger: head.ledger, lastSeq: seq, headSeq: head.seq } });
    }
  }
  const all = await repo.countTransfers(db);
  if (all !== transfers) problems.push({ kind: 'transfer_outside_chain', message: `${all - transfers} transfers are in no chain`, details: { all, chained: transfers } });
  return { ok: problems.length === 0, accounts, transfers: all, problems };
}

// ——— what people and staff do (the routes call these) ———

function toPolicyView(row: repo.PolicyDbRow | null) {
  const f = row ?? { ...DEFAULT_POLICY, id: null, regionCode: null, effectiveFrom: null };
  return {
    id: f.id,
    sourceRegionCode: f.regionCode,
    effectiveFrom: f.effectiveFrom ? f.effectiveFrom.toISOString() : null,
    pointsPerHour: f.pointsPerHour,
    rounding: f.rounding as LedgerPolicyFields['rounding'],
    dailyCapMinutes: f.dailyCapMinutes,
    creditsPoints: f.creditsPoints,
    creditsTime: f.creditsTime,
    storageCapMinutes: f.storageCapMinutes,
    withdrawMinAge: f.withdrawMinAge,
    familyTransferEnabled: f.familyTransferEnabled,
    familyTransferMaxPerYearMinutes: f.familyTransferMaxPerYearMinutes,
  };
}

export function toTransfer(t: TransferRow): Transfer {
  return {
    id: t.id,
    ledger: t.ledger as Ledger,
    code: t.code,
    status: t.status as TransferStatus,
    amount: t.amount,
    debitAccountId: t.debitAccountId,
    creditAccountId: t.creditAccountId,
    pendingId: t.pendingId,
    reversesId: t.reversesId,
    timeoutAt: t.timeoutAt ? t.timeoutAt.toISOString() : null,
    memo: t.memo,
    objectType: t.objectType,
    objectId: t.objectId,
    debitBalanceAfter: t.debitBalanceAfter,
    creditBalanceAfter: t.creditBalanceAfter,
    createdAt: t.createdAt.toISOString(),
  };
}

export async function getRegionPolicy(ctx: AppContext, regionCode: string) {
  const path = await requireRegionPath(ctx.db, regionCode);
  const effective = await effectivePolicy(ctx.db, path, ctx.clock.now());
  const own = await repo.policiesOfRegion(ctx.db, regionCode);
  return { regionCode, effective: toPolicyView(effective), own: own.map(toPolicyView) };
}

/**
 * Sets a region's rules from a moment (now when left out; never in the past, so credits
 * already made stay as they were). Fields left out keep what applies at that moment. Audited.
 */
export async function putRegionPolicy(ctx: AppContext, actor: Actor, regionCode: string, body: LedgerPolicyPutBody) {
  const now = ctx.clock.now();
  const from = body.effectiveFrom ? new Date(body.effectiveFrom) : now;
  if (from.getTime() < now.getTime() - 1000) {
    throw new AppError('VALIDATION_FAILED', '政策不能追溯生效 / A policy cannot take effect in the past', { fields: { effectiveFrom: 'in the past' } });
  }
  await withTx(ctx.db, async (tx) => {
    const target = await regionTarget(tx, regionCode);
    authorize(actor, LEDGER_POLICY_EDIT, target);
    const before = await effectivePolicy(tx, target.regionPath, from);
    const base = toPolicyView(before);
    const { effectiveFrom: _e, ...fields } = body;
    const next = { ...base, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) } as LedgerPolicyFields;
    const row = await repo.upsertPolicy(tx, {
      id: newId(),
      regionCode,
      effectiveFrom: from,
      pointsPerHour: next.pointsPerHour,
      rounding: next.rounding,
      dailyCapMinutes: next.dailyCapMinutes,
      creditsPoints: next.creditsPoints,
      creditsTime: next.creditsTime,
      storageCapMinutes: next.storageCapMinutes,
      withdrawMinAge: next.withdrawMinAge,
      familyTransferEnabled: next.familyTransferEnabled,
      familyTransferMaxPerYearMinutes: next.familyTransferMaxPerYearMinutes,
      createdBy: actor.userId,
      createdAt: now,
    });
    await recordAudit(ctx, tx, actor, { action: 'ledger.policy.set', objectType: 'ledger_policy', objectId: row.id, regionCode, before: before ?? base, after: row });
  });
  return getRegionPolicy(ctx, regionCode);
}

async function personTarget(db: DbOrTx, userId: string): Promise<Target & { regionCode: string }> {
  const u = await repo.findUserBrief(db, userId);
  if (!u || !u.regionPath) throw notFound('用户 user');
  return { regionPath: u.regionPath, regionCode: u.regionCode, ownerId: u.id };
}

export async function readPassbook(ctx: AppContext, actor: Actor, userId: string, q: PassbookQuery) {
  authorize(actor, PASSBOOK_READ, await personTarget(ctx.db, userId));
  return passbook(ctx.db, userId, q);
}

/** A person gives points or time to a verified direct relative (either direction of the link). */
export async function giveToRelative(ctx: AppContext, actor: Actor, body: TransferCreateBody): Promise<TransferOutcome> {
  if (body.toUserId === actor.userId) throw new AppError('VALIDATION_FAILED', '不能转给自己 / You cannot transfer to yourself', { fields: { toUserId: 'yourself' } });
  return withTx(ctx.db, async (tx) => {
    const idempotencyKey = `user:${actor.userId}:${body.idempotencyKey}`;
    const prior = await repo.findTransferByKey(tx, idempotencyKey);
    const input: TransferInput = {
      ledger: body.ledger,
      from: { userId: actor.userId },
      to: { userId: body.toUserId },
      amount: body.amount,
      code: 'family_transfer',
      actorId: actor.userId,
      objectType: 'user',
      objectId: body.toUserId,
      memo: body.memo ?? null,
      idempotencyKey,
    };
    if (prior) return transfer(ctx, tx, input); // answers the first result, or CONFLICT
    const sender = await repo.findUserBrief(tx, actor.userId);
    const receiver = await repo.findUserBrief(tx, body.toUserId);
    if (!sender || !receiver) throw notFound('用户 user');
    if (!(await repo.hasVerifiedRelation(tx, actor.userId, body.toUserId))) {
      throw new AppError('RELATION_NOT_VERIFIED', '只能转给已核验的直系亲属 / Only a verified direct relative can receive a transfer', { toUserId: body.toUserId });
    }
    const policy = toPolicyView(await effectivePolicy(tx, sender.regionPath ?? '', ctx.clock.now()));
    if (!policy.familyTransferEnabled) throw new AppError('INVALID_STATE', '本地区未开放亲属转赠 / Family transfers are not open in your region');
    if (body.ledger === 'time' && policy.familyTransferMaxPerYearMinutes !== null) {
      // under the chain lock, so two transfers at once cannot both pass the yearly limit
      await repo.lockChainHead(tx, sender.cityCode, 'time', ctx.clock.now());
      const account = await resolveAccount(ctx, tx, 'time', { userId: actor.userId });
      const given = await repo.sumDebitsSince(tx, account.id, 'family_transfer', chinaYearStart(ctx.clock.now()));
      if (given + body.amount > policy.familyTransferMaxPerYearMinutes) {
        throw new AppError('INVALID_STATE', '超出本年度亲属转赠上限 / Over this year’s family-transfer limit', {
          limitMinutes: policy.familyTransferMaxPerYearMinutes,
          givenMinutes: given,
        });
      }
    }
    return transfer(ctx, tx, input);
  });
}

/** A person donates points or time to the public pool of their city. */
export async function donate(ctx: AppContext, actor: Actor, body: DonationCreateBody): Promise<TransferOutcome> {
  const me = await repo.findUserBrief(ctx.db, actor.userId);
  if (!me) throw notFound('用户 user');
  return transfer(ctx, null, {
    ledger: body.ledger,
    from: { userId: actor.userId },
    to: { system: 'public_pool', regionCode: cityRegionOf(me.regionCode) },
    amount: body.amount,
    code: 'donation',
    actorId: actor.userId,
    objectType: 'public_pool',
    objectId: cityRegionOf(me.regionCode),
    memo: body.memo ?? null,
    idempotencyKey: `user:${actor.userId}:${body.idempotencyKey}`,
  });
}

/** Staff correct a transfer with a reversal, within their region. Audited. */
export async function reverseByStaff(ctx: AppContext, actor: Actor, transferId: string, reason: string): Promise<TransferOutcome> {
  return withTx(ctx.db, async (tx) => {
    const t = await repo.findTransfer(tx, transferId);
    if (!t) throw notFound('转账 transfer');
    const sides = [await repo.findAccount(tx, t.debitAccountId), await repo.findAccount(tx, t.creditAccountId)];
    const person = sides.find((a) => a?.kind === 'person');
    const target = person?.ownerUserId ? await personTarget(tx, person.ownerUserId) : await regionTarget(tx, sides[0]!.regionCode!);
    authorize(actor, LEDGER_REVERSE, { ...target, ownerId: null });
    const r = await reverse(ctx, tx, { transferId, actorId: actor.userId, reason });
    if (!r.replayed) {
      await recordAudit(ctx, tx, actor, { action: 'ledger.transfer.reverse', objectType: 'ledger_transfer', objectId: transferId, regionCode: target.regionCode, before: toTransfer(t), after: toTransfer(r.transfer) });
    }
    return r;
  });
}

/**
 * Region admins run the proof. It covers the whole ledger (a balance anywhere that does not match
 * its transfers concerns everyone); its answer names accounts and transfers by id only.
 */
export async function verifyLedgerAsStaff(ctx: AppContext, actor: Actor) {
  if (regionScopes(actor, LEDGER_VERIFY.roles).length === 0) throw new AppError('FORBIDDEN', '只有区域管理员可以运行账本校验 / Only region admins run the ledger proof');
  return verifyLedger(ctx.db);
}

/** The holder's name printed on a passbook file. */
export async function passbookHolderName(ctx: AppContext, userId: string): Promise<string> {
  return (await repo.findUserBrief(ctx.db, userId))?.name ?? '';
}

// ——— relatives ———

function toRelative(r: Pick<repo.RelativeRow, 'id' | 'userId' | 'relativeUserId' | 'relation' | 'status' | 'verifiedAt' | 'createdAt'> & { otherName?: string }): RelativeLink {
  return {
    id: r.id,
    userId: r.userId,
    relativeUserId: r.relativeUserId,
    relation: r.relation as RelativeLink['relation'],
    status: r.status as RelativeLink['status'],
    verifiedAt: r.verifiedAt ? r.verifiedAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    ...(r.otherName !== undefined ? { otherName: r.otherName } : {}),
  };
}

/** A person declares a direct relative; staff verify it before anything may be given. */
export async function declareRelative(ctx: AppContext, actor: Actor, body: RelativeCreateBody): Promise<RelativeLink> {
  if (body.relativeUserId === actor.userId) throw new AppError('VALIDATION_FAILED', '不能添加自己为亲属 / You cannot add yourself', { fields: { relativeUserId: 'yourself' } });
  return withTx(ctx.db, async (tx) => {
    const me = await repo.findUserBrief(tx, actor.userId);
    const other = await repo.findUserBrief(tx, body.relativeUserId);
    if (!me || !other) throw notFound('用户 user');
    const links = await repo.listRelativesOf(tx, actor.userId);
    if (links.some((l) => l.status !== 'rejected' && (l.userId === body.relativeUserId || l.relativeUserId === body.relativeUserId))) {
      throw new AppError('CONFLICT', '已有与此人的亲属关系申请 / A relation with this person already exists');
    }
    try {
      const r = await repo.insertRelative(tx, { id: newId(), cityCode: me.cityCode, userId: actor.userId, relativeUserId: body.relativeUserId, relation: body.relation, status: 'pending', createdAt: ctx.clock.now() });
      return toRelative(r);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('CONFLICT', '已有与此人的亲属关系申请 / A relation with this person already exists');
      throw err;
    }
  });
}

/** Staff whose region holds the person who declared the link verify or reject it (once). Audited. */
export async function decideRelativeLink(ctx: AppContext, actor: Actor, id: string, decision: 'verified' | 'rejected'): Promise<RelativeLink> {
  return withTx(ctx.db, async (tx) => {
    const link = await repo.findRelative(tx, id);
    if (!link) throw notFound('亲属关系 relation');
    const target = await personTarget(tx, link.userId);
    authorize(actor, RELATIVE_VERIFY, { ...target, ownerId: null });
    if (link.userId === actor.userId || link.relativeUserId === actor.userId) throw new AppError('FORBIDDEN', '不能核验自己的亲属关系 / You cannot verify your own relation');
    const after = await repo.decideRelative(tx, id, decision, actor.userId, ctx.clock.now());
    if (!after) throw new AppError('INVALID_STATE', '该申请已处理 / This request was already decided', { status: link.status });
    await recordAudit(ctx, tx, actor, { action: decision === 'verified' ? 'relative.verify' : 'relative.reject', objectType: 'relative', objectId: id, regionCode: target.regionCode, before: link, after });
    return toRelative(after);
  });
}

export async function myRelatives(ctx: AppContext, actor: Actor): Promise<RelativeLink[]> {
  return (await repo.listRelativesOf(ctx.db, actor.userId)).map(toRelative);
}

/** Region admins list the relations declared by people of their subtree (by default the pending ones). */
export async function listRelativesForStaff(ctx: AppContext, actor: Actor, q: { regionCode?: string | undefined; status?: string | undefined; page: number; pageSize: number }) {
  const scopes = regionScopes(actor, RELATIVE_VERIFY.roles);
  if (scopes.length === 0) throw new AppError('FORBIDDEN', '只有区域管理员可以核验亲属关系 / Only region admins verify relations');
  let regionPath = scopes[0]!;
  if (q.regionCode) {
    const r = await regionTarget(ctx.db, q.regionCode);
    authorize(actor, RELATIVE_VERIFY, r);
    regionPath = r.regionPath;
  }
  const page = await repo.listRelativesInRegion(ctx.db, { regionPath, status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return {
    total: page.total,
    items: page.items.map((r) => ({ ...toRelative(r), userName: r.userName, userIdNumberMasked: r.userIdNumberMasked, relativeName: r.relativeName, relativeIdNumberMasked: r.relativeIdNumberMasked })),
  };
}

/** The posted transfers a service credit made (points, time, any overflow), for reversing it. */
export async function serviceCreditTransfers(tx: DbOrTx, idempotencyKey: string): Promise<TransferRow[]> {
  const found = await Promise.all(['points', 'time', 'overflow'].map((s) => repo.findTransferByKey(tx, `${idempotencyKey}:${s}`)));
  return found.filter((t): t is TransferRow => !!t);
}
