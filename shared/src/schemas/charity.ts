import { z } from 'zod';
import { Id, InputDateTime, IsoDateTime, PageQuery, RegionCode } from './common';

/**
 * Charity sales (慈善义卖): events, stalls, items, sellers (children with their guardians), sales
 * and disbursements, every amount an integer in fen (show it with formatFen, shared/src/lib/money),
 * and the public account anyone reads.
 */

/** An amount in fen: a whole number, at most 100 million yuan. */
export const Fen = z.number().int().min(0).max(10_000_000_000);
const Name = z.string().trim().min(1).max(60);

export const CharityEventBody = z
  .object({
    title: z.string().trim().min(2).max(100),
    description: z.string().trim().max(2000).default(''),
    regionCode: RegionCode,
    place: z.string().trim().min(2).max(200),
    organisers: z.array(z.string().trim().min(2).max(60)).min(1).max(20),
    startsAt: InputDateTime,
    endsAt: InputDateTime,
  })
  .refine((b) => new Date(b.endsAt) > new Date(b.startsAt), { message: '结束时间须晚于开始时间 / The end must be after the start', path: ['endsAt'] });
export type CharityEventBody = z.infer<typeof CharityEventBody>;

export const CharityEventPatchBody = z.object({ status: z.enum(['open', 'closed']) });

export const CharityStallBody = z.object({ name: Name, kind: z.enum(['family', 'public']).default('family') });
export const CharitySellerBody = z
  .object({
    stallId: Id,
    name: z.string().trim().min(1).max(40),
    isMinor: z.boolean().default(true),
    minorUserId: Id.optional(),
    guardianUserId: Id.optional(),
  })
  .refine((b) => !b.isMinor || !!b.guardianUserId, { message: '未成年卖家须登记监护人 / A minor seller needs a guardian', path: ['guardianUserId'] });
export const CharityItemBody = z.object({ stallId: Id, name: Name, priceFen: Fen });
export const CharityStaffBody = z.object({ userId: Id });

/** One sale line: the item (or only the stall), how many, what was paid in fen (the item's price × quantity when left out). */
export const CharitySaleBody = z.object({
  stallId: Id,
  itemId: Id.optional(),
  sellerId: Id.optional(),
  quantity: z.number().int().min(1).max(10_000).default(1),
  amountFen: Fen.optional(),
  note: z.string().trim().max(200).optional(),
  /** One UUID per submission (or the `Idempotency-Key` header): a double tap records the sale once. */
  clientKey: z.string().uuid().optional(),
});
export type CharitySaleBody = z.infer<typeof CharitySaleBody>;
export const ReversalBody = z.object({ reason: z.string().trim().min(2).max(200) });

export const CharityDisbursementBody = z.object({
  beneficiary: z.string().trim().min(2).max(100),
  /** person: shown masked on the public account (周*梅); group: a fund, a school, 社区困难群体. */
  beneficiaryKind: z.enum(['person', 'group']).default('group'),
  beneficiaryUserId: Id.optional(),
  purpose: z.string().trim().min(2).max(200),
  amountFen: Fen.refine((v) => v > 0, { message: '金额须大于零 / The amount must be above zero' }),
  receiptNo: z.string().trim().min(1).max(60),
  clientKey: z.string().uuid().optional(),
});
export type CharityDisbursementBody = z.infer<typeof CharityDisbursementBody>;

export const CharityTotals = z.object({
  raisedFen: z.number().int(),
  disbursedFen: z.number().int(),
  /** raised − disbursed: what the organisers still hold. */
  heldFen: z.number().int(),
  saleLines: z.number().int(),
});

export const CharityStall = z.object({ id: Id, name: z.string(), kind: z.enum(['family', 'public']), raisedFen: z.number().int() });
export const CharitySeller = z.object({
  id: Id,
  stallId: Id,
  name: z.string(),
  isMinor: z.boolean(),
  minorUserId: Id.nullable(),
  guardianUserId: Id.nullable(),
  guardianName: z.string().nullable(),
});
export const CharityItem = z.object({ id: Id, stallId: Id, name: z.string(), priceFen: z.number().int() });

export const CharityEvent = z.object({
  id: Id,
  title: z.string(),
  description: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  place: z.string(),
  organisers: z.array(z.string()),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  status: z.enum(['open', 'closed']),
  totals: CharityTotals,
  createdAt: IsoDateTime,
});
export type CharityEvent = z.infer<typeof CharityEvent>;
export const CharityEventPage = z.object({ items: z.array(CharityEvent), total: z.number().int().nonnegative() });
export const CharityEventListQuery = PageQuery.extend({ regionCode: RegionCode.optional() });

/** The event as its staff see it: stalls, sellers (with guardians), items, the recorders. */
export const CharityEventDetail = CharityEvent.extend({
  stalls: z.array(CharityStall),
  sellers: z.array(CharitySeller),
  items: z.array(CharityItem),
  staff: z.array(z.object({ userId: Id, name: z.string() })),
  canManage: z.boolean(),
});
export type CharityEventDetail = z.infer<typeof CharityEventDetail>;

export const CharitySale = z.object({
  id: Id,
  eventId: Id,
  stallId: Id,
  stallName: z.string(),
  itemId: Id.nullable(),
  itemName: z.string().nullable(),
  sellerId: Id.nullable(),
  sellerName: z.string().nullable(),
  quantity: z.number().int(),
  amountFen: z.number().int(),
  reversesId: Id.nullable(),
  reversed: z.boolean(),
  note: z.string().nullable(),
  recordedByName: z.string(),
  recordedAt: IsoDateTime,
});
export type CharitySale = z.infer<typeof CharitySale>;
export const CharitySaleRecorded = z.object({ sale: CharitySale, totals: CharityTotals });
export const CharitySalePage = z.object({ items: z.array(CharitySale), total: z.number().int().nonnegative() });

/** A receipt file attached to a disbursement (staff read it; the public account shows that it is there). */
export const CharityReceipt = z.object({ id: Id, title: z.string(), contentType: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string(), url: z.string(), uploadedByName: z.string(), uploadedAt: IsoDateTime });
export const CharityReceiptUploadQuery = z.object({ title: z.string().trim().max(100).optional() });
export const CharityReceiptParams = z.object({ id: Id, fileId: Id });

export const CharityDisbursement = z.object({
  id: Id,
  eventId: Id,
  beneficiary: z.string(),
  beneficiaryKind: z.enum(['person', 'group']),
  beneficiaryUserId: Id.nullable(),
  purpose: z.string(),
  amountFen: z.number().int(),
  receiptNo: z.string(),
  reversesId: Id.nullable(),
  reversed: z.boolean(),
  recordedByName: z.string(),
  recordedAt: IsoDateTime,
  /** The scanned receipts, oldest first. */
  receipts: z.array(CharityReceipt),
});
export const CharityDisbursementRecorded = z.object({ disbursement: CharityDisbursement, totals: CharityTotals });
export const CharityDisbursementPage = z.object({ items: z.array(CharityDisbursement), total: z.number().int().nonnegative() });

/**
 * The public account (公开账目) anyone reads: raised by stall, where the money went, and what is
 * held, to the fen (raised = disbursed + held). No seller and no guardian is named; a beneficiary
 * who is a person shows masked.
 */
export const CharityPublicAccount = z.object({
  event: CharityEvent.omit({ createdAt: true }),
  stalls: z.array(CharityStall.omit({ id: true }).extend({ saleLines: z.number().int() })),
  disbursements: z.array(z.object({ beneficiary: z.string(), purpose: z.string(), amountFen: z.number().int(), receiptNo: z.string(), receiptFiles: z.number().int().nonnegative(), recordedAt: IsoDateTime })),
  /** Each stall's sum and each disbursement add up to the totals: the page can show the check. */
  balances: z.boolean(),
});
export type CharityPublicAccount = z.infer<typeof CharityPublicAccount>;
export const CharityPublicEventPage = z.object({ items: z.array(CharityEvent.omit({ createdAt: true })), total: z.number().int().nonnegative() });

/** Totals by community (or any region under the one asked): the public figure. */
export const CharityRegionTotalsQuery = z.object({ regionCode: RegionCode.optional() });
export const CharityRegionTotals = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  items: z.array(z.object({ regionCode: z.string(), regionName: z.string(), events: z.number().int(), raisedFen: z.number().int(), disbursedFen: z.number().int(), heldFen: z.number().int() })),
  total: CharityTotals.omit({ saleLines: true }).extend({ events: z.number().int() }),
});
