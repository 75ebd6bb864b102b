import type { Actor, AppContext } from '../../context';
import { withTx, type DbOrTx, type Tx } from '../../db/client';
import { AppError } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { addWorkingDays } from '../../lib/working-days';
import { cityCodeOf, regionLevel } from '@shared/lib/region-code';
import { publicPersonName } from '../../lib/public-name';
import type { MyStars, StarAnnouncementsQuery, StarLadder, StarLadderPutBody } from '@shared/schemas/honours';
import { authorize, regionTarget } from '../access/index';
import { recordAudit } from '../audit/index';
import { pickEffectivePolicy } from '../ledger/index';
import { notifyMany, type NotificationMessage } from '../notifications/index';
import { pathsOf, requireRegionPath } from '../regions/index';
import { STAR_LADDER_EDIT } from './honours.policy';
import * as repo from './honours.repository';

/**
 * Star levels (星级): a volunteer's confirmed service hours against the ladder of their region
 * (inherited down the tree, effective-dated, like the time-bank policies). The hours are kept in
 * volunteer_stars by the transaction that changes the records (countNewHours / trackHours); a
 * higher level is announced (公示) for the ladder's notice period, then granted by the sweeper or
 * when the person reads their stars; a lower one applies at once. A ladder's change reaches a
 * person at their next change of hours or reading of their stars.
 */

export const DEFAULT_LADDER = Object.freeze({ thresholdsHours: [100, 300, 600, 1000, 1500], noticeWorkingDays: 5 });
const DAY_MS = 86_400_000;

export function levelFor(minutes: number, thresholdsHours: readonly number[]): number {
  return thresholdsHours.filter((h) => minutes >= h * 60).length;
}

export function hoursOf(minutes: number): number {
  return Math.floor(minutes / 6) / 10;
}

/** The notice ends at the end (China time) of the n-th working day after the announcement; at once for 0. */
export function noticeEnd(now: Date, workingDays: number): Date {
  if (workingDays <= 0) return now;
  return new Date(new Date(`${addWorkingDays(now, workingDays)}T00:00:00+08:00`).getTime() + DAY_MS);
}

type Ladder = Pick<repo.LadderRow, 'thresholdsHours' | 'noticeWorkingDays'> & Partial<repo.LadderRow>;

export function toLadderView(row: repo.LadderRow | null): StarLadder {
  const f: Ladder = row ?? DEFAULT_LADDER;
  return { id: f.id ?? null, sourceRegionCode: f.regionCode ?? null, effectiveFrom: f.effectiveFrom?.toISOString() ?? null, thresholdsHours: [...f.thresholdsHours], noticeWorkingDays: f.noticeWorkingDays };
}

export async function effectiveLadder(db: DbOrTx, regionPath: string, at: Date): Promise<repo.LadderRow | null> {
  return pickEffectivePolicy(await repo.laddersOfCodes(db, regionPath.split('/').filter(Boolean)), regionPath, at);
}

export async function getLadder(ctx: AppContext, regionCode: string) {
  const path = await requireRegionPath(ctx.db, regionCode);
  const effective = await effectiveLadder(ctx.db, path, ctx.clock.now());
  const own = await repo.laddersOfRegion(ctx.db, regionCode);
  return { regionCode, effective: toLadderView(effective), own: own.map(toLadderView) };
}

/** A region admin sets the ladder from a moment (now when left out; never in the past). Audited. */
export async function putLadder(ctx: AppContext, actor: Actor, regionCode: string, body: StarLadderPutBody) {
  const now = ctx.clock.now();
  const from = body.effectiveFrom ? new Date(body.effectiveFrom) : now;
  if (from.getTime() < now.getTime() - 1000) throw new AppError('VALIDATION_FAILED', '星级标准不能追溯生效 / A ladder cannot take effect in the past', { fields: { effectiveFrom: 'in the past' } });
  await withTx(ctx.db, async (tx) => {
    const target = await regionTarget(tx, regionCode);
    authorize(actor, STAR_LADDER_EDIT, target);
    const before = toLadderView(await effectiveLadder(tx, target.regionPath, from));
    const row = await repo.upsertLadder(tx, { id: newId(), cityCode: cityCodeOf(regionCode), regionCode, effectiveFrom: from, thresholdsHours: body.thresholdsHours, noticeWorkingDays: body.noticeWorkingDays, createdBy: actor.userId, createdAt: now });
    await recordAudit(ctx, tx, actor, { action: 'honours.ladder.set', objectType: 'star_ladder', objectId: row.id, regionCode, before, after: toLadderView(row) });
  });
  return getLadder(ctx, regionCode);
}

// ——— hours kept with the records ———

/** After a bulk load (bench seed, `aixin stats rebuild`): every volunteer's hours from the records. */
export async function rebuildStarHours(ctx: AppContext): Promise<number> {
  return withTx(ctx.db, (tx) => repo.rebuildAllMinutes(tx, ctx.clock.now()));
}

/** Counts records just inserted (confirmed ones only) into their volunteers' hours, and re-levels them. */
export async function countNewHours(ctx: AppContext, tx: Tx, recordIds: readonly string[]): Promise<void> {
  await reassess(ctx, tx, await repo.addRecordMinutes(tx, recordIds, 1, ctx.clock.now()));
}

/** Around a change of records' status (approved, corrected): their minutes out before, back in after. */
export async function trackHours<T>(ctx: AppContext, tx: Tx, recordIds: readonly string[], change: () => Promise<T>): Promise<T> {
  const now = ctx.clock.now();
  const before = await repo.addRecordMinutes(tx, recordIds, -1, now);
  const out = await change();
  const after = await repo.addRecordMinutes(tx, recordIds, 1, now);
  await reassess(ctx, tx, [...new Set([...before, ...after])]);
  return out;
}

/**
 * Levels of some volunteers against their ladders: a lower level applies at once (and withdraws a
 * pending announcement), a higher one is announced. Statements only for the people whose level moves.
 */
export async function reassess(ctx: AppContext, tx: Tx, userIds: readonly string[]): Promise<void> {
  if (!userIds.length) return;
  const now = ctx.clock.now();
  const people = await repo.starsOf(tx, [...userIds].sort(), true);
  const codes = [...new Set(people.flatMap((p) => (p.regionPath ?? '').split('/').filter(Boolean)))];
  const ladders = await repo.laddersOfCodes(tx, codes);
  const pending = new Map((await repo.pendingAnnouncementsOf(tx, userIds)).map((a) => [a.userId, a]));
  const messages: NotificationMessage[] = [];
  for (const p of people) {
    const ladder = (p.regionPath ? pickEffectivePolicy(ladders, p.regionPath, now) : null) ?? DEFAULT_LADDER;
    const target = levelFor(p.minutes, ladder.thresholdsHours);
    const open = pending.get(p.userId);
    if (target > p.level && open?.level === target) continue;
    if (open) await repo.closeAnnouncement(tx, open.id, 'withdrawn', now);
    if (target < p.level) {
      await repo.setLevel(tx, p.userId, target, now);
      messages.push({ userId: p.userId, regionCode: p.regionCode, kind: 'star_lowered', title: `星级调整为${target}星`, body: `服务记录更正后，您的确认服务时长为 ${hoursOf(p.minutes)} 小时，星级调整为${target}星。如有异议，可在“我的记录”中提出。` });
    } else if (target > p.level) {
      const ends = noticeEnd(now, ladder.noticeWorkingDays);
      await repo.insertAnnouncement(tx, { id: newId(), cityCode: p.cityCode, userId: p.userId, regionCode: p.regionCode, level: target, minutes: p.minutes, announcedAt: now, noticeEndsAt: ends, status: 'pending' });
      messages.push({ userId: p.userId, regionCode: p.regionCode, kind: 'star_announced', title: `${target}星志愿者公示中`, body: `您的确认服务时长已达 ${hoursOf(p.minutes)} 小时，${target}星志愿者正在公示，公示期满后授予。` });
    }
  }
  await notifyMany(ctx, tx, messages);
}

/** Grants the announcements whose notice has ended (the sweeper; or one person's, on read). */
export async function grantDueStars(ctx: AppContext, opts: { userId?: string; limit?: number } = {}): Promise<number> {
  return withTx(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    const due = await repo.dueAnnouncements(tx, now, { ...(opts.userId ? { userId: opts.userId } : {}), limit: opts.limit ?? 200 });
    if (!due.length) return 0;
    await repo.starsOf(tx, [...new Set(due.map((a) => a.userId))].sort(), true);
    const messages: NotificationMessage[] = [];
    for (const a of due) {
      if (!(await repo.closeAnnouncement(tx, a.id, 'granted', now))) continue;
      await repo.setLevel(tx, a.userId, a.level, now);
      messages.push({ userId: a.userId, regionCode: a.regionCode, kind: 'star_granted', title: `授予${a.level}星志愿者`, body: `公示期满，您已获评${a.level}星志愿者。感谢您的奉献！` });
    }
    await notifyMany(ctx, tx, messages);
    return messages.length;
  });
}

export async function myStars(ctx: AppContext, actor: Actor): Promise<MyStars> {
  // a ladder that changed or came into force since the last change of hours
  await withTx(ctx.db, (tx) => reassess(ctx, tx, [actor.userId]));
  await grantDueStars(ctx, { userId: actor.userId });
  const now = ctx.clock.now();
  const row = await repo.findStars(ctx.db, actor.userId);
  const path = await requireRegionPath(ctx.db, actor.regionCode);
  const ladder = toLadderView(await effectiveLadder(ctx.db, path, now));
  const minutes = row?.minutes ?? 0;
  const level = row?.level ?? 0;
  const [open] = await repo.pendingAnnouncementsOf(ctx.db, [actor.userId]);
  const nextLevel = Math.max(level, open?.level ?? 0) + 1;
  const nextHours = ladder.thresholdsHours[nextLevel - 1];
  return {
    level,
    levelSince: row?.levelSince?.toISOString() ?? null,
    minutes,
    hours: hoursOf(minutes),
    ladder,
    next: nextHours === undefined ? null : { level: nextLevel, hours: nextHours, remainingHours: Math.max(0, Math.ceil((nextHours * 60 - minutes) / 6) / 10) },
    pending: open ? { level: open.level, announcedAt: open.announcedAt.toISOString(), noticeEndsAt: open.noticeEndsAt.toISOString() } : null,
  };
}

/** The public notice board (公示) of a region's subtree: names only with consent to public display. */
export async function starAnnouncements(ctx: AppContext, q: StarAnnouncementsQuery) {
  const path = (await pathsOf(ctx.db, [q.regionCode])).get(q.regionCode);
  if (!path) throw new AppError('NOT_FOUND', '未找到该地区 / No such region');
  const page = await repo.announcementsInSubtree(ctx.db, regionLevel(q.regionCode) === 1 ? null : cityCodeOf(q.regionCode), path, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    total: page.total,
    items: page.items.map(({ a, name, publicDisplay }) => ({
      id: a.id,
      name: publicPersonName(name, publicDisplay),
      regionCode: a.regionCode,
      level: a.level,
      hours: hoursOf(a.minutes),
      announcedAt: a.announcedAt.toISOString(),
      noticeEndsAt: a.noticeEndsAt.toISOString(),
    })),
  };
}
