import type { AppContext, Actor } from '../../context';
import { withTx, type DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { addWorkingDays, workingDaysUntil } from '../../lib/working-days';
import { cityCodeOf } from '@shared/lib/region-code';
import type { z } from 'zod';
import type { Activity, ActivityCreateBody, ActivityUpdateBody } from '@shared/schemas/activities';
import type { PageQuery } from '@shared/schemas/common';
import { recordAudit } from '../audit/index';
import { trackStats } from '../stats/index';
import { assertNotSelfBenefit, authorize, can, orgTarget, regionScopes, regionTarget, stationTarget, type Target } from '../access/index';
import { findOrg } from '../orgs/index';
import { notify } from '../notifications/index';
import { ACTIVITY_MANAGE, ACTIVITY_REVIEW } from './activities.policy';
import * as repo from './activities.repository';

export const SETTLE_WORKING_DAYS = 10;
const WEEK_MS = 7 * 86_400_000;

/**
 * What a reader without a session sees: the person in charge is a real name (by default the
 * organiser's own), and nobody is named to the public without consenting to it.
 */
function forReader(a: Activity, actor: Actor | null): Activity {
  return actor ? a : { ...a, personInCharge: '' };
}

export function toActivity(v: repo.ActivityView, mySignup?: string | null): Activity {
  const a = v.activity;
  return {
    id: a.id,
    orgId: a.orgId,
    orgName: v.orgName,
    seriesId: a.seriesId,
    title: a.title,
    category: a.category as Activity['category'],
    description: a.description,
    regionCode: a.regionCode,
    regionName: v.regionName,
    stationId: a.stationId,
    address: a.address,
    lat: a.lat,
    lng: a.lng,
    geofenceMeters: a.geofenceMeters,
    allowOutsideFence: a.allowOutsideFence,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    capacity: a.capacity,
    confirmedCount: a.confirmedCount,
    minAge: a.minAge,
    maxAge: a.maxAge,
    requiredSkills: a.requiredSkills,
    risks: a.risks,
    isRisky: a.isRisky,
    insured: a.insured,
    cancelDeadlineMinutes: a.cancelDeadlineMinutes,
    personInCharge: a.personInCharge,
    status: a.status as Activity['status'],
    reviewReason: a.reviewReason,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    settledAt: a.settledAt?.toISOString() ?? null,
    beneficiaries: a.beneficiariesCount === null ? null : { count: a.beneficiariesCount, category: (a.beneficiariesCategory ?? 'other') as NonNullable<Activity['beneficiaries']>['category'] },
    settleDeadline: addWorkingDays(a.endsAt, SETTLE_WORKING_DAYS),
    createdAt: a.createdAt.toISOString(),
    ...(mySignup !== undefined ? { mySignup: (mySignup as 'confirmed' | 'waitlisted' | null) ?? null } : {}),
  };
}

/** The policy target of an activity: its region, its organisation (with ancestors), its station. */
export async function activityTarget(db: DbOrTx, a: repo.ActivityRow): Promise<Target & { regionCode: string }> {
  const org = await orgTarget(db, a.orgId);
  const region = await regionTarget(db, a.regionCode);
  return { regionPath: region.regionPath, regionCode: a.regionCode, orgId: a.orgId, orgAncestorIds: org.orgAncestorIds ?? [], stationId: a.stationId };
}

export async function loadActivity(db: DbOrTx, id: string, opts: { lock?: boolean } = {}): Promise<repo.ActivityRow> {
  const a = await repo.findActivity(db, id, opts);
  if (!a) throw notFound('活动 activity');
  return a;
}

/** Art. 17: an activity with a risk of injury cannot be published without accident insurance. */
function assertInsurance(a: { isRisky: boolean; insured: boolean }) {
  if (a.isRisky && !a.insured) {
    throw new AppError('VALIDATION_FAILED', '有风险的活动须先购买意外保险 / A risky activity needs accident insurance first', { fields: { insured: '请先为志愿者购买意外保险 / Buy accident insurance first' } });
  }
}

/**
 * An organisation's admin drafts an activity; with `repeatWeeklyUntil` every weekly occurrence
 * up to that date is created as its own activity of one series (at most 52).
 */
export async function createActivity(ctx: AppContext, actor: Actor, body: ActivityCreateBody) {
  return withTx(ctx.db, async (tx) => {
    const org = await findOrg(tx, body.orgId);
    if (!org) throw notFound('组织 organisation');
    authorize(actor, ACTIVITY_MANAGE, await orgTarget(tx, body.orgId));
    if (org.status !== 'active') throw new AppError('INVALID_STATE', '组织尚未通过审核，不能发布活动 / The organisation is not active', { status: org.status });
    const region = await regionTarget(tx, body.regionCode);
    if (body.stationId) await stationTarget(tx, body.stationId);
    const now = ctx.clock.now();
    const start = new Date(body.startsAt);
    const end = new Date(body.endsAt);
    const until = body.repeatWeeklyUntil ? new Date(body.repeatWeeklyUntil) : null;
    const seriesId = until ? newId() : null;
    const rows = [];
    for (let k = 0; k < 52; k++) {
      const s = new Date(start.getTime() + k * WEEK_MS);
      if (k > 0 && (!until || s > until)) break;
      rows.push({
        id: newId(),
        cityCode: cityCodeOf(region.regionCode),
        orgId: body.orgId,
        seriesId,
        title: body.title,
        category: body.category,
        description: body.description,
        regionCode: region.regionCode,
        stationId: body.stationId ?? null,
        address: body.address,
        lat: body.lat,
        lng: body.lng,
        geofenceMeters: body.geofenceMeters ?? 500,
        allowOutsideFence: body.allowOutsideFence ?? false,
        startsAt: s,
        endsAt: new Date(end.getTime() + k * WEEK_MS),
        capacity: body.capacity,
        minAge: body.minAge ?? null,
        maxAge: body.maxAge ?? null,
        requiredSkills: body.requiredSkills ?? [],
        risks: body.risks ?? null,
        isRisky: body.isRisky ?? false,
        insured: body.insured ?? false,
        cancelDeadlineMinutes: body.cancelDeadlineMinutes ?? 120,
        personInCharge: body.personInCharge ?? actor.name,
        status: 'draft',
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
    }
    await repo.insertActivities(tx, rows);
    const first = (await repo.findActivityView(tx, rows[0]!.id))!;
    return { ...toActivity(first), occurrences: rows.length };
  });
}

/** Drafts and rejected activities can be edited (a rejected one is then resubmitted). */
export async function updateActivity(ctx: AppContext, actor: Actor, id: string, body: z.infer<typeof ActivityUpdateBody>) {
  return withTx(ctx.db, async (tx) => {
    const a = await loadActivity(tx, id, { lock: true });
    authorize(actor, ACTIVITY_MANAGE, await activityTarget(tx, a));
    if (!['draft', 'rejected'].includes(a.status)) throw new AppError('INVALID_STATE', '只有草稿或被退回的活动可以修改 / Only drafts and rejected activities can be edited', { status: a.status });
    const startsAt = body.startsAt ? new Date(body.startsAt) : a.startsAt;
    const endsAt = body.endsAt ? new Date(body.endsAt) : a.endsAt;
    if (endsAt <= startsAt) throw new AppError('VALIDATION_FAILED', undefined, { fields: { endsAt: '结束时间须晚于开始时间 / The end must be after the start' } });
    const { startsAt: _s, endsAt: _e, ...rest } = body;
    const after = await repo.updateActivity(tx, id, { ...rest, startsAt, endsAt, updatedAt: ctx.clock.now() });
    await recordAudit(ctx, tx, actor, { action: 'activity.update', objectType: 'activity', objectId: id, regionCode: a.regionCode, before: a, after });
    return toActivity((await repo.findActivityView(tx, after!.id))!);
  });
}

export async function submitActivity(ctx: AppContext, actor: Actor, id: string) {
  return withTx(ctx.db, async (tx) => {
    const a = await loadActivity(tx, id, { lock: true });
    authorize(actor, ACTIVITY_MANAGE, await activityTarget(tx, a));
    assertInsurance(a);
    if (a.endsAt <= ctx.clock.now()) throw new AppError('INVALID_STATE', '活动已结束，不能提交审核 / The activity is over', { status: a.status });
    const after = await repo.updateActivity(tx, id, { status: 'pending_review', submittedAt: ctx.clock.now(), reviewReason: null, updatedAt: ctx.clock.now() }, ['draft', 'rejected']);
    if (!after) throw new AppError('INVALID_STATE', '只有草稿或被退回的活动可以提交审核 / Only drafts and rejected activities can be submitted', { status: a.status });
    return toActivity((await repo.findActivityView(tx, id))!);
  });
}

async function reviewOne(ctx: AppContext, tx: DbOrTx, actor: Actor, id: string, decision: 'approve' | 'reject', reason: string | undefined) {
  const a = await loadActivity(tx, id, { lock: true });
  const target = await activityTarget(tx, a);
  authorize(actor, ACTIVITY_REVIEW, { regionPath: target.regionPath });
  // four eyes: neither its creator nor an admin of its organisation reviews it; the region's other admins do
  assertNotSelfBenefit(actor, { beneficiaryUserIds: [a.createdBy], orgIds: [a.orgId, ...(target.orgAncestorIds ?? [])], reason: '不能审核自己创建或所在组织的活动，须由其他区域管理员审核 / You cannot review an activity you created or whose organisation you run; another region admin reviews it' });
  if (decision === 'reject' && !reason) throw new AppError('VALIDATION_FAILED', undefined, { fields: { reason: '请填写退回原因 / Give the reason' } });
  if (decision === 'approve') assertInsurance(a);
  const now = ctx.clock.now();
  const after = await trackStats(tx, 'activity', [id], () =>
    repo.updateActivity(tx, id, { status: decision === 'approve' ? 'published' : 'rejected', reviewReason: reason ?? null, reviewedBy: actor.userId, reviewedAt: now, updatedAt: now }, ['pending_review']),
  );
  if (!after) throw new AppError('INVALID_STATE', '该活动不在待审核状态 / The activity is not waiting for review', { status: a.status, id });
  await recordAudit(ctx, tx, actor, { action: `activity.review.${decision}`, objectType: 'activity', objectId: id, regionCode: a.regionCode, before: { status: a.status }, after: { status: after.status, reason: reason ?? null } });
  await notify(ctx, tx, {
    userId: a.createdBy,
    regionCode: a.regionCode,
    kind: 'activity_reviewed',
    title: decision === 'approve' ? `活动已发布：${a.title}` : `活动被退回：${a.title}`,
    body: decision === 'approve' ? '审核通过，志愿者现在可以报名。' : `退回原因：${reason}`,
    objectType: 'activity',
    objectId: id,
  });
  return after;
}

/** The region admin whose region holds it approves or rejects (with a reason); audited; the organiser is told. */
export async function reviewActivity(ctx: AppContext, actor: Actor, id: string, decision: 'approve' | 'reject', reason: string | undefined) {
  return withTx(ctx.db, async (tx) => {
    await reviewOne(ctx, tx, actor, id, decision, reason);
    return toActivity((await repo.findActivityView(tx, id))!);
  });
}

/** Approves many at once; each is checked and audited on its own, and one refusal stops none of the others. */
export async function batchApprove(ctx: AppContext, actor: Actor, ids: string[]) {
  // someone who reviews nowhere is refused as a whole; a reviewer gets a result per activity
  if (regionScopes(actor, ACTIVITY_REVIEW.roles).length === 0) {
    throw new AppError('FORBIDDEN', '只有地区管理员可以审核活动 / Only region admins review activities', { permission: ACTIVITY_REVIEW.name });
  }
  const results: Array<{ id: string; ok: boolean; code?: string; message?: string }> = [];
  for (const id of ids) {
    try {
      await withTx(ctx.db, (tx) => reviewOne(ctx, tx, actor, id, 'approve', undefined));
      results.push({ id, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id, ok: false, code: err.code, message: err.message });
    }
  }
  return { results, approved: results.filter((r) => r.ok).length };
}

export async function cancelActivity(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return withTx(ctx.db, async (tx) => {
    const a = await loadActivity(tx, id, { lock: true });
    const target = await activityTarget(tx, a);
    if (!can(actor, ACTIVITY_MANAGE, target) && !can(actor, ACTIVITY_REVIEW, target)) authorize(actor, ACTIVITY_MANAGE, target);
    const after = await trackStats(tx, 'activity', [id], () => repo.updateActivity(tx, id, { status: 'cancelled', reviewReason: reason, updatedAt: ctx.clock.now() }, ['draft', 'pending_review', 'published', 'rejected']));
    if (!after) throw new AppError('INVALID_STATE', '该活动已取消 / Already cancelled', { status: a.status });
    await recordAudit(ctx, tx, actor, { action: 'activity.cancel', objectType: 'activity', objectId: id, regionCode: a.regionCode, before: { status: a.status }, after: { status: 'cancelled', reason } });
    return toActivity((await repo.findActivityView(tx, id))!);
  });
}

export async function getActivity(ctx: AppContext, actor: Actor | null, id: string) {
  const v = await repo.findActivityView(ctx.db, id);
  if (!v) throw notFound('活动 activity');
  if (v.activity.status !== 'published' && v.activity.status !== 'cancelled') {
    const target = await activityTarget(ctx.db, v.activity);
    if (!actor || !(can(actor, ACTIVITY_MANAGE, target) || can(actor, ACTIVITY_REVIEW, target))) throw notFound('活动 activity');
  }
  const mine = actor ? (await repo.mySignupStatus(ctx.db, actor.userId, [id])).get(id) ?? null : undefined;
  return forReader(toActivity(v, mine), actor);
}

export interface ActivityListQuery extends PageQuery {
  regionCode?: string | undefined;
  status?: string | undefined;
  orgId?: string | undefined;
  category?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  mine?: 'signed_up' | undefined;
  sort?: 'start_asc' | 'start_desc' | undefined;
  after?: string | undefined;
}

/**
 * The public sees published activities. An organisation's admins see every status of their
 * organisation's activities (orgId); region admins see every status inside their subtree
 * (the review queue is status=pending_review, oldest first).
 */
export async function listActivities(ctx: AppContext, actor: Actor | null, q: ActivityListQuery) {
  const { limit, offset } = offsetOf(q);
  let regionPath = q.regionCode ? (await regionTarget(ctx.readDb, q.regionCode)).regionPath : undefined;
  let status = q.status;
  if (status !== 'published' && !q.mine) {
    let allowed = false;
    if (actor && q.orgId) allowed = can(actor, ACTIVITY_MANAGE, await orgTarget(ctx.readDb, q.orgId));
    if (actor && !allowed) {
      const scopes = regionScopes(actor, ['region_admin']);
      const scope = regionPath ? scopes.find((s) => regionPath!.startsWith(s)) : scopes.length === 1 ? scopes[0] : undefined;
      if (scope) {
        allowed = true;
        regionPath ??= scope;
      }
    }
    if (!allowed) {
      if (status) throw new AppError('FORBIDDEN', '只能查看已发布的活动 / Only published activities are public');
      status = 'published';
    }
  }
  const page = await repo.listActivities(ctx.readDb, {
    regionPath,
    status,
    orgId: q.orgId,
    category: q.category,
    from: q.from ? new Date(q.from) : status === 'published' && !q.mine && !q.to ? ctx.clock.now() : undefined,
    to: q.to ? new Date(q.to) : undefined,
    q: q.q,
    signedUpBy: q.mine === 'signed_up' && actor ? actor.userId : undefined,
    limit,
    offset,
    order: q.sort ?? (status === 'pending_review' ? 'submitted_asc' : 'start_asc'),
    after: q.after ? repo.parseCursor(q.after) : undefined,
  });
  const mine = actor ? await repo.mySignupStatus(ctx.readDb, actor.userId, page.items.map((i) => i.activity.id)) : null;
  const last = page.items.length === limit ? page.items[page.items.length - 1]!.activity : null;
  return {
    total: page.total,
    ...(page.capped ? { totalIsLowerBound: true } : {}),
    nextCursor: last ? repo.cursorOf(last) : null,
    items: page.items.map((v) => forReader(toActivity(v, mine ? (mine.get(v.activity.id) ?? null) : undefined), actor)),
  };
}

/**
 * Activities that ended and are not settled, with their deadline (10 working days, art. 11):
 * the organisation's admins see theirs, region admins those in their subtree; `withinWorkingDays`
 * keeps those due within that many working days (or overdue).
 */
export async function settlementsDue(ctx: AppContext, actor: Actor, q: PageQuery & { orgId?: string | undefined; regionCode?: string | undefined; withinWorkingDays: number }) {
  const { limit, offset } = offsetOf(q);
  const now = ctx.clock.now();
  let page;
  if (q.orgId) {
    authorize(actor, ACTIVITY_MANAGE, await orgTarget(ctx.db, q.orgId));
    page = await repo.unsettledEnded(ctx.db, { orgIds: [q.orgId], now, limit: 500, offset: 0 });
  } else if (q.regionCode || regionScopes(actor, ['region_admin']).length) {
    const path = q.regionCode ? (await regionTarget(ctx.db, q.regionCode)).regionPath : regionScopes(actor, ['region_admin'])[0]!;
    authorize(actor, ACTIVITY_REVIEW, { regionPath: path });
    page = await repo.unsettledEnded(ctx.db, { regionPath: path, now, limit: 500, offset: 0 });
  } else {
    const orgIds = actor.grants.filter((g) => g.role === 'org_admin' && g.orgId).map((g) => g.orgId!);
    if (!orgIds.length) throw new AppError('FORBIDDEN', '只有组织或区域管理员可以查看 / Staff only');
    page = await repo.unsettledEnded(ctx.db, { orgIds, now, limit: 500, offset: 0 });
  }
  const due = page.items
    .map((v) => ({ ...toActivity(v), workingDaysLeft: workingDaysUntil(now, addWorkingDays(v.activity.endsAt, SETTLE_WORKING_DAYS)) }))
    .filter((a) => a.workingDaysLeft <= q.withinWorkingDays);
  return { total: due.length, items: due.slice(offset, offset + limit) };
}
