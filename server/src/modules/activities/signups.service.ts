import type { AppContext, Actor } from '../../context';
import { isUniqueViolation, withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { ageOn } from '@shared/lib/id-number';
import { recordAudit } from '../audit/index';
import { authorize } from '../access/index';
import { isActiveMember } from '../orgs/index';
import { notify } from '../notifications/index';
import { chinaDateTime } from '@shared/lib/china-time';
import { ACTIVITY_MANAGE } from './activities.policy';
import { activityTarget, loadActivity } from './activities.service';
import * as repo from './activities.repository';

function toSignup(s: repo.SignupRow, position: number | null, userName?: string) {
  return {
    id: s.id,
    activityId: s.activityId,
    userId: s.userId,
    ...(userName ? { userName } : {}),
    status: s.status as 'confirmed' | 'waitlisted' | 'cancelled',
    waitlistPosition: position,
    onBehalf: !!s.signedUpBy && s.signedUpBy !== s.userId,
    createdAt: s.createdAt.toISOString(),
  };
}

/** Art. 15: the assignment fits the volunteer's age and skills; minors stay out of emergency relief. */
function assertEligible(a: repo.ActivityRow, p: Awaited<ReturnType<typeof repo.personBrief>>, now: Date) {
  if (!p) throw notFound('志愿者 volunteer');
  const age = p.birthDate ? ageOn(p.birthDate, now) : null;
  const refuse = (why: string, details: Record<string, unknown>) => new AppError('INVALID_STATE', why, { reason: 'not_eligible', ...details });
  if (age !== null && a.minAge !== null && age < a.minAge) throw refuse(`该活动要求年满${a.minAge}岁 / You must be at least ${a.minAge}`, { minAge: a.minAge, age });
  if (age !== null && a.maxAge !== null && age > a.maxAge) throw refuse(`该活动要求不超过${a.maxAge}岁 / The age limit is ${a.maxAge}`, { maxAge: a.maxAge, age });
  if (age !== null && age < 18 && a.category === 'emergency') throw refuse('未成年人不参加应急救援 / Minors do not take part in emergency relief', { age });
  const missing = a.requiredSkills.filter((s) => !(p.skills ?? []).includes(s));
  if (missing.length) throw refuse(`该活动需要技能：${missing.join('、')} / Skills needed: ${missing.join(', ')}`, { missingSkills: missing });
  return p;
}

/**
 * Signs up a volunteer (or, for an org admin, a member of the organisation). Confirmed while
 * there is room, waitlisted when full. The checks read without locks (the activity, the person,
 * their overlapping sign-ups, at once); then one statement takes a place if there is one and
 * writes the sign-up, so the activity's row is locked only for that statement, the notice and
 * the commit, and the head count is exact.
 */
export async function signUp(ctx: AppContext, actor: Actor, activityId: string, forUserId?: string) {
  const userId = forUserId ?? actor.userId;
  const onBehalf = userId !== actor.userId;
  const [a, person, clash] = await Promise.all([
    loadActivity(ctx.db, activityId),
    repo.personBrief(ctx.db, userId),
    repo.overlappingSignups(ctx.db, userId, activityId),
  ]);
  if (onBehalf) {
    authorize(actor, ACTIVITY_MANAGE, await activityTarget(ctx.db, a));
    if (!(await isActiveMember(ctx.db, a.orgId, userId))) throw new AppError('FORBIDDEN', '只能为本组织在册成员报名 / Only members of the organisation can be signed up by its admins');
  }
  const now = ctx.clock.now();
  if (a.status !== 'published') throw new AppError('INVALID_STATE', '该活动尚未发布，不能报名 / The activity is not published', { status: a.status });
  if (a.endsAt <= now) throw new AppError('INVALID_STATE', '活动已结束 / The activity is over', { reason: 'ended' });
  assertEligible(a, person, now);
  const overlap = clash[0];
  if (overlap) {
    throw new AppError('CONFLICT', `与已报名的活动“${overlap.title}”时间冲突 / Overlaps with “${overlap.title}”`, { reason: 'overlap', activityId: overlap.id, title: overlap.title });
  }
  return withTx(ctx.db, async (tx) => {
    const row = { id: newId(), cityCode: a.cityCode, activityId, userId, signedUpBy: onBehalf ? actor.userId : null, createdAt: now };
    let status: 'confirmed' | 'waitlisted' | null;
    try {
      status = await repo.insertSignupTakingPlace(tx, row);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('CONFLICT', '已经报名了这个活动 / Already signed up', { reason: 'duplicate' });
      throw err;
    }
    if (!status) throw new AppError('INVALID_STATE', '该活动尚未发布，不能报名 / The activity is not published');
    const s: repo.SignupRow = { ...row, status, promotedAt: null, cancelledAt: null };
    if (onBehalf) await recordAudit(ctx, tx, actor, { action: 'activity.signup.on_behalf', objectType: 'signup', objectId: s.id, regionCode: a.regionCode, onBehalfOf: userId, before: null, after: s });
    const position = status === 'waitlisted' ? await repo.waitlistPosition(tx, s) : null;
    await notify(ctx, tx, {
      userId,
      regionCode: a.regionCode,
      kind: status === 'confirmed' ? 'signup_confirmed' : 'signup_waitlisted',
      title: status === 'confirmed' ? `报名成功：${a.title}` : `已进入候补：${a.title}`,
      body: status === 'confirmed' ? `活动时间：${chinaDateTime(a.startsAt)}，地点 ${a.address}${onBehalf ? '（由组织代报名）' : ''}` : `候补第${position}位，有人取消时自动递补并通知您。`,
      objectType: 'activity',
      objectId: a.id,
    });
    return toSignup(s, position);
  });
}

/**
 * Cancels a sign-up before the activity's cancellation deadline; a confirmed place goes to the
 * first on the waitlist, who is told.
 */
export async function cancelSignup(ctx: AppContext, actor: Actor, activityId: string, forUserId?: string) {
  await withTx(ctx.db, async (tx) => {
    const a = await loadActivity(tx, activityId, { lock: true });
    const userId = forUserId ?? actor.userId;
    if (userId !== actor.userId) authorize(actor, ACTIVITY_MANAGE, await activityTarget(tx, a));
    const s = await repo.findOpenSignup(tx, activityId, userId);
    if (!s) throw new AppError('NOT_SIGNED_UP');
    const now = ctx.clock.now();
    const deadline = new Date(a.startsAt.getTime() - a.cancelDeadlineMinutes * 60_000);
    if (now > deadline && userId === actor.userId) {
      throw new AppError('INVALID_STATE', `活动开始前${a.cancelDeadlineMinutes}分钟起不能取消，请联系组织者 / Cancellation closed at ${chinaDateTime(deadline, 'en')} (China time)`, { reason: 'cancel_deadline', deadline: deadline.toISOString() });
    }
    const after = await repo.setSignupStatus(tx, s.id, s.status, { status: 'cancelled', cancelledAt: now });
    if (!after) throw new AppError('INVALID_STATE', '报名状态已变化，请刷新 / The sign-up changed; reload');
    if (s.status === 'confirmed') {
      await repo.adjustConfirmed(tx, activityId, -1);
      const next = await repo.firstWaitlisted(tx, activityId);
      if (next && a.endsAt > now) {
        const promoted = await repo.setSignupStatus(tx, next.id, 'waitlisted', { status: 'confirmed', promotedAt: now });
        if (promoted) {
          await repo.adjustConfirmed(tx, activityId, 1);
          await notify(ctx, tx, {
            userId: next.userId,
            regionCode: a.regionCode,
            kind: 'waitlist_promoted',
            title: `候补成功：${a.title}`,
            body: `有人取消了报名，您已从候补转为正式报名。活动时间：${chinaDateTime(a.startsAt)}。`,
            objectType: 'activity',
            objectId: a.id,
          });
        }
      }
    }
  });
}

export async function listSignups(ctx: AppContext, actor: Actor, activityId: string) {
  const a = await loadActivity(ctx.db, activityId);
  authorize(actor, ACTIVITY_MANAGE, await activityTarget(ctx.db, a));
  const rows = await repo.signupsOf(ctx.db, activityId);
  let position = 0;
  return rows.map((r) => toSignup(r.signup, r.signup.status === 'waitlisted' ? ++position : null, r.userName));
}
