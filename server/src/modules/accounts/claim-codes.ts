import crypto from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import { withTx, type Tx } from '../../db/client';
import { claimCodes } from '../../db/schema/index';
import { AppError, notFound } from '../../lib/app-error';
import { keyedHash, timingSafeEqualStr } from '../../lib/crypto';
import { authorize, hasAnyGrant } from '../access/index';
import { recordAudit } from '../audit/index';
import { ACCOUNT_CLAIM_CODE } from './accounts.policy';
import * as repo from './accounts.repository';

/**
 * One-time claim codes (认领码). An account that staff registered on someone's behalf has no
 * password; the person claims it with a code staff issue and print for them: 8 characters from
 * an alphabet without look-alikes (40 bits), shown once, stored as a keyed hash, valid for
 * AIXIN_CLAIM_CODE_DAYS days and for `claimCodeMaxAttempts` wrong tries; a new code replaces the
 * old one. Data that can be looked up or guessed (phone, ID number, name) is never enough alone.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

function newCode(): string {
  const bytes = crypto.randomBytes(LENGTH);
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** Upper case, without spaces or dashes: `abcd-efgh` is `ABCDEFGH`. */
export function normalizeClaimCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

function hashCode(ctx: AppContext, code: string): string {
  return keyedHash(ctx.keys.claimCodes, normalizeClaimCode(code));
}

/** `ABCD-EFGH`, as printed. */
function display(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * Makes a person's one live code (replacing any earlier one, claim or reset alike): only its keyed
 * hash is kept; the code is answered once, as printed.
 */
export async function storeCode(ctx: AppContext, tx: Tx, userId: string, issuedBy: string, expiresAt: Date): Promise<{ code: string; before: { issuedAt: Date } | undefined }> {
  const now = ctx.clock.now();
  const code = newCode();
  const [before] = await tx.select({ issuedAt: claimCodes.issuedAt }).from(claimCodes).where(eq(claimCodes.userId, userId));
  await tx
    .insert(claimCodes)
    .values({ userId, codeHash: hashCode(ctx, code), attempts: 0, expiresAt, issuedBy, issuedAt: now })
    .onConflictDoUpdate({ target: claimCodes.userId, set: { codeHash: hashCode(ctx, code), attempts: 0, expiresAt, issuedBy, issuedAt: now } });
  return { code: display(code), before };
}

/** Staff issue (or re-issue) the claim code of an account without a password; audited without the code. */
export async function issueClaimCode(ctx: AppContext, actor: Actor, userId: string): Promise<{ code: string; expiresAt: string }> {
  const now = ctx.clock.now();
  return withTx(ctx.db, async (tx) => {
    const person = await repo.findUserView(tx, userId);
    if (!person) throw notFound('用户 person');
    const target = { regionPath: person.regionPath ?? '/' };
    const registrar = await repo.findRegistrar(tx, userId);
    const isRegistrar = !!registrar && registrar === actor.userId && hasAnyGrant(actor, ['region_admin', 'station_admin']);
    if (!isRegistrar) authorize(actor, ACCOUNT_CLAIM_CODE, target);
    const row = await repo.findUserRow(tx, userId);
    if (row?.passwordHash) throw new AppError('INVALID_STATE', '该账号已设置密码，无需认领 / This account already has a password; there is nothing to claim');
    const expiresAt = new Date(now.getTime() + ctx.config.claimCodeDays * 86_400_000);
    const { code, before } = await storeCode(ctx, tx, userId, actor.userId, expiresAt);
    await recordAudit(ctx, tx, actor, {
      action: 'account.claim_code.issue',
      objectType: 'user',
      objectId: userId,
      regionCode: person.regionCode,
      onBehalfOf: userId,
      before: before ? { previousCodeIssuedAt: before.issuedAt } : null,
      after: { expiresAt, replacesPrevious: !!before },
    });
    return { code, expiresAt: expiresAt.toISOString() };
  });
}

/**
 * Tries a code: counts the try first (atomically, only while the code is live and has tries
 * left), then compares; the right code is spent. Null for no code, an expired or used-up one,
 * or a wrong one; for the right one, who issued it and when (the recovery's record).
 */
export async function consumeClaimCode(ctx: AppContext, userId: string, code: string, now: Date): Promise<{ issuedBy: string; issuedAt: Date } | null> {
  const [row] = await ctx.db
    .update(claimCodes)
    .set({ attempts: sql`${claimCodes.attempts} + 1` })
    .where(and(eq(claimCodes.userId, userId), gt(claimCodes.expiresAt, now), lt(claimCodes.attempts, ctx.config.rateLimits.claimCodeMaxAttempts)))
    .returning({ codeHash: claimCodes.codeHash });
  if (!row || !timingSafeEqualStr(row.codeHash, hashCode(ctx, code))) return null;
  const [spent] = await ctx.db
    .delete(claimCodes)
    .where(and(eq(claimCodes.userId, userId), eq(claimCodes.codeHash, row.codeHash)))
    .returning({ issuedBy: claimCodes.issuedBy, issuedAt: claimCodes.issuedAt });
  return spent ?? null;
}

/** Deletes codes past their expiry (the sweeper). */
export async function purgeClaimCodes(ctx: AppContext, now: Date): Promise<number> {
  const rows = await ctx.db.delete(claimCodes).where(lt(claimCodes.expiresAt, now)).returning({ userId: claimCodes.userId });
  return rows.length;
}
