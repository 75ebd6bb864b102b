import type { Actor, AppContext } from '../../context';
import { withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { DonationCreateBody, TransferCreateBody } from '@shared/schemas/ledger';
import { authorize, regionTarget } from '../access/index';
import { recordAudit } from '../audit/index';
import { cityRegionOf, resolveAccount, reverse, toTransfer, transfer, type TransferInput, type TransferOutcome } from './ledger.engine';
import { LEDGER_REVERSE } from './ledger.policy';
import { chinaYearStart } from './ledger.policy-math';
import { effectivePolicy, toPolicyView } from './ledger.policies';
import { personTarget } from './ledger.people';
import * as repo from './ledger.repository';
import { hasVerifiedRelation } from './relatives.repository';

/** What people and staff do with transfers: gifts to relatives, donations, staff reversals. */

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
    if (!(await hasVerifiedRelation(tx, actor.userId, body.toUserId))) {
      throw new AppError('RELATION_NOT_VERIFIED', '只能转给已核验的直系亲属 / Only a verified direct relative can receive a transfer', { toUserId: body.toUserId });
    }
    const policy = toPolicyView(await effectivePolicy(tx, sender.regionPath ?? '', ctx.clock.now()));
    if (!policy.familyTransferEnabled) throw new AppError('INVALID_STATE', '本地区未开放亲属转赠 / Family transfers are not open in your region');
    if (body.ledger === 'time' && policy.familyTransferMaxPerYearMinutes !== null) {
      // both accounts held first (id order), so two transfers at once cannot both pass the yearly limit
      const account = await resolveAccount(ctx, tx, 'time', { userId: actor.userId });
      const other = await resolveAccount(ctx, tx, 'time', { userId: body.toUserId });
      await repo.lockAccounts(tx, [account.id, other.id]);
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

