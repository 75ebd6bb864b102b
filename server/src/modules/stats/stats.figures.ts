import type { AppContext, Actor } from '../../context';
import type { DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { addWorkingDays, chinaDate } from '../../lib/working-days';
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS } from '@shared/constants';
import type { StatsBreakdown, StatsOverview } from '@shared/schemas/stats';
import { authorize, can } from '../access/index';
import { regionOrCity } from '../regions/index';
import { STATS_OFFICE } from './stats.policy';
import * as reads from './stats.reads';
import type { Metric } from './stats.sources';

/** The published figures of a region's subtree for a period, and the office's work in hand for staff. */

export const SETTLE_WORKING_DAYS = 10;

export interface Region {
  code: string;
  name: string;
  path: string;
}

/** The region asked for, or the city: the root, or its only child while there is just one. */
export async function resolveRegion(db: DbOrTx, regionCode: string | undefined): Promise<Region> {
  const r = await regionOrCity(db, regionCode);
  if (!r) throw notFound('地区 region');
  return r;
}

/** Staff of the region: refused with the reason otherwise. */
export function requireOffice(actor: Actor, region: Region): void {
  authorize(actor, STATS_OFFICE, { regionPath: region.path });
}

const OVERVIEW_METRICS: readonly Metric[] = ['volunteers', 'organizations', 'teams', 'stations', 'activities', 'serviceMinutes', 'participations', 'beneficiaries', 'wishesFulfilled', 'pointsRedeemed'];
const BREAKDOWN_METRICS: readonly Metric[] = ['volunteers', 'activities', 'serviceMinutes', 'participations', 'beneficiaries'];

const hours = (minutes: number) => Math.round(minutes / 6) / 10;

/** The instant before which an unsettled activity's end makes it late today (10 working days, art. 11). */
export function lateBefore(now: Date): Date {
  const today = chinaDate(now);
  // the latest end date whose deadline is already past: walk back from today
  let d = new Date(`${today}T00:00:00Z`);
  while (addWorkingDays(new Date(d.getTime() - 8 * 3600_000), SETTLE_WORKING_DAYS) >= today) d = new Date(d.getTime() - 86_400_000);
  // ends on that China date or earlier: before the next China midnight
  return new Date(d.getTime() + 86_400_000 - 8 * 3600_000);
}

export async function overview(ctx: AppContext, actor: Actor | null, q: { regionCode?: string | undefined; from?: string | undefined; to?: string | undefined }): Promise<StatsOverview> {
  const region = await resolveRegion(ctx.readDb, q.regionCode);
  const span = { from: q.from ?? null, to: q.to ?? null };
  const t = await reads.totals(ctx.readDb, region.code, OVERVIEW_METRICS, span);
  const out: StatsOverview = {
    regionCode: region.code,
    regionName: region.name,
    from: span.from,
    to: span.to,
    volunteers: t.volunteers!,
    organizations: t.organizations!,
    teams: t.teams!,
    stations: t.stations!,
    activities: t.activities!,
    serviceHours: hours(t.serviceMinutes!),
    participations: t.participations!,
    beneficiaries: t.beneficiaries!,
    wishesFulfilled: t.wishesFulfilled!,
    pointsRedeemed: t.pointsRedeemed!,
  };
  if (actor && can(actor, STATS_OFFICE, { regionPath: region.path })) out.work = await reads.workInHand(ctx.readDb, region.path, lateBefore(ctx.clock.now()));
  return out;
}

function monthsOf(span: reads.Span, seen: Iterable<string>): string[] {
  // a period's months, in order; open-ended: the months that have figures
  if (!span.from || !span.to) return [...seen].sort();
  const out: string[] = [];
  for (let m = span.from.slice(0, 7); m <= span.to.slice(0, 7); ) {
    out.push(m);
    const d = new Date(`${m}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + 1);
    m = d.toISOString().slice(0, 7);
    if (out.length > 1200) throw new AppError('VALIDATION_FAILED', '时间跨度过长 / The period is too long', { fields: { from: '至多100年 / At most 100 years' } });
  }
  return out;
}

export async function breakdown(ctx: AppContext, q: { regionCode?: string | undefined; from?: string | undefined; to?: string | undefined; by: 'month' | 'category' | 'region' }): Promise<StatsBreakdown> {
  const region = await resolveRegion(ctx.readDb, q.regionCode);
  const span = { from: q.from ?? null, to: q.to ?? null };
  const row = (key: string, label: string, f: Record<string, number>) => ({
    key,
    label,
    volunteers: f.volunteers ?? 0,
    activities: f.activities ?? 0,
    serviceHours: hours(f.serviceMinutes ?? 0),
    participations: f.participations ?? 0,
    beneficiaries: f.beneficiaries ?? 0,
  });
  if (q.by === 'region') {
    const kids = await reads.byChildRegion(ctx.readDb, region.code, BREAKDOWN_METRICS, span);
    return { by: q.by, rows: kids.map((k) => row(k.code, k.name, k.figures)) };
  }
  const figures = await reads.grouped(ctx.readDb, q.by, region.code, BREAKDOWN_METRICS, span);
  const keys =
    q.by === 'month'
      ? monthsOf(span, figures.keys()).map((m) => ({ key: m, label: `${m.slice(0, 4)}年${Number(m.slice(5))}月` }))
      : SERVICE_CATEGORIES.map((c) => ({ key: c, label: SERVICE_CATEGORY_LABELS[c].zh }));
  const rows = keys.map(({ key, label }) => row(key, label, figures.get(key) ?? {}));
  return { by: q.by, rows };
}
