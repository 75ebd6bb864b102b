import type { AppContext, Actor } from '../../context';
import { withTx } from '../../db/client';
import { chinaDate } from '../../lib/working-days';
import { recordAudit } from '../audit/index';
import { breakdown, overview, requireOffice, resolveRegion } from './stats.figures';
import { monthlyReportPdf, statsXlsx } from './stats.export';

/** The office's files: refused outside the staff member's region, audited when given. */

async function audited(ctx: AppContext, actor: Actor, region: { code: string }, action: string, details: Record<string, unknown>) {
  await withTx(ctx.db, (tx) => recordAudit(ctx, tx, actor, { action, objectType: 'stats', objectId: region.code, regionCode: region.code, before: null, after: details }));
}

export async function exportXlsx(ctx: AppContext, actor: Actor, q: { regionCode?: string | undefined; from?: string | undefined; to?: string | undefined }): Promise<Buffer> {
  const region = await resolveRegion(ctx.db, q.regionCode);
  requireOffice(actor, region);
  const scoped = { ...q, regionCode: region.code };
  const o = await overview(ctx, actor, scoped);
  const tables = [];
  for (const by of ['month', 'category', 'region'] as const) tables.push(await breakdown(ctx, { ...scoped, by }));
  const xlsx = await statsXlsx(o, tables);
  await audited(ctx, actor, region, 'stats.export', { from: q.from ?? null, to: q.to ?? null, format: 'xlsx' });
  return xlsx;
}

export async function monthlyReport(ctx: AppContext, actor: Actor, q: { regionCode?: string | undefined; month: string }): Promise<Buffer> {
  const region = await resolveRegion(ctx.db, q.regionCode);
  requireOffice(actor, region);
  const from = `${q.month}-01`;
  const end = new Date(`${from}T00:00:00Z`);
  end.setUTCMonth(end.getUTCMonth() + 1);
  end.setUTCDate(0);
  const scoped = { regionCode: region.code, from, to: end.toISOString().slice(0, 10) };
  const o = await overview(ctx, actor, scoped);
  const byCategory = await breakdown(ctx, { ...scoped, by: 'category' });
  const byRegion = await breakdown(ctx, { ...scoped, by: 'region' });
  const pdf = await monthlyReportPdf(q.month, o, byCategory, byRegion, chinaDate(ctx.clock.now()));
  await audited(ctx, actor, region, 'stats.report', { month: q.month, format: 'pdf' });
  return pdf;
}
