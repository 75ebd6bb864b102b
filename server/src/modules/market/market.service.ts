import crypto from 'node:crypto';
import path from 'node:path';
import QRCode from 'qrcode';
import type { Actor, AppContext } from '../../context';
import { isCheckViolation, isUniqueViolation, withTx, type DbOrTx, type Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { CONTENT_TYPE_OF_EXT, IMAGE_TYPES, localDiskStorage, type Storage } from '../../lib/storage';
import { cleanImage } from '../../lib/images';
import { tooLarge } from '../../plugins/body-limit';
import { cityCodeOf } from '@shared/lib/region-code';
import type { PageQuery } from '@shared/schemas/common';
import type {
  MarketReport,
  MovementKind,
  Product,
  ProductCreateBody,
  ProductUpdateBody,
  Redemption,
  RedemptionCreateBody,
  RedemptionStatus,
  StockMovementBody,
} from '@shared/schemas/market';
import { assertMayMoveOut, assertNotSelfBenefit, authorize, can, stationTarget, type Target } from '../access/index';
import { recordAudit } from '../audit/index';
import { trackStats } from '../stats/index';
import { cityRegionOf, postPending, reserve, voidPending } from '../ledger/index';
import { notify } from '../notifications/index';
import { MARKET_CANCEL, MARKET_FULFIL, MARKET_MANAGE, MARKET_ON_BEHALF, MARKET_READ_ORDER } from './market.policy';
import * as repo from './market.repository';
import type { MovementRow, ProductRow, ProductView, RedemptionView } from './market.repository';

/**
 * The love supermarket. Stock moves only together with a movement row (same transaction), so
 * the shelf always equals the sum of its movements; points move only through the ledger: a
 * redemption reserves (pending), the pickup posts it, a cancellation or expiry voids it.
 */

export const DEFAULT_PICKUP_DAYS = 7;
export const MAX_PICTURE_BYTES = 2 * 1024 * 1024;
const DAY_MS = 86_400_000;

// ——— views ———

export function toProduct(p: ProductRow | ProductView): Product {
  return {
    id: p.id,
    stationId: p.stationId,
    stationName: 'stationName' in p ? (p.stationName ?? null) : null,
    regionCode: p.regionCode,
    name: p.name,
    category: p.category,
    description: p.description,
    pictureUrl: p.pictureKey ? `/api/v1/products/${p.id}/picture?v=${p.updatedAt.getTime()}` : null,
    pointsPrice: p.pointsPrice,
    stock: p.stock,
    monthlyLimitPerPerson: p.monthlyLimitPerPerson,
    lowStockThreshold: p.lowStockThreshold,
    isLowStock: p.stock <= p.lowStockThreshold,
    isOnShelf: p.isOnShelf,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function toMovement(m: MovementRow, productName: string | null = null, actorName: string | null = null) {
  return {
    id: m.id,
    productId: m.productId,
    productName,
    kind: m.kind as MovementKind,
    quantity: m.quantity,
    stockAfter: m.stockAfter,
    donorName: m.donorName,
    donorType: (m.donorType as 'company' | 'person' | null) ?? null,
    reason: m.reason,
    redemptionId: m.redemptionId,
    actorId: m.actorId,
    actorName,
    createdAt: m.createdAt.toISOString(),
  };
}

/** What a pickup QR holds: scanning it at the station gives the order and its code. */
export function pickupQrText(id: string, code: string): string {
  return `AIXIN-PICKUP:${id}:${code}`;
}

async function toRedemption(v: RedemptionView, showCode: boolean): Promise<Redemption> {
  const r = v.r;
  const open = r.status === 'reserved';
  return {
    id: r.id,
    status: r.status as RedemptionStatus,
    pickupCode: showCode ? r.pickupCode : null,
    pickupQr: showCode && open ? await QRCode.toDataURL(pickupQrText(r.id, r.pickupCode), { margin: 1, width: 240 }) : null,
    points: r.points,
    quantity: r.quantity,
    unitPoints: r.unitPoints,
    productId: r.productId,
    productName: r.productName,
    stationId: r.stationId,
    stationName: v.stationName,
    userId: r.userId,
    userName: v.userName,
    placedBy: r.placedBy,
    placedByName: v.placedByName,
    onBehalf: r.onBehalf,
    expiresAt: r.expiresAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    closedAt: r.closedAt ? r.closedAt.toISOString() : null,
  };
}

// ——— helpers ———

const fieldError = (field: string, msg: string) => new AppError('VALIDATION_FAILED', undefined, { fields: { [field]: msg } });

/** The first instant of the China (UTC+8) calendar month holding `at`. */
export function chinaMonthStart(at: Date): Date {
  const shifted = new Date(at.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), 1) - 8 * 3_600_000);
}

function newPickupCode(): string {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
}

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

let storageOf: { dir: string; storage: Storage } | undefined;
/** Pictures live under `<AIXIN_DATA_DIR>/uploads`. */
export function marketStorage(ctx: AppContext): Storage {
  const dir = path.join(ctx.config.dataDir, 'uploads');
  if (!storageOf || storageOf.dir !== dir) storageOf = { dir, storage: localDiskStorage(dir) };
  return storageOf.storage;
}

async function productWithTarget(db: DbOrTx, productId: string, forUpdate = false): Promise<{ product: ProductRow; target: Target & { regionCode: string } }> {
  const product = await repo.findProduct(db, productId, { forUpdate });
  if (!product) throw notFound('商品 product');
  return { product, target: await stationTarget(db, product.stationId) };
}

async function productView(db: DbOrTx, id: string): Promise<Product> {
  return toProduct((await repo.findProductView(db, id))!);
}

function normaliseDonor(d: ProductCreateBody['donor']): { name: string; type: 'company' | 'person' } | null {
  if (!d) return null;
  if (typeof d === 'string') return { name: d, type: 'company' };
  return { name: d.name, type: d.type };
}

// ——— goods ———

export async function createProduct(ctx: AppContext, actor: Actor, stationId: string, body: ProductCreateBody): Promise<Product> {
  return withTx(ctx.db, async (tx) => {
    const target = await stationTarget(tx, stationId);
    authorize(actor, MARKET_MANAGE, target);
    const now = ctx.clock.now();
    const cityCode = cityCodeOf(target.regionCode);
    const donor = normaliseDonor(body.donor);
    const p = await repo.insertProduct(tx, {
      id: newId(),
      cityCode,
      stationId,
      regionCode: target.regionCode,
      name: body.name,
      category: body.category || null,
      description: body.description || null,
      pointsPrice: body.pointsPrice,
      stock: body.stock,
      monthlyLimitPerPerson: body.monthlyLimitPerPerson ?? null,
      lowStockThreshold: body.lowStockThreshold ?? 0,
      isOnShelf: body.isOnShelf ?? true,
      createdAt: now,
      updatedAt: now,
    });
    if (body.stock > 0) {
      await repo.insertMovement(tx, {
        id: newId(),
        cityCode,
        productId: p.id,
        stationId,
        kind: donor ? 'donation' : 'initial',
        quantity: body.stock,
        stockAfter: body.stock,
        donorName: donor?.name ?? null,
        donorType: donor?.type ?? null,
        reason: donor ? null : '上架 / initial stock',
        actorId: actor.userId,
        createdAt: now,
      });
    }
    await recordAudit(ctx, tx, actor, { action: 'market.product.create', objectType: 'market_product', objectId: p.id, regionCode: target.regionCode, before: null, after: { ...p, donor } });
    return productView(tx, p.id);
  });
}

export async function updateProduct(ctx: AppContext, actor: Actor, productId: string, body: ProductUpdateBody): Promise<Product> {
  return withTx(ctx.db, async (tx) => {
    const { product, target } = await productWithTarget(tx, productId, true);
    authorize(actor, MARKET_MANAGE, target);
    const set: Partial<ProductRow> = { updatedAt: ctx.clock.now() };
    for (const k of ['name', 'pointsPrice', 'category', 'description', 'monthlyLimitPerPerson', 'lowStockThreshold', 'isOnShelf'] as const) {
      if (body[k] !== undefined) (set as Record<string, unknown>)[k] = body[k] === '' ? null : body[k];
    }
    const after = await repo.updateProduct(tx, productId, set);
    await recordAudit(ctx, tx, actor, { action: 'market.product.update', objectType: 'market_product', objectId: productId, regionCode: target.regionCode, before: product, after });
    return productView(tx, productId);
  });
}

/** The shelf: the public sees on-shelf goods; the station's staff see everything and may filter. */
export async function listShelf(
  ctx: AppContext,
  actor: Actor | null,
  stationId: string,
  q: PageQuery & { q?: string | undefined; category?: string | undefined; onShelf?: 'true' | 'false' | undefined; lowStock?: 'true' | 'false' | undefined },
) {
  const target = await stationTarget(ctx.db, stationId);
  const isStaff = !!actor && can(actor, MARKET_MANAGE, target);
  const bool = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
  const r = await repo.listProducts(ctx.db, {
    stationId,
    onShelf: isStaff ? bool(q.onShelf) : true,
    lowStock: isStaff ? bool(q.lowStock) : undefined,
    q: q.q,
    category: q.category,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: r.items.map(toProduct), total: r.total };
}

export async function getProduct(ctx: AppContext, actor: Actor | null, productId: string): Promise<Product> {
  const { product, target } = await productWithTarget(ctx.db, productId);
  if (!product.isOnShelf && !(actor && can(actor, MARKET_MANAGE, target))) throw notFound('商品 product');
  return productView(ctx.db, productId);
}

/** Low-stock alerts of a station: stock at or below the product's threshold. */
export async function listLowStock(ctx: AppContext, actor: Actor, stationId: string, q: PageQuery) {
  const target = await stationTarget(ctx.db, stationId);
  authorize(actor, MARKET_MANAGE, target);
  const r = await repo.listProducts(ctx.db, { stationId, lowStock: true, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: r.items.map(toProduct), total: r.total };
}

/** Before the picture's bytes are read: the caller must manage the product's station. */
export async function checkPictureUpload(ctx: AppContext, actor: Actor, productId: string): Promise<void> {
  const { target } = await productWithTarget(ctx.db, productId);
  authorize(actor, MARKET_MANAGE, target);
}

/** The picture is re-encoded (lib/images.ts): what is stored carries no EXIF, no GPS position. */
export async function uploadPicture(ctx: AppContext, actor: Actor, productId: string, data: Buffer): Promise<Product> {
  if (data.length === 0) throw fieldError('file', '请上传图片 / Upload a picture');
  if (data.length > MAX_PICTURE_BYTES) throw tooLarge(MAX_PICTURE_BYTES);
  const { target } = await productWithTarget(ctx.db, productId);
  authorize(actor, MARKET_MANAGE, target);
  const clean = await cleanImage(data);
  const storage = marketStorage(ctx);
  const key = `market/${productId}/${newId()}.${IMAGE_TYPES[clean.type]}`;
  await storage.put(key, clean.data);
  const old = await withTx(ctx.db, async (tx) => {
    const { product } = await productWithTarget(tx, productId, true);
    await repo.updateProduct(tx, productId, { pictureKey: key, updatedAt: ctx.clock.now() });
    await recordAudit(ctx, tx, actor, { action: 'market.product.picture', objectType: 'market_product', objectId: productId, regionCode: target.regionCode, before: { pictureKey: product.pictureKey }, after: { pictureKey: key } });
    return product.pictureKey;
  });
  if (old) await storage.delete(old).catch(() => undefined);
  return productView(ctx.db, productId);
}

export async function readPicture(ctx: AppContext, productId: string): Promise<{ data: Buffer; contentType: string }> {
  const p = await repo.findProduct(ctx.db, productId);
  if (!p?.pictureKey) throw notFound('图片 picture');
  const data = await marketStorage(ctx).get(p.pictureKey);
  if (!data) throw notFound('图片 picture');
  const ext = p.pictureKey.split('.').pop() ?? '';
  return { data, contentType: CONTENT_TYPE_OF_EXT[ext] ?? 'application/octet-stream' };
}

// ——— stock ———

/** A donation in, an adjustment with a reason, or a stock-take to the counted quantity. Audited. */
export async function recordMovement(ctx: AppContext, actor: Actor, productId: string, body: StockMovementBody) {
  return withTx(ctx.db, async (tx) => {
    // the row lock orders this after any redemption in flight
    const { product, target } = await productWithTarget(tx, productId, true);
    authorize(actor, MARKET_MANAGE, target);
    let delta: number;
    if (body.kind === 'stocktake') delta = body.countedQuantity - product.stock;
    else delta = body.quantity;
    if (product.stock + delta < 0) throw fieldError('quantity', `库存只有 ${product.stock} / Only ${product.stock} in stock`);
    const now = ctx.clock.now();
    let after: ProductRow;
    try {
      after = await repo.addStock(tx, productId, delta, now);
    } catch (err) {
      if (isCheckViolation(err)) throw fieldError('quantity', '库存不能小于 0 / Stock cannot go below 0');
      throw err;
    }
    const m = await repo.insertMovement(tx, {
      id: newId(),
      cityCode: product.cityCode,
      productId,
      stationId: product.stationId,
      kind: body.kind,
      quantity: delta,
      stockAfter: after.stock,
      donorName: body.kind === 'donation' ? body.donor.name : null,
      donorType: body.kind === 'donation' ? body.donor.type : null,
      reason: body.kind === 'donation' ? (body.note ?? null) : (body.reason ?? null),
      actorId: actor.userId,
      createdAt: now,
    });
    await recordAudit(ctx, tx, actor, { action: `market.stock.${body.kind}`, objectType: 'market_product', objectId: productId, regionCode: target.regionCode, before: { stock: product.stock }, after: { stock: after.stock, movement: m } });
    return { product: await productView(tx, productId), movement: toMovement(m, product.name, actor.name) };
  });
}

export async function listMovements(ctx: AppContext, actor: Actor, stationId: string, q: PageQuery & { productId?: string | undefined; kind?: string | undefined }) {
  const target = await stationTarget(ctx.db, stationId);
  authorize(actor, MARKET_MANAGE, target);
  const r = await repo.listMovements(ctx.db, { stationId, productId: q.productId, kind: q.kind, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: r.items.map((x) => toMovement(x.m, x.productName, x.actorName)), total: r.total };
}

// ——— settings ———

export async function getSettings(ctx: AppContext, actor: Actor | null, stationId: string) {
  await stationTarget(ctx.db, stationId);
  void actor;
  const s = await repo.findSettings(ctx.db, stationId);
  return { stationId, pickupDays: s?.pickupDays ?? DEFAULT_PICKUP_DAYS };
}

export async function putSettings(ctx: AppContext, actor: Actor, stationId: string, body: { pickupDays: number }) {
  return withTx(ctx.db, async (tx) => {
    const target = await stationTarget(tx, stationId);
    authorize(actor, MARKET_MANAGE, target);
    const before = await repo.findSettings(tx, stationId);
    const s = await repo.upsertSettings(tx, { stationId, cityCode: cityCodeOf(target.regionCode), pickupDays: body.pickupDays, updatedAt: ctx.clock.now() });
    await recordAudit(ctx, tx, actor, { action: 'market.settings', objectType: 'station', objectId: stationId, regionCode: target.regionCode, before: before ?? null, after: s });
    return { stationId, pickupDays: s.pickupDays };
  });
}

// ——— redemptions ———

async function insertWithFreshCode(tx: Tx, row: Omit<Parameters<typeof repo.insertRedemption>[1], 'pickupCode'>) {
  for (let attempt = 0; ; attempt++) {
    const pickupCode = newPickupCode();
    try {
      // a savepoint: a taken code rolls back only this insert
      return await tx.transaction(async (sp) => repo.insertRedemption(sp, { ...row, pickupCode }));
    } catch (err) {
      if (!isUniqueViolation(err, 'market_redemptions_open_code_uq') || attempt >= 20) throw err;
    }
  }
}

/**
 * Redeems in ONE transaction: takes the stock with compare-and-set (none left → OUT_OF_STOCK),
 * reserves the points in the ledger until the pickup deadline (INSUFFICIENT_BALANCE rolls the
 * stock back), gives a six-digit pickup code unique among the station's open orders.
 * A station admin may redeem for a person without a phone (`onBehalfOf`, audited).
 */
export async function redeem(ctx: AppContext, actor: Actor, body: RedemptionCreateBody): Promise<Redemption> {
  const id = await withTx(ctx.db, async (tx) => {
    const { product, target } = await productWithTarget(tx, body.productId);
    let userId = actor.userId;
    // staff-assisted redemption (代兑换) is for someone else; one's own goes through self-service
    if (body.onBehalfOf) assertNotSelfBenefit(actor, { beneficiaryUserIds: [body.onBehalfOf], reason: '工作人员不能为自己代兑换，请用本人账户自助兑换 / Staff cannot redeem on their own behalf; redeem for yourself from your own account' });
    const onBehalf = !!body.onBehalfOf;
    if (onBehalf) {
      authorize(actor, MARKET_ON_BEHALF, target);
      userId = body.onBehalfOf!;
    }
    if (!product.isOnShelf) throw new AppError('INVALID_STATE', '该商品已下架 / This item is off the shelf');
    // an account just recovered by a code spends nothing by itself, and never through the code's issuer
    await assertMayMoveOut(ctx, tx, { userId, actor });
    const now = ctx.clock.now();
    if (product.monthlyLimitPerPerson !== null) {
      await repo.lockPersonProduct(tx, userId, product.id);
      const used = await repo.quantitySince(tx, userId, product.id, chinaMonthStart(now));
      if (used + body.quantity > product.monthlyLimitPerPerson) {
        throw new AppError('INVALID_STATE', `该商品每人每月限兑 ${product.monthlyLimitPerPerson} 件，本月已兑 ${used} 件 / Monthly limit ${product.monthlyLimitPerPerson} per person; ${used} this month`, {
          reason: 'MONTHLY_LIMIT',
          limit: product.monthlyLimitPerPerson,
          used,
        });
      }
    }
    const taken = await repo.takeStock(tx, product.id, body.quantity, now);
    if (!taken) throw new AppError('OUT_OF_STOCK', undefined, { available: (await repo.findProduct(tx, product.id))?.stock ?? 0, requested: body.quantity });
    const settings = await repo.findSettings(tx, product.stationId);
    const expiresAt = new Date(now.getTime() + (settings?.pickupDays ?? DEFAULT_PICKUP_DAYS) * DAY_MS);
    const redemptionId = newId();
    const points = body.quantity * product.pointsPrice;
    const pending = await reserve(ctx, tx, {
      ledger: 'points',
      from: { userId },
      to: { system: 'supermarket', regionCode: cityRegionOf(target.regionCode) },
      amount: points,
      code: 'redeemed',
      actorId: actor.userId,
      objectType: 'market_redemption',
      objectId: redemptionId,
      memo: `爱心超市兑换：${product.name} ×${body.quantity}`,
      idempotencyKey: `redeem:${redemptionId}`,
      timeoutAt: expiresAt,
    });
    const r = await insertWithFreshCode(tx, {
      id: redemptionId,
      cityCode: product.cityCode,
      stationId: product.stationId,
      productId: product.id,
      userId,
      placedBy: actor.userId,
      onBehalf,
      productName: product.name,
      quantity: body.quantity,
      unitPoints: product.pointsPrice,
      points,
      status: 'reserved',
      pendingTransferId: pending.transfer.id,
      expiresAt,
      createdAt: now,
    });
    await repo.insertMovement(tx, {
      id: newId(),
      cityCode: product.cityCode,
      productId: product.id,
      stationId: product.stationId,
      kind: 'redemption',
      quantity: -body.quantity,
      stockAfter: taken.stock,
      redemptionId: r.id,
      actorId: actor.userId,
      createdAt: now,
    });
    if (onBehalf) {
      await recordAudit(ctx, tx, actor, { action: 'market.redeem_on_behalf', objectType: 'market_redemption', objectId: r.id, regionCode: target.regionCode, onBehalfOf: userId, before: null, after: r });
    }
    return r.id;
  });
  return toRedemption((await repo.findRedemptionView(ctx.db, id))!, true);
}

/** Puts the stock of a closed order back, with its movement (once per order: unique index). */
async function restock(tx: Tx, r: { id: string; productId: string; stationId: string; cityCode: string; quantity: number }, kind: 'cancellation' | 'expiry', actorId: string | null, at: Date) {
  const p = await repo.addStock(tx, r.productId, r.quantity, at);
  await repo.insertMovement(tx, { id: newId(), cityCode: r.cityCode, productId: r.productId, stationId: r.stationId, kind, quantity: r.quantity, stockAfter: p.stock, redemptionId: r.id, actorId, createdAt: at });
}

/** The station confirms a pickup with the code: the reserved points are posted, exactly once. */
export async function fulfil(ctx: AppContext, actor: Actor, id: string, pickupCode: string) {
  return withTx(ctx.db, async (tx) => {
    const r = await repo.findRedemption(tx, id);
    if (!r) throw notFound('兑换单 redemption');
    const target = await stationTarget(tx, r.stationId);
    authorize(actor, MARKET_FULFIL, target);
    const now = ctx.clock.now();
    if (r.status !== 'reserved') throw new AppError('INVALID_STATE', `该兑换单已${STATUS_ZH[r.status as RedemptionStatus]} / This order is already ${r.status}`, { status: r.status });
    if (r.expiresAt.getTime() <= now.getTime()) throw new AppError('INVALID_STATE', '该兑换单已过期 / This order has expired', { status: 'expired' });
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [r.userId], reason: '不能确认自己兑换单的取货，须由其他工作人员确认 / You cannot confirm the pickup of your own order; another staff member must' });
    if (!sameCode(r.pickupCode, pickupCode)) throw fieldError('pickupCode', '取货码不正确 / Wrong pickup code');
    const closed = await trackStats(tx, 'redemption', [id], () => repo.closeRedemption(tx, id, 'fulfilled', now, actor.userId));
    if (!closed) throw new AppError('INVALID_STATE', '该兑换单已处理 / This order was already settled');
    await postPending(ctx, tx, r.pendingTransferId!, actor.userId);
    await recordAudit(ctx, tx, actor, { action: 'market.fulfil', objectType: 'market_redemption', objectId: id, regionCode: target.regionCode, onBehalfOf: r.userId, before: { status: r.status }, after: { status: 'fulfilled' } });
    return { id, status: 'fulfilled' as const };
  });
}

const STATUS_ZH: Record<RedemptionStatus, string> = { reserved: '待取货', fulfilled: '取货', cancelled: '取消', expired: '过期' };

/** Cancels an open order before pickup: the points are released and the stock comes back. */
export async function cancel(ctx: AppContext, actor: Actor, id: string) {
  return withTx(ctx.db, async (tx) => {
    const r = await repo.findRedemption(tx, id);
    if (!r) throw notFound('兑换单 redemption');
    const target = await stationTarget(tx, r.stationId);
    authorize(actor, MARKET_CANCEL, { ...target, ownerId: r.userId });
    const now = ctx.clock.now();
    if (r.status !== 'reserved') throw new AppError('INVALID_STATE', `该兑换单已${STATUS_ZH[r.status as RedemptionStatus]} / This order is already ${r.status}`, { status: r.status });
    if (r.expiresAt.getTime() <= now.getTime()) throw new AppError('INVALID_STATE', '该兑换单已过期 / This order has expired', { status: 'expired' });
    const closed = await repo.closeRedemption(tx, id, 'cancelled', now, actor.userId);
    if (!closed) throw new AppError('INVALID_STATE', '该兑换单已处理 / This order was already settled');
    await restock(tx, r, 'cancellation', actor.userId, now);
    await voidPending(ctx, tx, r.pendingTransferId!, actor.userId, '取消兑换 / redemption cancelled');
    if (actor.userId !== r.userId) {
      await recordAudit(ctx, tx, actor, { action: 'market.cancel', objectType: 'market_redemption', objectId: id, regionCode: target.regionCode, onBehalfOf: r.userId, before: { status: r.status }, after: { status: 'cancelled' } });
      await pointsBack(ctx, tx, r, target.regionCode, `工作人员取消了兑换单“${r.productName}”`);
    }
    return { id, status: 'cancelled' as const };
  });
}

/** The holder hears that a redemption closed without them and its points came back (issue 18: every credit is told). */
async function pointsBack(ctx: AppContext, tx: Tx, r: { id: string; userId: string; points: number }, regionCode: string, what: string) {
  await notify(ctx, tx, { userId: r.userId, regionCode, kind: 'redemption_returned', title: `兑换已取消，${r.points}积分已退回`, body: `${what}，预留的${r.points}积分已退回您的存折。`, objectType: 'market_redemption', objectId: r.id });
}

/**
 * Expires open orders past their pickup deadline: each in its own transaction, compare-and-set
 * on the status (so several processes may sweep at once), the stock back with a movement, the
 * points released. Returns how many expired.
 */
export async function expireRedemptions(ctx: AppContext, now: Date = ctx.clock.now(), batch = 200): Promise<number> {
  let n = 0;
  const seen = new Set<string>();
  for (;;) {
    const due = (await repo.findDueRedemptions(ctx.db, now, batch)).filter((r) => !seen.has(r.id));
    if (due.length === 0) return n;
    for (const r of due) {
      seen.add(r.id);
      const done = await withTx(ctx.db, async (tx) => {
        const closed = await repo.closeRedemption(tx, r.id, 'expired', now, null);
        if (!closed) return false;
        await restock(tx, r, 'expiry', null, now);
        await pointsBack(ctx, tx, r, (await stationTarget(tx, r.stationId)).regionCode, `兑换单“${r.productName}”超时未取货，已自动取消`);
        try {
          await voidPending(ctx, tx, r.pendingTransferId!, null, '超时未取货，自动退回 / not picked up in time');
        } catch (err) {
          // the ledger's own sweeper may have expired the reservation first: released either way
          if (!(err instanceof AppError && err.code === 'INVALID_STATE' && err.details?.status === 'expired')) throw err;
        }
        return true;
      });
      if (done) n++;
    }
  }
}

export async function getRedemption(ctx: AppContext, actor: Actor, id: string): Promise<Redemption> {
  const v = await repo.findRedemptionView(ctx.db, id);
  if (!v) throw notFound('兑换单 redemption');
  const target = await stationTarget(ctx.db, v.r.stationId);
  authorize(actor, MARKET_READ_ORDER, { ...target, ownerId: v.r.userId });
  return toRedemption(v, v.r.userId === actor.userId);
}

export async function myRedemptions(ctx: AppContext, actor: Actor, q: PageQuery & { status?: RedemptionStatus | undefined }) {
  const r = await repo.listRedemptions(ctx.db, { userId: actor.userId, status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await Promise.all(r.items.map((v) => toRedemption(v, true))), total: r.total };
}

/** A station's orders; with `code`, the open order holding that pickup code. Staff only; codes are not shown unless typed. */
export async function stationRedemptions(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  q: PageQuery & { code?: string | undefined; status?: RedemptionStatus | undefined; productId?: string | undefined; from?: string | undefined; to?: string | undefined },
) {
  const target = await stationTarget(ctx.db, stationId);
  authorize(actor, MARKET_FULFIL, target);
  const r = await repo.listRedemptions(ctx.db, {
    stationId,
    code: q.code,
    status: q.code ? 'reserved' : q.status,
    productId: q.productId,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: await Promise.all(r.items.map((v) => toRedemption(v, !!q.code))), total: r.total };
}

// ——— reports ———

export async function report(ctx: AppContext, actor: Actor, stationId: string, q: { from?: string | undefined; to?: string | undefined }): Promise<MarketReport> {
  const target = await stationTarget(ctx.db, stationId);
  authorize(actor, MARKET_MANAGE, target);
  const to = q.to ? new Date(q.to) : new Date(ctx.clock.now().getTime() + 1000);
  const from = q.from ? new Date(q.from) : chinaMonthStart(new Date(to.getTime() - 330 * DAY_MS));
  const [byMonth, byItem, counts, stock, donors] = [
    await repo.reportByMonth(ctx.db, stationId, from, to),
    await repo.reportByItem(ctx.db, stationId, from, to),
    await repo.reportCounts(ctx.db, stationId, from, to),
    await repo.reportStock(ctx.db, stationId),
    await repo.reportDonors(ctx.db, stationId, from, to),
  ];
  return {
    pointsSpent: counts.points,
    fulfilledCount: counts.fulfilled,
    openCount: counts.open,
    byMonth,
    byItem,
    stockOnHand: stock.map((s) => ({ productId: s.productId, name: s.name, stock: s.stock, pointsPrice: s.pointsPrice, isLowStock: s.stock <= s.threshold })),
    donors,
  };
}
