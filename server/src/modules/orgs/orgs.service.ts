import type { AppContext, Actor } from '../../context';
import { withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { cityCodeOf } from '@shared/lib/region-code';
import type { OrgCreateBody } from '@shared/schemas/orgs';
import type { PageQuery } from '@shared/schemas/common';
import { recordAudit } from '../audit/index';
import { trackStats, countNew } from '../stats/index';
import { assertNotSelfBenefit, authorize, can, grantBySystem, orgTarget, regionScopes, regionTarget, stationTarget } from '../access/index';
import { ORG_APPLICATION, ORG_REVIEW, STATION_CREATE, STATION_MANAGE } from './orgs.policy';
import * as repo from './orgs.repository';
import { checkParent } from './org-tree';

type OrgView = NonNullable<Awaited<ReturnType<typeof repo.findOrgView>>>;
export function toOrg(o: OrgView) {
  return { ...o, type: o.type as never, status: o.status as never, createdAt: o.createdAt.toISOString() };
}

/**
 * What a reader without a session sees: the contact person's name and phone are a person's
 * data, given to register the organisation, not consent to publish them (PIPL art. 25).
 */
function forReader(o: ReturnType<typeof toOrg>, actor: Actor | null) {
  return actor ? o : { ...o, contactName: null, contactPhone: null };
}

/** Anyone may register an organisation; it starts `pending` and its creator becomes its org_admin. */
export async function createOrg(ctx: AppContext, actor: Actor, body: OrgCreateBody) {
  // the creator's new (dormant) grant counts from their next request
  return withTx(ctx.db, async (tx) => {
    const region = await regionTarget(tx, body.regionCode);
    if (body.parentId) await checkParent(tx, { id: null, regionCode: region.regionCode, regionPath: region.regionPath }, body.parentId);
    const now = ctx.clock.now();
    const org = await repo.insertOrg(tx, {
      id: newId(),
      cityCode: cityCodeOf(region.regionCode),
      name: body.name,
      type: body.type,
      regionCode: region.regionCode,
      parentId: body.parentId ?? null,
      description: body.description ?? null,
      supervisingUnit: body.supervisingUnit ?? null,
      serviceCategories: body.serviceCategories ?? [],
      contactName: body.contactName ?? null,
      contactPhone: body.contactPhone ?? null,
      status: 'pending',
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await grantBySystem(ctx, tx, { userId: actor.userId, role: 'org_admin', regionCode: region.regionCode, orgId: org.id });
    return toOrg((await repo.findOrgView(tx, org.id))!);
  }).finally(() => ctx.authCache.evict(actor.userId));
}

const REVIEW_TRANSITIONS = {
  approve: { from: ['pending', 'changes_requested'], to: 'active' },
  reject: { from: ['pending', 'changes_requested'], to: 'rejected' },
  request_changes: { from: ['pending'], to: 'changes_requested' },
} as const;

/** The region admin whose region holds the organisation approves, rejects (with a reason) or asks for changes. */
export async function reviewOrg(ctx: AppContext, actor: Actor, orgId: string, decision: keyof typeof REVIEW_TRANSITIONS, reason: string | undefined) {
  return withTx(ctx.db, async (tx) => {
    const target = await orgTarget(tx, orgId);
    authorize(actor, ORG_REVIEW, { regionPath: target.regionPath });
    if (decision !== 'approve' && !reason) {
      throw new AppError('VALIDATION_FAILED', undefined, { fields: { reason: '请填写原因 / A reason is required' } });
    }
    const before = await repo.findOrg(tx, orgId);
    // four eyes: the applicant and the organisation's own admins never review it; the (parent) region's other admins do
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [before?.createdBy], orgIds: [orgId, ...(target.orgAncestorIds ?? [])], reason: '不能审核自己申请或管理的组织，须由本区域其他管理员或上级区域审核 / You cannot review an organisation you applied for or run; another admin of the region, or the region above, reviews it' });
    const t = REVIEW_TRANSITIONS[decision];
    const after = await trackStats(tx, 'org', [orgId], () => repo.setOrgStatus(tx, orgId, [...t.from], t.to, ctx.clock.now(), reason ?? null));
    if (!after) throw new AppError('INVALID_STATE', `该组织当前状态为 ${before?.status}，不能${decision} / The organisation is ${before?.status}`, { status: before?.status });
    await recordAudit(ctx, tx, actor, { action: `org.review.${decision}`, objectType: 'organization', objectId: orgId, regionCode: after.regionCode, before, after: { ...after, reason } });
    return toOrg((await repo.findOrgView(tx, orgId))!);
  }).finally(() => ctx.authCache.evict('*'));
}

const STATE_TRANSITIONS = {
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
  dissolve: { from: ['active', 'suspended', 'rejected', 'changes_requested', 'pending'], to: 'dissolved' },
} as const;

/** The region admin suspends, reinstates or dissolves an organisation, with a reason; audited. */
export async function changeOrgState(ctx: AppContext, actor: Actor, orgId: string, action: keyof typeof STATE_TRANSITIONS, reason: string) {
  // its admins' grants wake or sleep with it: everyone signed in is looked up afresh
  return withTx(ctx.db, async (tx) => {
    const target = await orgTarget(tx, orgId);
    authorize(actor, ORG_REVIEW, { regionPath: target.regionPath });
    const before = await repo.findOrg(tx, orgId);
    if (action === 'reinstate') assertNotSelfBenefit(actor, { beneficiaryUserIds: [before?.createdBy], orgIds: [orgId, ...(target.orgAncestorIds ?? [])], reason: '不能恢复自己申请或管理的组织，须由其他区域管理员办理 / You cannot reinstate an organisation you applied for or run; another region admin must' });
    const t = STATE_TRANSITIONS[action];
    const after = await trackStats(tx, 'org', [orgId], () => repo.setOrgStatus(tx, orgId, [...t.from], t.to, ctx.clock.now(), reason));
    if (!after) throw new AppError('INVALID_STATE', `该组织当前状态为 ${before?.status} / The organisation is ${before?.status}`, { status: before?.status });
    await recordAudit(ctx, tx, actor, { action: `org.${action}`, objectType: 'organization', objectId: orgId, regionCode: after.regionCode, before, after });
    return toOrg((await repo.findOrgView(tx, orgId))!);
  }).finally(() => ctx.authCache.evict('*'));
}

/**
 * Its org admin edits the organisation. A rejected organisation or one asked for changes goes
 * back to the review queue (`pending`) when edited: that is the resubmission.
 */
export async function updateOrg(ctx: AppContext, actor: Actor, orgId: string, body: Partial<OrgCreateBody>) {
  return withTx(ctx.db, async (tx) => {
    const target = await orgTarget(tx, orgId);
    authorize(actor, ORG_APPLICATION, target);
    const before = await repo.findOrg(tx, orgId);
    if (!before || before.status === 'dissolved') throw new AppError('INVALID_STATE', '该组织已注销 / The organisation is dissolved');
    if (body.parentId !== undefined && body.parentId !== before.parentId) await checkParent(tx, { id: orgId, regionCode: target.regionCode, regionPath: target.regionPath }, body.parentId);
    const resubmit = before.status === 'rejected' || before.status === 'changes_requested';
    // a change of type moves an active organisation between the organisations and the teams
    const after = await trackStats(tx, 'org', [orgId], () => repo.updateOrg(tx, orgId, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.type !== undefined ? { type: body.type } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.supervisingUnit !== undefined ? { supervisingUnit: body.supervisingUnit } : {}),
      ...(body.serviceCategories !== undefined ? { serviceCategories: body.serviceCategories } : {}),
      ...(body.contactName !== undefined ? { contactName: body.contactName } : {}),
      ...(body.contactPhone !== undefined ? { contactPhone: body.contactPhone } : {}),
      ...(body.parentId !== undefined ? { parentId: body.parentId } : {}),
      ...(resubmit ? { status: 'pending', statusReason: null } : {}),
      updatedAt: ctx.clock.now(),
    }));
    await recordAudit(ctx, tx, actor, { action: resubmit ? 'org.resubmit' : 'org.update', objectType: 'organization', objectId: orgId, regionCode: before.regionCode, before, after });
    return toOrg((await repo.findOrgView(tx, orgId))!);
  });
}

export async function getOrg(ctx: AppContext, actor: Actor | null, orgId: string) {
  const o = await repo.findOrgView(ctx.db, orgId);
  if (!o) throw notFound('组织 organisation');
  if (o.status !== 'active') {
    const t = await orgTarget(ctx.db, orgId);
    if (!actor || !can(actor, ORG_APPLICATION, t)) throw notFound('组织 organisation');
  }
  return forReader(toOrg(o), actor);
}

/** Everyone sees active organisations; region admins see every status inside their subtree. */
export async function listOrganizations(ctx: AppContext, actor: Actor | null, q: PageQuery & { regionCode?: string | undefined; status?: string | undefined; type?: string | undefined; q?: string | undefined }) {
  const { limit, offset } = offsetOf(q);
  let regionPath: string | undefined;
  if (q.regionCode) regionPath = (await regionTarget(ctx.db, q.regionCode)).regionPath;
  let status = q.status;
  const scopes = actor ? regionScopes(actor, ['region_admin']) : [];
  const inScope = scopes.find((s) => (regionPath ?? '').startsWith(s)) ?? (!regionPath && scopes.length === 1 ? scopes[0] : undefined);
  if (!inScope) {
    if (status && status !== 'active') throw new AppError('FORBIDDEN', '只能查看已通过审核的组织 / Only active organisations are public');
    status = 'active';
  } else {
    regionPath ??= inScope;
  }
  const page = await repo.listOrgs(ctx.db, { regionPath, status, type: q.type, q: q.q, limit, offset });
  return { total: page.total, items: page.items.map((o) => forReader(toOrg(o), actor)) };
}

export async function getStation(ctx: AppContext, stationId: string) {
  const s = await repo.findStationView(ctx.db, stationId);
  if (!s) throw notFound('站点 station');
  return toStation(s);
}

/** The station's admin or a region admin holding it edits a station; audited. */
export async function updateStation(ctx: AppContext, actor: Actor, stationId: string, body: Partial<{ name: string; type: string; address: string; lat: number; lng: number; openingHours: string }>) {
  return withTx(ctx.db, async (tx) => {
    const target = await stationTarget(tx, stationId);
    authorize(actor, STATION_MANAGE, target);
    const before = await repo.findStation(tx, stationId);
    const after = await repo.updateStation(tx, stationId, { ...body, updatedAt: ctx.clock.now() });
    await recordAudit(ctx, tx, actor, { action: 'station.update', objectType: 'station', objectId: stationId, regionCode: target.regionCode, before, after });
    return toStation((await repo.findStationView(tx, stationId))!);
  });
}

export async function createStation(ctx: AppContext, actor: Actor, body: { name: string; type: string; regionCode: string; address: string; lat: number; lng: number; openingHours?: string | undefined }) {
  return withTx(ctx.db, async (tx) => {
    const region = await regionTarget(tx, body.regionCode);
    authorize(actor, STATION_CREATE, region);
    const now = ctx.clock.now();
    const s = await repo.insertStation(tx, {
      id: newId(),
      cityCode: cityCodeOf(region.regionCode),
      name: body.name,
      type: body.type,
      regionCode: region.regionCode,
      address: body.address,
      lat: body.lat,
      lng: body.lng,
      openingHours: body.openingHours ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await countNew(tx, 'station', [s.id]);
    await recordAudit(ctx, tx, actor, { action: 'station.create', objectType: 'station', objectId: s.id, regionCode: s.regionCode, before: null, after: s });
    return toStation((await repo.findStationView(tx, s.id))!);
  });
}

type StationView = NonNullable<Awaited<ReturnType<typeof repo.findStationView>>>;
export function toStation(s: StationView) {
  return { ...s, type: s.type as never, createdAt: s.createdAt.toISOString() };
}

export async function listStationsPublic(ctx: AppContext, q: PageQuery & { regionCode?: string | undefined; type?: string | undefined; q?: string | undefined }) {
  const { limit, offset } = offsetOf(q);
  const regionPath = q.regionCode ? (await regionTarget(ctx.db, q.regionCode)).regionPath : undefined;
  const page = await repo.listStations(ctx.db, { regionPath, type: q.type, q: q.q, limit, offset });
  return { total: page.total, items: page.items.map(toStation) };
}
