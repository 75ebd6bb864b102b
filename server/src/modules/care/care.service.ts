import type { Actor, AppContext } from '../../context';
import { isUniqueViolation, withTx, type Db, type DbOrTx, type Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { distanceMeters } from '../../lib/geo';
import { chinaDate } from '../../lib/working-days';
import { readXlsxRows } from '../../lib/excel';
import path from 'node:path';
import { cleanImage } from '../../lib/images';
import { CONTENT_TYPE_OF_EXT, IMAGE_TYPES, localDiskStorage } from '../../lib/storage';
import { cityCodeOf } from '@shared/lib/region-code';
import { maskPhone } from '@shared/lib/phone';
import { CARE_TAG_LABELS, CARE_TAGS, type CareTag, type Grid, type Household, type HouseholdBody, type HouseholdSummary, type Visit, type VisitBody } from '@shared/schemas/care';
import type { PageQuery } from '@shared/schemas/common';
import { authorize } from '../access/index';
import { recordAudit } from '../audit/index';
import { findRegion } from '../regions/index';
import { findUserView } from '../accounts/index';
import { orderService } from '../requests/index';
import { CARE_MANAGE } from './care.policy';
import { careScopeOf, coverOf, managesCommunity, outsideGrid, type CareScope } from './care.scope';
import * as repo from './care.repository';

/** At the door means within this distance of the household's coordinates (the check-in rule). */
export const VISIT_FENCE_METERS = 200;
const DAY_MS = 24 * 3600_000;

export const maskName = (name: string) => (name ? name[0] + '*'.repeat(Math.max(1, [...name].length - 1)) : '');
/** The end of a China day, `days` after the China date of `from`: plan visits are due by then. */
export function endOfChinaDay(from: Date, days = 0): Date {
  const d = chinaDate(new Date(from.getTime() + days * DAY_MS));
  return new Date(`${d}T23:59:59.999+08:00`);
}

async function communityOf(db: DbOrTx, code: string) {
  const r = await findRegion(db, code);
  if (!r || r.level !== 5) throw new AppError('VALIDATION_FAILED', undefined, { fields: { communityCode: `须为社区或村 / Must be a community or village: ${code}` } });
  return r;
}

async function managedCommunity(db: DbOrTx, actor: Actor, code: string) {
  const c = await communityOf(db, code);
  authorize(actor, CARE_MANAGE, { regionPath: c.path });
  return c;
}

// ——— grids, buildings, roles ———

async function gridViews(db: DbOrTx, rows: Array<{ g: repo.GridRow; communityName: string }>): Promise<Grid[]> {
  const ids = rows.map((r) => r.g.id);
  const buildings = await repo.buildingsOfGrids(db, ids);
  const assignments = await repo.activeAssignmentsOfGrids(db, ids);
  return rows.map(({ g, communityName }) => ({
    id: g.id,
    communityCode: g.communityCode,
    communityName,
    parentId: g.parentId,
    name: g.name,
    kind: g.kind as Grid['kind'],
    lat: g.lat,
    lng: g.lng,
    buildings: buildings.filter((b) => b.b.gridId === g.id).map((b) => ({ id: b.b.id, gridId: b.b.gridId, name: b.b.name, address: b.b.address, lat: b.b.lat, lng: b.b.lng, households: b.households })),
    assignments: assignments.filter((a) => a.a.gridId === g.id).map((a) => ({
      id: a.a.id, gridId: a.a.gridId, buildingId: a.a.buildingId, userId: a.a.userId, name: a.name, phoneMasked: maskPhone(a.phone), role: a.a.role as Grid['assignments'][number]['role'],
      assignedAt: a.a.assignedAt.toISOString(), endedAt: a.a.endedAt?.toISOString() ?? null,
    })),
  }));
}

export async function createGrid(ctx: AppContext, actor: Actor, body: { communityCode: string; name: string; kind: 'area' | 'estate'; parentId?: string | null | undefined; lat?: number | null | undefined; lng?: number | null | undefined }): Promise<Grid> {
  return withTx(ctx.db, async (tx) => {
    const c = await managedCommunity(tx, actor, body.communityCode);
    let path: string;
    const id = newId();
    if (body.parentId) {
      const parent = await repo.findGrid(tx, body.parentId);
      if (!parent || parent.g.communityCode !== c.code || parent.g.parentId) throw new AppError('VALIDATION_FAILED', undefined, { fields: { parentId: '上级须为本社区的片区 / The parent must be an area (片区) of this community' } });
      path = `${parent.g.path}${id}/`;
    } else path = `/${id}/`;
    const row = { id, cityCode: cityCodeOf(c.code), communityCode: c.code, parentId: body.parentId ?? null, path, name: body.name, kind: body.kind, lat: body.lat ?? null, lng: body.lng ?? null, createdBy: actor.userId, createdAt: ctx.clock.now() };
    await repo.insertGrid(tx, row);
    await recordAudit(ctx, tx, actor, { action: 'care.grid.create', objectType: 'care_grid', objectId: id, regionCode: c.code, before: null, after: row });
    return (await gridViews(tx, [{ g: row, communityName: c.name }]))[0]!;
  });
}

/** A community's grids for its staff; without a community, the grids a grid worker or building head works in. */
export async function listGrids(ctx: AppContext, actor: Actor, q: { communityCode?: string | undefined }) {
  if (q.communityCode) {
    await managedCommunity(ctx.db, actor, q.communityCode);
    return { items: await gridViews(ctx.db, await repo.gridsOfCommunity(ctx.db, q.communityCode)) };
  }
  const s = await careScopeOf(ctx.db, actor);
  const rows = await repo.gridsUnderPaths(ctx.db, s.assignments.map((a) => a.gridPath));
  return { items: await gridViews(ctx.db, rows) };
}

async function managedGrid(tx: DbOrTx, actor: Actor, gridId: string) {
  const g = await repo.findGrid(tx, gridId);
  if (!g) throw notFound('网格 grid');
  authorize(actor, CARE_MANAGE, { regionPath: g.communityPath });
  return g;
}

export async function createBuilding(ctx: AppContext, actor: Actor, body: { gridId: string; name: string; address?: string | null | undefined; lat?: number | null | undefined; lng?: number | null | undefined }) {
  return withTx(ctx.db, async (tx) => {
    const g = await managedGrid(tx, actor, body.gridId);
    const row = { id: newId(), cityCode: g.g.cityCode, gridId: g.g.id, name: body.name, address: body.address ?? null, lat: body.lat ?? g.g.lat, lng: body.lng ?? g.g.lng, createdAt: ctx.clock.now() };
    await repo.insertBuilding(tx, row);
    await recordAudit(ctx, tx, actor, { action: 'care.building.create', objectType: 'care_building', objectId: row.id, regionCode: g.g.communityCode, before: null, after: row });
    return { ...row, households: 0 };
  });
}

/** Community staff make someone a grid worker, or the A or B head of a building. Audited; the person need not be staff. */
export async function assignRole(ctx: AppContext, actor: Actor, body: { gridId: string; buildingId?: string | null | undefined; userId: string; role: 'grid_worker' | 'building_head_a' | 'building_head_b' }) {
  return withTx(ctx.db, async (tx) => {
    const g = await managedGrid(tx, actor, body.gridId);
    if (body.buildingId) {
      const b = await repo.findBuilding(tx, body.buildingId);
      if (!b || b.gridId !== g.g.id) throw new AppError('VALIDATION_FAILED', undefined, { fields: { buildingId: '楼栋不在该网格内 / The building is not in this grid' } });
    }
    const person = await findUserView(tx, body.userId);
    if (!person) throw new AppError('VALIDATION_FAILED', undefined, { fields: { userId: '没有这个人 / No such person' } });
    const row = { id: newId(), cityCode: g.g.cityCode, gridId: g.g.id, buildingId: body.buildingId ?? null, userId: body.userId, role: body.role, assignedBy: actor.userId, assignedAt: ctx.clock.now() };
    try {
      await tx.transaction(async (sp) => repo.insertAssignment(sp, row));
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('CONFLICT', body.role === 'grid_worker' ? '此人已是该网格的网格员 / Already a grid worker of this grid' : '该楼栋已有此角色的楼栋长，请先解除 / This building already has this head; end that first', { role: body.role });
      throw err;
    }
    await recordAudit(ctx, tx, actor, { action: 'care.role.assign', objectType: 'care_assignment', objectId: row.id, regionCode: g.g.communityCode, before: null, after: row });
    return { ...row, name: person.name, phoneMasked: maskPhone(person.phone), assignedAt: row.assignedAt.toISOString(), endedAt: null };
  });
}

export async function endRole(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return withTx(ctx.db, async (tx) => {
    const a = await repo.findAssignment(tx, id);
    if (!a) throw notFound('角色 assignment');
    const g = await managedGrid(tx, actor, a.gridId);
    const at = ctx.clock.now();
    if (!(await repo.endAssignment(tx, id, actor.userId, at, reason))) throw new AppError('INVALID_STATE', '该角色已解除 / This role has already ended');
    await recordAudit(ctx, tx, actor, { action: 'care.role.end', objectType: 'care_assignment', objectId: id, regionCode: g.g.communityCode, before: a, after: { ...a, endedAt: at, endedBy: actor.userId, endReason: reason } });
    const person = await findUserView(tx, a.userId);
    return { id: a.id, gridId: a.gridId, buildingId: a.buildingId, userId: a.userId, name: person?.name ?? '', phoneMasked: maskPhone(person?.phone ?? ''), role: a.role as 'grid_worker', assignedAt: a.assignedAt.toISOString(), endedAt: at.toISOString() };
  });
}

// ——— households ———

export async function createHousehold(ctx: AppContext, actor: Actor, body: HouseholdBody, tx0?: Tx): Promise<{ id: string }> {
  const run = async (tx: Tx) => {
    const b = await repo.findBuilding(tx, body.buildingId);
    if (!b) throw new AppError('VALIDATION_FAILED', undefined, { fields: { buildingId: '没有这个楼栋 / No such building' } });
    const g = await managedGrid(tx, actor, b.gridId);
    for (const m of body.members) if (m.userId && !(await findUserView(tx, m.userId))) throw new AppError('VALIDATION_FAILED', undefined, { fields: { members: `没有这个账号 / No such account ${m.userId}` } });
    const now = ctx.clock.now();
    const id = newId();
    const row = {
      id, cityCode: g.g.cityCode, communityCode: g.g.communityCode, gridId: g.g.id, gridPath: g.g.path, buildingId: b.id, unit: body.unit, room: body.room,
      lat: body.lat ?? b.lat, lng: body.lng ?? b.lng, phone: body.phone ?? null, note: body.note ?? null, headName: body.members[0]!.name, createdBy: actor.userId, createdAt: now,
    };
    const members = body.members.map((m) => ({ id: newId(), cityCode: row.cityCode, householdId: id, name: m.name, relation: m.relation, userId: m.userId ?? null, birthYear: m.birthYear ?? null }));
    const tags = [...new Map(body.tags.map((t) => [t.tag, t])).values()].map((t) => ({ id: newId(), cityCode: row.cityCode, householdId: id, tag: t.tag, evidence: t.evidence, addedBy: actor.userId, addedAt: now }));
    if (await repo.householdIdByRoom(tx, b.id, body.unit, body.room)) throw new AppError('CONFLICT', '该门牌已登记住户 / This room is already registered', { unit: body.unit, room: body.room });
    await repo.insertHousehold(tx, row, members, tags);
    await scheduleNextPlanVisit(ctx, tx, { ...row }, now);
    await recordAudit(ctx, tx, actor, { action: 'care.household.create', objectType: 'care_household', objectId: id, regionCode: row.communityCode, before: null, after: { id, gridId: row.gridId, buildingId: row.buildingId, unit: row.unit, tags: tags.map((t) => t.tag), members: members.length } });
    return { id };
  };
  return tx0 ? run(tx0) : withTx(ctx.db, run);
}

/** Replaces a household's care tags (each with its evidence); a new tag with a plan schedules a visit. Community staff, audited. */
export async function setHouseholdTags(ctx: AppContext, actor: Actor, id: string, tags: Array<{ tag: CareTag; evidence: string }>) {
  return withTx(ctx.db, async (tx) => {
    const h = await repo.findHousehold(tx, id);
    if (!h) throw notFound('住户 household');
    authorize(actor, CARE_MANAGE, { regionPath: h.communityPath });
    const before = await repo.tagsOf(tx, [id]);
    const now = ctx.clock.now();
    const next = [...new Map(tags.map((t) => [t.tag, t])).values()];
    await repo.replaceTags(tx, id, next.map((t) => ({ id: newId(), cityCode: h.h.cityCode, householdId: id, tag: t.tag, evidence: t.evidence, addedBy: actor.userId, addedAt: before.find((b) => b.tag === t.tag && b.evidence === t.evidence)?.addedAt ?? now })));
    await scheduleNextPlanVisit(ctx, tx, h.h, (await repo.lastVisitAt(tx, id)) ?? now);
    await recordAudit(ctx, tx, actor, { action: 'care.household.tags', objectType: 'care_household', objectId: id, regionCode: h.h.communityCode, before: before.map((b) => ({ tag: b.tag, evidence: b.evidence })), after: next });
    return { id };
  });
}

const placeOf = (buildingName: string, unit: string, room: string) => `${buildingName}${unit ? `${unit}单元` : ''}${room}`;

export async function listHouseholds(ctx: AppContext, actor: Actor, q: PageQuery & { communityCode?: string | undefined; gridId?: string | undefined; tag?: CareTag | undefined }) {
  const s = await careScopeOf(ctx.db, actor);
  let gridPath: string | undefined;
  if (q.gridId) {
    const g = await repo.findGrid(ctx.db, q.gridId);
    if (!g) throw notFound('网格 grid');
    gridPath = g.g.path;
  }
  if (!s.regionPaths.length && !s.gridPaths.length && !s.buildingIds.length) throw new AppError('FORBIDDEN', '只有社区工作人员、网格员和楼栋长可以查看住户 / Only community staff, grid workers and building heads see households');
  const { limit, offset } = offsetOf(q);
  const page = await repo.listHouseholds(ctx.db, s, { communityCode: q.communityCode, gridPath, tag: q.tag }, limit, offset);
  const tags = await repo.tagsOf(ctx.db, page.items.map((r) => r.h.id));
  const items: HouseholdSummary[] = page.items.map((r) => ({
    id: r.h.id, gridId: r.h.gridId, gridName: r.gridName, buildingId: r.h.buildingId, buildingName: r.buildingName,
    addressMasked: `${r.buildingName}${r.h.unit ? `${r.h.unit}单元` : ''}***`, headMasked: maskName(r.h.headName),
    tags: tags.filter((t) => t.householdId === r.h.id).map((t) => t.tag as CareTag),
    nextVisitDueAt: r.nextDue ? new Date(r.nextDue).toISOString() : null,
  }));
  return { items, total: page.total };
}

async function loadHouseholdFor(db: DbOrTx, actor: Actor, id: string, s?: CareScope) {
  const h = await repo.findHousehold(db, id);
  if (!h) throw notFound('住户 household');
  const scope = s ?? (await careScopeOf(db, actor));
  const cover = coverOf(actor, scope, { communityPath: h.communityPath, gridPath: h.h.gridPath, buildingId: h.h.buildingId });
  if (!cover) throw outsideGrid();
  return { ...h, cover, scope };
}

/** The household's detail, in full, for those in scope: every read is logged (care_household_reads). */
export async function getHousehold(ctx: AppContext, actor: Actor, id: string): Promise<Household> {
  return withTx(ctx.db, async (tx) => {
    const h = await loadHouseholdFor(tx, actor, id);
    await repo.insertReads(tx, [{ id: newId(), cityCode: h.h.cityCode, communityCode: h.h.communityCode, householdId: id, readerId: actor.userId, purpose: 'detail', at: ctx.clock.now() }]);
    const members = await repo.membersOf(tx, [id]);
    const tags = await repo.tagsOf(tx, [id]);
    const visits = await visitViews(tx, ctx.clock.now(), await repo.visitsOfHousehold(tx, id));
    return {
      id, communityCode: h.h.communityCode, gridId: h.h.gridId, gridName: h.gridName, buildingId: h.h.buildingId, buildingName: h.buildingName, unit: h.h.unit, room: h.h.room,
      address: `${h.buildingAddress ?? ''}${placeOf(h.buildingName, h.h.unit, h.h.room)}`, lat: h.h.lat, lng: h.h.lng, phone: h.h.phone, note: h.h.note,
      members: members.map((m) => ({ id: m.id, name: m.name, relation: m.relation, userId: m.userId, birthYear: m.birthYear })),
      tags: tags.map((t) => ({ tag: t.tag as CareTag, evidence: t.evidence, addedAt: t.addedAt.toISOString() })),
      visits,
    };
  });
}

export async function listHouseholdReads(ctx: AppContext, actor: Actor, id: string, q: PageQuery) {
  const h = await repo.findHousehold(ctx.db, id);
  if (!h) throw notFound('住户 household');
  authorize(actor, CARE_MANAGE, { regionPath: h.communityPath });
  const { limit, offset } = offsetOf(q);
  const page = await repo.listReads(ctx.db, id, limit, offset);
  return { total: page.total, items: page.items.map((r) => ({ id: r.r.id, householdId: r.r.householdId, readerId: r.r.readerId, readerName: r.readerName, purpose: r.r.purpose, at: r.r.at.toISOString() })) };
}

/** The rows of an export: the reason is required, the export audited and each household's read logged. */
export async function exportHouseholds(ctx: AppContext, actor: Actor, q: { communityCode: string; reason: string }) {
  return withTx(ctx.db, async (tx) => {
    const c = await managedCommunity(tx, actor, q.communityCode);
    const page = await repo.listHouseholds(tx, { regionPaths: [c.path] }, { communityCode: c.code }, 5000, 0);
    const ids = page.items.map((r) => r.h.id);
    const tags = await repo.tagsOf(tx, ids);
    const now = ctx.clock.now();
    await repo.insertReads(tx, ids.map((id) => ({ id: newId(), cityCode: cityCodeOf(c.code), communityCode: c.code, householdId: id, readerId: actor.userId, purpose: 'export', reason: q.reason, at: now })));
    await recordAudit(ctx, tx, actor, { action: 'care.households.export', objectType: 'care_household', regionCode: c.code, before: null, after: { reason: q.reason, rows: ids.length } });
    return page.items.map((r) => ({
      grid: r.gridName, building: r.buildingName, unit: r.h.unit, room: r.h.room, head: r.h.headName, phone: r.h.phone ?? '',
      tags: tags.filter((t) => t.householdId === r.h.id).map((t) => CARE_TAG_LABELS[t.tag as CareTag]?.zh ?? t.tag).join('、'),
    }));
  });
}

const TAG_BY_LABEL = new Map<string, CareTag>(CARE_TAGS.flatMap((t) => [[CARE_TAG_LABELS[t].zh, t], [t, t], [CARE_TAG_LABELS[t].zh.replace('老人', ''), t]] as Array<[string, CareTag]>));

/**
 * Households from an .xlsx (网格, 楼栋, 单元, 门牌号, 户主姓名, 电话, 关爱标签, 标签依据): checked whole; any
 * bad row and nothing is imported, every bad row named.
 */
export async function importHouseholds(ctx: AppContext, actor: Actor, body: { communityCode: string; fileBase64: string }) {
  const c = await managedCommunity(ctx.db, actor, body.communityCode);
  let sheet: Awaited<ReturnType<typeof readXlsxRows>>;
  try {
    sheet = await readXlsxRows(Buffer.from(body.fileBase64, 'base64'));
  } catch {
    throw new AppError('VALIDATION_FAILED', '无法读取该 Excel 文件 / The file is not a readable .xlsx', { fields: { fileBase64: 'not an .xlsx file' } });
  }
  const errors: Array<{ row: number; field: string; message: string }> = [];
  const grids = await repo.gridsOfCommunity(ctx.db, c.code);
  const plans: Array<{ row: number; body: HouseholdBody }> = [];
  const seen = new Set<string>();
  for (const { row, values: v } of sheet.rows) {
    const err = (field: string, message: string) => errors.push({ row, field, message });
    const grid = grids.find((g) => g.g.name === v['网格']);
    if (!grid) { err('网格', `本社区没有网格“${v['网格'] ?? ''}” / No such grid`); continue; }
    const building = await repo.buildingByName(ctx.db, [grid.g.id], v['楼栋'] ?? '');
    if (!building) { err('楼栋', `该网格没有楼栋“${v['楼栋'] ?? ''}” / No such building`); continue; }
    const room = v['门牌号'] ?? '';
    if (!room) { err('门牌号', '门牌号必填 / The room is required'); continue; }
    const name = v['户主姓名'] ?? '';
    if (!name) { err('户主姓名', '户主姓名必填 / The name is required'); continue; }
    const phone = v['电话'] || null;
    if (phone && !/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/.test(phone)) { err('电话', '电话号码无效 / Invalid phone'); continue; }
    const tagNames = (v['关爱标签'] ?? '').split(/[,，、;；\s]+/).filter(Boolean);
    const tags = tagNames.map((n) => TAG_BY_LABEL.get(n));
    if (tags.some((t) => !t)) { err('关爱标签', `未知标签：${tagNames.filter((n) => !TAG_BY_LABEL.get(n)).join('、')} / Unknown care tag`); continue; }
    if (tags.length && !v['标签依据']) { err('标签依据', '有关爱标签时须写明依据 / Tags need their evidence'); continue; }
    const unit = v['单元'] ?? '';
    const key = `${building.id}|${unit}|${room}`;
    if (seen.has(key) || (await repo.householdIdByRoom(ctx.db, building.id, unit, room))) { err('门牌号', '该门牌已登记（或文件内重复） / This room is already registered'); continue; }
    seen.add(key);
    plans.push({ row, body: { buildingId: building.id, unit, room, phone, members: [{ name, relation: '户主' }], tags: (tags as CareTag[]).map((t) => ({ tag: t, evidence: v['标签依据']! })) } });
  }
  if (!sheet.rows.length) errors.push({ row: 1, field: '文件', message: '文件中没有数据行 / The sheet has no rows' });
  if (errors.length) return { imported: 0, errors };
  await withTx(ctx.db, async (tx) => {
    for (const p of plans) await createHousehold(ctx, actor, p.body, tx);
  });
  return { imported: plans.length, errors: [] };
}

// ——— plans ———

/** The next plan visit of a household (if a plan covers one of its tags and none is open): due by the end of the China day. */
export async function scheduleNextPlanVisit(ctx: AppContext, tx: DbOrTx, h: Pick<repo.HouseholdRow, 'id' | 'cityCode' | 'communityCode' | 'gridId' | 'gridPath' | 'buildingId'>, from: Date) {
  const days = await repo.intervalFor(tx, h.id);
  if (days === null) return;
  await repo.insertVisits(tx, [{
    id: newId(), cityCode: h.cityCode, communityCode: h.communityCode, gridId: h.gridId, gridPath: h.gridPath, buildingId: h.buildingId, householdId: h.id,
    source: 'plan', dueAt: endOfChinaDay(from, days), status: 'due', createdAt: ctx.clock.now(),
  }]);
}

export async function setPlan(ctx: AppContext, actor: Actor, body: { communityCode: string; tag: CareTag; intervalDays: number }) {
  return withTx(ctx.db, async (tx) => {
    const c = await managedCommunity(tx, actor, body.communityCode);
    const now = ctx.clock.now();
    const p = await repo.upsertPlan(tx, { id: newId(), cityCode: cityCodeOf(c.code), communityCode: c.code, tag: body.tag, intervalDays: body.intervalDays, updatedBy: actor.userId, updatedAt: now });
    // households of the tag without an open plan visit get their first one, counted from their last visit (or now)
    for (const { h } of await repo.householdsWithoutPlanVisit(tx, c.code, body.tag)) {
      const last = await repo.lastVisitAt(tx, h.id);
      await scheduleNextPlanVisit(ctx, tx, h, last ?? now);
    }
    await recordAudit(ctx, tx, actor, { action: 'care.plan.set', objectType: 'care_plan', objectId: p.id, regionCode: c.code, before: null, after: p });
    return { id: p.id, communityCode: p.communityCode, tag: p.tag as CareTag, intervalDays: p.intervalDays, updatedAt: p.updatedAt.toISOString() };
  });
}

export async function listPlans(ctx: AppContext, actor: Actor, communityCode: string) {
  await managedCommunity(ctx.db, actor, communityCode);
  const rows = await repo.plansOf(ctx.db, communityCode);
  return { items: rows.map((p) => ({ id: p.id, communityCode: p.communityCode, tag: p.tag as CareTag, intervalDays: p.intervalDays, updatedAt: p.updatedAt.toISOString() })) };
}

// ——— visits ———

export async function visitViews(db: DbOrTx, now: Date, rows: repo.VisitRow[]): Promise<Visit[]> {
  const hh = await repo.householdsByIds(db, [...new Set(rows.map((r) => r.householdId).filter((x): x is string => !!x))]);
  const tags = await repo.tagsOf(db, hh.map((h) => h.h.id));
  const items = await repo.itemsByIds(db, [...new Set(rows.map((r) => r.pensionItemId).filter((x): x is string => !!x))]);
  const names = await repo.userNames(db, [...new Set(rows.map((r) => r.visitorId).filter((x): x is string => !!x))]);
  return rows.map((v) => {
    const h = hh.find((x) => x.h.id === v.householdId);
    const item = items.find((x) => x.id === v.pensionItemId);
    return {
      id: v.id, householdId: v.householdId, pensionItemId: v.pensionItemId, campaignId: v.campaignId, source: v.source as Visit['source'],
      place: h ? placeOf(h.buildingName, h.h.unit, h.h.room) : (item?.address ?? ''),
      residentMasked: maskName(h?.h.headName ?? item?.name ?? ''),
      tags: h ? tags.filter((t) => t.householdId === h.h.id).map((t) => t.tag as CareTag) : [],
      dueAt: v.dueAt.toISOString(), status: v.status as Visit['status'], overdue: v.status === 'due' && v.dueAt < now, escalationLevel: v.escalationLevel,
      visitorId: v.visitorId, visitorName: v.visitorId ? (names.get(v.visitorId) ?? null) : null, visitedAt: v.visitedAt?.toISOString() ?? null,
      method: (v.method as Visit['method']) ?? null, findings: v.findings, followUpNeeded: v.followUpNeeded, distanceMeters: v.distanceMeters, hasPhoto: !!v.photoKey, requestId: v.requestId,
    };
  });
}

/** The grid worker's (or building head's) home: what is due today, what is overdue, the drive's list still open. */
export async function myVisits(ctx: AppContext, actor: Actor) {
  const s = await careScopeOf(ctx.db, actor);
  const now = ctx.clock.now();
  const scope = { gridPaths: s.gridPaths, buildingIds: s.buildingIds };
  const rows = await repo.dueVisits(ctx.db, scope, new Date(endOfChinaDay(now).getTime() + 1));
  const views = await visitViews(ctx.db, now, rows);
  const startOfDay = new Date(`${chinaDate(now)}T00:00:00+08:00`);
  return {
    today: views.filter((v) => !v.overdue),
    overdue: views.filter((v) => v.overdue),
    doneToday: await repo.countDoneSince(ctx.db, actor.userId, startOfDay),
    pensionPending: await repo.countPendingItems(ctx.db, s.gridPaths),
  };
}

function fenceCheck(body: VisitBody, site: { lat: number | null; lng: number | null }): number | null {
  if (body.method !== 'door' || site.lat === null || site.lng === null) return body.lat !== undefined && body.lng !== undefined && site.lat !== null && site.lng !== null ? Math.round(distanceMeters({ lat: body.lat, lng: body.lng }, { lat: site.lat, lng: site.lng })) : null;
  if (body.lat === undefined || body.lng === undefined) throw new AppError('VALIDATION_FAILED', '上门走访需要定位，请允许获取位置 / A visit at the door needs your location', { fields: { lat: '上门走访需要定位 / location required at the door' } });
  const d = Math.round(distanceMeters({ lat: body.lat, lng: body.lng }, { lat: site.lat, lng: site.lng }));
  if (d > VISIT_FENCE_METERS) throw new AppError('OUTSIDE_GEOFENCE', `您距离住户约${d}米，须在${VISIT_FENCE_METERS}米内才能登记上门走访；电话联系请选“电话” / You are about ${d} m away; at the door means within ${VISIT_FENCE_METERS} m`, { distanceMeters: d, limitMeters: VISIT_FENCE_METERS });
  return d;
}

/**
 * Records a visit: a due visit by its id, or (without one) a household's own visit. Every open
 * visit of the same household (plan, campaign, drive) is closed by the one knock; the next plan
 * visit is scheduled from it.
 */
export async function recordVisit(ctx: AppContext, actor: Actor, target: { visitId?: string; householdId?: string }, body: VisitBody): Promise<Visit> {
  // the photo is checked and re-encoded before the transaction; stored only once the visit is allowed
  const photo = body.photoBase64 ? await cleanImage(Buffer.from(body.photoBase64.replace(/^data:[^,]+,/, ''), 'base64'), 'photoBase64') : null;
  const photoKey = photo ? `care/${chinaDate(ctx.clock.now()).slice(0, 7)}/${newId()}.${IMAGE_TYPES[photo.type]}` : null;
  let stored = false;
  const storePhoto = async () => {
    if (!photo || !photoKey || stored) return;
    await careStorage(ctx).put(photoKey, photo.data);
    stored = true;
  };
  try {
    return await recordVisitTx(ctx, actor, target, body, photoKey, storePhoto);
  } catch (err) {
    if (stored && photoKey) await careStorage(ctx).delete(photoKey);
    throw err;
  }
}

export function careStorage(ctx: AppContext) {
  return localDiskStorage(path.join(ctx.config.dataDir, 'uploads'));
}

async function recordVisitTx(ctx: AppContext, actor: Actor, target: { visitId?: string; householdId?: string }, body: VisitBody, photoKey: string | null, storePhoto: () => Promise<void>): Promise<Visit> {
  return withTx(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    const visitedAt = body.visitedAt ? new Date(body.visitedAt) : now;
    if (visitedAt.getTime() > now.getTime() + 5 * 60_000) throw new AppError('VALIDATION_FAILED', undefined, { fields: { visitedAt: '走访时间不能晚于现在 / The visit cannot be in the future' } });
    // a visit is entered the same week; one at the door is entered there and then (the location is of now)
    if (visitedAt.getTime() < now.getTime() - 7 * DAY_MS) throw new AppError('VALIDATION_FAILED', undefined, { fields: { visitedAt: '只能补登7天内的走访 / Only visits of the last 7 days can be entered' } });
    if (body.method === 'door' && Math.abs(now.getTime() - visitedAt.getTime()) > 30 * 60_000) throw new AppError('VALIDATION_FAILED', undefined, { fields: { visitedAt: '上门走访须在现场当时登记；事后补登请选“电话” / A visit at the door is entered on the spot' } });
    const done = { visitorId: actor.userId, visitedAt, method: body.method, findings: body.findings, followUpNeeded: body.followUpNeeded, photoKey };
    let visit = target.visitId ? await repo.findVisit(tx, target.visitId) : undefined;
    if (target.visitId && !visit) throw notFound('走访 visit');
    const householdId = visit ? visit.householdId : target.householdId!;
    if (householdId) {
      const h = await loadHouseholdFor(tx, actor, householdId);
      if (visit && visit.status !== 'due') throw new AppError('INVALID_STATE', '该走访已登记 / This visit is already recorded');
      const d = fenceCheck(body, h.h);
      const open = await repo.openVisitsOfHousehold(tx, householdId);
      let ids = open.map((v) => v.id);
      if (!ids.length) {
        const id = newId();
        await repo.insertVisits(tx, [{ id, cityCode: h.h.cityCode, communityCode: h.h.communityCode, gridId: h.h.gridId, gridPath: h.h.gridPath, buildingId: h.h.buildingId, householdId, source: 'adhoc', dueAt: visitedAt, status: 'due', createdAt: now }]);
        ids = [id];
      }
      await storePhoto();
      const closed = await repo.completeVisits(tx, ids, { ...done, distanceMeters: d });
      if (visit && !closed.includes(visit.id)) throw new AppError('INVALID_STATE', '该走访已登记 / This visit is already recorded');
      // a drive's resident living here: the visit closes their drive visit as well
      for (const v of open.filter((x) => x.pensionItemId)) await repo.updateItem(tx, v.pensionItemId!, { visitId: v.id, updatedAt: now });
      await scheduleNextPlanVisit(ctx, tx, h.h, visitedAt);
      const first = (await repo.findVisit(tx, visit?.id ?? closed[0]!))!;
      await recordAudit(ctx, tx, actor, { action: 'care.visit.record', objectType: 'care_visit', objectId: first.id, regionCode: h.h.communityCode, before: null, after: { ...done, closed, as: h.cover, distanceMeters: d } });
      return (await visitViews(tx, now, [first]))[0]!;
    }
    // a drive's resident with no registered household: the visit of their list entry
    const item = await repo.findItem(tx, visit!.pensionItemId!);
    if (!item) throw notFound('认证名单 pension item');
    const region = await findRegion(tx, item.regionCode);
    const s = await careScopeOf(tx, actor);
    if (!coverOf(actor, s, { communityPath: region!.path, gridPath: item.gridPath, buildingId: null })) throw outsideGrid();
    if (visit!.status !== 'due') throw new AppError('INVALID_STATE', '该走访已登记 / This visit is already recorded');
    const d = fenceCheck(body, item);
    await storePhoto();
    const closed = await repo.completeVisits(tx, [visit!.id], { ...done, distanceMeters: d });
    if (!closed.length) throw new AppError('INVALID_STATE', '该走访已登记 / This visit is already recorded');
    await repo.updateItem(tx, item.id, { visitId: visit!.id, updatedAt: now });
    await recordAudit(ctx, tx, actor, { action: 'care.visit.record', objectType: 'care_visit', objectId: visit!.id, regionCode: item.regionCode, before: null, after: { ...done, pensionItemId: item.id, distanceMeters: d } });
    visit = (await repo.findVisit(tx, visit!.id))!;
    return (await visitViews(tx, now, [visit]))[0]!;
  });
}

/** A visit's photo, for those whose scope holds the household (or the drive's resident). */
export async function visitPhoto(ctx: AppContext, actor: Actor, id: string): Promise<{ bytes: Buffer; contentType: string }> {
  const v = await repo.findVisit(ctx.db, id);
  if (!v) throw notFound('走访 visit');
  if (v.householdId) await loadHouseholdFor(ctx.db, actor, v.householdId);
  else {
    const region = await findRegion(ctx.db, v.communityCode);
    if (!coverOf(actor, await careScopeOf(ctx.db, actor), { communityPath: region!.path, gridPath: v.gridPath, buildingId: null })) throw outsideGrid();
  }
  const bytes = v.photoKey ? await careStorage(ctx).get(v.photoKey) : null;
  if (!bytes || !v.photoKey) throw notFound('照片 photo');
  return { bytes, contentType: CONTENT_TYPE_OF_EXT[v.photoKey.split('.').pop() ?? ''] ?? 'application/octet-stream' };
}

/**
 * 走访转需求: a need found on a visit becomes a residents' request (the four-order flow), entered
 * on the resident's behalf by the visitor, in the same transaction, linked to the visit.
 */
export async function visitToRequest(ctx: AppContext, actor: Actor, visitId: string, body: { residentId: string; category: string; description: string; preferredFrom?: string | undefined; preferredTo?: string | undefined }) {
  return withTx(ctx.db, async (tx) => {
    const v = await repo.findVisit(tx, visitId);
    if (!v) throw notFound('走访 visit');
    if (!v.householdId) throw new AppError('INVALID_STATE', '只有登记住户的走访可以转为服务需求 / Only a registered household’s visit becomes a request');
    const h = await loadHouseholdFor(tx, actor, v.householdId);
    if (v.status !== 'done') throw new AppError('INVALID_STATE', '请先登记这次走访 / Record the visit first');
    if (v.requestId) throw new AppError('CONFLICT', '这次走访已转为服务需求 / This visit already became a request', { requestId: v.requestId });
    const members = await repo.membersOf(tx, [h.h.id]);
    if (!members.some((m) => m.userId === body.residentId)) throw new AppError('VALIDATION_FAILED', '须为该住户中有账号的成员 / The resident must be a member of this household with an account', { fields: { residentId: 'not a member of this household with an account' } });
    const req = await orderService({ ...ctx, db: tx as unknown as Db }, actor, {
      category: body.category, description: body.description, regionCode: h.h.communityCode, address: `${h.buildingAddress ?? ''}${placeOf(h.buildingName, h.h.unit, h.h.room)}`,
      lat: h.h.lat ?? undefined, lng: h.h.lng ?? undefined, preferredFrom: body.preferredFrom, preferredTo: body.preferredTo, residentId: body.residentId,
      contactPhone: h.h.phone ?? undefined,
    }, { onBehalfCheckedBy: `care:${h.cover}` });
    if (!(await repo.setVisitRequest(tx, v.id, req.id))) throw new AppError('CONFLICT', '这次走访已转为服务需求 / This visit already became a request');
    await recordAudit(ctx, tx, actor, { action: 'care.visit.request', objectType: 'care_visit', objectId: v.id, regionCode: h.h.communityCode, onBehalfOf: body.residentId, before: null, after: { requestId: req.id, as: h.cover } });
    return { visit: (await visitViews(tx, ctx.clock.now(), [(await repo.findVisit(tx, v.id))!]))[0]!, requestId: req.id };
  });
}

// ——— campaigns (敲门行动) ———

export async function createCampaign(ctx: AppContext, actor: Actor, body: { communityCode: string; title: string; tag?: CareTag | undefined; gridId?: string | undefined; dueAt: string }) {
  return withTx(ctx.db, async (tx) => {
    const c = await managedCommunity(tx, actor, body.communityCode);
    let gridPath: string | undefined;
    if (body.gridId) {
      const g = await repo.findGrid(tx, body.gridId);
      if (!g || g.g.communityCode !== c.code) throw new AppError('VALIDATION_FAILED', undefined, { fields: { gridId: '网格不在该社区 / The grid is not in this community' } });
      gridPath = g.g.path;
    }
    const now = ctx.clock.now();
    const dueAt = new Date(body.dueAt);
    if (dueAt <= now) throw new AppError('VALIDATION_FAILED', undefined, { fields: { dueAt: '完成期限须晚于现在 / The due time must be in the future' } });
    const row = { id: newId(), cityCode: cityCodeOf(c.code), communityCode: c.code, title: body.title, dueAt, createdBy: actor.userId, createdAt: now };
    await repo.insertCampaign(tx, row);
    const hh = await repo.householdsForCampaign(tx, c.code, { tag: body.tag, gridPath });
    await repo.insertVisits(tx, hh.map((h) => ({ id: newId(), cityCode: h.cityCode, communityCode: h.communityCode, gridId: h.gridId, gridPath: h.gridPath, buildingId: h.buildingId, householdId: h.id, campaignId: row.id, source: 'campaign', dueAt, status: 'due', createdAt: now })));
    await recordAudit(ctx, tx, actor, { action: 'care.campaign.create', objectType: 'care_campaign', objectId: row.id, regionCode: c.code, before: null, after: { ...row, households: hh.length, tag: body.tag ?? null, gridId: body.gridId ?? null } });
    return { id: row.id, communityCode: c.code, title: row.title, dueAt: dueAt.toISOString(), total: hh.length, done: 0, createdAt: now.toISOString() };
  });
}

export async function listCampaigns(ctx: AppContext, actor: Actor, communityCode: string) {
  await managedCommunity(ctx.db, actor, communityCode);
  const rows = await repo.campaignsOf(ctx.db, communityCode);
  return { items: rows.map((r) => ({ id: r.c.id, communityCode: r.c.communityCode, title: r.c.title, dueAt: r.c.dueAt.toISOString(), total: r.total, done: r.done, createdAt: r.c.createdAt.toISOString() })) };
}

export { managesCommunity };
