import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../lib/app-error';
import { chinaDateTime } from '@shared/lib/china-time';
import { unconfirmedRecoveries } from './access.repository';

/**
 * The bar on spending from an account recovered by a one-time code until staff other than the
 * code's issuer confirm its holder in person (accounts/recoveries.ts records them): for the
 * hours of the hold nothing leaves by self-service; nothing ever reaches the issuer; the issuer
 * never spends on the holder's behalf.
 */
function refuse(reason: 'hold' | 'to_issuer' | 'issuer_on_behalf', o: { until?: Date; recoveredAt: Date }): never {
  const when = chinaDateTime(o.recoveredAt);
  switch (reason) {
    case 'hold':
      throw new AppError(
        'RECOVERY_HOLD',
        `账号于${when}通过验证码找回，${chinaDateTime(o.until!)}前不能转出；如需提前办理，请本人到服务站当面核验 / The account was recovered with a one-time code on ${o.recoveredAt.toISOString()}; nothing can leave it before ${o.until!.toISOString()} unless staff confirm the holder in person`,
        { reason, until: o.until!.toISOString(), recoveredAt: o.recoveredAt.toISOString() },
      );
    case 'to_issuer':
      throw new AppError(
        'RECOVERY_HOLD',
        `对方为本账号生成过找回验证码，须本人到服务站当面核验后才能转给对方 / This person issued the code this account was recovered with: nothing goes to them until staff confirm the holder in person`,
        { reason, recoveredAt: o.recoveredAt.toISOString() },
      );
    case 'issuer_on_behalf':
      throw new AppError(
        'RECOVERY_HOLD',
        `您为该账号生成过找回验证码，不能代其办理支出，请由其他工作人员办理 / You issued the code this account was recovered with: someone else must spend for its holder`,
        { reason, recoveredAt: o.recoveredAt.toISOString() },
      );
  }
}

/**
 * Called by every spend from a person's account (in its transaction, before the money moves):
 * `toUserIds` are the people the spend reaches (a relative given to, the helpers a paid request
 * credits). A staff member spending on the holder's behalf at the counter is not held by the
 * hours (they see the person), but may not be the code's issuer.
 */
export async function assertMayMoveOut(ctx: AppContext, tx: DbOrTx, o: { userId: string; actor: Actor; toUserIds?: readonly string[] }): Promise<void> {
  const open = await unconfirmedRecoveries(tx, o.userId);
  if (open.length === 0) return;
  const issuers = new Set(open.map((r) => r.issuedBy));
  const toIssuer = (o.toUserIds ?? []).find((id) => issuers.has(id));
  if (toIssuer) refuse('to_issuer', { recoveredAt: open.find((r) => r.issuedBy === toIssuer)!.recoveredAt });
  const selfService = o.actor.userId === o.userId;
  if (!selfService && issuers.has(o.actor.userId)) refuse('issuer_on_behalf', { recoveredAt: open.find((r) => r.issuedBy === o.actor.userId)!.recoveredAt });
  const now = ctx.clock.now();
  const held = open.find((r) => r.holdUntil > now);
  if (held && selfService) refuse('hold', { until: held.holdUntil, recoveredAt: held.recoveredAt });
}

