import type { Actor, AppContext } from '../../context';
import { withTx, type Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { hitRateLimit } from '../../plugins/rate-limit';
import { assertNotSelfBenefit, authorize } from '../access/index';
import { recordAudit } from '../audit/index';
import { hasVerifiedRelation } from '../ledger/index';
import { notify } from '../notifications/index';
import { chinaDateTime } from '@shared/lib/china-time';
import { ACCOUNT_PASSWORD_RESET } from './accounts.policy';
import { consumeClaimCode, storeCode } from './claim-codes';
import { recordRecovery } from './recoveries';
import { beginCodeAttempt, hashPassword, openSession, toUser, type RequestMeta } from './accounts.service';
import { newDeviceId, readDevice, rememberDevice, signDevice } from './devices';
import * as repo from './accounts.repository';

/**
 * Password reset without SMS (issue 18 point 7). A person who forgot their password gets a
 * one-time reset code from someone who knows them: the staff of their community's station or
 * region office (who see the person in front of them), or a relative whose relation staff verified
 * (the ledger's relatives). The code is the claim code's kind (claim-codes.ts: 8 characters,
 * keyed hash at rest, a few tries, spent on use, one live code per person) but lives only
 * RESET_CODE_MINUTES; issuing is audited, told to the person and limited per person per day.
 */
export const RESET_CODE_MINUTES = 30;
const ISSUES_PER_DAY = 5;

type Issuer = 'station' | 'relative';

async function issue(ctx: AppContext, tx: Tx, actor: Actor, person: repo.UserView, via: Issuer) {
  const now = ctx.clock.now();
  await hitRateLimit(tx, `reset-code:user:${person.id}`, ISSUES_PER_DAY, 86_400, now);
  const row = await repo.findUserRow(tx, person.id);
  if (!row?.passwordHash) throw new AppError('INVALID_STATE', '该账号尚未设置密码，请改发认领码 / This account has no password yet; issue a claim code instead');
  const expiresAt = new Date(now.getTime() + RESET_CODE_MINUTES * 60_000);
  const { code, before } = await storeCode(ctx, tx, person.id, actor.userId, expiresAt);
  await recordAudit(ctx, tx, actor, {
    action: via === 'station' ? 'account.reset_code.issue' : 'account.reset_code.issue_by_relative',
    objectType: 'user',
    objectId: person.id,
    regionCode: person.regionCode,
    onBehalfOf: person.id,
    before: before ? { previousCodeIssuedAt: before.issuedAt } : null,
    after: { expiresAt, via },
  });
  const by = via === 'station' ? `工作人员${actor.name}` : `您的亲属${actor.name}`;
  await notify(ctx, tx, { userId: person.id, regionCode: person.regionCode, kind: 'account_security', title: '有人为您生成了重设密码的验证码', body: `${by}于${chinaDateTime(now)}为您生成了重设密码的验证码，${RESET_CODE_MINUTES}分钟内有效。如不是您本人要求，请联系社区工作人员。`, objectType: 'user', objectId: person.id });
  return { code, expiresAt: expiresAt.toISOString() };
}

async function personOf(tx: Tx, userId: string): Promise<repo.UserView> {
  const person = await repo.findUserView(tx, userId);
  if (!person) throw notFound('用户 person');
  return person;
}

/**
 * Staff at the counter: a region admin whose scope holds the person, or the keeper of a station
 * whose area holds them. Never for oneself.
 */
export async function issueResetCodeByStaff(ctx: AppContext, actor: Actor, userId: string) {
  return withTx(ctx.db, async (tx) => {
    const person = await personOf(tx, userId);
    const path = person.regionPath ?? '/';
    const stationServes = actor.grants.some((g) => g.role === 'station_admin' && path.startsWith(g.regionPath));
    if (!stationServes) authorize(actor, ACCOUNT_PASSWORD_RESET, { regionPath: path });
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [userId], reason: '不能为自己生成重设密码的验证码 / You cannot issue a reset code for yourself' });
    return issue(ctx, tx, actor, person, 'station');
  });
}

/** A relative whose relation staff verified gives the code to the person (by phone, in person). */
export async function issueResetCodeByRelative(ctx: AppContext, actor: Actor, userId: string) {
  if (userId === actor.userId) throw new AppError('VALIDATION_FAILED', '不能为自己生成验证码 / Not for yourself', { fields: { userId: 'yourself' } });
  return withTx(ctx.db, async (tx) => {
    const person = await personOf(tx, userId);
    if (!(await hasVerifiedRelation(tx, actor.userId, userId))) throw new AppError('RELATION_NOT_VERIFIED', '只有已核验的亲属可以为其生成验证码 / Only a verified relative can issue the code');
    return issue(ctx, tx, actor, person, 'relative');
  });
}

/**
 * The reset page: phone, the code, a new password. Counted like a login (per address, and a
 * lock per phone); every failure looks the same. The code is spent, every session of the person
 * ends, and this device is signed in.
 */
export async function resetPassword(ctx: AppContext, body: { phone: string; code: string; password: string }, meta: RequestMeta) {
  const { now, failed, succeeded } = await beginCodeAttempt(ctx, body.phone, meta);
  const user = await repo.findUserByPhone(ctx.db, body.phone);
  const spent = !!user?.passwordHash && user.status === 'active' ? await consumeClaimCode(ctx, user.id, body.code, now) : null;
  if (!spent || !user) {
    const { remaining } = await failed();
    throw new AppError('BAD_CREDENTIALS', '验证码或手机号不正确，或验证码已失效 / The code or the phone number is wrong, or the code has expired', { reason: 'reset_failed', attemptsLeft: remaining });
  }
  await succeeded();
  const hash = await hashPassword(body.password);
  const deviceId = readDevice(ctx, meta.deviceCookie) ?? newDeviceId();
  const out = await withTx(ctx.db, async (tx) => {
    await repo.updatePassword(tx, user.id, hash, now);
    const ended = await repo.revokeOtherSessions(tx, user.id, null, now);
    const view = (await repo.findUserView(tx, user.id))!;
    const self: Actor = { userId: user.id, name: user.name, regionCode: view.regionCode, grants: [], sessionId: null, ip: meta.ip };
    // the code's issuer knew it: the account is held until someone else confirms the holder (recoveries.ts)
    await recordRecovery(ctx, tx, { userId: user.id, cityCode: user.cityCode, kind: 'password_reset', issuedBy: spent.issuedBy, codeIssuedAt: spent.issuedAt });
    await recordAudit(ctx, tx, self, { action: 'account.password.reset', objectType: 'user', objectId: user.id, regionCode: view.regionCode, before: null, after: { endedSessions: ended, codeIssuedBy: spent.issuedBy } });
    await rememberDevice(tx, user.id, deviceId, now);
    const session = await openSession(ctx, tx, user.id, meta, deviceId);
    return { user: toUser(view, { holder: true }, now), session, deviceCookie: signDevice(ctx, deviceId) };
  });
  ctx.authCache.evict(user.id);
  return out;
}
