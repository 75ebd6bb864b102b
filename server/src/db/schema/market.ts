import { sql } from 'drizzle-orm';
import { pgTable, uuid, varchar, text, char, integer, boolean, timestamp, index, uniqueIndex, check } from 'drizzle-orm/pg-core';

/**
 * The love supermarket (爱心超市): goods on a station's shelf, every change of their stock as a
 * movement, and redemptions that reserve points in the ledger until picked up with a code.
 * `stock` always equals the sum of the product's movements (kept in the same transaction).
 */
export const marketProducts = pgTable(
  'market_products',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    stationId: uuid('station_id').notNull(),
    /** The station's region, copied: list filters by region subtree without a join. */
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    name: text('name').notNull(),
    category: varchar('category', { length: 40 }),
    description: text('description'),
    pictureKey: text('picture_key'),
    pointsPrice: integer('points_price').notNull(),
    stock: integer('stock').notNull().default(0),
    /** At most this many per person per (China) calendar month; null = no limit. */
    monthlyLimitPerPerson: integer('monthly_limit_per_person'),
    /** A low-stock alert when stock <= this. */
    lowStockThreshold: integer('low_stock_threshold').notNull().default(0),
    isOnShelf: boolean('is_on_shelf').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('market_products_station_idx').on(t.stationId, t.createdAt),
    index('market_products_region_idx').on(t.regionCode),
    check('market_products_price_ck', sql`points_price > 0`),
    check('market_products_stock_ck', sql`stock >= 0`),
    check('market_products_limit_ck', sql`monthly_limit_per_person is null or monthly_limit_per_person > 0`),
    check('market_products_threshold_ck', sql`low_stock_threshold >= 0`),
  ],
);

/**
 * Every change of a product's stock. `quantity` is the signed change; `stock_after` the stock
 * after it. Kinds: initial, donation (in, with the donor), redemption (out), cancellation and
 * expiry (back in), adjustment (with a reason), stocktake (to the counted quantity).
 */
export const marketStockMovements = pgTable(
  'market_stock_movements',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    productId: uuid('product_id').notNull(),
    stationId: uuid('station_id').notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    quantity: integer('quantity').notNull(),
    stockAfter: integer('stock_after').notNull(),
    donorName: text('donor_name'),
    /** company (爱心企业) or person */
    donorType: varchar('donor_type', { length: 10 }),
    reason: text('reason'),
    redemptionId: uuid('redemption_id'),
    actorId: uuid('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('market_movements_product_idx').on(t.productId, t.createdAt),
    index('market_movements_station_idx').on(t.stationId, t.kind, t.createdAt),
    // a redemption leaves once and comes back at most once
    uniqueIndex('market_movements_redemption_uq').on(t.redemptionId, t.kind).where(sql`redemption_id is not null`),
    check('market_movements_kind_ck', sql`kind in ('initial', 'donation', 'redemption', 'cancellation', 'expiry', 'adjustment', 'stocktake')`),
    check('market_movements_after_ck', sql`stock_after >= 0`),
    check(
      'market_movements_sign_ck',
      sql`(kind in ('donation', 'cancellation', 'expiry') and quantity > 0) or (kind = 'redemption' and quantity < 0) or (kind = 'initial' and quantity >= 0) or (kind in ('adjustment', 'stocktake'))`,
    ),
  ],
);

/** A redemption: reserved (points pending, stock taken) → fulfilled | cancelled | expired. */
export const marketRedemptions = pgTable(
  'market_redemptions',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    stationId: uuid('station_id').notNull(),
    productId: uuid('product_id').notNull(),
    /** Whose points pay. */
    userId: uuid('user_id').notNull(),
    /** Who placed it: the user, or a station admin redeeming on their behalf (代兑换). */
    placedBy: uuid('placed_by').notNull(),
    onBehalf: boolean('on_behalf').notNull().default(false),
    productName: text('product_name').notNull(),
    quantity: integer('quantity').notNull(),
    unitPoints: integer('unit_points').notNull(),
    points: integer('points').notNull(),
    status: varchar('status', { length: 12 }).notNull(),
    pickupCode: char('pickup_code', { length: 6 }).notNull(),
    pendingTransferId: uuid('pending_transfer_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by'),
  },
  (t) => [
    // the pickup code is unique among the station's open orders
    uniqueIndex('market_redemptions_open_code_uq').on(t.stationId, t.pickupCode).where(sql`status = 'reserved'`),
    index('market_redemptions_station_idx').on(t.stationId, t.createdAt),
    index('market_redemptions_user_idx').on(t.userId, t.createdAt),
    index('market_redemptions_limit_idx').on(t.userId, t.productId, t.createdAt),
    index('market_redemptions_due_idx').on(t.expiresAt).where(sql`status = 'reserved'`),
    check('market_redemptions_status_ck', sql`status in ('reserved', 'fulfilled', 'cancelled', 'expired')`),
    check('market_redemptions_qty_ck', sql`quantity > 0 and unit_points > 0 and points = quantity * unit_points`),
    check('market_redemptions_code_ck', sql`pickup_code ~ '^[0-9]{6}$'`),
  ],
);

/** Per-station supermarket settings (small reference data). */
export const marketSettings = pgTable(
  'market_settings',
  {
    stationId: uuid('station_id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    pickupDays: integer('pickup_days').notNull().default(7),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  () => [check('market_settings_days_ck', sql`pickup_days between 1 and 90`)],
);
