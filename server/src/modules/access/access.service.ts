import type { AppContext, Actor } from '../../context';
import type { DbOrTx } from '../../db/client';
import { isUniqueViolation, withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { cityCodeOf } from '@shared/lib/region-code';
import type { GrantBody } from '@shared/schemas/auth';
import type { PageQuery } from '@shared/schemas/common';
import type { Role } from '@shared/constants';
import { recordAudit } from '../audit/index';
import { findRegion, pathsOf } from '../regions/index';
import { maskPhone } from '@shared/lib/phone';
import { authorize, GRANT_ROLE_PERMISSIONS, regionScopes, type Target } from './access.policy';
import * as repo from './access.repository';

/** The policy target of an organisation: its region, itself and its ancestors. */
export async function orgTarget(db: DbOrTx, orgId: string): Promise<Target & { regionCode: string }> {
  const org = await repo.findOrgScope(db, orgId);
  if (!org) throw notFound('组织 organisation');
  const ancestors: string[] = [];
  let parent = org.parentId;
  for (let depth = 0; parent && depth < 12; depth++) {
    ancestors.push(parent);
    const p = await repo.findOrgScope(db, parent);
    parent = p?.parentId ?? null;
  }
  return { regionPath: org.regionPath, regionCode: org.regionCode, orgId: org.id, orgAncestorIds: ancestors };
}

export async function stationTarget(db: DbOrTx, stationId: string): Promise<Target & { regionCode: string }> {
  const st = await repo.findStationScope(db, stationId);
  if (!st) throw notFound('站点 station');
  return { regionPath: st.regionPath, regionCode: st.regionCode, stationId: st.id };
}

export async function regionTarget(db: DbOrTx, regionCode: string): Promise<Target & { regionCode: string }> {
  const r = await findRegion(db, regionCode);
  if (!r) throw new AppError('VALIDATION_FAILED', undefined, { fields: { regionCode: `未知地区 / Unknown region ${regionCode}` } });
  return { regionPath: r.path, regionCode: r.code };
}

async function scopeOfNewGrant(db: DbOrTx, body: GrantBody): Promise<Target & { regionCode: string }> {
  const fieldError = (field: string, msg: string) => new AppError('VALIDATION_FAILED', undefined, { fields: { [field]: msg } });
  switch (body.role) {
    case 'region_admin':
    case 'partner':
      if (!body.regionCode) throw fieldError('regionCode', '请选择管理地区 / A region is required for this role');
      return regionTarget(db, body.regionCode);
    case 'org_admin':
      if (!body.orgId) throw fieldError('orgId', '请选择组织 / An organisation is required for this role');
      return orgTarget(db, body.orgId);
    case 'station_admin':
      if (!body.stationId) throw fieldError('stationId', '请选择站点 / A station is required for this role');
      return stationTarget(db, body.stationId);
  }
}

/** An admin grants a role only inside their own scope. Audited. */
export async function createGrant(ctx: AppContext, actor: Actor, body: GrantBody) {
  const g = await withTx(ctx.db, async (tx) => {
    const target = await scopeOfNewGrant(tx, body);
    authorize(actor, GRANT_ROLE_PERMISSIONS[body.role], target);
    const person = await repo.findUserBrief(tx, body.userId);
    if (!person) throw notFound('用户 user');
    try {
      const g = await repo.insertGrant(tx, {
        id: newId(),
        cityCode: cityCodeOf(target.regionCode),
        userId: body.userId,
        role: body.role,
        regionCode: target.regionCode,
        orgId: body.role === 'org_admin' ? body.orgId! : null,
        stationId: body.role === 'station_admin' ? body.stationId! : null,
        grantedBy: actor.userId,
        createdAt: ctx.clock.now(),
      });
      await recordAudit(ctx, tx, actor, { action: 'grant.create', objectType: 'grant', objectId: g.id, regionCode: target.regionCode, before: null, after: g });
      return g;
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('CONFLICT', '此人已有该授权 / This person already holds this grant');
      throw err;
    }
  });
  ctx.authCache.evict(body.userId);
  return g;
}

export async function revokeGrantById(ctx: AppContext, actor: Actor, grantId: string) {
  await withTx(ctx.db, async (tx) => {
    const g = await repo.findActiveGrant(tx, grantId);
    if (!g) throw notFound('授权 grant');
    const target = g.orgId ? await orgTarget(tx, g.orgId) : g.stationId ? await stationTarget(tx, g.stationId) : await regionTarget(tx, g.regionCode);
    authorize(actor, GRANT_ROLE_PERMISSIONS[g.role as Role], target);
    const after = await repo.revokeGrant(tx, g.id, actor.userId, ctx.clock.now());
    if (!after) throw new AppError('INVALID_STATE', '该授权已被撤销 / The grant was already revoked');
    await recordAudit(ctx, tx, actor, { action: 'grant.revoke', objectType: 'grant', objectId: g.id, regionCode: g.regionCode, before: g, after });
    return g.userId;
  }).then((userId) => ctx.authCache.evict(userId));
}

/** Grants the actor may see: under their region_admin subtrees, and of their orgs and stations. */
export async function listGrantsInScope(ctx: AppContext, actor: Actor, q: PageQuery & { role?: string | undefined; userId?: string | undefined; regionCode?: string | undefined }) {
  let regionPaths = regionScopes(actor, ['region_admin']);
  const orgIds = actor.grants.filter((g) => g.role === 'org_admin' && g.orgId).map((g) => g.orgId!);
  const stationIds = actor.grants.filter((g) => g.role === 'station_admin' && g.stationId).map((g) => g.stationId!);
  if (regionPaths.length + orgIds.length + stationIds.length === 0) throw new AppError('FORBIDDEN', '只有管理员可以查看授权 / Only admins see grants');
  if (q.regionCode) {
    const r = await regionTarget(ctx.db, q.regionCode);
    if (!regionPaths.some((p) => r.regionPath.startsWith(p))) throw new AppError('FORBIDDEN', '该地区不在您的管理范围内 / That region is outside your scope');
    regionPaths = [r.regionPath];
  }
  const { limit, offset } = offsetOf(q);
  const page = await repo.listGrants(ctx.db, { regionPaths, orgIds: q.regionCode ? [] : orgIds, stationIds: q.regionCode ? [] : stationIds, role: q.role, userId: q.userId, limit, offset });
  // a phone number shows in full only to staff whose region scope holds the person
  const paths = await pathsOf(ctx.db, [...new Set(page.items.map((g) => g.userRegionCode))]);
  const adminPaths = regionScopes(actor, ['region_admin']);
  const items = page.items.map(({ userRegionCode, ...g }) => {
    const p = paths.get(userRegionCode) ?? '';
    const full = g.userId === actor.userId || adminPaths.some((a) => p.startsWith(a));
    return { ...g, userPhone: full ? g.userPhone : maskPhone(g.userPhone) };
  });
  return { items, total: page.total };
}

/**
 * A grant that no admin hands out: the first admin (first start, `aixin admin create`) and the
 * creator of an organisation, who becomes its org_admin. Runs in the caller's transaction.
 */
export async function grantBySystem(
  ctx: AppContext,
  db: DbOrTx,
  g: { userId: string; role: Role; regionCode: string; orgId?: string | null; stationId?: string | null },
) {
  const target = await regionTarget(db, g.regionCode);
  return repo.insertGrant(db, {
    id: newId(),
    cityCode: cityCodeOf(target.regionCode),
    userId: g.userId,
    role: g.role,
    regionCode: target.regionCode,
    orgId: g.orgId ?? null,
    stationId: g.stationId ?? null,
    grantedBy: null,
    createdAt: ctx.clock.now(),
  });
}
