import type { Actor, AppContext } from '../../context';
import type { Target } from '../access/index';
import { withTx, type DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { decryptText, keyedHash } from '../../lib/crypto';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { chinaDate } from '../../lib/working-days';
import { cityCodeOf, regionLevel } from '@shared/lib/region-code';
import { parseIdNumber } from '@shared/lib/id-number';
import type { PageQuery } from '@shared/schemas/common';
import type { WelfarePost, WelfarePostBody } from '@shared/schemas/posts';
import { assertNotSelfBenefit, authorize, coveringGrants, regionScopes, regionTarget } from '../access/index';
import { findRegion } from '../regions/index';
import { findUserRow } from '../accounts/index';
import { recordAudit } from '../audit/index';
import { findOrg } from '../orgs/index';
import { documentRef, storeDocument } from './documents';
import { WELFARE_POST_MANAGE, WELFARE_POST_SUPERVISE } from './posts.policy';
import * as repo from './posts.repository';

/**
 * Posts (公益性岗位) by town against a plan, the hardship register and the imported status lists.
 * The procedure is in placements.service, attendance in attendance.service, the checks in
 * checks.service, the report in report.service.
 */

export const postTarget = (p: repo.PostWithRegion): Target => ({ regionPath: p.regionPath, orgId: p.supervisorOrgId });

export async function loadPost(db: DbOrTx, id: string): Promise<repo.PostWithRegion> {
  const p = await repo.findPost(db, id);
  if (!p) throw notFound('公益性岗位 post');
  return p;
}

/** The post, for its region's admins or (supervising) its unit's org admins. */
export async function postForStaff(db: DbOrTx, actor: Actor, id: string, supervise: boolean): Promise<repo.PostWithRegion> {
  const p = await loadPost(db, id);
  authorize(actor, supervise ? WELFARE_POST_SUPERVISE : WELFARE_POST_MANAGE, postTarget(p));
  return p;
}

/** A region admin whose grant is at county level or above covers the target (县级审批). */
export function assertCountyLevel(actor: Actor, target: Target): void {
  const grants = coveringGrants(actor, WELFARE_POST_MANAGE, target);
  if (!grants.some((g) => regionLevel(g.regionCode) <= 3)) {
    throw new AppError('FORBIDDEN', '县级审批须由县（区）级或以上的管理员办理 / County approval is given by an admin at county (district) level or above', { permission: WELFARE_POST_MANAGE.name, needsLevel: 'county' });
  }
}

/** The keyed hash of a person's ID number (for matching imported lists), or null for an account without one. */
export function idHashOfUser(ctx: AppContext, u: { idNumberEnc: string | null }): string | null {
  if (!u.idNumberEnc) return null;
  const raw = decryptText(ctx.keys.idEncryption, u.idNumberEnc);
  return keyedHash(ctx.keys.idHash, raw.trim().toUpperCase());
}

export function toPost(p: repo.PostWithRegion, placed: number): WelfarePost {
  return {
    id: p.id,
    title: p.title,
    kind: p.kind as WelfarePost['kind'],
    category: p.category as WelfarePost['category'],
    regionCode: p.regionCode,
    townCode: p.townCode,
    townName: p.townName,
    address: p.address,
    lat: p.lat,
    lng: p.lng,
    geofenceMeters: p.geofenceMeters,
    startTime: p.startTime,
    endTime: p.endTime,
    payMinFen: p.payMinFen,
    payMaxFen: p.payMaxFen,
    supervisorOrgId: p.supervisorOrgId,
    supervisorOrgName: p.supervisorOrgName,
    description: p.description,
    status: p.status as WelfarePost['status'],
    announcedAt: p.announcedAt?.toISOString() ?? null,
    announcement: documentRef({ key: p.announcementKey, name: p.announcementName, type: p.announcementType, bytes: p.announcementBytes }, `/api/v1/welfare-posts/${p.id}/announcement`),
    placedCount: placed,
    createdAt: p.createdAt.toISOString(),
  };
}

async function view(db: DbOrTx, id: string): Promise<WelfarePost> {
  const p = await loadPost(db, id);
  return toPost(p, (await repo.placedCounts(db, [id])).get(id) ?? 0);
}

export async function createPost(ctx: AppContext, actor: Actor, body: WelfarePostBody): Promise<WelfarePost> {
  return withTx(ctx.db, async (tx) => {
    const t = await regionTarget(tx, body.regionCode);
    authorize(actor, WELFARE_POST_MANAGE, t);
    if (body.supervisorOrgId) {
      const org = await findOrg(tx, body.supervisorOrgId);
      if (!org || org.status !== 'active') throw new AppError('VALIDATION_FAILED', undefined, { fields: { supervisorOrgId: '管理单位须为已批准的组织 / The supervising unit must be an active organisation' } });
    }
    const now = ctx.clock.now();
    const row = {
      id: newId(),
      cityCode: cityCodeOf(body.regionCode),
      regionCode: body.regionCode,
      townCode: body.regionCode.slice(0, 9),
      title: body.title,
      kind: body.kind,
      category: body.category,
      address: body.address,
      lat: body.lat,
      lng: body.lng,
      geofenceMeters: body.geofenceMeters,
      startTime: body.startTime,
      endTime: body.endTime,
      payMinFen: body.payMinFen,
      payMaxFen: body.payMaxFen,
      supervisorOrgId: body.supervisorOrgId ?? null,
      description: body.description ?? '',
      status: 'draft',
      createdBy: actor.userId,
      createdAt: now,
    };
    await repo.insertPost(tx, row);
    await recordAudit(ctx, tx, actor, { action: 'welfare_post.create', objectType: 'welfare_post', objectId: row.id, regionCode: body.regionCode, before: null, after: row });
    return view(tx, row.id);
  });
}

/** The announcement (招聘公告) opens the post to applications: the procedure's first public act, with its document. */
export async function announcePost(ctx: AppContext, actor: Actor, id: string, body: { note?: string | undefined; document: Parameters<typeof storeDocument>[2] }): Promise<WelfarePost> {
  const p = await postForStaff(ctx.db, actor, id, false);
  if (p.status !== 'draft') throw new AppError('INVALID_STATE', '岗位已发布公告 / The post was already announced', { status: p.status });
  const doc = await storeDocument(ctx, p.id, body.document);
  return withTx(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    const after = await repo.updatePost(tx, id, { status: 'recruiting', announcedAt: now, announcementKey: doc.key, announcementName: doc.name, announcementType: doc.type, announcementBytes: doc.bytes }, 'draft');
    if (!after) throw new AppError('INVALID_STATE', '岗位已发布公告 / The post was already announced');
    await recordAudit(ctx, tx, actor, { action: 'welfare_post.announce', objectType: 'welfare_post', objectId: id, regionCode: p.regionCode, before: { status: p.status }, after: { status: 'recruiting', note: body.note ?? null, document: doc.name } });
    return view(tx, id);
  });
}

export async function getPost(ctx: AppContext, actor: Actor, id: string): Promise<WelfarePost> {
  await postForStaff(ctx.db, actor, id, true);
  return view(ctx.db, id);
}

/** Posts of my regions (region admin) and of the units I supervise (org admin); or of one region inside my scope. */
export async function listPosts(ctx: AppContext, actor: Actor, q: PageQuery & { regionCode?: string | undefined; status?: string | undefined }) {
  let scope = { paths: regionScopes(actor, ['region_admin']), orgIds: actor.grants.filter((g) => g.role === 'org_admin' && g.orgId).map((g) => g.orgId!) };
  if (!scope.paths.length && !scope.orgIds.length) throw new AppError('FORBIDDEN', '只有地区管理员或岗位管理单位可以查看公益性岗位 / Only region admins and supervising units list posts');
  if (q.regionCode) {
    const t = await regionTarget(ctx.db, q.regionCode);
    authorize(actor, WELFARE_POST_MANAGE, t);
    scope = { paths: [t.regionPath], orgIds: [] };
  }
  const { limit, offset } = offsetOf(q);
  const page = await repo.listPosts(ctx.db, scope, q.status, limit, offset);
  const placed = await repo.placedCounts(ctx.db, page.items.map((p) => p.id));
  return { total: page.total, items: page.items.map((p) => toPost(p, placed.get(p.id) ?? 0)) };
}

// ——— plan and progress ———

export async function setPlan(ctx: AppContext, actor: Actor, body: { regionCode: string; year: number; ruralPlanned: number; urbanPlanned: number }) {
  return withTx(ctx.db, async (tx) => {
    const t = await regionTarget(tx, body.regionCode);
    authorize(actor, WELFARE_POST_MANAGE, t);
    const row = { ...body, cityCode: cityCodeOf(body.regionCode), updatedBy: actor.userId, updatedAt: ctx.clock.now() };
    await repo.upsertPlan(tx, row);
    await recordAudit(ctx, tx, actor, { action: 'welfare_plan.set', objectType: 'welfare_plan', objectId: null, regionCode: body.regionCode, before: null, after: row });
    return progressOf(tx, ctx, actor, { regionCode: body.regionCode, year: body.year });
  });
}

async function progressOf(db: DbOrTx, ctx: AppContext, actor: Actor, q: { regionCode: string; year?: number | undefined }) {
  const t = await regionTarget(db, q.regionCode);
  authorize(actor, WELFARE_POST_MANAGE, t);
  const year = q.year ?? Number(chinaDate(ctx.clock.now()).slice(0, 4));
  const towns = await repo.progress(db, cityCodeOf(q.regionCode), t.regionPath, year);
  const keys = ['ruralPlanned', 'urbanPlanned', 'ruralPosts', 'urbanPosts', 'placedRural', 'placedUrban', 'inProcedure'] as const;
  const totals = { regionCode: q.regionCode, name: '合计', ruralPlanned: 0, urbanPlanned: 0, ruralPosts: 0, urbanPosts: 0, placedRural: 0, placedUrban: 0, inProcedure: 0 };
  for (const r of towns) for (const k of keys) totals[k] += Number(r[k]);
  return { regionCode: q.regionCode, year, towns: towns.map((r) => ({ ...r, ...Object.fromEntries(keys.map((k) => [k, Number(r[k])])) })), totals };
}

/** Posts and placements by town against the plan: the district office's progress figures. */
export async function progress(ctx: AppContext, actor: Actor, q: { regionCode: string; year?: number | undefined }) {
  return progressOf(ctx.db, ctx, actor, q);
}

// ——— the hardship register ———

/** Registers a person as in hardship in their region (the region holds their residence), with the evidence. */
export async function registerHardship(ctx: AppContext, actor: Actor, body: { userId: string; regionCode: string; category: string; evidence: string }) {
  return withTx(ctx.db, async (tx) => {
    const t = await regionTarget(tx, body.regionCode);
    authorize(actor, WELFARE_POST_MANAGE, t);
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [body.userId], reason: '不能把自己登记为困难人员，须由他人办理 / You cannot enter yourself in the hardship register; someone else must' });
    const u = await findUserRow(tx, body.userId);
    if (!u) throw notFound('用户 user');
    if (!u.regionCode.startsWith(body.regionCode)) {
      throw new AppError('VALIDATION_FAILED', undefined, { fields: { regionCode: '困难人员须登记在其居住地所在地区 / A person is registered in the region they live in' } });
    }
    const row = { id: newId(), cityCode: cityCodeOf(body.regionCode), regionCode: body.regionCode, userId: u.id, idHash: idHashOfUser(ctx, u), category: body.category, evidence: body.evidence, status: 'active', createdBy: actor.userId, createdAt: ctx.clock.now() };
    if (!(await repo.insertHardship(tx, row))) throw new AppError('CONFLICT', '此人已在该地区的困难人员名册中 / Already in this region’s hardship register');
    await recordAudit(ctx, tx, actor, { action: 'hardship.register', objectType: 'hardship_entry', objectId: row.id, regionCode: body.regionCode, onBehalfOf: u.id, before: null, after: { ...row, idHash: undefined } });
    return { id: row.id, userId: u.id, name: u.name, idNumberMasked: u.idNumberMasked, regionCode: row.regionCode, regionName: (await findRegion(tx, row.regionCode))?.name ?? '', category: row.category as never, evidence: row.evidence, status: 'active' as const, createdAt: row.createdAt.toISOString() };
  });
}

export async function listHardship(ctx: AppContext, actor: Actor, q: PageQuery & { regionCode: string }) {
  const t = await regionTarget(ctx.db, q.regionCode);
  authorize(actor, WELFARE_POST_MANAGE, t);
  const { limit, offset } = offsetOf(q);
  const page = await repo.listHardship(ctx.db, cityCodeOf(q.regionCode), t.regionPath, limit, offset);
  return {
    total: page.total,
    items: page.items.map((r) => ({ id: r.h.id, userId: r.h.userId, name: r.name, idNumberMasked: r.idNumberMasked, regionCode: r.h.regionCode, regionName: r.regionName, category: r.h.category as never, evidence: r.h.evidence, status: r.h.status as 'active', createdAt: r.h.createdAt.toISOString() })),
  };
}

/**
 * Imports a list of people deceased or moved away (民政、公安): only the keyed hash of each ID
 * number is kept, with the name and date; the checks match placements against it.
 */
export async function importStatusList(ctx: AppContext, actor: Actor, body: { regionCode: string; source: string; rows: Array<{ idNumber: string; name: string; status: 'deceased' | 'moved'; date: string }> }) {
  const t = await regionTarget(ctx.db, body.regionCode);
  authorize(actor, WELFARE_POST_MANAGE, t);
  const bad: Record<string, string> = {};
  const now = ctx.clock.now();
  const rows = body.rows.map((r, i) => {
    const info = parseIdNumber(r.idNumber, now);
    if ('problem' in info) bad[`rows.${i}.idNumber`] = '身份证号码无效 / Invalid ID number';
    return { id: newId(), cityCode: cityCodeOf(body.regionCode), regionCode: body.regionCode, idHash: 'problem' in info ? '' : keyedHash(ctx.keys.idHash, info.normalized), name: r.name, status: r.status, statusDate: r.date, source: body.source, importedBy: actor.userId, importedAt: now };
  });
  if (Object.keys(bad).length) throw new AppError('INVALID_ID_NUMBER', undefined, { fields: bad });
  return withTx(ctx.db, async (tx) => {
    const imported = await repo.insertStatusEntries(tx, rows);
    const placedMatches = await repo.countPlacedByHash(tx, [...new Set(rows.map((r) => r.idHash))]);
    await recordAudit(ctx, tx, actor, { action: 'person_status.import', objectType: 'person_status_list', objectId: null, regionCode: body.regionCode, before: null, after: { source: body.source, rows: rows.length, imported, placedMatches } });
    return { imported, placedMatches };
  });
}

