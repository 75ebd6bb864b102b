import type { AppContext, Actor } from '../../context';
import { withTx, type Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { distanceMeters } from '../../lib/geo';
import { cityCodeOf } from '@shared/lib/region-code';
import { SERVICE_CATEGORY_LABELS, type ServiceCategory } from '@shared/constants';
import type { ServiceRequest } from '@shared/schemas/requests';
import type { PageQuery } from '@shared/schemas/common';
import { recordAudit } from '../audit/index';
import { trackStats } from '../stats/index';
import { assertMayMoveOut, assertNotSelfBenefit, authorize, can, orgTarget, regionScopes, regionTarget } from '../access/index';
import { findUserView } from '../accounts/index';
import { findOrgView, isActiveMember } from '../orgs/index';
import { assertMayWithdraw, cityRegionOf, releaseReservation, reserve, settleReservation } from '../ledger/index';
import { recordRequestService } from '../activities/index';
import { notify } from '../notifications/index';
import { REQUEST_ACCEPT, REQUEST_DISPATCH, REQUEST_ON_BEHALF } from './requests.policy';
import * as repo from './requests.repository';
import { noticeToResident } from './resident-notices';

/** Default deadline: an order is dispatched within a day; the dispatcher sets the service due time. */
export const DISPATCH_WITHIN_MS = 24 * 3600_000;
const FENCE_METERS = 300;
/** A reserved payment waits at most this long for its rating before it expires back to the resident. */
const PAYMENT_TIMEOUT_MS = 30 * 24 * 3600_000;

function overdueOf(r: repo.RequestRow, now: Date): ServiceRequest['overdue'] {
  if (r.status === 'ordered' && r.dispatchDueAt < now) return 'dispatch';
  if (r.status === 'dispatched' && r.acceptDueAt && r.acceptDueAt < now) return 'accept';
  if (r.status === 'accepted' && r.serveDueAt && r.serveDueAt < now) return 'serve';
  return null;
}

export function toRequest(v: repo.RequestView, now: Date): ServiceRequest {
  const r = v.request;
  return {
    id: r.id,
    residentId: r.residentId,
    residentName: v.residentName,
    onBehalf: !!r.enteredBy && r.enteredBy !== r.residentId,
    category: r.category as ServiceRequest['category'],
    description: r.description,
    regionCode: r.regionCode,
    regionName: v.regionName,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    preferredFrom: r.preferredFrom?.toISOString() ?? null,
    preferredTo: r.preferredTo?.toISOString() ?? null,
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    status: r.status as ServiceRequest['status'],
    payMinutes: r.payMinutes,
    payFrom: r.payFrom as ServiceRequest['payFrom'],
    assignedOrgId: r.assignedOrgId,
    assignedOrgName: v.orgName,
    assignedOrgPhone: v.orgPhone,
    assignedUserId: r.assignedUserId,
    helperIds: r.helperIds,
    dispatchDueAt: r.dispatchDueAt.toISOString(),
    acceptDueAt: r.acceptDueAt?.toISOString() ?? null,
    serveDueAt: r.serveDueAt?.toISOString() ?? null,
    checkinAt: r.checkinAt?.toISOString() ?? null,
    checkoutAt: r.checkoutAt?.toISOString() ?? null,
    serviceFlags: r.serviceFlags,
    stars: r.stars,
    comment: r.comment,
    cancelReason: r.cancelReason,
    overdue: overdueOf(r, now),
    createdAt: r.createdAt.toISOString(),
  };
}

async function event(ctx: AppContext, tx: Tx, r: repo.RequestRow, actorId: string | null, action: string, from: string | null, note?: string | null) {
  await repo.insertEvent(tx, { id: newId(), cityCode: r.cityCode, requestId: r.id, at: ctx.clock.now(), actorId, action, fromStatus: from, toStatus: r.status, note: note ?? null });
  await noticeToResident(ctx, tx, r, actorId, action, note ?? null);
}

async function loadRequest(tx: Tx, id: string): Promise<repo.RequestRow> {
  const r = await repo.findRequest(tx, id, true);
  if (!r) throw notFound('服务需求 request');
  return r;
}

const stateError = (r: repo.RequestRow, what: string) => new AppError('INVALID_STATE', `当前状态（${r.status}）不能${what} / Not possible while the request is ${r.status}`, { status: r.status });

/**
 * 点单. A resident orders a service for themself; staff or a grid worker enter it for a resident
 * without a phone (recorded as such and audited). Paying with the time bank reserves the minutes
 * now (a pending transfer); they are paid when the service is rated, or returned.
 */
export async function orderService(ctx: AppContext, actor: Actor, body: {
  category: string; description: string; regionCode: string; address: string; lat?: number | undefined; lng?: number | undefined;
  preferredFrom?: string | undefined; preferredTo?: string | undefined; contactName?: string | undefined; contactPhone?: string | undefined; payMinutes?: number | undefined;
  payFrom?: 'resident' | 'public_pool' | undefined; residentId?: string | undefined;
}) {
  return withTx(ctx.db, async (tx) => {
    const region = await regionTarget(tx, body.regionCode);
    const residentId = body.residentId ?? actor.userId;
    const onBehalf = residentId !== actor.userId;
    if (onBehalf) authorize(actor, REQUEST_ON_BEHALF, region);
    const resident = await findUserView(tx, residentId);
    if (!resident) throw notFound('居民 resident');
    const now = ctx.clock.now();
    const id = newId();
    const payMinutes = body.payMinutes ?? 0;
    const payFrom = body.payFrom ?? 'resident';
    if (payFrom === 'public_pool') {
      // donated time is spent by staff, for someone else, and the choice is audited below
      if (!onBehalf) authorize(actor, REQUEST_ON_BEHALF, region);
      if (payMinutes === 0) throw new AppError('VALIDATION_FAILED', undefined, { fields: { payMinutes: '请填写从公益时间池支付的分钟数 / Give the minutes paid from the public pool' } });
    }
    let paymentTransferId: string | null = null;
    if (payMinutes > 0) {
      // time is withdrawn only for a person of the policy's age, whoever pays (the resident or the pool)
      await assertMayWithdraw(ctx, tx, { userId: residentId, regionPath: region.regionPath });
      // the resident's own time: not from an account just recovered by a code, nor spent by the code's issuer
      if (payFrom === 'resident') await assertMayMoveOut(ctx, tx, { userId: residentId, actor });
      const r = await reserve(ctx, tx, {
        ledger: 'time',
        from: payFrom === 'public_pool' ? { system: 'public_pool', regionCode: cityRegionOf(region.regionCode) } : { userId: residentId },
        to: { system: 'service_payment', regionCode: region.regionCode },
        amount: payMinutes,
        code: 'service_payment',
        actorId: actor.userId,
        objectType: 'service_request',
        objectId: id,
        memo: `服务需求：${SERVICE_CATEGORY_LABELS[body.category as ServiceCategory]?.zh ?? body.category}`,
        idempotencyKey: `service-request:${id}:payment`,
        timeoutAt: new Date(now.getTime() + PAYMENT_TIMEOUT_MS),
      });
      paymentTransferId = r.transfer.id;
    }
    const r = await repo.insertRequest(tx, {
      id,
      cityCode: cityCodeOf(region.regionCode),
      residentId,
      enteredBy: onBehalf ? actor.userId : null,
      category: body.category,
      description: body.description,
      regionCode: region.regionCode,
      address: body.address,
      lat: body.lat ?? null,
      lng: body.lng ?? null,
      preferredFrom: body.preferredFrom ? new Date(body.preferredFrom) : null,
      preferredTo: body.preferredTo ? new Date(body.preferredTo) : null,
      contactName: body.contactName ?? resident.name,
      contactPhone: body.contactPhone ?? resident.phone,
      status: 'ordered',
      payMinutes,
      payFrom,
      paymentTransferId,
      dispatchDueAt: new Date(now.getTime() + DISPATCH_WITHIN_MS),
      createdAt: now,
      updatedAt: now,
    });
    await event(ctx, tx, r, actor.userId, onBehalf ? 'order_on_behalf' : 'order', null);
    if (onBehalf || payFrom === 'public_pool') await recordAudit(ctx, tx, actor, { action: onBehalf ? 'request.order_on_behalf' : 'request.order_paid_by_pool', objectType: 'service_request', objectId: r.id, regionCode: r.regionCode, onBehalfOf: residentId, before: null, after: r });
    return toRequest((await repo.findView(tx, r.id))!, now);
  });
}

/**
 * Dispatch suggestions: active teams of the request's district whose service categories
 * match, nearest first, then the least loaded. Every suggestion says why (PIPL art. 24).
 */
export async function suggestTeams(ctx: AppContext, actor: Actor, id: string) {
  const r = await repo.findRequest(ctx.db, id);
  if (!r) throw notFound('服务需求 request');
  const region = await regionTarget(ctx.db, r.regionCode);
  authorize(actor, REQUEST_DISPATCH, region);
  const district = region.regionPath.split('/').filter(Boolean).slice(0, 3);
  const teams = await repo.candidateTeams(ctx.db, `/${district.join('/')}/`);
  const label = SERVICE_CATEGORY_LABELS[r.category as ServiceCategory]?.zh ?? r.category;
  return teams
    .map((t) => {
      const d = r.lat !== null && r.lng !== null && t.lat !== null && t.lng !== null ? Math.round(distanceMeters({ lat: r.lat, lng: r.lng }, { lat: t.lat, lng: t.lng })) : null;
      const matches = t.serviceCategories.includes(r.category);
      const why = [matches ? `服务类别含“${label}”` : `未登记“${label}”类别`, d !== null ? `约${d >= 1000 ? (d / 1000).toFixed(1) + '公里' : d + '米'}` : '距离未知', `在办${t.openOrders}单`].join('，');
      return { orgId: t.orgId, orgName: t.orgName, regionName: t.regionName, matchesCategory: matches, distanceMeters: d, openOrders: t.openOrders, why };
    })
    .sort((a, b) => Number(b.matchesCategory) - Number(a.matchesCategory) || (a.distanceMeters ?? Infinity) - (b.distanceMeters ?? Infinity) || a.openOrders - b.openOrders)
    .slice(0, 20);
}

/** 派单: community staff send the order to a team or a volunteer, with a due time. Audited. */
export async function dispatch(ctx: AppContext, actor: Actor, id: string, body: { orgId?: string | undefined; userId?: string | undefined; dueAt: string; note?: string | undefined }) {
  return withTx(ctx.db, async (tx) => {
    const before = await loadRequest(tx, id);
    authorize(actor, REQUEST_DISPATCH, await regionTarget(tx, before.regionCode));
    const now = ctx.clock.now();
    const due = new Date(body.dueAt);
    if (due <= now) throw new AppError('VALIDATION_FAILED', undefined, { fields: { dueAt: '完成期限须晚于现在 / The due time must be in the future' } });
    if (body.orgId) {
      const org = await findOrgView(tx, body.orgId);
      if (!org || org.status !== 'active') throw new AppError('VALIDATION_FAILED', undefined, { fields: { orgId: '队伍不存在或未启用 / No such active team' } });
    } else if (!(await findUserView(tx, body.userId!))) {
      throw new AppError('VALIDATION_FAILED', undefined, { fields: { userId: '志愿者不存在 / No such volunteer' } });
    }
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [body.userId], reason: '不能把服务需求派给自己，请派给他人 / You cannot dispatch a request to yourself' });
    const acceptDueAt = new Date(Math.min(due.getTime(), now.getTime() + 12 * 3600_000));
    const after = await repo.transition(tx, id, ['ordered'], {
      status: 'dispatched',
      assignedOrgId: body.orgId ?? null,
      assignedUserId: body.userId ?? null,
      dispatchedBy: actor.userId,
      acceptDueAt,
      serveDueAt: due,
      updatedAt: now,
    });
    if (!after) throw stateError(before, '派单');
    await event(ctx, tx, after, actor.userId, 'dispatch', before.status, body.note);
    await recordAudit(ctx, tx, actor, { action: 'request.dispatch', objectType: 'service_request', objectId: id, regionCode: before.regionCode, before: { status: before.status }, after: { status: after.status, orgId: after.assignedOrgId, userId: after.assignedUserId, dueAt: due.toISOString() } });
    if (body.userId) {
      await notify(ctx, tx, { userId: body.userId, regionCode: after.regionCode, kind: 'request_dispatched', title: '您有新的派单', body: `${after.address}：${after.description.slice(0, 60)}`, objectType: 'service_request', objectId: id });
    }
    return toRequest((await repo.findView(tx, id))!, now);
  });
}

/** Who answers for an assignment: the volunteer it was sent to, or the team's admins. */
async function assertAssignee(tx: Tx, actor: Actor, r: repo.RequestRow) {
  if (r.assignedUserId) {
    if (r.assignedUserId !== actor.userId) throw new AppError('FORBIDDEN', '这张单没有派给您 / This order was not dispatched to you');
    return;
  }
  if (!r.assignedOrgId) throw new AppError('INVALID_STATE', '尚未派单 / Not dispatched yet');
  authorize(actor, REQUEST_ACCEPT, await orgTarget(tx, r.assignedOrgId));
}

/** 接单: the team leader names who will go (members of the team), or the volunteer accepts. */
export async function accept(ctx: AppContext, actor: Actor, id: string, helperIds: string[] | undefined) {
  return withTx(ctx.db, async (tx) => {
    const before = await loadRequest(tx, id);
    await assertAssignee(tx, actor, before);
    const helpers = [...new Set(helperIds?.length ? helperIds : [actor.userId])];
    if (before.assignedOrgId) {
      // the team's admin may go in person; everyone else named must be a member of the team
      for (const h of helpers) {
        if (h !== actor.userId && !(await isActiveMember(tx, before.assignedOrgId, h))) {
          throw new AppError('VALIDATION_FAILED', undefined, { fields: { helperIds: '只能指派本队在册成员 / Only members of the team' } });
        }
      }
    } else if (helpers.some((h) => h !== actor.userId)) {
      throw new AppError('VALIDATION_FAILED', undefined, { fields: { helperIds: '个人接单只能由本人服务 / A volunteer serves in person' } });
    }
    const now = ctx.clock.now();
    const after = await repo.transition(tx, id, ['dispatched'], { status: 'accepted', helperIds: helpers, updatedAt: now });
    if (!after) throw stateError(before, '接单');
    await event(ctx, tx, after, actor.userId, 'accept', before.status);
    await recordAudit(ctx, tx, actor, { action: 'request.accept', objectType: 'service_request', objectId: id, regionCode: before.regionCode, before: { status: before.status }, after: { status: after.status, helperIds: helpers } });
    for (const h of helpers) {
      if (h !== actor.userId) await notify(ctx, tx, { userId: h, regionCode: after.regionCode, kind: 'request_dispatched', title: '您被指派了一项上门服务', body: `${after.address}：${after.description.slice(0, 60)}`, objectType: 'service_request', objectId: id });
    }
    return toRequest((await repo.findView(tx, id))!, now);
  });
}

/** Declining with a reason sends the order back to the dispatch queue. */
export async function decline(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return withTx(ctx.db, async (tx) => {
    const before = await loadRequest(tx, id);
    await assertAssignee(tx, actor, before);
    const now = ctx.clock.now();
    const after = await repo.transition(tx, id, ['dispatched'], { status: 'ordered', assignedOrgId: null, assignedUserId: null, acceptDueAt: null, serveDueAt: null, dispatchDueAt: new Date(now.getTime() + DISPATCH_WITHIN_MS), updatedAt: now });
    if (!after) throw stateError(before, '拒单');
    await event(ctx, tx, after, actor.userId, 'decline', before.status, reason);
    await recordAudit(ctx, tx, actor, { action: 'request.decline', objectType: 'service_request', objectId: id, regionCode: before.regionCode, before: { status: before.status, orgId: before.assignedOrgId, userId: before.assignedUserId }, after: { status: after.status, reason } });
    return toRequest((await repo.findView(tx, id))!, now);
  });
}

function fence(r: repo.RequestRow, p: { lat?: number | undefined; lng?: number | undefined }): string[] {
  if (p.lat === undefined || p.lng === undefined) return ['no_location'];
  if (r.lat === null || r.lng === null) return ['no_site_location'];
  const d = distanceMeters({ lat: r.lat, lng: r.lng }, { lat: p.lat, lng: p.lng });
  if (d > FENCE_METERS) {
    throw new AppError('OUTSIDE_GEOFENCE', `您距离服务地址约${Math.round(d)}米 / You are about ${Math.round(d)} m from the address`, { distanceMeters: Math.round(d), radiusMeters: FENCE_METERS });
  }
  return [];
}

/** Check-in and check-out at the resident's address by a helper, as for activities (300 m fence). */
export async function checkIn(ctx: AppContext, actor: Actor, id: string, p: { lat?: number | undefined; lng?: number | undefined }) {
  return withTx(ctx.db, async (tx) => {
    const before = await loadRequest(tx, id);
    if (!before.helperIds.includes(actor.userId)) throw new AppError('NOT_SIGNED_UP', '您不是这张单的服务人员 / You are not serving this order');
    if (before.status === 'serving' || before.status === 'served') return toRequest((await repo.findView(tx, id))!, ctx.clock.now());
    const flags = fence(before, p);
    const now = ctx.clock.now();
    const after = await repo.transition(tx, id, ['accepted'], { status: 'serving', checkinAt: now, serviceFlags: flags, updatedAt: now });
    if (!after) throw stateError(before, '签到');
    await event(ctx, tx, after, actor.userId, 'checkin', before.status, flags.join(',') || null);
    return toRequest((await repo.findView(tx, id))!, now);
  });
}

export async function checkOut(ctx: AppContext, actor: Actor, id: string, p: { lat?: number | undefined; lng?: number | undefined }) {
  return withTx(ctx.db, async (tx) => {
    const before = await loadRequest(tx, id);
    if (!before.helperIds.includes(actor.userId)) throw new AppError('NOT_SIGNED_UP', '您不是这张单的服务人员 / You are not serving this order');
    if (before.status === 'served') return toRequest((await repo.findView(tx, id))!, ctx.clock.now());
    const flags = fence(before, p).map((f) => `${f}_checkout`);
    const now = ctx.clock.now();
    const after = await repo.transition(tx, id, ['serving'], { status: 'served', checkoutAt: now, serviceFlags: [...before.serviceFlags, ...flags], updatedAt: now });
    if (!after) throw stateError(before, '签退');
    await event(ctx, tx, after, actor.userId, 'checkout', before.status);
    return toRequest((await repo.findView(tx, id))!, now);
  });
}

/**
 * Four eyes at 评单: nobody confirms a service they gave (a helper, the volunteer it was
 * dispatched to); staff confirming for a resident may not belong to the team that served it
 * (as its admin or member). The resident rating their own order is the normal case.
 */
async function assertNotOwnService(tx: Tx, actor: Actor, r: repo.RequestRow) {
  const staffActing = r.residentId !== actor.userId;
  const teamMember = staffActing && !!r.assignedOrgId && (await isActiveMember(tx, r.assignedOrgId, actor.userId));
  assertNotSelfBenefit(actor, {
    beneficiaryUserIds: [...r.helperIds, r.assignedUserId, teamMember ? actor.userId : null],
    orgIds: staffActing ? [r.assignedOrgId] : [],
    reason: '不能确认自己或本人所在队伍提供的服务，须由居民或其他工作人员确认 / You cannot confirm a service you or your own team gave; the resident or another staff member must',
  });
}

const PAYMENT_NOTES = {
  payment_late: '预留已过期，已重新扣付服务时间 / The reservation had timed out; the minutes were charged afresh',
  payment_lapsed: '预留已过期且余额不足，本次服务未能扣付 / The reservation had timed out and the balance no longer covers it; nothing was charged',
} as const;

/**
 * Pays the reserved minutes once the service is confirmed. A reservation that timed out before
 * the rating is charged afresh; when the payer no longer holds the minutes, the rating still
 * stands (the helpers gave the time) and the lapse is written into the history.
 */
async function payForService(ctx: AppContext, tx: Tx, r: repo.RequestRow, actorId: string): Promise<keyof typeof PAYMENT_NOTES | null> {
  if (!r.paymentTransferId) return null;
  try {
    // a savepoint: a refused late charge leaves no trace
    const paid = await tx.transaction((sp) => settleReservation(ctx, sp, r.paymentTransferId!, actorId));
    return paid.late ? 'payment_late' : null;
  } catch (err) {
    if (err instanceof AppError && err.code === 'INSUFFICIENT_BALANCE') return 'payment_lapsed';
    throw err;
  }
}

/**
 * 评单: the resident (or staff for them) confirms and rates. When the service happened, each
 * helper gets a service record's credit (minutes from check-in to check-out) and the reserved
 * payment is posted; when it did not, the payment is voided and the order closes.
 */
export async function rate(ctx: AppContext, actor: Actor, id: string, body: { happened: boolean; stars?: number | undefined; comment?: string | undefined }) {
  return withTx(ctx.db, async (tx) => {
    const before = await loadRequest(tx, id);
    const self = before.residentId === actor.userId || before.enteredBy === actor.userId;
    if (!self) authorize(actor, REQUEST_ON_BEHALF, await regionTarget(tx, before.regionCode));
    const now = ctx.clock.now();
    if (body.happened) {
      if (!body.stars) throw new AppError('VALIDATION_FAILED', undefined, { fields: { stars: '请打分（1–5星） / Give 1 to 5 stars' } });
      await assertNotOwnService(tx, actor, before);
      const after = await trackStats(tx, 'request', [id], () => repo.transition(tx, id, ['served'], { status: 'rated', stars: body.stars, comment: body.comment ?? null, ratedBy: actor.userId, ratedAt: now, updatedAt: now }));
      if (!after) throw stateError(before, '评价');
      // each helper's service record (art. 7 fields), credited once and told
      const view = (await repo.findView(tx, id))!;
      const label = SERVICE_CATEGORY_LABELS[before.category as ServiceCategory]?.zh ?? before.category;
      await recordRequestService(ctx, tx, {
        requestId: id,
        helperIds: before.helperIds,
        orgId: before.assignedOrgId,
        unitName: view.orgName ?? view.regionName ?? before.regionCode,
        regionCode: before.regionCode,
        title: `上门服务：${label}`,
        place: before.address,
        content: before.description,
        startedAt: before.checkinAt!,
        endedAt: before.checkoutAt!,
        personInCharge: (await findUserView(tx, before.dispatchedBy ?? actor.userId))?.name ?? actor.name,
        actorId: actor.userId,
      });
      const payment = await payForService(ctx, tx, before, actor.userId);
      await event(ctx, tx, after, actor.userId, self ? 'rate' : 'rate_on_behalf', before.status, body.comment ?? null);
      if (payment) await event(ctx, tx, after, actor.userId, payment, after.status, PAYMENT_NOTES[payment]);
      if (!self) await recordAudit(ctx, tx, actor, { action: 'request.rate_on_behalf', objectType: 'service_request', objectId: id, regionCode: before.regionCode, onBehalfOf: before.residentId, before: { status: before.status }, after: { status: 'rated', stars: body.stars } });
    } else {
      const after = await repo.transition(tx, id, ['served', 'accepted', 'serving', 'dispatched'], { status: 'cancelled', cancelReason: body.comment ?? '服务未发生 / The service did not happen', ratedBy: actor.userId, ratedAt: now, updatedAt: now });
      if (!after) throw stateError(before, '确认');
      if (before.paymentTransferId) await releaseReservation(ctx, tx, before.paymentTransferId, actor.userId, '服务未发生或已取消，退回预留时间');
      await event(ctx, tx, after, actor.userId, 'not_happened', before.status, body.comment ?? null);
    }
    return toRequest((await repo.findView(tx, id))!, now);
  });
}

/** The resident (or staff) cancels before the service; a reserved payment comes back. */
export async function cancel(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return withTx(ctx.db, async (tx) => {
    const before = await loadRequest(tx, id);
    const self = before.residentId === actor.userId || before.enteredBy === actor.userId;
    if (!self) authorize(actor, REQUEST_DISPATCH, await regionTarget(tx, before.regionCode));
    const now = ctx.clock.now();
    const after = await repo.transition(tx, id, ['ordered', 'dispatched', 'accepted'], { status: 'cancelled', cancelReason: reason, updatedAt: now });
    if (!after) throw stateError(before, '取消');
    if (before.paymentTransferId) await releaseReservation(ctx, tx, before.paymentTransferId, actor.userId, '服务未发生或已取消，退回预留时间');
    await event(ctx, tx, after, actor.userId, 'cancel', before.status, reason);
    if (!self) await recordAudit(ctx, tx, actor, { action: 'request.cancel', objectType: 'service_request', objectId: id, regionCode: before.regionCode, before: { status: before.status }, after: { status: 'cancelled', reason } });
    return toRequest((await repo.findView(tx, id))!, now);
  });
}

/** A request with its history; for the resident, the helpers, the assigned team and the region's staff. */
export async function getRequest(ctx: AppContext, actor: Actor, id: string) {
  const v = await repo.findView(ctx.db, id);
  if (!v) throw notFound('服务需求 request');
  const r = v.request;
  const allowed =
    r.residentId === actor.userId ||
    r.enteredBy === actor.userId ||
    r.helperIds.includes(actor.userId) ||
    r.assignedUserId === actor.userId ||
    (r.assignedOrgId && can(actor, REQUEST_ACCEPT, await orgTarget(ctx.db, r.assignedOrgId))) ||
    can(actor, REQUEST_DISPATCH, await regionTarget(ctx.db, r.regionCode));
  if (!allowed) throw notFound('服务需求 request');
  const hist = await repo.history(ctx.db, id);
  return {
    ...toRequest(v, ctx.clock.now()),
    history: hist.map((h) => ({ id: h.event.id, at: h.event.at.toISOString(), actorId: h.event.actorId, actorName: h.actorName, action: h.event.action, fromStatus: h.event.fromStatus, toStatus: h.event.toStatus, note: h.event.note })),
  };
}

/**
 * Lists: `mine` (what I ordered or entered), `queue` (the dispatch queue of my region subtrees,
 * with `overdue=true` for missed deadlines), `assigned` (dispatched to my teams or to me).
 */
export async function listRequests(ctx: AppContext, actor: Actor, q: PageQuery & { scope: 'mine' | 'queue' | 'assigned'; status?: string | undefined; regionCode?: string | undefined; overdue?: 'true' | undefined }) {
  const { limit, offset } = offsetOf(q);
  const now = ctx.clock.now();
  const base = { status: q.status, overdueAt: q.overdue ? now : undefined, limit, offset };
  let page;
  if (q.scope === 'queue') {
    const scopes = regionScopes(actor, REQUEST_DISPATCH.roles);
    if (!scopes.length) throw new AppError('FORBIDDEN', '只有社区工作人员可以派单 / Only community staff dispatch');
    let regionPath = scopes[0]!;
    if (q.regionCode) {
      const r = await regionTarget(ctx.db, q.regionCode);
      authorize(actor, REQUEST_DISPATCH, r);
      regionPath = r.regionPath;
    }
    page = await repo.listRequests(ctx.db, { ...base, regionPath });
  } else if (q.scope === 'assigned') {
    const orgIds = actor.grants.filter((g) => g.role === 'org_admin' && g.orgId).map((g) => g.orgId!);
    page = await repo.listRequests(ctx.db, { ...base, assignedOrgIds: orgIds, assignedUserId: actor.userId });
  } else {
    page = await repo.listRequests(ctx.db, { ...base, residentId: actor.userId });
  }
  return { total: page.total, items: page.items.map((v) => toRequest(v, now)) };
}
