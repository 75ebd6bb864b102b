import type { Actor, AppContext } from '../../context';
import { withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { distanceMeters } from '../../lib/geo';
import { newId } from '../../lib/ids';
import { makeRotatingToken, rotatingTokenState } from '../../lib/rotating-token';
import { chinaDate } from '../../lib/working-days';
import type { PostMonth } from '@shared/schemas/posts';
import { assertNotSelfBenefit } from '../access/index';
import { deviceOfSession } from '../accounts/index';
import { recordAudit } from '../audit/index';
import { expectedDays, monthBounds } from './month-days';
import { loadPost, postForStaff } from './posts.service';
import * as repo from './posts.repository';

/**
 * Attendance at a post: the worker scans the post's rotating QR code (the kiosk at the post, the
 * same signed one-minute tokens as activities, lib/rotating-token) from their phone, inside the
 * fence; once a day. Outside the fence or without a position it is recorded and flagged by the
 * checks, never refused silently. The supervisor records a day for a worker without a phone
 * (代签, audited), marks closed days and confirms the month (four eyes).
 */

const scopeOf = (postId: string) => `welfare-post:${postId}`;

function toAttendance(r: repo.AttendanceRow, workerName: string) {
  return {
    id: r.id,
    postId: r.postId,
    placementId: r.placementId,
    userId: r.userId,
    workerName,
    day: r.day,
    checkinAt: r.checkinAt.toISOString(),
    distanceMeters: r.distanceMeters,
    outsideFence: r.outsideFence,
    noLocation: r.noLocation,
    source: r.source as 'phone' | 'staff',
    note: r.note,
  };
}

/** The kiosk at the post: the current token, the link its QR code encodes, who is here today. */
export async function postCheckinCode(ctx: AppContext, actor: Actor, postId: string) {
  const p = await postForStaff(ctx.db, actor, postId, true);
  const now = ctx.clock.now();
  const { token, expiresAt } = makeRotatingToken(ctx.keys.tokens, scopeOf(p.id), now);
  const base = ctx.config.publicUrl ?? '';
  const [present, placed] = await Promise.all([repo.countPresentToday(ctx.db, p.id, chinaDate(now)), repo.placedCounts(ctx.db, [p.id])]);
  return { token, url: `${base}/welfare-checkin/${p.id}?t=${encodeURIComponent(token)}`, expiresAt: expiresAt.toISOString(), presentToday: present, workers: placed.get(p.id) ?? 0 };
}

/** The worker's check-in of the day by the kiosk's code; a repeat the same day answers the first. */
export async function postCheckIn(ctx: AppContext, actor: Actor, postId: string, body: { token: string; lat?: number | undefined; lng?: number | undefined }) {
  const post = await loadPost(ctx.db, postId);
  const now = ctx.clock.now();
  const state = rotatingTokenState(ctx.keys.tokens, scopeOf(post.id), body.token, now);
  if (state === 'invalid') throw new AppError('CHECKIN_CODE_EXPIRED', '签到码无效，请扫描岗位现场的二维码 / Not a valid code for this post; scan the code at the post', { reason: 'invalid' });
  if (state === 'expired') throw new AppError('CHECKIN_CODE_EXPIRED', undefined, { reason: 'expired' });
  const today = chinaDate(now);
  const pl = await repo.openPlacementOf(ctx.db, actor.userId);
  if (!pl || pl.postId !== post.id || pl.status !== 'active' || !pl.startedOn || pl.startedOn > today) {
    throw new AppError('NOT_SIGNED_UP', '您不是该岗位的在岗人员 / You do not hold this post (or have not started yet)', { reason: 'not_placed' });
  }
  const hasPos = body.lat !== undefined && body.lng !== undefined;
  const d = hasPos ? Math.round(distanceMeters({ lat: post.lat, lng: post.lng }, { lat: body.lat!, lng: body.lng! })) : null;
  const deviceId = actor.sessionId ? await deviceOfSession(ctx.db, actor.sessionId) : null;
  const r = await repo.insertAttendance(ctx.db, {
    id: newId(),
    cityCode: post.cityCode,
    postId: post.id,
    placementId: pl.id,
    userId: actor.userId,
    day: today,
    checkinAt: now,
    lat: body.lat ?? null,
    lng: body.lng ?? null,
    distanceMeters: d,
    outsideFence: d !== null && d > post.geofenceMeters,
    noLocation: !hasPos,
    deviceId,
    source: 'phone',
    createdAt: now,
  });
  return { created: r.created, body: { attendance: toAttendance(r.row, actor.name), postTitle: post.title, radiusMeters: post.geofenceMeters } };
}

async function assertMonthOpen(db: Parameters<typeof repo.confirmationsOf>[0], postId: string, day: string) {
  const [c] = await repo.confirmationsOf(db, [postId], day.slice(0, 7));
  if (c) throw new AppError('INVALID_STATE', `${day.slice(0, 7)}的考勤已确认，不能再修改 / The month ${day.slice(0, 7)} is confirmed; it cannot change`, { reason: 'month_confirmed' });
}

/** The supervisor records a day for a worker without a smartphone (代签到): marked as such, audited, never for themselves. */
export async function recordPostAttendance(ctx: AppContext, actor: Actor, postId: string, body: { userId: string; day: string; note: string }) {
  return withTx(ctx.db, async (tx) => {
    const post = await postForStaff(tx, actor, postId, true);
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [body.userId], reason: '不能为自己登记考勤，须由他人办理 / You cannot record your own attendance; someone else must' });
    const now = ctx.clock.now();
    if (body.day > chinaDate(now)) throw new AppError('VALIDATION_FAILED', undefined, { fields: { day: '不能登记未来的考勤 / Not a day in the future' } });
    await assertMonthOpen(tx, post.id, body.day);
    const placements = await repo.placementsActiveIn(tx, [post.id], body.day, body.day);
    const pl = placements.find((x) => x.pl.userId === body.userId);
    if (!pl) throw new AppError('NOT_SIGNED_UP', '此人当天不在该岗位 / This person did not hold the post on that day', { reason: 'not_placed' });
    const r = await repo.insertAttendance(tx, { id: newId(), cityCode: post.cityCode, postId: post.id, placementId: pl.pl.id, userId: body.userId, day: body.day, checkinAt: now, outsideFence: false, noLocation: true, source: 'staff', recordedBy: actor.userId, note: body.note, createdAt: now });
    if (!r.created) throw new AppError('CONFLICT', '当天已有考勤 / Already present that day');
    await recordAudit(ctx, tx, actor, { action: 'welfare_attendance.record', objectType: 'welfare_attendance', objectId: r.row.id, regionCode: post.regionCode, onBehalfOf: body.userId, before: null, after: r.row });
    return { attendance: toAttendance(r.row, pl.workerName), postTitle: post.title, radiusMeters: post.geofenceMeters };
  });
}

/** The supervisor marks a day closed (weather, holiday): nobody is expected, and attendance on it is flagged. */
export async function markClosed(ctx: AppContext, actor: Actor, postId: string, body: { day: string; reason: string }) {
  await withTx(ctx.db, async (tx) => {
    const post = await postForStaff(tx, actor, postId, true);
    await assertMonthOpen(tx, post.id, body.day);
    await repo.upsertClosure(tx, { postId: post.id, day: body.day, cityCode: post.cityCode, reason: body.reason, markedBy: actor.userId, markedAt: ctx.clock.now() });
    await recordAudit(ctx, tx, actor, { action: 'welfare_post.close_day', objectType: 'welfare_post', objectId: post.id, regionCode: post.regionCode, before: null, after: body });
  });
  return postMonth(ctx, actor, postId, body.day.slice(0, 7));
}

/** A post's month: closed days, each worker's expected and present days, the confirmation. */
export async function postMonth(ctx: AppContext, actor: Actor, postId: string, month?: string): Promise<PostMonth> {
  const post = await postForStaff(ctx.db, actor, postId, true);
  return monthOf(ctx, post, month ?? chinaDate(ctx.clock.now()).slice(0, 7));
}

async function monthOf(ctx: AppContext, post: repo.PostWithRegion, month: string): Promise<PostMonth> {
  const { from, to } = monthBounds(month);
  const today = chinaDate(ctx.clock.now());
  const [placements, attendance, closures, [conf]] = await Promise.all([
    repo.placementsActiveIn(ctx.db, [post.id], from, to),
    repo.attendanceOfPosts(ctx.db, [post.id], from, to),
    repo.closuresOf(ctx.db, [post.id], from, to),
    repo.confirmationsOf(ctx.db, [post.id], month),
  ]);
  const closed = new Set(closures.map((c) => c.day));
  return {
    postId: post.id,
    postTitle: post.title,
    month,
    closures: closures.map((c) => ({ day: c.day, reason: c.reason })),
    workers: placements.map((p) => {
      const days = attendance.filter((a) => a.placementId === p.pl.id);
      return {
        placementId: p.pl.id,
        userId: p.pl.userId,
        name: p.workerName,
        daysExpected: expectedDays(month, { startedOn: p.pl.startedOn, endedOn: p.pl.endedOn, today, closed }).length,
        daysPresent: days.length,
        days: days.map((a) => ({ day: a.day, source: a.source as 'phone', outsideFence: a.outsideFence || (a.noLocation && a.source === 'phone') })),
      };
    }),
    confirmation: conf ? { confirmedBy: conf.confirmedByName, confirmedAt: conf.confirmedAt.toISOString(), note: conf.note, days: conf.days } : null,
  };
}

/**
 * The supervisor confirms a month's attendance (the payroll's basis): the days each worker had
 * then are kept with the confirmation. Four eyes: nobody placed on the post that month confirms it.
 */
export async function confirmMonth(ctx: AppContext, actor: Actor, postId: string, body: { month: string; note?: string | undefined }): Promise<PostMonth> {
  const post = await postForStaff(ctx.db, actor, postId, true);
  if (body.month > chinaDate(ctx.clock.now()).slice(0, 7)) throw new AppError('VALIDATION_FAILED', undefined, { fields: { month: '不能确认未来的月份 / Not a month in the future' } });
  const before = await monthOf(ctx, post, body.month);
  assertNotSelfBenefit(actor, { beneficiaryUserIds: before.workers.map((w) => w.userId), reason: '不能确认有本人考勤的月份，须由他人确认 / You cannot confirm a month in which you worked at the post; someone else must' });
  await withTx(ctx.db, async (tx) => {
    const days = Object.fromEntries(before.workers.map((w) => [w.placementId, w.daysPresent]));
    const ok = await repo.insertConfirmation(tx, { postId: post.id, month: body.month, cityCode: post.cityCode, confirmedBy: actor.userId, confirmedByName: actor.name, confirmedAt: ctx.clock.now(), note: body.note ?? null, days });
    if (!ok) throw new AppError('CONFLICT', '该月考勤已确认 / This month is already confirmed');
    await recordAudit(ctx, tx, actor, { action: 'welfare_post.confirm_month', objectType: 'welfare_post', objectId: post.id, regionCode: post.regionCode, before: null, after: { month: body.month, days } });
  });
  return monthOf(ctx, post, body.month);
}

/** The worker's own post, this month's days and whether today is recorded. */
export async function myWelfarePost(ctx: AppContext, actor: Actor) {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const month = today.slice(0, 7);
  const pl = await repo.openPlacementOf(ctx.db, actor.userId);
  if (!pl) return { placement: null, post: null, month, days: [], checkedInToday: false };
  const post = await repo.findPost(ctx.db, pl.postId);
  if (!post) throw notFound('公益性岗位 post');
  const { from, to } = monthBounds(month);
  const days = (await repo.attendanceOfPlacement(ctx.db, pl.id, from, to)).map((a) => a.day);
  return {
    placement: { id: pl.id, status: pl.status as 'active', lastStep: pl.lastStep as 'start', startedOn: pl.startedOn },
    post: { id: post.id, title: post.title, address: post.address, startTime: post.startTime, endTime: post.endTime, townName: post.townName, geofenceMeters: post.geofenceMeters, lat: post.lat, lng: post.lng },
    month,
    days,
    checkedInToday: days.includes(today),
  };
}
