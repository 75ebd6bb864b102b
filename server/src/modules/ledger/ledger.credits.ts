import type { AppContext } from '../../context';
import { RetryTransactionError, isUniqueViolation, type DbOrTx, type Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { requireRegionPath } from '../regions/index';
import { DEFAULT_POLICY, chinaDay, computeCredit, pickEffectivePolicy, type CreditResult } from './ledger.policy-math';
import { cityRegionOf, conflictingKey, inTx, movementBetween, requestHashOf, resolveAccount, transferRowOf, type Movement } from './ledger.engine';
import * as batch from './credits.repository';
import * as repo from './ledger.repository';
import type { AccountRow, TransferRow } from './ledger.repository';

/** Service credits: what an hour of service earns, issued once per service from the city's issuance accounts. */

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
 * Credits a service to a person as the region's policy says (ledger.policy-math computeCredit):
 * the served minutes to the time ledger (nothing below the minimum; the daily cap counts minutes
 * already credited that day; over the storage cap the rest goes to the city's public pool), the
 * points from the rounded minutes; issued from the city's issuance accounts. Exactly once per
 * idempotency key.
 */
export async function creditService(ctx: AppContext, tx: Tx | null, input: CreditServiceInput): Promise<CreditServiceOutcome> {
  return (await creditServices(ctx, tx, [input]))[0]!;
}

/**
 * Credits many services in one transaction (a settlement's roster, a chunk at a time) with the
 * same result, transfer for transfer, as crediting them one after another: the people's credit
 * locks in id order, then the accounts in id order (the lock order of every transfer), each
 * credit computed against the minutes and balance the previous ones left. A dozen statements
 * whatever the number of people. Replays answer what was stored.
 */
export async function creditServices(ctx: AppContext, tx: Tx | null, inputs: readonly CreditServiceInput[]): Promise<CreditServiceOutcome[]> {
  for (const input of inputs) {
    if (!Number.isSafeInteger(input.measuredMinutes) || input.measuredMinutes < 0) {
      throw new AppError('VALIDATION_FAILED', '服务时长必须是非负整数分钟 / Minutes must be a non-negative integer', { fields: { measuredMinutes: 'integer >= 0' } });
    }
  }
  if (inputs.length === 0) return [];
  return inTx(ctx, tx, async (t) => {
    const userIds = [...new Set(inputs.map((i) => i.userId))];
    const cities = await batch.userCities(t, userIds);
    for (const u of userIds) if (!cities.has(u)) throw notFound('用户 user');
    // serialise each person's credits (the daily cap counts what is already credited); taken before any account lock
    await batch.lockPersonCreditsMany(t, userIds);
    const now = ctx.clock.now();
    const accounts = await batch.ensurePersonAccountsMany(t, userIds.map((userId) => ({ userId, cityCode: cities.get(userId)! })), newId, now);
    const priors = await batch.serviceCreditsByKeys(t, inputs.map((i) => i.idempotencyKey));
    const priorTransfers = await batch.transfersByKeys(t, [...priors.keys()].flatMap((k) => CREDIT_PARTS.map((p) => `${k}:${p}`)));
    const creditedToday = await batch.creditedMinutesOnDays(t, inputs.map((i) => ({ userId: i.userId, day: chinaDay(i.at) })));
    const policies = await policiesByRegion(t, inputs.map((i) => i.regionCode));
    const system = await systemAccountsOf(ctx, t, inputs.map((i) => cityRegionOf(i.regionCode)));
    const timeBalance = new Map(userIds.map((u) => [u, accounts.get(`time:${u}`)!.balance]));

    const outcomes: CreditServiceOutcome[] = [];
    const creditRows: Array<Parameters<typeof batch.insertServiceCredits>[1][number]> = [];
    const movements: Array<{ outcome: number; m: Movement }> = [];
    const seen = new Set<string>();
    for (const input of inputs) {
      const requestHash = requestHashOf(['credit', input.userId, input.regionCode, input.measuredMinutes, input.at.toISOString(), input.objectType, input.objectId]);
      const prior = priors.get(input.idempotencyKey);
      if (prior || seen.has(input.idempotencyKey)) {
        if (!prior || prior.requestHash !== requestHash) throw conflictingKey();
        // a replay answers what was stored; the rounding and caps of the first call are not kept
        outcomes.push({
          replayed: true,
          transfers: CREDIT_PARTS.flatMap((p) => priorTransfers.get(`${input.idempotencyKey}:${p}`) ?? []),
          creditedMinutes: prior.creditedMinutes,
          timeMinutes: prior.timeMinutes,
          overflowMinutes: prior.overflowMinutes,
          points: prior.points,
          roundedMinutes: prior.creditedMinutes,
          cappedByDailyLimit: false,
          belowMinimum: prior.measuredMinutes > 0 && prior.creditedMinutes === 0 && prior.points === 0,
        });
        continue;
      }
      seen.add(input.idempotencyKey);
      const { path, rows } = policies.get(input.regionCode)!;
      const row = pickEffectivePolicy(rows, path, input.at);
      const day = chinaDay(input.at);
      const dayKey = `${input.userId}|${day}`;
      const r = computeCredit(row ?? DEFAULT_POLICY, {
        measuredMinutes: input.measuredMinutes,
        creditedTodayMinutes: creditedToday.get(dayKey) ?? 0,
        timeBalanceMinutes: timeBalance.get(input.userId)!,
      });
      creditedToday.set(dayKey, (creditedToday.get(dayKey) ?? 0) + r.creditedMinutes);
      timeBalance.set(input.userId, timeBalance.get(input.userId)! + r.timeMinutes);
      creditRows.push({
        id: newId(),
        cityCode: cities.get(input.userId)!,
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
        createdAt: now,
      });
      const outcome = outcomes.push({ ...r, replayed: false, transfers: [] }) - 1;
      const cityRegion = cityRegionOf(input.regionCode);
      const city = system.get(cityRegion)!;
      const issuance = { system: 'issuance' as const, regionCode: cityRegion };
      const common = { actorId: input.actorId ?? null, objectType: input.objectType, objectId: input.objectId, code: 'earned' as const, memo: `服务 ${r.creditedMinutes} 分钟` };
      // points first, then time: the order of the one-at-a-time path
      if (r.points > 0) {
        const m = { ...common, ledger: 'points' as const, from: issuance, to: { userId: input.userId }, amount: r.points, idempotencyKey: `${input.idempotencyKey}:points` };
        movements.push({ outcome, m: movementBetween(m, city.issuancePoints, accounts.get(`points:${input.userId}`)!, 'posted', null) });
      }
      if (r.timeMinutes > 0) {
        const m = { ...common, ledger: 'time' as const, from: issuance, to: { userId: input.userId }, amount: r.timeMinutes, idempotencyKey: `${input.idempotencyKey}:time` };
        movements.push({ outcome, m: movementBetween(m, city.issuanceTime, accounts.get(`time:${input.userId}`)!, 'posted', null) });
      }
      if (r.overflowMinutes > 0) {
        const m = {
          ...common,
          ledger: 'time' as const,
          code: 'storage_overflow' as const,
          memo: `超出存储上限，捐入公益池 / over the storage cap, donated to the public pool`,
          from: issuance,
          to: { system: 'public_pool' as const, regionCode: cityRegion },
          amount: r.overflowMinutes,
          idempotencyKey: `${input.idempotencyKey}:overflow`,
        };
        movements.push({ outcome, m: movementBetween(m, city.issuanceTime, city.publicPool, 'posted', null) });
      }
    }
    try {
      await batch.insertServiceCredits(t, creditRows);
    } catch (err) {
      // the same credit written meanwhile by another transaction: start again and answer it
      if (isUniqueViolation(err, 'ledger_service_credits_idem_uq')) throw new RetryTransactionError('idempotency key');
      throw err;
    }
    const written = await appendIssued(ctx, t, movements.map((x) => x.m));
    written.forEach((row, i) => outcomes[movements[i]!.outcome]!.transfers.push(row));
    return outcomes;
  });
}

const CREDIT_PARTS = ['points', 'time', 'overflow'] as const;

async function policiesByRegion(t: Tx, regionCodes: readonly string[]) {
  const out = new Map<string, { path: string; rows: repo.PolicyDbRow[] }>();
  for (const code of new Set(regionCodes)) {
    const path = await requireRegionPath(t, code);
    out.set(code, { path, rows: await repo.policiesOnPath(t, path) });
  }
  return out;
}

/** Each city's accounts a credit draws on: its issuance accounts and its public pool. */
async function systemAccountsOf(ctx: AppContext, t: Tx, cityRegions: readonly string[]) {
  const out = new Map<string, { issuancePoints: AccountRow; issuanceTime: AccountRow; publicPool: AccountRow }>();
  for (const regionCode of new Set(cityRegions)) {
    out.set(regionCode, {
      issuancePoints: await systemAccount(ctx, t, 'points', 'issuance', regionCode),
      issuanceTime: await systemAccount(ctx, t, 'time', 'issuance', regionCode),
      publicPool: await systemAccount(ctx, t, 'time', 'public_pool', regionCode),
    });
  }
  return out;
}

/**
 * A system account, remembered per application once it is a minute old (surely committed: an
 * account made by a transaction that then rolled back is never remembered). Only its identity is
 * used from the memory — id, city, flags, which never change (a trigger refuses it); balances are
 * read under lock.
 */
const systemAccounts = new WeakMap<AppContext, Map<string, AccountRow>>();
async function systemAccount(ctx: AppContext, t: Tx, ledger: 'points' | 'time', system: 'issuance' | 'public_pool', regionCode: string): Promise<AccountRow> {
  let known = systemAccounts.get(ctx);
  if (!known) systemAccounts.set(ctx, (known = new Map()));
  const key = `${ledger}|${system}|${regionCode}`;
  const hit = known.get(key);
  if (hit) return hit;
  const row = await resolveAccount(ctx, t, ledger, { system, regionCode });
  if (ctx.clock.now().getTime() - row.createdAt.getTime() > 60_000) known.set(key, row);
  return row;
}

/**
 * Appends posted transfers drawn from issuance accounts (which may go negative: nothing to
 * cover), in one go: the accounts locked in id order, each transfer's balances after it computed
 * in order as the one-at-a-time path would see them, the columns moved by one statement and the
 * transfers inserted by another (the chain trigger queues each).
 */
async function appendIssued(ctx: AppContext, t: Tx, movements: readonly Movement[]): Promise<TransferRow[]> {
  if (movements.length === 0) return [];
  const locked = await batch.lockAccountsSorted(t, movements.flatMap((m) => [m.debit.id, m.credit.id]));
  const state = new Map([...locked].map(([id, a]) => [id, { balance: a.balance, pendingDebits: a.pendingDebits }]));
  const deltas = new Map<string, repo.AccountDelta>();
  const bump = (id: string, balance: number, side: 'debitsPosted' | 'creditsPosted') => {
    const d = deltas.get(id) ?? { balance: 0, pendingDebits: 0, pendingCredits: 0, debitsPosted: 0, creditsPosted: 0 };
    d.balance += balance;
    d[side] += Math.abs(balance);
    deltas.set(id, d);
    const s = state.get(id)!;
    s.balance += balance;
    return s.balance - s.pendingDebits;
  };
  const now = ctx.clock.now();
  const rows: TransferRow[] = movements.map((m) => {
    if (m.status !== 'posted' || (locked.get(m.debit.id)!.flags & repo.FLAG_MAY_GO_NEGATIVE) === 0) {
      throw new Error('appendIssued takes posted transfers from accounts that may go negative only');
    }
    return transferRowOf(m, bump(m.debit.id, -m.amount, 'debitsPosted'), bump(m.credit.id, m.amount, 'creditsPosted'), now);
  });
  await batch.applyAccountDeltas(t, deltas);
  try {
    const inserted = await batch.insertTransfers(t, rows);
    return inserted;
  } catch (err) {
    if (isUniqueViolation(err, 'ledger_transfers_idem_uq')) throw new RetryTransactionError('idempotency key');
    throw err;
  }
}

/** The posted transfers a service credit made (points, time, any overflow), for reversing it. */
export async function serviceCreditTransfers(tx: DbOrTx, idempotencyKey: string): Promise<TransferRow[]> {
  const out: TransferRow[] = [];
  for (const part of ['points', 'time', 'overflow']) {
    const t = await repo.findTransferByKey(tx, `${idempotencyKey}:${part}`);
    if (t) out.push(t);
  }
  return out;
}

/** Which of these idempotency keys have been credited (a caller checking that every credit of a batch landed). */
export async function creditedServiceKeys(db: DbOrTx, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  return new Set(await repo.serviceCreditKeysIn(db, keys));
}
