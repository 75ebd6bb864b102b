import type { Actor, AppContext } from '../../context';
import { AppError } from '../../lib/app-error';
import { chinaDate } from '../../lib/working-days';
import type { MonthlyReport } from '@shared/schemas/posts';
import { expectedDays, monthBounds } from './month-days';
import { scopePosts } from './checks.service';
import * as repo from './posts.repository';

/**
 * The monthly report per worker (the payroll's rows), per post and per town: days expected and
 * present, the days the supervisor confirmed, flags open and closed. A region (its admins) or
 * one post (its staff too).
 */
export async function monthlyReport(ctx: AppContext, actor: Actor, q: { month: string; regionCode?: string | undefined; postId?: string | undefined }): Promise<MonthlyReport> {
  if (!q.postId && !q.regionCode) throw new AppError('VALIDATION_FAILED', undefined, { fields: { regionCode: '请选择地区或岗位 / Name a region or a post' } });
  const posts = await scopePosts(ctx, actor, q);
  const ids = posts.map((p) => p.id);
  const { from, to } = monthBounds(q.month);
  const today = chinaDate(ctx.clock.now());
  const [placements, attendance, closures, confirmations, flags] = await Promise.all([
    repo.placementsActiveIn(ctx.db, ids, from, to),
    repo.attendanceOfPosts(ctx.db, ids, from, to),
    repo.closuresOf(ctx.db, ids, from, to),
    repo.confirmationsOf(ctx.db, ids, q.month),
    repo.flagCounts(ctx.db, ids, q.month),
  ]);
  const postById = new Map(posts.map((p) => [p.id, p]));
  const presentBy = new Map<string, number>();
  for (const a of attendance) presentBy.set(a.placementId, (presentBy.get(a.placementId) ?? 0) + 1);
  const confBy = new Map(confirmations.map((c) => [c.postId, c]));
  const flagBy = (postId: string, placementId: string | null) => {
    let open = 0;
    let closed = 0;
    for (const f of flags) if (f.postId === postId && (placementId === null || f.placementId === placementId)) {
      open += Number(f.open);
      closed += Number(f.closed);
    }
    return { open, closed };
  };
  const rows = placements.map((p) => {
    const post = postById.get(p.pl.postId)!;
    const closed = new Set(closures.filter((c) => c.postId === post.id).map((c) => c.day));
    const f = flagBy(post.id, p.pl.id);
    const conf = confBy.get(post.id);
    return {
      placementId: p.pl.id,
      postId: post.id,
      postTitle: post.title,
      townCode: post.townCode,
      townName: post.townName,
      workerName: p.workerName,
      idNumberMasked: p.idNumberMasked,
      daysExpected: expectedDays(q.month, { startedOn: p.pl.startedOn, endedOn: p.pl.endedOn, today, closed }).length,
      daysPresent: presentBy.get(p.pl.id) ?? 0,
      daysConfirmed: conf ? (conf.days[p.pl.id] ?? 0) : null,
      payMinFen: post.payMinFen,
      payMaxFen: post.payMaxFen,
      flagsOpen: f.open,
      flagsClosed: f.closed,
    };
  });
  const postRows = posts.map((post) => {
    const mine = rows.filter((r) => r.postId === post.id);
    const f = flagBy(post.id, null);
    return { postId: post.id, postTitle: post.title, townName: post.townName, workers: mine.length, confirmed: confBy.has(post.id), daysPresent: mine.reduce((s, r) => s + r.daysPresent, 0), flagsOpen: f.open, flagsClosed: f.closed };
  });
  const towns = new Map<string, MonthlyReport['towns'][number]>();
  for (const post of posts) {
    const pr = postRows.find((r) => r.postId === post.id)!;
    const t = towns.get(post.townCode) ?? { townCode: post.townCode, townName: post.townName, posts: 0, workers: 0, daysPresent: 0, flagsOpen: 0, flagsClosed: 0 };
    t.posts += 1;
    t.workers += pr.workers;
    t.daysPresent += pr.daysPresent;
    t.flagsOpen += pr.flagsOpen;
    t.flagsClosed += pr.flagsClosed;
    towns.set(post.townCode, t);
  }
  const townRows = [...towns.values()];
  return {
    month: q.month,
    rows,
    posts: postRows,
    towns: townRows,
    totals: {
      posts: posts.length,
      workers: rows.length,
      daysPresent: townRows.reduce((s, t) => s + t.daysPresent, 0),
      flagsOpen: townRows.reduce((s, t) => s + t.flagsOpen, 0),
      flagsClosed: townRows.reduce((s, t) => s + t.flagsClosed, 0),
    },
  };
}
