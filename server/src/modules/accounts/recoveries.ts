import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import { withTx, type DbOrTx, type Tx } from '../../db/client';
import { accountRecoveries, users } from '../../db/schema/index';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { chinaDateTime } from '@shared/lib/china-time';
import { assertNotSelfBenefit, authorize, unconfirmedRecoveries as unconfirmed } from '../access/index';
import { recordAudit } from '../audit/index';
import { notify } from '../notifications/index';
import { ACCOUNT_PASSWORD_RESET } from './accounts.policy';
import * as repo from './accounts.repository';

/**
 * Accounts recovered by a one-time code (issue 18, found at review). Whoever issued the code —
 * station staff, a region office, a verified relative, the staff who registered the person —
 * knew it, and could have typed it themselves: with a claim code the registrar knows the phone,
 * ID number and name as well. From the server's side the issuer and the holder are the same
 * person at the keyboard. So a recovery is recorded, and until staff other than the issuer see
 * the holder in person and confirm them:
 *  - for RECOVERY_HOLD_HOURS after it, nothing leaves the account by self-service (family
 *    transfers, donations, supermarket redemptions, paid requests);
 *  - nothing ever goes from the account to the code's issuer (a family transfer to them, or the
 *    account's paid request credited to them as its helper), and the issuer never spends it on
 *    the holder's behalf.
 * The holder sees the hold and who issued the code on their passbook. The spends ask
 * access.assertMayMoveOut (access.recovery-hold.ts); this file writes and confirms the records.
 */
export const RECOVERY_HOLD_HOURS = 72;

export type RecoveryKind = 'claim' | 'password_reset';

type Row = typeof accountRecoveries.$inferSelect;

/** Written by the claim or the reset, in its transaction. */
export async function recordRecovery(ctx: AppContext, tx: Tx, o: { userId: string; cityCode: string; kind: RecoveryKind; issuedBy: string; codeIssuedAt: Date }): Promise<void> {
  const now = ctx.clock.now();
  await tx.insert(accountRecoveries).values({
    id: newId(),
    cityCode: o.cityCode,
    userId: o.userId,
    kind: o.kind,
    issuedBy: o.issuedBy,
    codeIssuedAt: o.codeIssuedAt,
    recoveredAt: now,
    holdUntil: new Date(now.getTime() + RECOVERY_HOLD_HOURS * 3600_000),
  });
}

export interface RecoveryView {
  id: string;
  kind: RecoveryKind;
  recoveredAt: string;
  holdUntil: string;
  /** Whether the hours are still running. */
  held: boolean;
  issuedByName: string;
  confirmedAt: string | null;
  confirmedByName: string | null;
}

async function views(ctx: AppContext, db: DbOrTx, rows: Row[]): Promise<RecoveryView[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.issuedBy, ...(r.confirmedBy ? [r.confirmedBy] : [])]))];
  const names = new Map((ids.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : []).map((u) => [u.id, u.name]));
  const now = ctx.clock.now();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    recoveredAt: r.recoveredAt.toISOString(),
    holdUntil: r.holdUntil.toISOString(),
    held: !r.confirmedAt && r.holdUntil > now,
    issuedByName: names.get(r.issuedBy) ?? '',
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
    confirmedByName: r.confirmedBy ? (names.get(r.confirmedBy) ?? '') : null,
  }));
}

/** The holder's own unconfirmed recoveries (the passbook's notice). */
export async function myRecoveries(ctx: AppContext, actor: Actor): Promise<RecoveryView[]> {
  return views(ctx, ctx.db, await unconfirmed(ctx.db, actor.userId));
}

/** Staff in scope read a person's recoveries, confirmed or not (the counter's page). */
export async function personRecoveries(ctx: AppContext, actor: Actor, userId: string): Promise<RecoveryView[]> {
  const person = await repo.findUserView(ctx.db, userId);
  if (!person) throw notFound('用户 person');
  assertCounterStaff(actor, person);
  const rows = await ctx.db.select().from(accountRecoveries).where(eq(accountRecoveries.userId, userId)).orderBy(desc(accountRecoveries.recoveredAt)).limit(20);
  return views(ctx, ctx.db, rows);
}

/** Region admins whose scope holds the person, or the keeper of a station whose area holds them (as for reset codes). */
function assertCounterStaff(actor: Actor, person: repo.UserView): void {
  const path = person.regionPath ?? '/';
  const stationServes = actor.grants.some((g) => g.role === 'station_admin' && path.startsWith(g.regionPath));
  if (!stationServes) authorize(actor, ACCOUNT_PASSWORD_RESET, { regionPath: path });
}

/**
 * Staff at the counter saw the holder in person (their ID card) and confirm them: every open
 * recovery of the account is confirmed, lifting the hold and the issuer's bar. Never by the code's
 * issuer, never for oneself; audited; the holder is told.
 */
export async function confirmRecoveries(ctx: AppContext, actor: Actor, userId: string): Promise<RecoveryView[]> {
  return withTx(ctx.db, async (tx) => {
    const person = await repo.findUserView(tx, userId);
    if (!person) throw notFound('用户 person');
    assertCounterStaff(actor, person);
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [userId], reason: '不能为自己核验找回的账号 / You cannot confirm your own recovered account' });
    const open = await unconfirmed(tx, userId);
    if (open.length === 0) throw new AppError('INVALID_STATE', '该账号没有待核验的找回记录 / This account has no recovery waiting for confirmation');
    if (open.some((r) => r.issuedBy === actor.userId)) {
      throw new AppError('SELF_BENEFIT', '您为该账号生成过验证码，须由其他工作人员当面核验 / You issued this account’s code: another member of staff must confirm the holder', { reason: 'issuer' });
    }
    const now = ctx.clock.now();
    const confirmed = await tx
      .update(accountRecoveries)
      .set({ confirmedBy: actor.userId, confirmedAt: now })
      .where(and(eq(accountRecoveries.userId, userId), isNull(accountRecoveries.confirmedAt)))
      .returning();
    await recordAudit(ctx, tx, actor, {
      action: 'account.recovery.confirm',
      objectType: 'user',
      objectId: userId,
      regionCode: person.regionCode,
      onBehalfOf: userId,
      before: { unconfirmed: open.map((r) => ({ id: r.id, kind: r.kind, recoveredAt: r.recoveredAt, issuedBy: r.issuedBy })) },
      after: { confirmedAt: now },
    });
    await notify(ctx, tx, { userId, regionCode: person.regionCode, kind: 'account_security', title: '账号已当面核验', body: `工作人员${actor.name}于${chinaDateTime(now)}当面核验了您的身份，账号找回后的限制已解除。`, objectType: 'user', objectId: userId });
    return views(ctx, tx, confirmed);
  });
}
