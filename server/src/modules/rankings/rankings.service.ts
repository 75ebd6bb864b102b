import type { Actor, AppContext } from '../../context';
import { withTx, type Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { chinaDate } from '../../lib/working-days';
import { cityCodeOf, regionLevel } from '@shared/lib/region-code';
import { maskName } from '@shared/lib/person-name';
import type { MyRanking, MyRankingQuery, RankingMetric, Rankings, RankingsQuery } from '@shared/schemas/rankings';
import { findOrgView } from '../orgs/index';
import { resolveRegion } from '../stats/index';
import * as repo from './rankings.repository';

/**
 * Rankings (排行榜) read from ranking_totals, kept by the transactions that change records:
 * `countNewRankings` after inserting records (or once a new record is final), `trackRankings`
 * around a change to existing ones (their rows out before, back in after). A record counts under
 * its own region — the activity's, or the served address's for a residents' request — and every
 * region above it in the city, and under its recording organisation; in the year and the month of
 * its service date. Hours, points (the record's credited points) and participations (人次).
 */

export async function countNewRankings(tx: Tx, recordIds: readonly string[]): Promise<void> {
  await repo.addRecords(tx, recordIds, 1);
}

/**
 * A change of the records' points alone (the caller holds the records' row locks, so `before` is
 * what the rankings counted): one upsert of the differences instead of taking them all out and
 * back in.
 */
export async function trackPointsChange(tx: Tx, before: ReadonlyArray<{ id: string; points: number }>, after: ReadonlyArray<{ id: string; points: number }>): Promise<void> {
  const now = new Map(after.map((r) => [r.id, r.points]));
  await repo.addPointsDeltas(tx, before.map((r) => ({ id: r.id, delta: (now.get(r.id) ?? r.points) - r.points })));
}

export async function trackRankings<T>(tx: Tx, recordIds: readonly string[], change: () => Promise<T>): Promise<T> {
  await repo.addRecords(tx, recordIds, -1);
  const out = await change();
  await repo.addRecords(tx, recordIds, 1);
  return out;
}

/**
 * Recomputes every ranking row from the records (an existing database, after a bulk load): one
 * transaction, a year at a time, the metric indexes built again at the end. Reads of the rankings
 * wait for it.
 */
export async function rebuildRankings(ctx: AppContext): Promise<number> {
  return withTx(ctx.db, async (tx) => {
    if (ctx.engine === 'postgres') await repo.roomForRebuild(tx);
    const indexes = await repo.emptyForRebuild(tx);
    let rows = 0;
    for (const year of await repo.recordYears(tx)) rows += await repo.rebuildYear(tx, year);
    await repo.restoreIndexes(tx, indexes);
    return rows;
  });
}

const METRIC_COLUMN: Record<RankingMetric, repo.Metric> = { hours: 'minutes', points: 'points', participations: 'participations' };
const hoursOf = (minutes: number) => Math.round(minutes / 6) / 10;

interface Period {
  period: 'year' | 'month';
  year: number;
  month: number | null;
  key: string;
}

function periodOf(ctx: AppContext, q: { period: 'year' | 'month'; year?: number | undefined; month?: number | undefined }): Period {
  const today = chinaDate(ctx.clock.now());
  const year = q.year ?? Number(today.slice(0, 4));
  if (q.period === 'year') return { period: 'year', year, month: null, key: `Y${year}` };
  const month = q.month ?? Number(today.slice(5, 7));
  return { period: 'month', year, month, key: `M${year}-${String(month).padStart(2, '0')}` };
}

const refuse = (fields: Record<string, string>) => new AppError('VALIDATION_FAILED', undefined, { fields });

type ScopeView = Rankings['scope'];

/** The scope asked for: an active organisation, or a region of the city or below (default: the city). */
async function scopeOf(ctx: AppContext, q: { regionCode?: string | undefined; orgId?: string | undefined }): Promise<{ view: ScopeView; cityCode: string; kind: 'r' | 'o'; key: string }> {
  if (q.regionCode && q.orgId) throw refuse({ orgId: '地区和组织只能选一个 / Give a region or an organisation, not both' });
  if (q.orgId) {
    const org = await findOrgView(ctx.readDb, q.orgId);
    if (!org || org.status !== 'active') throw notFound('组织 organisation');
    return { view: { kind: 'org', regionCode: null, orgId: org.id, name: org.name }, cityCode: cityCodeOf(org.regionCode), kind: 'o', key: org.id };
  }
  const region = await resolveRegion(ctx.readDb, q.regionCode);
  if (regionLevel(region.code) < 2) throw refuse({ regionCode: '排行榜按城市及以下地区统计 / Rankings are kept for a city and the regions below it' });
  return { view: { kind: 'region', regionCode: region.code, orgId: null, name: region.name }, cityCode: cityCodeOf(region.code), kind: 'r', key: region.code };
}

/** A ranking (public: published figures only; volunteers named only with their consent). */
export async function rankings(ctx: AppContext, q: RankingsQuery): Promise<Rankings> {
  if (q.kind === 'teams' && q.orgId) throw refuse({ kind: '团队排行按地区 / Teams are ranked within a region' });
  const scope = await scopeOf(ctx, q);
  const p = periodOf(ctx, q);
  const metric = METRIC_COLUMN[q.metric];
  const s: repo.Scope = { cityCode: scope.cityCode, period: p.key, scopeKind: scope.kind, scopeKey: scope.key, subjectKind: q.kind === 'teams' ? 't' : 'v' };
  const rows =
    q.kind === 'teams'
      ? (await repo.topTeams(ctx.readDb, s, metric, q.limit)).map((r) => ({ ...r, name: r.name, masked: false, orgId: r.subjectId }))
      : (await repo.topVolunteers(ctx.readDb, s, metric, q.limit)).map((r) => ({ ...r, name: r.publicDisplay ? r.name : maskName(r.name), masked: !r.publicDisplay, orgId: null }));
  // equal figures share a rank: 1 + how many are ahead
  let rank = 0;
  const items = rows.map((r, i) => {
    if (i === 0 || r[metric] !== rows[i - 1]![metric]) rank = i + 1;
    return { rank, name: r.name, masked: r.masked, orgId: r.orgId, hours: hoursOf(r.minutes), points: r.points, participations: r.participations };
  });
  return { scope: scope.view, period: p.period, year: p.year, month: p.month, metric: q.metric, kind: q.kind, items };
}

/** Places are counted exactly down to this; further down a volunteer reads "beyond the 10,000th". */
export const PLACE_COUNTED_TO = 10_000;

/** My place in a ranking (default: my city), from the same rows: my row, and one count of those ahead on the index (capped). */
export async function myRanking(ctx: AppContext, actor: Actor, q: MyRankingQuery): Promise<MyRanking> {
  const scope = await scopeOf(ctx, { regionCode: q.regionCode ?? (q.orgId ? undefined : `${cityCodeOf(actor.regionCode)}00`), orgId: q.orgId });
  const p = periodOf(ctx, q);
  const metric = METRIC_COLUMN[q.metric];
  const s: repo.Scope = { cityCode: scope.cityCode, period: p.key, scopeKind: scope.kind, scopeKey: scope.key, subjectKind: 'v' };
  const mine = await repo.totalsOf(ctx.readDb, s, actor.userId);
  const value = mine?.[metric] ?? 0;
  const ahead = value > 0 ? await repo.countAhead(ctx.readDb, s, metric, value, PLACE_COUNTED_TO) : null;
  const beyond = ahead !== null && ahead > PLACE_COUNTED_TO;
  return {
    scope: scope.view,
    period: p.period,
    year: p.year,
    month: p.month,
    metric: q.metric,
    rank: ahead === null ? null : beyond ? PLACE_COUNTED_TO + 1 : ahead + 1,
    ...(beyond ? { rankBeyond: PLACE_COUNTED_TO } : {}),
    hours: hoursOf(mine?.minutes ?? 0),
    points: mine?.points ?? 0,
    participations: mine?.participations ?? 0,
  };
}
