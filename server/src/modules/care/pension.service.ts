import type { Actor, AppContext } from '../../context';
import { withTx, type DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { keyedHash } from '../../lib/crypto';
import { readXlsxRows } from '../../lib/excel';
import { cityCodeOf } from '@shared/lib/region-code';
import { isValidIdNumber, maskIdNumber } from '@shared/lib/id-number';
import type { PageQuery } from '@shared/schemas/common';
import type { PensionItem } from '@shared/schemas/care';
import { authorize } from '../access/index';
import { recordAudit } from '../audit/index';
import { findRegion, subtreeRegionsByName } from '../regions/index';
import { findUserView } from '../accounts/index';
import { CARE_MANAGE } from './care.policy';
import { careScopeOf, coverOf, outsideGrid } from './care.scope';
import { endOfChinaDay } from './care.service';
import * as repo from './care.repository';
import type { pensionItems } from '../../db/schema/index';

/**
 * The yearly pension-authentication drive (养老保险资格认证): the list of residents due, imported from
 * Excel; each marked done by themselves, done with help (who, where), or not yet with the reason;
 * progress by village/community and grid; those not yet done become door-to-door visits in one step.
 */

async function driveFor(db: DbOrTx, actor: Actor, id: string, workerToo: boolean) {
  const d = await repo.findDrive(db, id);
  if (!d) throw notFound('认证行动 drive');
  const s = await careScopeOf(db, actor);
  if (coverOf(actor, s, { communityPath: d.regionPath, gridPath: null, buildingId: null })) return { ...d, s, staff: true };
  // a grid worker of a community inside the drive's region (region codes nest: 140502001001 lies in 140502001)
  if (workerToo && s.assignments.some((a) => a.a.role === 'grid_worker' && a.communityCode.startsWith(d.d.regionCode))) return { ...d, s, staff: false };
  authorize(actor, CARE_MANAGE, { regionPath: d.regionPath });
  throw new Error('unreachable');
}

export async function createDrive(ctx: AppContext, actor: Actor, body: { regionCode: string; year: number; title: string }) {
  return withTx(ctx.db, async (tx) => {
    const r = await findRegion(tx, body.regionCode);
    if (!r || r.level < 4) throw new AppError('VALIDATION_FAILED', undefined, { fields: { regionCode: '须为街道、乡镇、社区或村 / Must be a street, town, community or village' } });
    authorize(actor, CARE_MANAGE, { regionPath: r.path });
    const row = { id: newId(), cityCode: cityCodeOf(r.code), regionCode: r.code, year: body.year, title: body.title, createdBy: actor.userId, createdAt: ctx.clock.now() };
    await repo.insertDrive(tx, row);
    await recordAudit(ctx, tx, actor, { action: 'care.pension.drive', objectType: 'pension_drive', objectId: row.id, regionCode: r.code, before: null, after: row });
    return { id: row.id, regionCode: r.code, regionName: r.name, year: row.year, title: row.title, total: 0, createdAt: row.createdAt.toISOString() };
  });
}

export async function listDrives(ctx: AppContext, actor: Actor, regionCode: string) {
  const r = await findRegion(ctx.db, regionCode);
  if (!r) throw new AppError('VALIDATION_FAILED', undefined, { fields: { regionCode: 'unknown region' } });
  authorize(actor, CARE_MANAGE, { regionPath: r.path });
  const rows = await repo.drivesUnder(ctx.db, r.path);
  return { items: rows.map((x) => ({ id: x.d.id, regionCode: x.d.regionCode, regionName: x.regionName, year: x.d.year, title: x.d.title, total: x.total, createdAt: x.d.createdAt.toISOString() })) };
}

/**
 * The list from an .xlsx (姓名, 身份证号, 社区/村, 网格, 地址): checked whole, nothing imported while a
 * row is wrong. Only the masked ID number and a keyed hash (for duplicates) are kept.
 */
export async function importDrive(ctx: AppContext, actor: Actor, id: string, fileBase64: string) {
  const d = await repo.findDrive(ctx.db, id);
  if (!d) throw notFound('认证行动 drive');
  authorize(actor, CARE_MANAGE, { regionPath: d.regionPath });
  let sheet: Awaited<ReturnType<typeof readXlsxRows>>;
  try {
    sheet = await readXlsxRows(Buffer.from(fileBase64, 'base64'));
  } catch {
    throw new AppError('VALIDATION_FAILED', '无法读取该 Excel 文件 / The file is not a readable .xlsx', { fields: { fileBase64: 'not an .xlsx file' } });
  }
  const errors: Array<{ row: number; field: string; message: string }> = [];
  const now = ctx.clock.now();
  const rows: Array<typeof pensionItems.$inferInsert> = [];
  const keys = new Set<string>();
  const rowNumbers: number[] = [];
  let byName: Map<string, string[]> | undefined;
  for (const { row, values: v } of sheet.rows) {
    const err = (field: string, message: string) => errors.push({ row, field, message });
    const name = v['姓名'] ?? '';
    if (!name) { err('姓名', '姓名必填 / The name is required'); continue; }
    const idNumber = (v['身份证号'] ?? '').toUpperCase();
    if (!isValidIdNumber(idNumber)) { err('身份证号', '身份证号码无效 / Invalid ID number'); continue; }
    const place = v['社区/村'] ?? v['社区'] ?? v['村'] ?? '';
    const code = /^\d{12}$/.test(place) ? place : (byName ??= (await subtreeRegionsByName(ctx.db, d.regionPath)).byName).get(place)?.[0];
    const region = code ? await findRegion(ctx.db, code) : undefined;
    if (!region || !region.path.startsWith(d.regionPath) || region.level !== 5) { err('社区/村', `本次行动范围内没有“${place}” / No such community or village in this drive`); continue; }
    let gridId: string | null = null;
    let gridPath: string | null = null;
    if (v['网格']) {
      const g = await repo.gridByName(ctx.db, [region.code], v['网格']);
      if (!g) { err('网格', `该社区/村没有网格“${v['网格']}” / No such grid`); continue; }
      gridId = g.id;
      gridPath = g.path;
    }
    const key = keyedHash(ctx.keys.idHash, idNumber);
    if (keys.has(key)) { err('身份证号', '文件内重复 / Listed twice in the file'); continue; }
    keys.add(key);
    rows.push({ id: newId(), cityCode: cityCodeOf(region.code), driveId: id, regionCode: region.code, gridId, gridPath, name, idNumberMasked: maskIdNumber(idNumber), idKey: key, address: v['地址'] ?? '', status: 'pending', updatedAt: now });
    rowNumbers.push(row);
  }
  const existing = await repo.existingIdKeys(ctx.db, id, [...keys]);
  rows.forEach((r, i) => {
    if (existing.has(r.idKey)) errors.push({ row: rowNumbers[i]!, field: '身份证号', message: `名单中已有此人：${r.name} / Already on the list` });
  });
  if (!sheet.rows.length) errors.push({ row: 1, field: '文件', message: '文件中没有数据行 / The sheet has no rows' });
  if (errors.length) return { imported: 0, errors };
  await withTx(ctx.db, async (tx) => {
    await repo.insertItems(tx, rows);
    await recordAudit(ctx, tx, actor, { action: 'care.pension.import', objectType: 'pension_drive', objectId: id, regionCode: d.d.regionCode, before: null, after: { rows: rows.length } });
  });
  return { imported: rows.length, errors: [] };
}

function itemView(r: Awaited<ReturnType<typeof repo.listItems>>['items'][number]): PensionItem {
  const i = r.i;
  return {
    id: i.id, driveId: i.driveId, regionCode: i.regionCode, regionName: r.regionName, gridId: i.gridId, gridName: r.gridName, name: i.name, idNumberMasked: i.idNumberMasked, address: i.address,
    status: i.status as PensionItem['status'], helpedById: i.helpedBy, helpedByName: r.helperName, helpPlace: (i.helpPlace as PensionItem['helpPlace']) ?? null, reason: (i.reason as PensionItem['reason']) ?? null,
    visitId: i.visitId, updatedAt: i.updatedAt.toISOString(),
  };
}

/** The drive's list: staff see all of it, a grid worker their grid's residents. */
export async function listItems(ctx: AppContext, actor: Actor, id: string, q: PageQuery & { status?: string | undefined; gridId?: string | undefined }) {
  const d = await driveFor(ctx.db, actor, id, true);
  const { limit, offset } = offsetOf(q);
  const page = await repo.listItems(ctx.db, id, { status: q.status, gridId: q.gridId, gridPaths: d.staff ? undefined : d.s.gridPaths }, limit, offset);
  return { total: page.total, items: page.items.map(itemView) };
}

/** A grid worker's list: the drives' residents in their grids not yet done, to mark or visit. */
export async function myPensionItems(ctx: AppContext, actor: Actor, q: PageQuery) {
  const s = await careScopeOf(ctx.db, actor);
  const { limit, offset } = offsetOf(q);
  const page = await repo.openItemsUnder(ctx.db, s.gridPaths, limit, offset);
  return { total: page.total, items: page.items.map(itemView) };
}

async function itemFor(db: DbOrTx, actor: Actor, id: string) {
  const item = await repo.findItem(db, id);
  if (!item) throw notFound('认证名单 pension item');
  const region = await findRegion(db, item.regionCode);
  const s = await careScopeOf(db, actor);
  const cover = coverOf(actor, s, { communityPath: region!.path, gridPath: item.gridPath, buildingId: null });
  if (!cover) throw outsideGrid();
  return { item, cover };
}

export async function markItem(ctx: AppContext, actor: Actor, id: string, body: { status: 'self' | 'helped' | 'not_yet'; helpedById?: string | undefined; helpPlace?: 'service_point' | 'home' | undefined; reason?: 'cannot_walk' | 'away' | 'no_smartphone' | 'deceased' | undefined }) {
  return withTx(ctx.db, async (tx) => {
    const { item, cover } = await itemFor(tx, actor, id);
    if (body.helpedById && !(await findUserView(tx, body.helpedById))) throw new AppError('VALIDATION_FAILED', undefined, { fields: { helpedById: '没有这个人 / No such person' } });
    const set = {
      status: body.status, helpedBy: body.status === 'helped' ? body.helpedById! : null, helpPlace: body.status === 'helped' ? body.helpPlace! : null,
      reason: body.status === 'not_yet' ? body.reason! : null, updatedBy: actor.userId, updatedAt: ctx.clock.now(),
    };
    await repo.updateItem(tx, id, set);
    await recordAudit(ctx, tx, actor, { action: 'care.pension.mark', objectType: 'pension_item', objectId: id, regionCode: item.regionCode, before: { status: item.status, helpedBy: item.helpedBy, helpPlace: item.helpPlace, reason: item.reason }, after: { ...set, as: cover } });
    const [view] = (await repo.listItems(tx, item.driveId, { id }, 1, 0)).items;
    return itemView(view!);
  });
}

export async function driveProgress(ctx: AppContext, actor: Actor, id: string) {
  await driveFor(ctx.db, actor, id, false);
  const rows = await repo.driveCounts(ctx.db, id);
  const zero = () => ({ total: 0, pending: 0, self: 0, helped: 0, notYet: 0 });
  const add = (c: ReturnType<typeof zero>, status: string, n: number) => {
    c.total += n;
    if (status === 'pending') c.pending += n;
    else if (status === 'self') c.self += n;
    else if (status === 'helped') c.helped += n;
    else c.notYet += n;
  };
  const overall = zero();
  const byRegion = new Map<string, ReturnType<typeof zero> & { regionCode: string; regionName: string }>();
  const byGrid = new Map<string, ReturnType<typeof zero> & { gridId: string | null; gridName: string }>();
  for (const r of rows) {
    add(overall, r.status, r.n);
    const reg = byRegion.get(r.region_code) ?? { ...zero(), regionCode: r.region_code, regionName: r.region_name };
    add(reg, r.status, r.n);
    byRegion.set(r.region_code, reg);
    const gk = r.grid_id ?? '';
    const g = byGrid.get(gk) ?? { ...zero(), gridId: r.grid_id, gridName: r.grid_name ?? '未分网格' };
    add(g, r.status, r.n);
    byGrid.set(gk, g);
  }
  return { overall, byRegion: [...byRegion.values()], byGrid: [...byGrid.values()] };
}

/** Those not yet done become door-to-door visits (one per resident, due by the given time or today's end). */
export async function visitsFromDrive(ctx: AppContext, actor: Actor, id: string, body: { itemIds: string[]; dueAt?: string | undefined }) {
  return withTx(ctx.db, async (tx) => {
    const d = await repo.findDrive(tx, id);
    if (!d) throw notFound('认证行动 drive');
    authorize(actor, CARE_MANAGE, { regionPath: d.regionPath });
    const now = ctx.clock.now();
    const dueAt = body.dueAt ? new Date(body.dueAt) : endOfChinaDay(now);
    const items = await repo.itemsByIds(tx, body.itemIds);
    const bad = body.itemIds.filter((x) => !items.some((i) => i.id === x && i.driveId === id));
    if (bad.length) throw new AppError('VALIDATION_FAILED', undefined, { fields: { itemIds: `不在本名单中 / Not on this drive's list: ${bad.join(', ')}` } });
    const rows = [];
    for (const i of items) {
      if (i.status === 'self' || i.status === 'helped') continue;
      if ((await repo.openVisitsOfItem(tx, i.id)).length) continue;
      rows.push({ id: newId(), cityCode: i.cityCode, communityCode: i.regionCode, gridId: i.gridId, gridPath: i.gridPath, buildingId: null, householdId: null, pensionItemId: i.id, source: 'pension', dueAt, status: 'due', createdAt: now });
    }
    await repo.insertVisits(tx, rows);
    await recordAudit(ctx, tx, actor, { action: 'care.pension.visits', objectType: 'pension_drive', objectId: id, regionCode: d.d.regionCode, before: null, after: { visits: rows.length, dueAt } });
    return { created: rows.length, visitIds: rows.map((r) => r.id) };
  });
}
