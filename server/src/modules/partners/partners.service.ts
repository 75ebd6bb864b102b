import type { Actor, AppContext } from '../../context';
import { withTx, type DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { cityCodeOf } from '@shared/lib/region-code';
import { maskPhone } from '@shared/lib/phone';
import type { Benefit, BenefitBody, BenefitPatchBody, Partner, PartnerBody, PartnerListQuery, PartnerPatchBody, PartnerSector } from '@shared/schemas/partners';
import { authorize, can, regionScopes, regionTarget } from '../access/index';
import { recordAudit } from '../audit/index';
import { PARTNER_MANAGE } from './partners.policy';
import * as repo from './partners.repository';

/**
 * The partner registry (激励合作单位): a region admin registers partners in their regions, their
 * staff accounts and the benefits they grant by star level. Every change audited.
 */

const target = (p: repo.PartnerWithRegion) => ({ regionPath: p.regionPath });

/** The partner, for a region admin over it or (with `staffToo`) one of its staff; otherwise not found or refused. */
export async function partnerFor(db: DbOrTx, actor: Actor, id: string, staffToo: boolean): Promise<repo.PartnerWithRegion> {
  const p = await repo.findPartner(db, id);
  if (!p) throw notFound('合作单位 partner');
  if (can(actor, PARTNER_MANAGE, target(p))) return p;
  if (staffToo && (await repo.isStaff(db, p.id, actor.userId))) return p;
  throw new AppError('FORBIDDEN', '只有该单位的工作人员或所在地区的管理员可以操作 / Only this partner’s staff or its region’s admins may do this', { permission: PARTNER_MANAGE.name });
}

export function toBenefit(b: repo.BenefitRow, p: Pick<repo.PartnerRow, 'name' | 'sector'>): Benefit {
  return {
    id: b.id,
    partnerId: b.partnerId,
    partnerName: p.name,
    sector: p.sector as PartnerSector,
    title: b.title,
    description: b.description,
    minStars: b.minStars,
    limitPeriod: b.limitPeriod as Benefit['limitPeriod'],
    limitCount: b.limitCount,
    validFrom: b.validFrom,
    validTo: b.validTo,
    status: b.status as Benefit['status'],
  };
}

async function views(db: DbOrTx, list: repo.PartnerWithRegion[]): Promise<Partner[]> {
  const ids = list.map((p) => p.id);
  const staff = await repo.staffOf(db, ids);
  const counts = await repo.benefitCounts(db, ids);
  return list.map((p) => ({
    id: p.id,
    name: p.name,
    sector: p.sector as PartnerSector,
    regionCode: p.regionCode,
    regionName: p.regionName,
    contact: p.contact,
    status: p.status as Partner['status'],
    staff: staff.filter((s) => s.partnerId === p.id).map((s) => ({ userId: s.userId, name: s.name, phoneMasked: maskPhone(s.phone), addedAt: s.createdAt.toISOString() })),
    benefitCount: counts.get(p.id) ?? 0,
    createdAt: p.createdAt.toISOString(),
  }));
}

async function view(db: DbOrTx, id: string): Promise<Partner> {
  const p = await repo.findPartner(db, id);
  if (!p) throw notFound('合作单位 partner');
  return (await views(db, [p]))[0]!;
}

export async function createPartner(ctx: AppContext, actor: Actor, body: PartnerBody): Promise<Partner> {
  return withTx(ctx.db, async (tx) => {
    const t = await regionTarget(tx, body.regionCode);
    authorize(actor, PARTNER_MANAGE, t);
    const now = ctx.clock.now();
    const row = { id: newId(), cityCode: cityCodeOf(body.regionCode), regionCode: body.regionCode, name: body.name, sector: body.sector, contact: body.contact ?? null, status: 'active', createdBy: actor.userId, createdAt: now, updatedAt: now };
    await repo.insertPartner(tx, row);
    await recordAudit(ctx, tx, actor, { action: 'partner.create', objectType: 'partner', objectId: row.id, regionCode: body.regionCode, before: null, after: row });
    return view(tx, row.id);
  });
}

export async function updatePartner(ctx: AppContext, actor: Actor, id: string, body: PartnerPatchBody): Promise<Partner> {
  return withTx(ctx.db, async (tx) => {
    const p = await partnerFor(tx, actor, id, false);
    const set = { ...body, updatedAt: ctx.clock.now() };
    await repo.updatePartner(tx, id, set);
    await recordAudit(ctx, tx, actor, { action: 'partner.update', objectType: 'partner', objectId: id, regionCode: p.regionCode, before: p, after: { ...p, ...set } });
    return view(tx, id);
  });
}

export async function getPartner(ctx: AppContext, actor: Actor, id: string): Promise<Partner> {
  await partnerFor(ctx.db, actor, id, true);
  return view(ctx.db, id);
}

/** A region admin's partners: their subtrees, or one region inside them. */
export async function listPartners(ctx: AppContext, actor: Actor, q: PartnerListQuery) {
  let paths = regionScopes(actor, ['region_admin']);
  if (!paths.length) throw new AppError('FORBIDDEN', '只有地区管理员可以查看合作单位 / Only region admins list partners');
  if (q.regionCode) {
    const t = await regionTarget(ctx.db, q.regionCode);
    authorize(actor, PARTNER_MANAGE, t);
    paths = [t.regionPath];
  }
  const { limit, offset } = offsetOf(q);
  const page = await repo.listPartners(ctx.db, paths, limit, offset);
  return { total: page.total, items: await views(ctx.db, page.items) };
}

/** The partners a person works for: the verify page's choice. */
export async function myPartners(ctx: AppContext, actor: Actor) {
  const list = await repo.partnersOfStaff(ctx.db, actor.userId);
  return { items: list.map((p) => ({ id: p.id, name: p.name, sector: p.sector as PartnerSector, regionName: p.regionName })) };
}

export async function addStaff(ctx: AppContext, actor: Actor, id: string, userId: string): Promise<Partner> {
  return withTx(ctx.db, async (tx) => {
    const p = await partnerFor(tx, actor, id, false);
    if (!(await repo.findUser(tx, userId))) throw notFound('用户 user');
    if (!(await repo.addStaff(tx, { partnerId: id, userId, cityCode: p.cityCode, addedBy: actor.userId, createdAt: ctx.clock.now() }))) {
      throw new AppError('CONFLICT', '此人已是该单位的工作人员 / This person is already on the partner’s staff');
    }
    await recordAudit(ctx, tx, actor, { action: 'partner.staff.add', objectType: 'partner', objectId: id, regionCode: p.regionCode, before: null, after: { userId } });
    return view(tx, id);
  });
}

export async function removeStaff(ctx: AppContext, actor: Actor, id: string, userId: string): Promise<Partner> {
  return withTx(ctx.db, async (tx) => {
    const p = await partnerFor(tx, actor, id, false);
    if (!(await repo.removeStaff(tx, id, userId))) throw notFound('工作人员 staff member');
    await recordAudit(ctx, tx, actor, { action: 'partner.staff.remove', objectType: 'partner', objectId: id, regionCode: p.regionCode, before: { userId }, after: null });
    return view(tx, id);
  });
}

export async function listBenefits(ctx: AppContext, actor: Actor, id: string) {
  const p = await partnerFor(ctx.db, actor, id, true);
  return { items: (await repo.benefitsOf(ctx.db, [id])).map((b) => toBenefit(b, p)) };
}

export async function createBenefit(ctx: AppContext, actor: Actor, id: string, body: BenefitBody): Promise<Benefit> {
  return withTx(ctx.db, async (tx) => {
    const p = await partnerFor(tx, actor, id, false);
    const now = ctx.clock.now();
    const b = await repo.insertBenefit(tx, {
      id: newId(),
      cityCode: p.cityCode,
      partnerId: id,
      title: body.title,
      description: body.description,
      minStars: body.minStars,
      limitPeriod: body.limitPeriod,
      limitCount: body.limitPeriod === 'none' ? 1 : body.limitCount,
      validFrom: body.validFrom,
      validTo: body.validTo ?? null,
      status: 'active',
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(ctx, tx, actor, { action: 'partner.benefit.create', objectType: 'partner_benefit', objectId: b.id, regionCode: p.regionCode, before: null, after: b });
    return toBenefit(b, p);
  });
}

export async function updateBenefit(ctx: AppContext, actor: Actor, benefitId: string, body: BenefitPatchBody): Promise<Benefit> {
  return withTx(ctx.db, async (tx) => {
    const before = await repo.findBenefit(tx, benefitId);
    if (!before) throw notFound('权益 benefit');
    const p = await partnerFor(tx, actor, before.partnerId, false);
    const next = { ...before, ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) };
    if (next.validTo && next.validFrom > next.validTo) throw new AppError('VALIDATION_FAILED', undefined, { fields: { validTo: '结束日期不能早于开始日期 / validTo must not be before validFrom' } });
    const b = await repo.updateBenefit(tx, benefitId, { ...body, updatedAt: ctx.clock.now() });
    await recordAudit(ctx, tx, actor, { action: 'partner.benefit.update', objectType: 'partner_benefit', objectId: b.id, regionCode: p.regionCode, before, after: b });
    return toBenefit(b, p);
  });
}
