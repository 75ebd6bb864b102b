import crypto from 'node:crypto';
import type { AppContext } from '../../context';
import { RetryTransactionError, isCheckViolation, isUniqueViolation, withTx, type DbOrTx, type Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { cityCodeOf } from '@shared/lib/region-code';
import type { Ledger, SystemPurpose, Transfer, TransferCode, TransferStatus } from '@shared/schemas/ledger';
import * as repo from './ledger.repository';
import type { AccountRow, TransferRow } from './ledger.repository';

/**
 * The engine: the one path that writes transfers and moves balances. Double entry: every
 * transfer debits one account and credits another of the same ledger by the same positive
 * integer; the two accounts' columns move in the transaction that writes the transfer, each
 * with a compare-and-set, in one fixed order (account id). No lock is shared by a whole city:
 * the hash chain is appended afterwards by the sealer (ledger.proof.ts).
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

export const insufficient = (details?: Record<string, unknown>) =>
  new AppError('INSUFFICIENT_BALANCE', '余额不足，无法完成转账 / Insufficient balance for this transfer', details);

export const conflictingKey = () =>
  new AppError('CONFLICT', '该幂等键已用于另一笔不同的请求 / This idempotency key was already used for a different request');

/** Runs in the given transaction, or in a new one (retrying serialization failures and lost races). */
export function inTx<T>(ctx: AppContext, tx: Tx | null | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return tx ? fn(tx) : withTx(ctx.db, fn);
}

/** sha256 of a request's fields: a repeat of an idempotency key must carry the same ones. */
export function requestHashOf(parts: unknown[]): string {
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

// ——— accounts ———

export async function resolveAccount(ctx: AppContext, db: DbOrTx, ledger: Ledger, ref: AccountRef): Promise<AccountRow> {
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

export const spendable = (a: Pick<AccountRow, 'balance' | 'pendingDebits'>) => a.balance - a.pendingDebits;

// ——— the one append path ———

/** The two accounts of a movement: only their identity is needed (their columns move by compare-and-set). */
type AccountKey = Pick<AccountRow, 'id' | 'cityCode'>;

export interface Movement {
  ledger: Ledger;
  debit: AccountKey;
  credit: AccountKey;
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

const ZERO: repo.AccountDelta = { balance: 0, pendingDebits: 0, pendingCredits: 0, debitsPosted: 0, creditsPosted: 0 };

/** What each side's columns do, by the kind of record; and how much the debit side must be able to spend. */
function deltasOf(status: TransferStatus, amt: number): { debit: repo.AccountDelta; credit: repo.AccountDelta; mustCover: number } {
  switch (status) {
    case 'posted':
      return { debit: { ...ZERO, balance: -amt, debitsPosted: amt }, credit: { ...ZERO, balance: amt, creditsPosted: amt }, mustCover: amt };
    case 'pending':
      return { debit: { ...ZERO, pendingDebits: amt }, credit: { ...ZERO, pendingCredits: amt }, mustCover: amt };
    case 'post_pending':
      return {
        debit: { ...ZERO, balance: -amt, debitsPosted: amt, pendingDebits: -amt },
        credit: { ...ZERO, balance: amt, creditsPosted: amt, pendingCredits: -amt },
        mustCover: 0,
      };
    case 'void_pending':
    case 'expired':
      return { debit: { ...ZERO, pendingDebits: -amt }, credit: { ...ZERO, pendingCredits: -amt }, mustCover: 0 };
  }
}

/**
 * Appends one transfer inside `tx`: answers a repeat of the key; moves both accounts' columns
 * in id order (compare-and-set: the debit side only moves if it can cover the amount); writes the
 * transfer with the spendable balances after it. A trigger queues it for its hash chain. A key,
 * resolution or reversal written at the same moment by another transaction makes this one retry
 * from the start (the other's row is then found).
 */
async function append(ctx: AppContext, tx: Tx, m: Movement, opts: { keyChecked?: boolean } = {}): Promise<TransferOutcome> {
  if (!opts.keyChecked) {
    const prior = await repo.findTransferByKey(tx, m.idempotencyKey);
    if (prior) return answerRepeat(prior, m.requestHash);
  }

  const d = deltasOf(m.status, m.amount);
  const sides = [
    { id: m.debit.id, delta: d.debit, cover: d.mustCover },
    { id: m.credit.id, delta: d.credit, cover: 0 },
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
  const after = new Map<string, AccountRow>();
  try {
    for (const s of sides) {
      const row = await repo.applyAccountDelta(tx, s.id, s.delta, s.cover);
      if (!row) {
        // the same request may have been written meanwhile (we waited for its row lock): then it is a repeat
        if (await repo.findTransferByKey(tx, m.idempotencyKey)) throw new RetryTransactionError('idempotency key');
        const now = await repo.findAccount(tx, m.debit.id);
        throw insufficient({ ledger: m.ledger, available: now ? spendable(now) : 0, amount: m.amount });
      }
      after.set(s.id, row);
    }
  } catch (err) {
    if (isCheckViolation(err)) throw insufficient({ ledger: m.ledger, amount: m.amount });
    throw err;
  }

  try {
    const t = await repo.insertTransfer(tx, transferRowOf(m, spendable(after.get(m.debit.id)!), spendable(after.get(m.credit.id)!), ctx.clock.now()));
    return { transfer: t, replayed: false };
  } catch (err) {
    if (isUniqueViolation(err, 'ledger_transfers_idem_uq')) throw new RetryTransactionError('idempotency key');
    if (isUniqueViolation(err, 'ledger_transfers_pending_uq')) throw new RetryTransactionError('reservation resolved');
    if (isUniqueViolation(err, 'ledger_transfers_reverses_uq')) throw new RetryTransactionError('transfer reversed');
    throw err;
  }
}

/** The row a movement becomes, with both sides' spendable balances after it. */
export function transferRowOf(m: Movement, debitBalanceAfter: number, creditBalanceAfter: number, createdAt: Date): TransferRow {
  return {
    id: newId(),
    cityCode: m.debit.cityCode,
    ledger: m.ledger,
    debitAccountId: m.debit.id,
    creditAccountId: m.credit.id,
    amount: m.amount,
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
    debitBalanceAfter,
    creditBalanceAfter,
    createdAt,
  };
}

export function answerRepeat(prior: TransferRow, requestHash: string): TransferOutcome {
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
  return movementBetween(input, debit, credit, status, timeoutAt);
}

/** A movement between two accounts already resolved (a caller that read them with other data in one query). */
export function movementBetween(input: TransferInput, debit: AccountKey, credit: AccountKey, status: 'posted' | 'pending', timeoutAt: Date | null): Movement {
  checkAmount(input.amount);
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

/** Appends a movement whose key the caller has just looked up in the same transaction (one lookup fewer). */
export async function appendMovement(ctx: AppContext, tx: Tx, m: Movement, keyChecked: boolean): Promise<TransferOutcome> {
  return append(ctx, tx, m, { keyChecked });
}

/** A pending transfer: the amount is reserved (spendable balance falls now) until posted, voided or expired. */
export async function reserve(ctx: AppContext, tx: Tx | null, input: ReserveInput): Promise<TransferOutcome> {
  if (input.timeoutAt.getTime() <= ctx.clock.now().getTime()) {
    throw new AppError('VALIDATION_FAILED', '预留的截止时间必须在将来 / The reservation must time out in the future', { fields: { timeoutAt: 'in the past' } });
  }
  return inTx(ctx, tx, async (t) => append(ctx, t, await movementOf(ctx, t, input, 'pending', input.timeoutAt)));
}

type Resolution = 'post_pending' | 'void_pending' | 'expired';

const RESOLVED_WORDS: Record<Resolution, { zh: string; en: string }> = {
  post_pending: { zh: '入账', en: 'posted' },
  void_pending: { zh: '撤销', en: 'voided' },
  expired: { zh: '过期', en: 'expired' },
};

async function resolvePending(
  ctx: AppContext,
  tx: Tx,
  pendingId: string,
  status: Resolution,
  actorId: string | null,
  memo: string | null,
  opts: { acceptExpired?: boolean } = {},
): Promise<TransferOutcome> {
  const p = await repo.findTransfer(tx, pendingId);
  if (!p || p.status !== 'pending') throw notFound('预留 pending transfer');
  // hold both accounts first: a resolution written meanwhile by another transaction is then seen
  const locked = await repo.lockAccounts(tx, [p.debitAccountId, p.creditAccountId]);
  const done = await repo.findResolution(tx, pendingId);
  if (done) {
    if (done.status === status) return { transfer: done, replayed: true };
    // releasing what has already been released by its expiry: nothing more to do
    if (opts.acceptExpired && status === 'void_pending' && done.status === 'expired') return { transfer: done, replayed: true };
    const w = RESOLVED_WORDS[done.status as Resolution] ?? { zh: done.status, en: done.status };
    throw new AppError('INVALID_STATE', `该预留已${w.zh} / This reservation was already ${w.en}`, { status: done.status });
  }
  if (status === 'post_pending' && p.timeoutAt && p.timeoutAt.getTime() <= ctx.clock.now().getTime()) {
    throw new AppError('INVALID_STATE', '该预留已过期 / This reservation has timed out', { timeoutAt: p.timeoutAt.toISOString(), reason: 'timed_out' });
  }
  const debit = locked.get(p.debitAccountId)!;
  const credit = locked.get(p.creditAccountId)!;
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
    idempotencyKey: `resolve:${pendingId}`,
    requestHash: requestHashOf([status, pendingId]),
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

/**
 * Releases a reservation whatever became of its timeout: voids it, or, when it has already
 * expired (the sweeper came first), answers that expiry — the amount is spendable again either way.
 */
export async function releaseReservation(ctx: AppContext, tx: Tx | null, pendingId: string, actorId: string | null = null, memo: string | null = null): Promise<TransferOutcome> {
  return inTx(ctx, tx, (t) => resolvePending(ctx, t, pendingId, 'void_pending', actorId, memo, { acceptExpired: true }));
}

export interface SettleOutcome extends TransferOutcome {
  /** The reservation had timed out: it was released and the amount charged afresh (`late:<pendingId>`). */
  late: boolean;
}

/**
 * Settles a reservation for something that was delivered: posts it while it is open; when it has
 * timed out (expired by the sweeper or not yet), it is released and the same amount is charged
 * afresh from the same payer to the same receiver as a posted transfer (key `late:<pendingId>`,
 * once). INSUFFICIENT_BALANCE when the payer no longer holds the amount.
 */
export async function settleReservation(ctx: AppContext, tx: Tx | null, pendingId: string, actorId: string | null = null): Promise<SettleOutcome> {
  return inTx(ctx, tx, async (t) => {
    const p = await repo.findTransfer(t, pendingId);
    if (!p || p.status !== 'pending') throw notFound('预留 pending transfer');
    const done = await repo.findResolution(t, pendingId);
    const timedOut = !!p.timeoutAt && p.timeoutAt.getTime() <= ctx.clock.now().getTime();
    if (done?.status === 'post_pending' || (!done && !timedOut)) return { ...(await resolvePending(ctx, t, pendingId, 'post_pending', actorId, null)), late: false };
    if (!done) await resolvePending(ctx, t, pendingId, 'expired', null, null);
    else if (done.status !== 'expired') throw new AppError('INVALID_STATE', '该预留已撤销 / This reservation was already voided', { status: done.status });
    const locked = await repo.lockAccounts(t, [p.debitAccountId, p.creditAccountId]);
    const key = `late:${pendingId}`;
    const prior = await repo.findTransferByKey(t, key);
    if (prior) return { transfer: prior, replayed: true, late: true };
    const outcome = await append(
      ctx,
      t,
      {
        ledger: p.ledger as Ledger,
        debit: locked.get(p.debitAccountId)!,
        credit: locked.get(p.creditAccountId)!,
        amount: p.amount,
        code: p.code,
        status: 'posted',
        pendingId: null,
        reversesId: null,
        timeoutAt: null,
        actorId,
        objectType: p.objectType,
        objectId: p.objectId,
        memo: p.memo,
        idempotencyKey: key,
        requestHash: requestHashOf(['late', pendingId]),
      },
      { keyChecked: true },
    );
    return { ...outcome, late: true };
  });
}

/**
 * Expires every open reservation past its timeout (each in its own transaction). Reads only the
 * open ones (`ledger_open_pending`), so its cost does not grow with past reservations. Returns how many.
 */
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
    const key = `reverse:${o.id}`;
    const locked = await repo.lockAccounts(t, [o.debitAccountId, o.creditAccountId]);
    const prior = await repo.findTransferByKey(t, key);
    if (prior) return { transfer: prior, replayed: true };
    const debit = locked.get(o.creditAccountId)!;
    const credit = locked.get(o.debitAccountId)!;
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

/** A transfer as the API shows it. */
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
