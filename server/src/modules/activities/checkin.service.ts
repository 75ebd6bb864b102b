import type { AppContext, Actor } from '../../context';
import { withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { distanceMeters } from '../../lib/geo';
import { makeRotatingToken, rotatingTokenState, TOKEN_WINDOW_MS } from '../../lib/rotating-token';
import { recordAudit } from '../audit/index';
import { assertNotSelfBenefit, authorize, can } from '../access/index';
import { ACTIVITY_MANAGE, ACTIVITY_OVERSEE } from './activities.policy';
import { activityTarget, loadActivity } from './activities.service';
import type { SettleFlag } from '@shared/schemas/activities';
import * as repo from './activities.repository';

/** A QR token is valid in its window and the one after it: 60–120 s, so a forwarded photo soon stops working (lib/rotating-token). */
export { TOKEN_WINDOW_MS };
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60_000;
export const CHECKOUT_CLOSES_AFTER_MS = 2 * 3600_000;

const scopeOf = (activityId: string) => `checkin:${activityId}`;

/** `<window>.<mac>`: signed with the server's token key, tied to the activity and the window. */
export function makeToken(ctx: AppContext, activityId: string, at: Date): { token: string; expiresAt: Date } {
  return makeRotatingToken(ctx.keys.tokens, scopeOf(activityId), at);
}

export function checkToken(ctx: AppContext, activityId: string, token: string, at: Date): void {
  const state = rotatingTokenState(ctx.keys.tokens, scopeOf(activityId), token, at);
  if (state === 'invalid') throw new AppError('CHECKIN_CODE_EXPIRED', '签到码无效，请扫描现场屏幕上的二维码 / Not a valid code for this activity; scan the code on the screen', { reason: 'invalid' });
  if (state === 'expired') throw new AppError('CHECKIN_CODE_EXPIRED', undefined, { reason: 'expired' });
}

function toAttendance(r: repo.AttendanceRow, a: repo.ActivityRow, userName?: string) {
  return {
    id: r.id,
    activityId: r.activityId,
    userId: r.userId,
    ...(userName ? { userName } : {}),
    checkinAt: r.checkinAt.toISOString(),
    checkoutAt: r.checkoutAt?.toISOString() ?? null,
    checkinDistanceMeters: r.checkinDistanceMeters,
    checkoutDistanceMeters: r.checkoutDistanceMeters,
    flags: r.flags,
    minutes: r.checkoutAt ? measuredMinutes(a, r.checkinAt, r.checkoutAt) : null,
    manual: r.flags.includes('manual'),
    settleFlags: settleFlags(r),
    settleDecision: (r.settleDecision as 'include' | 'exclude' | null) ?? null,
  };
}

/**
 * What settlement must decide on explicitly (art. 7: hours need evidence): no location at
 * check-in or check-out, outside the fence, or closed by the sweeper instead of a check-out.
 */
export function settleFlags(r: { flags: readonly string[] }): SettleFlag[] {
  const out = new Set<SettleFlag>();
  for (const f of r.flags) {
    if (f === 'no_location' || f === 'no_location_checkout') out.add('no_location');
    else if (f === 'outside_fence' || f === 'auto_closed') out.add(f);
  }
  return [...out];
}
export type AttendanceView = ReturnType<typeof toAttendance>;

/** Minutes from check-in to check-out, clipped to the activity's time. */
export function measuredMinutes(a: { startsAt: Date; endsAt: Date }, from: Date, to: Date): number {
  const start = Math.max(from.getTime(), a.startsAt.getTime());
  const end = Math.min(to.getTime(), a.endsAt.getTime());
  return Math.max(0, Math.floor((end - start) / 60_000));
}

/** The kiosk: the current token, the link the QR code encodes, and live counts. */
export async function checkinCode(ctx: AppContext, actor: Actor, activityId: string) {
  const a = await loadActivity(ctx.db, activityId);
  authorize(actor, ACTIVITY_MANAGE, await activityTarget(ctx.db, a));
  if (a.status !== 'published') throw new AppError('INVALID_STATE', '活动未发布 / The activity is not published', { status: a.status });
  const { token, expiresAt } = makeToken(ctx, a.id, ctx.clock.now());
  const base = ctx.config.publicUrl ?? '';
  const counts = await repo.attendanceCounts(ctx.db, a.id);
  return { token, url: `${base}/checkin/${a.id}?t=${encodeURIComponent(token)}`, expiresAt: expiresAt.toISOString(), ...counts, confirmed: a.confirmedCount };
}

interface Position {
  lat?: number | undefined;
  lng?: number | undefined;
}

function fence(a: repo.ActivityRow, p: Position): { distance: number | null; flags: string[] } {
  if (p.lat === undefined || p.lng === undefined) return { distance: null, flags: ['no_location'] };
  const d = Math.round(distanceMeters({ lat: a.lat, lng: a.lng }, { lat: p.lat, lng: p.lng }));
  if (d <= a.geofenceMeters) return { distance: d, flags: [] };
  if (a.allowOutsideFence) return { distance: d, flags: ['outside_fence'] };
  throw new AppError('OUTSIDE_GEOFENCE', `您距离活动地点约${d}米，超出${a.geofenceMeters}米签到范围 / You are about ${d} m from the site; the limit is ${a.geofenceMeters} m`, {
    distanceMeters: d,
    radiusMeters: a.geofenceMeters,
  });
}

/**
 * Check-in by scanning the kiosk's code: the token must be current, the person signed up
 * (confirmed), the time inside the window (30 min before the start to the end), the place inside
 * the fence (or flagged where allowed; no location given is accepted and flagged). A repeat scan
 * answers the same attendance.
 */
export async function checkIn(ctx: AppContext, actor: Actor, activityId: string, body: { token: string } & Position) {
  // two round trips and no transaction: one read of everything the scan needs, then one insert
  // that a concurrent repeat scan loses (the unique (activity, person) key) and reads back
  const state = await repo.checkinState(ctx.db, activityId, actor.userId);
  if (!state) throw notFound('活动 activity');
  const a = state.activity;
  const now = ctx.clock.now();
  checkToken(ctx, a.id, body.token, now);
  if (state.attendance) return { attendance: toAttendance(state.attendance, a), created: false };
  if (a.status !== 'published') throw new AppError('INVALID_STATE', '活动未发布 / The activity is not published', { status: a.status });
  if (now.getTime() < a.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS) throw new AppError('INVALID_STATE', '签到尚未开始（活动开始前30分钟开放） / Check-in opens 30 minutes before the start', { reason: 'not_open', opensAt: new Date(a.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS).toISOString() });
  if (now >= a.endsAt) throw new AppError('INVALID_STATE', '活动已结束，签到已关闭 / Check-in closed at the end of the activity', { reason: 'closed' });
  if (state.signupStatus !== 'confirmed') throw new AppError('NOT_SIGNED_UP', state.signupStatus ? '您在候补名单中，尚未转为正式报名 / You are on the waitlist' : undefined, { waitlisted: !!state.signupStatus });
  const f = fence(a, body);
  const r = await repo.insertAttendance(ctx.db, {
    id: newId(),
    cityCode: a.cityCode,
    activityId: a.id,
    userId: actor.userId,
    checkinAt: now,
    checkinLat: body.lat ?? null,
    checkinLng: body.lng ?? null,
    checkinDistanceMeters: f.distance,
    flags: f.flags,
    createdAt: now,
  });
  return { attendance: toAttendance(r.row, a), created: r.created };
}

/** Check-out: one read and one guarded update (a repeat, or a race with another scan, reads the first). */
export async function checkOut(ctx: AppContext, actor: Actor, activityId: string, body: { token: string } & Position) {
  const state = await repo.checkinState(ctx.db, activityId, actor.userId);
  if (!state) throw notFound('活动 activity');
  const a = state.activity;
  const existing = state.attendance;
  const now = ctx.clock.now();
  checkToken(ctx, a.id, body.token, now);
  if (!existing) throw new AppError('NOT_SIGNED_UP', '还没有签到，不能签退 / Check in first');
  if (existing.checkoutAt) return { attendance: toAttendance(existing, a) };
  if (now.getTime() > a.endsAt.getTime() + CHECKOUT_CLOSES_AFTER_MS) throw new AppError('INVALID_STATE', '签退已关闭（活动结束后2小时） / Check-out closed two hours after the end', { reason: 'closed' });
  const f = fence(a, body);
  const flags = [...new Set([...existing.flags, ...f.flags.map((x) => (x === 'no_location' ? 'no_location_checkout' : x))])];
  const after = await repo.checkoutAttendance(ctx.db, existing.id, { checkoutAt: now, checkoutLat: body.lat ?? null, checkoutLng: body.lng ?? null, checkoutDistanceMeters: f.distance, flags });
  return { attendance: toAttendance(after ?? (await repo.findAttendance(ctx.db, a.id, actor.userId))!, a) };
}

/** The organiser records attendance for a volunteer without a phone, marked as such; audited. */
export async function recordManualAttendance(ctx: AppContext, actor: Actor, activityId: string, body: { userId: string; checkinAt: string; checkoutAt?: string | undefined; note: string }) {
  return withTx(ctx.db, async (tx) => {
    const a = await loadActivity(tx, activityId);
    authorize(actor, ACTIVITY_MANAGE, await activityTarget(tx, a));
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [body.userId], reason: '不能为自己补登签到，须由组织的其他管理员办理 / You cannot record your own attendance by hand; another admin of the organisation must' });
    const s = await repo.findOpenSignup(tx, a.id, body.userId);
    if (!s || s.status !== 'confirmed') throw new AppError('NOT_SIGNED_UP', '该志愿者未正式报名此活动 / Not signed up (confirmed) for this activity');
    const checkinAt = new Date(body.checkinAt);
    const checkoutAt = body.checkoutAt ? new Date(body.checkoutAt) : null;
    if (checkoutAt && checkoutAt <= checkinAt) throw new AppError('VALIDATION_FAILED', undefined, { fields: { checkoutAt: '签退须晚于签到 / Check-out after check-in' } });
    if (checkinAt.getTime() > a.endsAt.getTime() || checkinAt.getTime() < a.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS) {
      throw new AppError('VALIDATION_FAILED', undefined, { fields: { checkinAt: '签到时间须在活动时间内 / Within the activity’s time' } });
    }
    const r = await repo.insertAttendance(tx, { id: newId(), cityCode: a.cityCode, activityId: a.id, userId: body.userId, checkinAt, checkoutAt, flags: ['manual'], recordedBy: actor.userId, note: body.note, createdAt: ctx.clock.now() });
    if (!r.created) throw new AppError('CONFLICT', '该志愿者已有签到记录 / Already checked in');
    await recordAudit(ctx, tx, actor, { action: 'activity.attendance.manual', objectType: 'attendance', objectId: r.row.id, regionCode: a.regionCode, onBehalfOf: body.userId, before: null, after: r.row });
    return { attendance: toAttendance(r.row, a) };
  });
}

/** The roster: everyone signed up or present, with attendance, measured minutes and any record. */
export async function roster(ctx: AppContext, actor: Actor, activityId: string) {
  const a = await loadActivity(ctx.db, activityId);
  const target = await activityTarget(ctx.db, a);
  if (!can(actor, ACTIVITY_OVERSEE, target)) authorize(actor, ACTIVITY_MANAGE, target);
  const [signups, att, records] = await Promise.all([repo.signupsOf(ctx.db, a.id), repo.attendanceOf(ctx.db, a.id), repo.recordsOfActivity(ctx.db, a.id)]);
  const byUser = new Map<string, { userId: string; userName: string; volunteerNo: string | null; signupStatus: string | null }>();
  for (const s of signups) byUser.set(s.signup.userId, { userId: s.signup.userId, userName: s.userName, volunteerNo: s.volunteerNo, signupStatus: s.signup.status });
  for (const x of att) if (!byUser.has(x.attendance.userId)) byUser.set(x.attendance.userId, { userId: x.attendance.userId, userName: x.userName, volunteerNo: null, signupStatus: null });
  const attByUser = new Map(att.map((x) => [x.attendance.userId, x.attendance]));
  const recByUser = new Map(records.map((r) => [r.volunteerId, r]));
  return [...byUser.values()].map((u) => {
    const at = attByUser.get(u.userId);
    const rec = recByUser.get(u.userId);
    return { ...u, attendance: at ? toAttendance(at, a) : null, record: rec ? { id: rec.id, minutes: rec.minutes, creditedMinutes: rec.creditedMinutes, points: rec.points } : null };
  });
}

/** Sweeper: attendance left open when check-out closes is closed at the activity's end and flagged. */
export async function autoCloseAttendance(ctx: AppContext): Promise<number> {
  return repo.autoCloseAttendance(ctx.db, new Date(ctx.clock.now().getTime() - CHECKOUT_CLOSES_AFTER_MS));
}
