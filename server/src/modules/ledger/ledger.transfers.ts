import type { Actor, AppContext } from '../../context';
import { withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { DonationCreateBody, TransferCreateBody } from '@shared/schemas/ledger';
import { assertMayMoveOut, authorize, regionTarget } from '../access/index';
import { recordAudit } from '../audit/index';
import { appendMovement, cityRegionOf, movementBetween, resolveAccount, reverse, toTransfer, transfer, type TransferInput, type TransferOutcome } from './ledger.engine';
import { LEDGER_REVERSE } from './ledger.policy';
import { chinaYearStart } from './ledger.policy-math';
import { effectivePolicy, toPolicyView } from './ledger.policies';
import { personTarget } from './ledger.people';
import { checkWithdrawAge } from './ledger.withdrawals';
import * as repo from './ledger.repository';
import { notify } from '../notifications/index';
import { durationText } from '@shared/lib/china-time';

/** What people and staff do with transfers: gifts to relatives, donations, staff reversals. */

/**
 * A person gives points or time to a verified direct relative (either direction of the link). The
 * two people, their accounts and their relation are read in one query; the key is looked up once.
 */
export async function giveToRelative(ctx: AppContext, actor: Actor, body: TransferCreateBody & { idempotencyKey: string }): Promise<TransferOutcome> {
  if (body.toUserId === actor.userId) throw new AppError('VALIDATION_FAILED', '不能转给自己 / You cannot transfer to yourself', { fields: { toUserId: 'yourself' } });
  return withTx(ctx.db, async (tx) => {
    const idempotencyKey = `user:${actor.userId}:${body.idempotencyKey}`;
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
    const parties = await repo.transferParties(tx, body.ledger, actor.userId, body.toUserId);
    const sender = parties.find((p) => p.userId === actor.userId);
    const receiver = parties.find((p) => p.userId === body.toUserId);
    if (!sender || !receiver) throw notFound('用户 user');
    const prior = await repo.findTransferByKey(tx, idempotencyKey);
    if (prior) return transfer(ctx, tx, input); // answers the first result, or CONFLICT
    if (!receiver.related) {
      throw new AppError('RELATION_NOT_VERIFIED', '只能转给已核验的直系亲属 / Only a verified direct relative can receive a transfer', { toUserId: body.toUserId });
    }
    // an account just recovered by a code gives nothing, and never to the code's issuer
    await assertMayMoveOut(ctx, tx, { userId: actor.userId, actor, toUserIds: [body.toUserId] });
    const policy = toPolicyView(await effectivePolicy(tx, sender.regionPath ?? '', ctx.clock.now()));
    if (!policy.familyTransferEnabled) throw new AppError('INVALID_STATE', '本地区未开放亲属转赠 / Family transfers are not open in your region');
    // giving time to a relative is withdrawing it for them: the policy's withdrawal age applies to the receiver
    if (body.ledger === 'time') checkWithdrawAge(policy, receiver, ctx.clock.now(), 'relative');
    const account = (p: repo.PartyRow) =>
      p.accountId ? { id: p.accountId, cityCode: p.cityCode } : resolveAccount(ctx, tx, body.ledger, { userId: p.userId });
    const from = await account(sender);
    const to = await account(receiver);
    if (body.ledger === 'time' && policy.familyTransferMaxPerYearMinutes !== null) {
      // both accounts held first (id order), so two transfers at once cannot both pass the yearly limit
      await repo.lockAccounts(tx, [from.id, to.id]);
      const given = await repo.sumDebitsSince(tx, from.id, 'family_transfer', chinaYearStart(ctx.clock.now()));
      if (given + body.amount > policy.familyTransferMaxPerYearMinutes) {
        throw new AppError('INVALID_STATE', '超出本年度亲属转赠上限 / Over this year’s family-transfer limit', {
          limitMinutes: policy.familyTransferMaxPerYearMinutes,
          givenMinutes: given,
        });
      }
    }
    const done = await appendMovement(ctx, tx, movementBetween(input, from, to, 'posted', null), true);
    const what = body.ledger === 'time' ? `${durationText(body.amount)}服务时间` : `${body.amount} 积分`;
    await notify(ctx, tx, { userId: receiver.userId, regionCode: receiver.regionCode, kind: 'family_transfer_received', title: `亲属转赠：${what}`, body: `${actor.name}转赠给您${what}，已记入您的存折。${body.memo ? `附言：${body.memo}` : ''}`, objectType: 'transfer', objectId: done.transfer.id });
    return done;
  });
}

/** A person donates points or time to the public pool of their city. */
export async function donate(ctx: AppContext, actor: Actor, body: DonationCreateBody & { idempotencyKey: string }): Promise<TransferOutcome> {
  const me = await repo.findUserBrief(ctx.db, actor.userId);
  if (!me) throw notFound('用户 user');
  const idempotencyKey = `user:${actor.userId}:${body.idempotencyKey}`;
  return withTx(ctx.db, async (tx) => {
    // a retry answers the first result; a new donation from an account just recovered by a code waits
    if (!(await repo.findTransferByKey(tx, idempotencyKey))) await assertMayMoveOut(ctx, tx, { userId: actor.userId, actor });
    return transfer(ctx, tx, {
      ledger: body.ledger,
      from: { userId: actor.userId },
      to: { system: 'public_pool', regionCode: cityRegionOf(me.regionCode) },
      amount: body.amount,
      code: 'donation',
      actorId: actor.userId,
      objectType: 'public_pool',
      objectId: cityRegionOf(me.regionCode),
      memo: body.memo ?? null,
      idempotencyKey,
    });
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
      // the person whose account the correction credits hears of it (the one it debits sees it in the passbook)
      const credited = sides[0]?.kind === 'person' ? sides[0].ownerUserId : null;
      if (credited) {
        const what = t.ledger === 'time' ? `${durationText(t.amount)}服务时间` : `${t.amount} 积分`;
        await notify(ctx, tx, { userId: credited, regionCode: (await personTarget(tx, credited)).regionCode, kind: 'ledger_corrected', title: `账目更正：退回${what}`, body: `工作人员更正了一笔记录，${what}已退回您的存折。原因：${reason}`, objectType: 'transfer', objectId: r.transfer.id });
      }
    }
    return r;
  });
}

