import type { Actor, AppContext } from '../../context';
import { withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { chinaDate } from '../../lib/working-days';
import { maskName } from '@shared/lib/person-name';
import type { PageQuery } from '@shared/schemas/common';
import type { Flag, FlagKind } from '@shared/schemas/posts';
import { assertNotSelfBenefit, authorize, regionScopes, regionTarget } from '../access/index';
import { recordAudit } from '../audit/index';
import { expectedDays, monthBounds } from './month-days';
import { WELFARE_POST_MANAGE } from './posts.policy';
import { loadPost, postForStaff, postTarget } from './posts.service';
import * as repo from './posts.repository';

/**
 * The checks against paying for nobody (虚报冒领、吃空饷). Each finding is a flag with its evidence
 * for a person to review (confirmed or dismissed with a note), never a cut by itself:
 * days without attendance, attendance outside the fence (or without a position), two workers
 * checking in from one device on one day, one person placed twice at once, a placed person on an
 * imported list of the deceased or moved away, attendance on a day the post was closed.
 * Computed on demand for a month, by indexed queries over the scope's posts; computing again
 * refreshes the evidence of open flags and leaves reviewed ones as decided.
 */

/** The posts of a scope: one post (its staff), a region (its admins). */
export async function scopePosts(ctx: AppContext, actor: Actor, q: { postId?: string | undefined; regionCode?: string | undefined }): Promise<repo.PostWithRegion[]> {
  if (q.postId) return [await postForStaff(ctx.db, actor, q.postId, true)];
  if (q.regionCode) {
    const t = await regionTarget(ctx.db, q.regionCode);
    authorize(actor, WELFARE_POST_MANAGE, t);
    return repo.postsIn(ctx.db, t.regionPath);
  }
  const scope = { paths: regionScopes(actor, ['region_admin']), orgIds: actor.grants.filter((g) => g.role === 'org_admin' && g.orgId).map((g) => g.orgId!) };
  if (!scope.paths.length && !scope.orgIds.length) throw new AppError('FORBIDDEN', '只有地区管理员或岗位管理单位可以查看 / Only region admins and supervising units may see this');
  return (await repo.listPosts(ctx.db, scope, undefined, 5000, 0)).items;
}

interface Finding {
  postId: string;
  placementId: string | null;
  userId: string | null;
  kind: FlagKind;
  day: string | null;
  key: string;
  evidence: Record<string, unknown>;
}

/** Every finding of the month for the posts (pure reading; nothing written). */
async function findings(ctx: AppContext, posts: repo.PostWithRegion[], month: string): Promise<Finding[]> {
  const ids = posts.map((p) => p.id);
  const byId = new Map(posts.map((p) => [p.id, p]));
  const { from, to } = monthBounds(month);
  const today = chinaDate(ctx.clock.now());
  const out: Finding[] = [];
  const [placements, attendance, closures] = await Promise.all([repo.placementsActiveIn(ctx.db, ids, from, to), repo.attendanceOfPosts(ctx.db, ids, from, to), repo.closuresOf(ctx.db, ids, from, to)]);

  // days without attendance: the days before today (today is not over yet)
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  for (const p of placements) {
    const closed = new Set(closures.filter((c) => c.postId === p.pl.postId).map((c) => c.day));
    const expected = expectedDays(month, { startedOn: p.pl.startedOn, endedOn: p.pl.endedOn, today: yesterday, closed });
    const present = new Set(attendance.filter((a) => a.placementId === p.pl.id).map((a) => a.day));
    const missing = expected.filter((d) => !present.has(d));
    if (missing.length) out.push({ postId: p.pl.postId, placementId: p.pl.id, userId: p.pl.userId, kind: 'absent_days', day: null, key: `absent:${p.pl.id}:${month}`, evidence: { expectedDays: expected.length, presentDays: present.size, missingDays: missing } });
  }
  // outside the fence, or no position given
  for (const a of attendance) {
    if (!a.outsideFence && !(a.noLocation && a.source === 'phone')) continue;
    const post = byId.get(a.postId)!;
    out.push({ postId: a.postId, placementId: a.placementId, userId: a.userId, kind: 'outside_fence', day: a.day, key: `att:${a.id}`, evidence: { attendanceId: a.id, distanceMeters: a.distanceMeters, radiusMeters: post.geofenceMeters, noLocation: a.noLocation, checkinAt: a.checkinAt.toISOString() } });
  }
  // two workers from one device on one day (across the city's posts)
  if (posts.length) {
    const shared = await repo.sharedDevices(ctx.db, posts[0]!.cityCode, from, to);
    for (const s of shared) {
      if (!byId.has(s.postId)) continue;
      const others = shared.filter((o) => o.day === s.day && o.deviceId === s.deviceId && o.userId !== s.userId);
      out.push({ postId: s.postId, placementId: s.placementId, userId: s.userId, kind: 'shared_device', day: s.day, key: `device:${s.id}`, evidence: { attendanceId: s.id, device: s.deviceId.slice(0, 8), others: others.map((o) => ({ name: maskName(o.name), postTitle: o.title, placementId: o.placementId })) } });
    }
  }
  // one person placed twice at once
  for (const r of await repo.overlappingPlacements(ctx.db, ids, from, to)) {
    out.push({ postId: r.aPost, placementId: r.a, userId: r.userId, kind: 'placed_twice', day: null, key: `twice:${r.a}:${r.b}`, evidence: { otherPlacementId: r.b, otherPostTitle: r.bTitle, period: [r.aStart, r.aEnd], otherPeriod: [r.bStart, r.bEnd] } });
  }
  // on an imported list of the deceased or moved away
  for (const r of await repo.listedPlacements(ctx.db, ids, from, to)) {
    out.push({ postId: r.postId, placementId: r.placementId, userId: r.userId, kind: r.status === 'deceased' ? 'listed_deceased' : 'listed_moved', day: r.statusDate >= from ? r.statusDate : null, key: `list:${r.entryId}:${r.placementId}:${month}`, evidence: { source: r.source, statusDate: r.statusDate, attendanceDaysAfter: r.daysAfter } });
  }
  // attendance on a closed day
  for (const r of await repo.attendanceOnClosedDays(ctx.db, ids, from, to)) {
    out.push({ postId: r.postId, placementId: r.placementId, userId: r.userId, kind: 'closed_day_attendance', day: r.day, key: `att:${r.id}`, evidence: { attendanceId: r.id, closedReason: r.reason, source: r.source } });
  }
  return out;
}

export async function computeFlags(ctx: AppContext, actor: Actor, body: { month: string; regionCode?: string | undefined; postId?: string | undefined }) {
  if (!body.postId && !body.regionCode) throw new AppError('VALIDATION_FAILED', undefined, { fields: { regionCode: '请选择地区或岗位 / Name a region or a post' } });
  const posts = await scopePosts(ctx, actor, body);
  const found = await findings(ctx, posts, body.month);
  const byKind: Record<string, number> = {};
  let created = 0;
  let resolved = 0;
  await withTx(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    // an open flag whose finding is gone (the days were recorded after all, the closure was lifted)
    // is closed with a note saying so, never silently removed: the history stays for the review
    const keys = new Set(found.map((f) => `${f.postId}|${f.kind}|${f.key}`));
    const open = await repo.openFlagsOf(tx, posts.map((p) => p.id), body.month);
    for (const f of open) {
      if (keys.has(`${f.postId}|${f.kind}|${f.key}`)) continue;
      if (await repo.reviewFlag(tx, f.id, { status: 'dismissed', reviewNote: '复核时已不再成立（系统） / No longer found when the checks ran again (system)', reviewedBy: null, reviewedAt: now })) resolved += 1;
    }
    for (const f of found) {
      const post = posts.find((p) => p.id === f.postId)!;
      const isNew = await repo.upsertFlag(tx, { id: newId(), cityCode: post.cityCode, postId: f.postId, placementId: f.placementId, userId: f.userId, kind: f.kind, month: body.month, day: f.day, key: f.key, evidence: f.evidence, status: 'open', createdAt: now });
      if (isNew) {
        created += 1;
        byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
      }
    }
    await recordAudit(ctx, tx, actor, { action: 'welfare_flags.compute', objectType: 'welfare_flags', objectId: body.postId ?? null, regionCode: body.regionCode ?? posts[0]?.regionCode ?? actor.regionCode, before: null, after: { month: body.month, posts: posts.length, found: found.length, created, resolved, byKind } });
  });
  return { month: body.month, posts: posts.length, created, resolved, byKind };
}

function toFlag(r: { f: repo.FlagRow; postTitle: string; workerName: string | null }): Flag {
  return {
    id: r.f.id,
    postId: r.f.postId,
    postTitle: r.postTitle,
    placementId: r.f.placementId,
    workerName: r.workerName,
    kind: r.f.kind as FlagKind,
    month: r.f.month,
    day: r.f.day,
    evidence: r.f.evidence,
    status: r.f.status as Flag['status'],
    reviewNote: r.f.reviewNote,
    reviewedAt: r.f.reviewedAt?.toISOString() ?? null,
    createdAt: r.f.createdAt.toISOString(),
  };
}

export async function listFlags(ctx: AppContext, actor: Actor, q: PageQuery & { month?: string | undefined; status?: string | undefined; kind?: string | undefined; postId?: string | undefined; regionCode?: string | undefined }) {
  const posts = await scopePosts(ctx, actor, q);
  const { limit, offset } = offsetOf(q);
  const page = await repo.listFlags(ctx.db, posts.map((p) => p.id), q, limit, offset);
  return { total: page.total, items: page.items.map(toFlag) };
}

/** A region admin reviews a flag: confirmed (the payroll office acts on it) or dismissed, with a note. Not a flag about themselves. */
export async function reviewFlag(ctx: AppContext, actor: Actor, id: string, body: { decision: 'confirmed' | 'dismissed'; note: string }): Promise<Flag> {
  return withTx(ctx.db, async (tx) => {
    const f = await repo.findFlag(tx, id);
    if (!f) throw notFound('核查提示 flag');
    const post = await loadPost(tx, f.postId);
    authorize(actor, WELFARE_POST_MANAGE, postTarget(post));
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [f.userId], orgIds: [post.supervisorOrgId], reason: '不能审核关于本人或本人所在管理单位岗位的核查提示 / You cannot review a flag about yourself or about a post your own unit supervises' });
    const after = await repo.reviewFlag(tx, id, { status: body.decision, reviewNote: body.note, reviewedBy: actor.userId, reviewedAt: ctx.clock.now() });
    if (!after) throw new AppError('INVALID_STATE', '该提示已审核 / This flag was already reviewed', { status: f.status });
    await recordAudit(ctx, tx, actor, { action: 'welfare_flag.review', objectType: 'welfare_flag', objectId: id, regionCode: post.regionCode, before: { status: f.status }, after: { status: body.decision, note: body.note } });
    return toFlag((await repo.flagView(tx, id))!);
  });
}
