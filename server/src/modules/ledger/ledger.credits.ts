import type { AppContext } from '../../context';
import type { DbOrTx, Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { requireRegionPath } from '../regions/index';
import { DEFAULT_POLICY, chinaDay, computeCredit, pickEffectivePolicy, type CreditResult } from './ledger.policy-math';
import { cityRegionOf, conflictingKey, inTx, requestHashOf, resolveAccount, transfer } from './ledger.engine';
import * as repo from './ledger.repository';
import type { TransferRow } from './ledger.repository';

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
  if (!Number.isSafeInteger(input.measuredMinutes) || input.measuredMinutes < 0) {
    throw new AppError('VALIDATION_FAILED', '服务时长必须是非负整数分钟 / Minutes must be a non-negative integer', { fields: { measuredMinutes: 'integer >= 0' } });
  }
  return inTx(ctx, tx, async (t) => {
    const u = await repo.findUserBrief(t, input.userId);
    if (!u) throw notFound('用户 user');
    const requestHash = requestHashOf(['credit', input.userId, input.regionCode, input.measuredMinutes, input.at.toISOString(), input.objectType, input.objectId]);
    // serialise this person's credits (the daily cap counts what is already credited); taken before any account lock
    await repo.lockPersonCredits(t, input.userId);
    const timeAccount = await resolveAccount(ctx, t, 'time', { userId: input.userId });
    const prior = await repo.findServiceCreditByKey(t, input.idempotencyKey);
    if (prior) {
      if (prior.requestHash !== requestHash) throw conflictingKey();
      // a replay answers what was stored; the rounding and caps of the first call are not kept
      return {
        replayed: true,
        transfers: await serviceCreditTransfers(t, input.idempotencyKey),
        creditedMinutes: prior.creditedMinutes,
        timeMinutes: prior.timeMinutes,
        overflowMinutes: prior.overflowMinutes,
        points: prior.points,
        roundedMinutes: prior.creditedMinutes,
        cappedByDailyLimit: false,
        belowMinimum: prior.measuredMinutes > 0 && prior.creditedMinutes === 0 && prior.points === 0,
      };
    }
    const path = await requireRegionPath(t, input.regionCode);
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
    // points first, then time: one fixed order of account locks across the codebase
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
