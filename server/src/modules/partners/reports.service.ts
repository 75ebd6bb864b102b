import type { Actor, AppContext } from '../../context';
import { AppError } from '../../lib/app-error';
import { offsetOf } from '../../lib/pagination';
import { chinaDate } from '../../lib/working-days';
import { maskName } from '@shared/lib/person-name';
import type { BenefitUse, UseReportQuery, UsesQuery } from '@shared/schemas/partners';
import { authorize, regionScopes, regionTarget } from '../access/index';
import { PARTNER_MANAGE } from './partners.policy';
import { partnerFor } from './partners.service';
import * as repo from './partners.repository';

/** Uses of benefits: a partner's list, and the report by partner, benefit and month (with its Excel file). */

/** A partner's uses of one month (this one unless asked), newest first: its staff, or the admins of its region. Names masked. */
export async function partnerUses(ctx: AppContext, actor: Actor, partnerId: string, q: UsesQuery) {
  const p = await partnerFor(ctx.db, actor, partnerId, true);
  const { limit, offset } = offsetOf(q);
  const page = await repo.usesOf(ctx.db, partnerId, q.month ?? chinaDate(ctx.clock.now()).slice(0, 7), limit, offset);
  const items: BenefitUse[] = page.items.map((r) => ({
    id: r.u.id,
    partnerId,
    partnerName: p.name,
    benefitId: r.u.benefitId,
    benefitTitle: r.title,
    volunteerName: maskName(r.volunteerName),
    starLevel: r.u.starLevel,
    staffName: r.staffName,
    usedAt: r.u.usedAt.toISOString(),
  }));
  return { total: page.total, items };
}

function monthsBack(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * Uses by partner, benefit and month. A staff member names their partner (`partnerId`); a region
 * admin sees the partners of their regions (or of `regionCode`, or one partner). Twelve months to
 * `to` (this month) unless `from` says otherwise.
 */
export async function usesReport(ctx: AppContext, actor: Actor, q: UseReportQuery) {
  const to = q.to ?? chinaDate(ctx.clock.now()).slice(0, 7);
  const from = q.from ?? monthsBack(to, 11);
  if (from > to) throw new AppError('VALIDATION_FAILED', undefined, { fields: { from: '开始月份不能晚于结束月份 / from must not be after to' } });
  let ids: string[];
  if (q.partnerId) {
    ids = [(await partnerFor(ctx.db, actor, q.partnerId, true)).id];
  } else if (q.regionCode) {
    const t = await regionTarget(ctx.db, q.regionCode);
    authorize(actor, PARTNER_MANAGE, t);
    ids = await repo.partnerIdsIn(ctx.db, [t.regionPath]);
  } else {
    const paths = regionScopes(actor, ['region_admin']);
    if (!paths.length) throw new AppError('FORBIDDEN', '请选择您所在的合作单位 / Name your partner (partnerId) to see its report');
    ids = await repo.partnerIdsIn(ctx.db, paths);
  }
  const rows = await repo.usesReport(ctx.db, ids, from, to);
  return { from, to, rows, totalUses: rows.reduce((s, r) => s + r.uses, 0) };
}
