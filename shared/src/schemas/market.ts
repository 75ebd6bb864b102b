import { z } from 'zod';
import { ClientKey, Id, IsoDateTime, PageQuery, pageOf } from './common';

/** The love supermarket (爱心超市): goods, stock movements, redemptions with pickup codes. */

export const DONOR_TYPES = ['company', 'person'] as const;
export const DonorType = z.enum(DONOR_TYPES);
export type DonorType = z.infer<typeof DonorType>;

export const MOVEMENT_KINDS = ['initial', 'donation', 'redemption', 'cancellation', 'expiry', 'adjustment', 'stocktake'] as const;
export const MovementKind = z.enum(MOVEMENT_KINDS);
export type MovementKind = z.infer<typeof MovementKind>;

export const REDEMPTION_STATUSES = ['reserved', 'fulfilled', 'cancelled', 'expired'] as const;
export const RedemptionStatus = z.enum(REDEMPTION_STATUSES);
export type RedemptionStatus = z.infer<typeof RedemptionStatus>;

export const Donor = z.object({
  name: z.string().trim().min(1).max(100),
  type: DonorType.default('company'),
});

const Quantity = z.number().int().min(1).max(100_000);

export const ProductCreateBody = z.object({
  name: z.string().trim().min(1).max(100),
  pointsPrice: z.number().int().min(1).max(10_000_000),
  stock: z.number().int().min(0).max(100_000),
  /** Who gave the initial stock (爱心企业 or a person); recorded on the movement. */
  donor: z.union([z.string().trim().min(1).max(100), Donor]).optional(),
  category: z.string().trim().max(40).optional(),
  description: z.string().trim().max(1000).optional(),
  monthlyLimitPerPerson: z.number().int().min(1).max(1000).nullable().optional(),
  lowStockThreshold: z.number().int().min(0).max(100_000).optional(),
  isOnShelf: z.boolean().optional(),
});
export type ProductCreateBody = z.infer<typeof ProductCreateBody>;

/** Edits; the stock moves only through movements. */
export const ProductUpdateBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  pointsPrice: z.number().int().min(1).max(10_000_000).optional(),
  category: z.string().trim().max(40).nullable().optional(),
  description: z.string().trim().max(1000).nullable().optional(),
  monthlyLimitPerPerson: z.number().int().min(1).max(1000).nullable().optional(),
  lowStockThreshold: z.number().int().min(0).max(100_000).optional(),
  isOnShelf: z.boolean().optional(),
});
export type ProductUpdateBody = z.infer<typeof ProductUpdateBody>;

export const Product = z.object({
  id: Id,
  stationId: Id,
  stationName: z.string().nullable(),
  regionCode: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  description: z.string().nullable(),
  pictureUrl: z.string().nullable(),
  pointsPrice: z.number().int(),
  stock: z.number().int(),
  monthlyLimitPerPerson: z.number().int().nullable(),
  lowStockThreshold: z.number().int(),
  isLowStock: z.boolean(),
  isOnShelf: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Product = z.infer<typeof Product>;
export const ProductResponse = z.object({ product: Product });

export const ProductListQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  category: z.string().trim().max(40).optional(),
  /** Staff only: every product by default; `true`/`false` filters. The public sees on-shelf goods. */
  onShelf: z.enum(['true', 'false']).optional(),
  lowStock: z.enum(['true', 'false']).optional(),
});
export const ProductPage = pageOf(Product);

/** A stock movement a station admin records: a donation in, an adjustment, or a stock-take. */
export const StockMovementBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('donation'), quantity: Quantity, donor: Donor, note: z.string().trim().max(200).optional() }),
  z.object({ kind: z.literal('adjustment'), quantity: z.number().int().min(-100_000).max(100_000).refine((n) => n !== 0, 'not 0'), reason: z.string().trim().min(2).max(200) }),
  z.object({ kind: z.literal('stocktake'), countedQuantity: z.number().int().min(0).max(100_000), reason: z.string().trim().max(200).optional() }),
]);
export type StockMovementBody = z.infer<typeof StockMovementBody>;

export const StockMovement = z.object({
  id: Id,
  productId: Id,
  productName: z.string().nullable(),
  kind: MovementKind,
  quantity: z.number().int(),
  stockAfter: z.number().int(),
  donorName: z.string().nullable(),
  donorType: DonorType.nullable(),
  reason: z.string().nullable(),
  redemptionId: Id.nullable(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  createdAt: IsoDateTime,
});
export const StockMovementPage = pageOf(StockMovement);
export const StockMovementResponse = z.object({ product: Product, movement: StockMovement });
export const MovementListQuery = PageQuery.extend({ productId: Id.optional(), kind: MovementKind.optional() });

export const RedemptionCreateBody = z.object({
  productId: Id,
  quantity: Quantity.max(100),
  /** A station admin redeeming for someone without a phone (代兑换): the points come from this person. */
  onBehalfOf: Id.optional(),
  /** The client's idempotency key (or the `Idempotency-Key` header): a retry never redeems twice. */
  clientKey: ClientKey.optional(),
});
export type RedemptionCreateBody = z.infer<typeof RedemptionCreateBody>;

export const Redemption = z.object({
  id: Id,
  status: RedemptionStatus,
  pickupCode: z.string().nullable(),
  /** `data:image/png;base64,…` of the pickup QR (the code and the order id), while open. */
  pickupQr: z.string().nullable(),
  points: z.number().int(),
  quantity: z.number().int(),
  unitPoints: z.number().int(),
  productId: Id,
  productName: z.string(),
  stationId: Id,
  stationName: z.string().nullable(),
  userId: Id,
  userName: z.string().nullable(),
  placedBy: Id,
  placedByName: z.string().nullable(),
  onBehalf: z.boolean(),
  expiresAt: IsoDateTime,
  createdAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
});
export type Redemption = z.infer<typeof Redemption>;
export const RedemptionPage = pageOf(Redemption);

export const FulfilBody = z.object({ pickupCode: z.string().trim().regex(/^\d{6}$/, '6 digits') });
export const RedemptionStatusResponse = z.object({ id: Id, status: RedemptionStatus });

export const MyRedemptionQuery = PageQuery.extend({ status: RedemptionStatus.optional() });
export const StationRedemptionQuery = PageQuery.extend({
  /** The six-digit pickup code: the open order with it. */
  code: z.string().trim().regex(/^\d{6}$/, '6 digits').optional(),
  status: RedemptionStatus.optional(),
  productId: Id.optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
});

export const MarketSettings = z.object({ stationId: Id, pickupDays: z.number().int() });
export const MarketSettingsBody = z.object({ pickupDays: z.number().int().min(1).max(90) });

export const LowStockPage = pageOf(Product);

export const ReportQuery = z.object({ from: IsoDateTime.optional(), to: IsoDateTime.optional() });
export const MarketReport = z.object({
  pointsSpent: z.number().int(),
  fulfilledCount: z.number().int(),
  openCount: z.number().int(),
  byMonth: z.array(z.object({ month: z.string(), redemptions: z.number().int(), quantity: z.number().int(), points: z.number().int() })),
  byItem: z.array(z.object({ productId: Id, name: z.string(), redemptions: z.number().int(), quantity: z.number().int(), points: z.number().int() })),
  stockOnHand: z.array(z.object({ productId: Id, name: z.string(), stock: z.number().int(), pointsPrice: z.number().int(), isLowStock: z.boolean() })),
  donors: z.array(z.object({ donorName: z.string(), donorType: DonorType.nullable(), donations: z.number().int(), quantity: z.number().int() })),
});
export type MarketReport = z.infer<typeof MarketReport>;
export const REPORT_SHEETS = ['byMonth', 'byItem', 'stock', 'donors'] as const;
export const ReportExportQuery = ReportQuery.extend({ sheet: z.enum(REPORT_SHEETS).default('byMonth') });
