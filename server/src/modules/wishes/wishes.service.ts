import type { AppContext, Actor } from '../../context';
import { isUniqueViolation, withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { localDiskStorage, IMAGE_TYPES, CONTENT_TYPE_OF_EXT } from '../../lib/storage';
import { cleanImage } from '../../lib/images';
import { tooLarge } from '../../plugins/body-limit';
import type { DbOrTx } from '../../db/client';
import { cityCodeOf } from '@shared/lib/region-code';
import { publicPersonName } from '../../lib/public-name';
import { chinaDate } from '@shared/lib/china-time';
import type { PageQuery } from '@shared/schemas/common';
import { recordAudit } from '../audit/index';
import { trackStats } from '../stats/index';
import { assertNotSelfBenefit, authorize, can, regionTarget } from '../access/index';
import { rootRegionCode } from '../regions/index';
import { notify } from '../notifications/index';
import { definePermission } from '../access/index';
import * as repo from './wishes.repository';
import path from 'node:path';

/** Community and station staff register wishes and confirm them fulfilled. */
export const WISH_MANAGE = definePermission('wish.manage', ['region_admin', 'station_admin']);

type Row = NonNullable<Awaited<ReturnType<typeof repo.wishView>>>;

/** A claimant's name for the public: organisations and companies by name, people only with their consent. */
function publicClaimantName(r: Row, viewerId: string | null): string | null {
  const c = r.claim;
  if (!c) return null;
  if (c.claimantType === 'organization' || c.claimantType === 'company' || c.claimantId === viewerId) return c.claimantName;
  return publicPersonName(c.claimantName, r.claimantPublic, 'anonymous');
}

/** The public wall: the wish, never the person in need; the claimant only with consent. */
export function toPublicWish(r: Row, viewerId: string | null = null) {
  const w = r.wish;
  return {
    id: w.id,
    title: w.title,
    story: w.story,
    valueYuan: w.valueYuan,
    valueFen: w.valueFen,
    regionCode: w.regionCode,
    regionName: r.regionName,
    status: w.status as 'open' | 'claimed' | 'delivered' | 'fulfilled' | 'withdrawn',
    claimantName: publicClaimantName(r, viewerId),
    claimDueAt: r.claim?.status === 'active' ? r.claim.dueAt.toISOString() : null,
    fulfilledAt: w.fulfilledAt?.toISOString() ?? null,
    createdAt: w.createdAt.toISOString(),
  };
}

function toStaffWish(r: Row) {
  return {
    ...toPublicWish(r),
    claimantName: r.claim?.claimantName ?? null,
    beneficiaryName: r.wish.beneficiaryName,
    beneficiaryPhone: r.wish.beneficiaryPhone,
    beneficiaryAddress: r.wish.beneficiaryAddress,
    claim: r.claim
      ? {
          id: r.claim.id,
          claimantId: r.claim.claimantId,
          claimantType: r.claim.claimantType as 'volunteer',
          claimantName: r.claim.claimantName,
          status: r.claim.status,
          dueAt: r.claim.dueAt.toISOString(),
          deliveryNote: r.claim.deliveryNote,
          hasPhoto: !!r.claim.photoKey,
          deliveredAt: r.claim.deliveredAt?.toISOString() ?? null,
        }
      : null,
  };
}

async function view(ctx: AppContext, id: string): Promise<Row> {
  const r = await repo.wishView(ctx.db, id);
  if (!r) throw notFound('心愿 wish');
  return r;
}

export async function registerWish(ctx: AppContext, actor: Actor, body: { title: string; story: string; valueYuan?: number | undefined; valueFen?: number | undefined; regionCode: string; beneficiaryName: string; beneficiaryPhone?: string | undefined; beneficiaryAddress?: string | undefined; claimDays?: number | undefined }) {
  return withTx(ctx.db, async (tx) => {
    const region = await regionTarget(tx, body.regionCode);
    authorize(actor, WISH_MANAGE, region);
    const now = ctx.clock.now();
    // money in fen (issue 16); value_yuan stays the whole-yuan part for the first clients
    const valueFen = body.valueFen ?? (body.valueYuan ?? 0) * 100;
    const w = await repo.insertWish(tx, {
      id: newId(),
      cityCode: cityCodeOf(region.regionCode),
      regionCode: region.regionCode,
      title: body.title,
      story: body.story,
      valueYuan: Math.floor(valueFen / 100),
      valueFen,
      beneficiaryName: body.beneficiaryName,
      beneficiaryPhone: body.beneficiaryPhone ?? null,
      beneficiaryAddress: body.beneficiaryAddress ?? null,
      status: 'open',
      claimDays: body.claimDays ?? 14,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(ctx, tx, actor, { action: 'wish.register', objectType: 'wish', objectId: w.id, regionCode: w.regionCode, before: null, after: { id: w.id, title: w.title, valueFen: w.valueFen } });
    return toStaffWish((await repo.wishView(tx, w.id))!);
  });
}

/**
 * 认领: one claim at a time — the partial unique index on open claims decides between two
 * people claiming at once; the loser gets CONFLICT. A claim not delivered by its due date lapses.
 */
export async function claimWish(ctx: AppContext, actor: Actor, id: string, body: { claimantType: 'volunteer' | 'party_member' | 'organization' | 'company'; claimantName?: string | undefined }) {
  return withTx(ctx.db, async (tx) => {
    const w = await repo.findWish(tx, id);
    if (!w) throw notFound('心愿 wish');
    if (w.status !== 'open') throw new AppError('CONFLICT', '这个心愿已被认领 / This wish is already claimed', { status: w.status });
    if ((body.claimantType === 'organization' || body.claimantType === 'company') && !body.claimantName) {
      throw new AppError('VALIDATION_FAILED', undefined, { fields: { claimantName: '请填写单位名称 / Name the organisation or company' } });
    }
    const now = ctx.clock.now();
    let claim;
    try {
      claim = await repo.insertClaim(tx, {
        id: newId(),
        cityCode: w.cityCode,
        wishId: w.id,
        claimantId: actor.userId,
        claimantType: body.claimantType,
        claimantName: body.claimantName ?? actor.name,
        status: 'active',
        dueAt: new Date(now.getTime() + w.claimDays * 86_400_000),
        createdAt: now,
        updatedAt: now,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('CONFLICT', '这个心愿刚刚被别人认领了 / Someone has just claimed this wish');
      throw err;
    }
    const moved = await repo.setWishStatus(tx, w.id, ['open'], { status: 'claimed', updatedAt: now });
    if (!moved) throw new AppError('CONFLICT', '这个心愿刚刚被别人认领了 / Someone has just claimed this wish');
    await notify(ctx, tx, { userId: w.createdBy, regionCode: w.regionCode, kind: 'wish_claimed', title: `微心愿已被认领：${w.title}`, body: `认领人：${claim.claimantName}，请在${chinaDate(claim.dueAt)}前送达。`, objectType: 'wish', objectId: w.id });
    return toPublicWish((await repo.wishView(tx, w.id))!, actor.userId);
  });
}

/** Delivery photos are at most 5 MB as sent; what is stored is re-encoded without EXIF. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

function wishStorage(ctx: AppContext) {
  return localDiskStorage(path.join(ctx.config.dataDir, 'uploads'));
}

/** Re-encodes a delivery photo (no EXIF, no GPS) and stores it; its key. */
async function storePhoto(ctx: AppContext, wishId: string, bytes: Buffer, field: string): Promise<string> {
  const clean = await cleanImage(bytes, field);
  const key = `wishes/${wishId}/${newId()}.${IMAGE_TYPES[clean.type]}`;
  await wishStorage(ctx).put(key, clean.data);
  return key;
}

/** The open claim of the wish, if the actor holds it; otherwise 404 (no wish) or 403. */
async function claimOf(db: DbOrTx, actor: Actor, wishId: string) {
  const claim = await repo.openClaim(db, wishId);
  if (!claim && !(await repo.findWish(db, wishId))) throw notFound('心愿 wish');
  if (!claim || claim.claimantId !== actor.userId) throw new AppError('FORBIDDEN', '只有认领人可以提交送达和照片 / Only the claimant delivers and sends the photo');
  return claim;
}

/** Before a delivery or a photo is read: only the claimant of the open claim may send one. */
export async function checkClaimant(ctx: AppContext, actor: Actor, wishId: string): Promise<void> {
  await claimOf(ctx.db, actor, wishId);
}

/** The claimant delivers, with a note and optionally a photo (stored under the data folder). */
export async function deliverWish(ctx: AppContext, actor: Actor, id: string, body: { note: string; photoBase64?: string | undefined }) {
  await claimOf(ctx.db, actor, id);
  let photoKey: string | null = null;
  if (body.photoBase64) {
    const bytes = Buffer.from(body.photoBase64.replace(/^data:[^,]+,/, ''), 'base64');
    if (bytes.length > MAX_PHOTO_BYTES) throw tooLarge(MAX_PHOTO_BYTES);
    photoKey = await storePhoto(ctx, id, bytes, 'photoBase64');
  }
  return withTx(ctx.db, async (tx) => {
    const claim = await claimOf(tx, actor, id);
    const now = ctx.clock.now();
    const c = await repo.setClaimStatus(tx, claim.id, ['active'], { status: 'delivered', deliveryNote: body.note, ...(photoKey ? { photoKey } : {}), deliveredAt: now, updatedAt: now });
    if (!c) throw new AppError('INVALID_STATE', '该认领已送达或已失效 / Already delivered or lapsed', { status: claim.status });
    await repo.setWishStatus(tx, id, ['claimed'], { status: 'delivered', updatedAt: now });
    return toPublicWish((await repo.wishView(tx, id))!, actor.userId);
  });
}

/**
 * The claimant sends (or replaces) the delivery photo as a raw image body, before or after
 * delivering, until staff confirm. Re-encoded: no EXIF, no GPS position is kept.
 */
export async function putWishPhoto(ctx: AppContext, actor: Actor, id: string, bytes: Buffer) {
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', undefined, { fields: { file: '请上传图片 / Upload a picture' } });
  if (bytes.length > MAX_PHOTO_BYTES) throw tooLarge(MAX_PHOTO_BYTES);
  await claimOf(ctx.db, actor, id);
  const key = await storePhoto(ctx, id, bytes, 'file');
  const old = await withTx(ctx.db, async (tx) => {
    const claim = await claimOf(tx, actor, id);
    const c = await repo.setClaimStatus(tx, claim.id, ['active', 'delivered'], { photoKey: key, updatedAt: ctx.clock.now() });
    if (!c) throw new AppError('INVALID_STATE', '该认领已确认或已失效 / The claim is already confirmed or lapsed', { status: claim.status });
    return claim.photoKey;
  }).catch(async (err: unknown) => {
    await wishStorage(ctx).delete(key).catch(() => undefined);
    throw err;
  });
  if (old && old !== key) await wishStorage(ctx).delete(old).catch(() => undefined);
  return toPublicWish((await repo.wishView(ctx.db, id))!, actor.userId);
}

/** Staff confirm the wish fulfilled (audited); the figures count it. */
export async function confirmWish(ctx: AppContext, actor: Actor, id: string) {
  return withTx(ctx.db, async (tx) => {
    const w = await repo.findWish(tx, id, true);
    if (!w) throw notFound('心愿 wish');
    authorize(actor, WISH_MANAGE, await regionTarget(tx, w.regionCode));
    const claim = await repo.openClaim(tx, id);
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [claim?.claimantId], reason: '不能确认自己认领的心愿，须由其他工作人员确认 / You cannot confirm a wish you claimed; another staff member must' });
    const now = ctx.clock.now();
    const after = await trackStats(tx, 'wish', [id], () => repo.setWishStatus(tx, id, ['delivered'], { status: 'fulfilled', fulfilledAt: now, confirmedBy: actor.userId, updatedAt: now }));
    if (!after || !claim) throw new AppError('INVALID_STATE', '认领人尚未送达 / Not delivered yet', { status: w.status });
    await repo.setClaimStatus(tx, claim.id, ['delivered'], { status: 'confirmed', updatedAt: now });
    await recordAudit(ctx, tx, actor, { action: 'wish.confirm', objectType: 'wish', objectId: id, regionCode: w.regionCode, before: { status: w.status }, after: { status: 'fulfilled', claimant: claim.claimantName } });
    return toStaffWish((await repo.wishView(tx, id))!);
  });
}

/** Sweeper: claims not delivered in time lapse, and the wish returns to the wall. */
export async function lapseClaims(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  let n = 0;
  for (const c of await repo.lapsedClaims(ctx.db, now)) {
    await withTx(ctx.db, async (tx) => {
      const lapsed = await repo.setClaimStatus(tx, c.id, ['active'], { status: 'lapsed', updatedAt: now });
      if (!lapsed) return;
      await repo.setWishStatus(tx, c.wishId, ['claimed'], { status: 'open', updatedAt: now });
      await notify(ctx, tx, { userId: c.claimantId, regionCode: (await repo.findWish(tx, c.wishId))!.regionCode, kind: 'wish_lapsed', title: '微心愿认领已过期', body: '未在期限内送达，心愿已回到心愿墙。', objectType: 'wish', objectId: c.wishId });
      n++;
    });
  }
  return n;
}

export async function listWall(ctx: AppContext, actor: Actor | null, q: PageQuery & { regionCode?: string | undefined; status?: string | undefined }) {
  const { limit, offset } = offsetOf(q);
  const regionPath = q.regionCode ? (await regionTarget(ctx.db, q.regionCode)).regionPath : undefined;
  const page = await repo.listWishes(ctx.db, { regionPath, status: q.status, limit, offset });
  const staff = actor && regionPath ? can(actor, WISH_MANAGE, { regionPath }) : false;
  return { total: page.total, items: page.items.map((r) => (staff ? toStaffWish(r) : toPublicWish(r, actor?.userId ?? null))) };
}

export async function getWish(ctx: AppContext, actor: Actor | null, id: string) {
  const r = await view(ctx, id);
  if (actor && can(actor, WISH_MANAGE, await regionTarget(ctx.db, r.wish.regionCode))) return toStaffWish(r);
  return toPublicWish(r, actor?.userId ?? null);
}

export async function wishStats(ctx: AppContext, regionCode: string | undefined) {
  const code = regionCode ?? (await rootRegionCode(ctx.db));
  if (!code) return { collected: 0, claimed: 0, fulfilled: 0, open: 0, valueYuanFulfilled: 0, valueFenFulfilled: 0 };
  return repo.stats(ctx.db, (await regionTarget(ctx.db, code)).regionPath);
}

/** The delivery photo: for the region's staff and the claimant, never the public. */
export async function wishPhoto(ctx: AppContext, actor: Actor, id: string): Promise<{ bytes: Buffer; contentType: string }> {
  const r = await view(ctx, id);
  const claim = r.claim;
  const staff = can(actor, WISH_MANAGE, await regionTarget(ctx.db, r.wish.regionCode));
  if (!claim?.photoKey || (!staff && claim.claimantId !== actor.userId)) throw notFound('照片 photo');
  const bytes = await wishStorage(ctx).get(claim.photoKey);
  if (!bytes) throw notFound('照片 photo');
  const ext = claim.photoKey.split('.').pop() ?? '';
  return { bytes, contentType: CONTENT_TYPE_OF_EXT[ext] ?? 'application/octet-stream' };
}
