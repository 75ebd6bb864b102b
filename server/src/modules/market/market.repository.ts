import { aliasedTable, and, desc, eq, getTableColumns, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { marketProducts, marketRedemptions, marketSettings, marketStockMovements, stations, users } from '../../db/schema/index';
import type { DbOrTx } from '../../db/client';
import { escapeLike } from '../regions/index';

export type ProductRow = typeof marketProducts.$inferSelect;
export type MovementRow = typeof marketStockMovements.$inferSelect;
export type RedemptionRow = typeof marketRedemptions.$inferSelect;

// ——— products ———

const productView = { ...getTableColumns(marketProducts), stationName: stations.name };

export type ProductView = ProductRow & { stationName: string | null };

export async function insertProduct(db: DbOrTx, row: typeof marketProducts.$inferInsert): Promise<ProductRow> {
  const [p] = await db.insert(marketProducts).values(row).returning();
  return p!;
}

export async function findProduct(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<ProductRow | undefined> {
  const q = db.select().from(marketProducts).where(eq(marketProducts.id, id)).limit(1);
  const [p] = opts.forUpdate ? await q.for('update') : await q;
  return p;
}

export async function findProductView(db: DbOrTx, id: string): Promise<ProductView | undefined> {
  const [p] = await db.select(productView).from(marketProducts).leftJoin(stations, eq(stations.id, marketProducts.stationId)).where(eq(marketProducts.id, id)).limit(1);
  return p as ProductView | undefined;
}

export async function updateProduct(db: DbOrTx, id: string, set: Partial<typeof marketProducts.$inferInsert>): Promise<ProductRow> {
  const [p] = await db.update(marketProducts).set(set).where(eq(marketProducts.id, id)).returning();
  return p!;
}

export async function listProducts(
  db: DbOrTx,
  f: { stationId: string; onShelf?: boolean | undefined; lowStock?: boolean | undefined; q?: string | undefined; category?: string | undefined; limit: number; offset: number },
) {
  const conds: SQL[] = [eq(marketProducts.stationId, f.stationId)];
  if (f.onShelf !== undefined) conds.push(eq(marketProducts.isOnShelf, f.onShelf));
  if (f.lowStock === true) conds.push(sql`${marketProducts.stock} <= ${marketProducts.lowStockThreshold}`);
  if (f.lowStock === false) conds.push(sql`${marketProducts.stock} > ${marketProducts.lowStockThreshold}`);
  if (f.q) conds.push(sql`${marketProducts.name} like ${'%' + escapeLike(f.q) + '%'}`);
  if (f.category) conds.push(eq(marketProducts.category, f.category));
  const where = and(...conds);
  const items = (await db
    .select(productView)
    .from(marketProducts)
    .leftJoin(stations, eq(stations.id, marketProducts.stationId))
    .where(where)
    .orderBy(desc(marketProducts.createdAt), desc(marketProducts.id))
    .limit(f.limit)
    .offset(f.offset)) as ProductView[];
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(marketProducts).where(where);
  return { items, total: c?.n ?? 0 };
}

/** Compare-and-set: takes `q` only when that many are there. No row back → out of stock. */
export async function takeStock(db: DbOrTx, id: string, q: number, at: Date): Promise<ProductRow | undefined> {
  const [p] = await db
    .update(marketProducts)
    .set({ stock: sql`${marketProducts.stock} - ${q}`, updatedAt: at })
    .where(and(eq(marketProducts.id, id), gte(marketProducts.stock, q)))
    .returning();
  return p;
}

/** Adds (or, negative, removes) stock; the CHECK stock >= 0 refuses going below zero. */
export async function addStock(db: DbOrTx, id: string, delta: number, at: Date): Promise<ProductRow> {
  const [p] = await db
    .update(marketProducts)
    .set({ stock: sql`${marketProducts.stock} + ${delta}`, updatedAt: at })
    .where(eq(marketProducts.id, id))
    .returning();
  return p!;
}

// ——— movements ———

export async function insertMovement(db: DbOrTx, row: typeof marketStockMovements.$inferInsert): Promise<MovementRow> {
  const [m] = await db.insert(marketStockMovements).values(row).returning();
  return m!;
}

export async function listMovements(db: DbOrTx, f: { stationId: string; productId?: string | undefined; kind?: string | undefined; limit: number; offset: number }) {
  const conds: SQL[] = [eq(marketStockMovements.stationId, f.stationId)];
  if (f.productId) conds.push(eq(marketStockMovements.productId, f.productId));
  if (f.kind) conds.push(eq(marketStockMovements.kind, f.kind));
  const where = and(...conds);
  const items = await db
    .select({ m: marketStockMovements, productName: marketProducts.name, actorName: users.name })
    .from(marketStockMovements)
    .leftJoin(marketProducts, eq(marketProducts.id, marketStockMovements.productId))
    .leftJoin(users, eq(users.id, marketStockMovements.actorId))
    .where(where)
    .orderBy(desc(marketStockMovements.createdAt), desc(marketStockMovements.id))
    .limit(f.limit)
    .offset(f.offset);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(marketStockMovements).where(where);
  return { items, total: c?.n ?? 0 };
}

/** The sum of a product's movements: what its stock must equal. */
export async function movementSum(db: DbOrTx, productId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`coalesce(sum(${marketStockMovements.quantity}), 0)::int` }).from(marketStockMovements).where(eq(marketStockMovements.productId, productId));
  return r?.n ?? 0;
}

// ——— redemptions ———

const placer = aliasedTable(users, 'placer');
const redemptionView = { r: marketRedemptions, userName: users.name, placedByName: placer.name, stationName: stations.name };
export type RedemptionView = { r: RedemptionRow; userName: string | null; placedByName: string | null; stationName: string | null };

export async function insertRedemption(db: DbOrTx, row: typeof marketRedemptions.$inferInsert): Promise<RedemptionRow> {
  const [r] = await db.insert(marketRedemptions).values(row).returning();
  return r!;
}

export async function setPendingTransfer(db: DbOrTx, id: string, transferId: string): Promise<void> {
  await db.update(marketRedemptions).set({ pendingTransferId: transferId }).where(eq(marketRedemptions.id, id));
}

export async function findRedemption(db: DbOrTx, id: string): Promise<RedemptionRow | undefined> {
  const [r] = await db.select().from(marketRedemptions).where(eq(marketRedemptions.id, id)).limit(1);
  return r;
}

function redemptionQuery(db: DbOrTx) {
  return db
    .select(redemptionView)
    .from(marketRedemptions)
    .leftJoin(users, eq(users.id, marketRedemptions.userId))
    .leftJoin(placer, eq(placer.id, marketRedemptions.placedBy))
    .leftJoin(stations, eq(stations.id, marketRedemptions.stationId));
}

export async function findRedemptionView(db: DbOrTx, id: string): Promise<RedemptionView | undefined> {
  const [r] = await redemptionQuery(db).where(eq(marketRedemptions.id, id)).limit(1);
  return r;
}

/** Compare-and-set on the status: only an open (reserved) order moves, and only once. */
export async function closeRedemption(db: DbOrTx, id: string, to: 'fulfilled' | 'cancelled' | 'expired', at: Date, by: string | null): Promise<RedemptionRow | undefined> {
  const [r] = await db
    .update(marketRedemptions)
    .set({ status: to, closedAt: at, closedBy: by })
    .where(and(eq(marketRedemptions.id, id), eq(marketRedemptions.status, 'reserved')))
    .returning();
  return r;
}

export async function listRedemptions(
  db: DbOrTx,
  f: { stationId?: string; userId?: string; status?: string | undefined; code?: string | undefined; productId?: string | undefined; from?: Date | undefined; to?: Date | undefined; limit: number; offset: number },
) {
  const conds: SQL[] = [];
  if (f.stationId) conds.push(eq(marketRedemptions.stationId, f.stationId));
  if (f.userId) conds.push(eq(marketRedemptions.userId, f.userId));
  if (f.status) conds.push(eq(marketRedemptions.status, f.status));
  if (f.code) conds.push(eq(marketRedemptions.pickupCode, f.code));
  if (f.productId) conds.push(eq(marketRedemptions.productId, f.productId));
  if (f.from) conds.push(gte(marketRedemptions.createdAt, f.from));
  if (f.to) conds.push(lt(marketRedemptions.createdAt, f.to));
  const where = conds.length ? and(...conds) : undefined;
  const items = await redemptionQuery(db).where(where).orderBy(desc(marketRedemptions.createdAt), desc(marketRedemptions.id)).limit(f.limit).offset(f.offset);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(marketRedemptions).where(where);
  return { items, total: c?.n ?? 0 };
}

/** How many of a product a person has taken (open or picked up) since `since`. */
export async function quantitySince(db: DbOrTx, userId: string, productId: string, since: Date): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`coalesce(sum(${marketRedemptions.quantity}), 0)::int` })
    .from(marketRedemptions)
    .where(and(eq(marketRedemptions.userId, userId), eq(marketRedemptions.productId, productId), gte(marketRedemptions.createdAt, since), sql`${marketRedemptions.status} in ('reserved', 'fulfilled')`));
  return r?.n ?? 0;
}

/** Serialises one person's redemptions of one product (the monthly limit), for this transaction. */
export async function lockPersonProduct(db: DbOrTx, userId: string, productId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'market:' + userId + ':' + productId}))`);
}

export async function findDueRedemptions(db: DbOrTx, now: Date, limit: number): Promise<RedemptionRow[]> {
  return db
    .select()
    .from(marketRedemptions)
    .where(and(eq(marketRedemptions.status, 'reserved'), lte(marketRedemptions.expiresAt, now)))
    .orderBy(marketRedemptions.expiresAt)
    .limit(limit);
}

// ——— settings ———

export async function findSettings(db: DbOrTx, stationId: string) {
  const [s] = await db.select().from(marketSettings).where(eq(marketSettings.stationId, stationId)).limit(1);
  return s;
}

export async function upsertSettings(db: DbOrTx, row: typeof marketSettings.$inferInsert) {
  const [s] = await db
    .insert(marketSettings)
    .values(row)
    .onConflictDoUpdate({ target: marketSettings.stationId, set: { pickupDays: row.pickupDays, updatedAt: row.updatedAt } })
    .returning();
  return s!;
}

// ——— reports ———

function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}

export async function reportByMonth(db: DbOrTx, stationId: string, from: Date, to: Date) {
  return rowsOf<{ month: string; redemptions: number; quantity: number; points: number }>(
    await db.execute(sql`
      select to_char(closed_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*)::int as redemptions,
             sum(quantity)::int as quantity, sum(points)::int as points
      from market_redemptions
      where station_id = ${stationId} and status = 'fulfilled' and closed_at >= ${from.toISOString()} and closed_at < ${to.toISOString()}
      group by 1 order by 1`),
  );
}

export async function reportByItem(db: DbOrTx, stationId: string, from: Date, to: Date) {
  return rowsOf<{ productId: string; name: string; redemptions: number; quantity: number; points: number }>(
    await db.execute(sql`
      select r.product_id as "productId", max(r.product_name) as name, count(*)::int as redemptions,
             sum(r.quantity)::int as quantity, sum(r.points)::int as points
      from market_redemptions r
      where r.station_id = ${stationId} and r.status = 'fulfilled' and r.closed_at >= ${from.toISOString()} and r.closed_at < ${to.toISOString()}
      group by r.product_id order by points desc, name`),
  );
}

export async function reportCounts(db: DbOrTx, stationId: string, from: Date, to: Date) {
  const [r] = rowsOf<{ fulfilled: number; open: number; points: number }>(
    await db.execute(sql`
      select count(*) filter (where status = 'fulfilled' and closed_at >= ${from.toISOString()} and closed_at < ${to.toISOString()})::int as fulfilled,
             count(*) filter (where status = 'reserved')::int as open,
             coalesce(sum(points) filter (where status = 'fulfilled' and closed_at >= ${from.toISOString()} and closed_at < ${to.toISOString()}), 0)::int as points
      from market_redemptions where station_id = ${stationId}`),
  );
  return r ?? { fulfilled: 0, open: 0, points: 0 };
}

export async function reportStock(db: DbOrTx, stationId: string) {
  return db
    .select({ productId: marketProducts.id, name: marketProducts.name, stock: marketProducts.stock, pointsPrice: marketProducts.pointsPrice, threshold: marketProducts.lowStockThreshold })
    .from(marketProducts)
    .where(eq(marketProducts.stationId, stationId))
    .orderBy(marketProducts.name)
    .limit(1000);
}

export async function reportDonors(db: DbOrTx, stationId: string, from: Date, to: Date) {
  return rowsOf<{ donorName: string; donorType: 'company' | 'person' | null; donations: number; quantity: number }>(
    await db.execute(sql`
      select donor_name as "donorName", max(donor_type) as "donorType", count(*)::int as donations, sum(quantity)::int as quantity
      from market_stock_movements
      where station_id = ${stationId} and donor_name is not null and kind in ('donation', 'initial')
        and created_at >= ${from.toISOString()} and created_at < ${to.toISOString()}
      group by donor_name order by quantity desc, donor_name`),
  );
}
