import { pgTable, uuid, varchar, char, timestamp, index, integer, bigint, text, jsonb, primaryKey, check, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Charity sales (慈善义卖): an event in a community with its organisers, stalls, items and sellers
 * (children with their guardians), each sale and each disbursement of the money raised. Sales and
 * disbursements are append-only (a correction is a reversing row); the event's totals row keeps
 * raised and disbursed in fen, with a CHECK that nothing is paid out that was not raised. Amounts
 * are integers in fen. Written only by modules/charity.
 */
export const charityEvents = pgTable(
  'charity_events',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    /** The community (or any region) that runs the event and whose totals it counts in. */
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    description: text('description').notNull(),
    place: varchar('place', { length: 200 }).notNull(),
    /** The organisers as they are named publicly (民政局, 社区, 社工机构, 幼儿园). */
    organisers: jsonb('organisers').$type<string[]>().notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** open (sales recorded) | closed (sales ended; disbursements go on) */
    status: varchar('status', { length: 8 }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('charity_events_region_idx').on(t.cityCode, t.regionCode, t.startsAt), check('charity_events_status_ck', sql`${t.status} in ('open', 'closed')`), check('charity_events_time_ck', sql`${t.endsAt} > ${t.startsAt}`)],
);

/** The accounts that record sales at an event's stalls (besides the region's admins). */
export const charityEventStaff = pgTable(
  'charity_event_staff',
  {
    eventId: uuid('event_id').notNull(),
    userId: uuid('user_id').notNull(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    addedBy: uuid('added_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'charity_event_staff_pk', columns: [t.eventId, t.userId] }), index('charity_event_staff_user_idx').on(t.userId)],
);

export const charityStalls = pgTable(
  'charity_stalls',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    eventId: uuid('event_id').notNull(),
    name: varchar('name', { length: 60 }).notNull(),
    /** family (children and their parents) | public (公益摊位 run by the organisers) */
    kind: varchar('kind', { length: 8 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('charity_stalls_event_idx').on(t.eventId), check('charity_stalls_kind_ck', sql`${t.kind} in ('family', 'public')`)],
);

/**
 * A seller at a stall: a child (a name, or the minor's account) with the guardian answering for
 * them, or an adult. Names of children never leave the staff's answers.
 */
export const charitySellers = pgTable(
  'charity_sellers',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    eventId: uuid('event_id').notNull(),
    stallId: uuid('stall_id').notNull(),
    name: varchar('name', { length: 40 }).notNull(),
    isMinor: integer('is_minor').notNull(),
    /** The minor's own account when they have one (volunteers' minors). */
    minorUserId: uuid('minor_user_id'),
    /** The guardian's account: required for a minor. */
    guardianUserId: uuid('guardian_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('charity_sellers_event_idx').on(t.eventId), check('charity_sellers_guardian_ck', sql`${t.isMinor} = 0 or ${t.guardianUserId} is not null`)],
);

export const charityItems = pgTable(
  'charity_items',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    eventId: uuid('event_id').notNull(),
    stallId: uuid('stall_id').notNull(),
    name: varchar('name', { length: 60 }).notNull(),
    /** The asking price per piece in fen (a buyer may give more: the sale's amount is what was paid). */
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('charity_items_event_idx').on(t.eventId), check('charity_items_price_ck', sql`${t.priceFen} >= 0`)],
);

/**
 * A sale line (append-only): what was sold, how many, what was paid in fen, at which stall, by
 * which seller, recorded by whom. A correction is a new line reversing an earlier one (negative
 * amount and quantity, `reverses_id` set, at most one reversal per line).
 */
export const charitySales = pgTable(
  'charity_sales',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    eventId: uuid('event_id').notNull(),
    stallId: uuid('stall_id').notNull(),
    itemId: uuid('item_id'),
    sellerId: uuid('seller_id'),
    quantity: integer('quantity').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    reversesId: uuid('reverses_id'),
    note: varchar('note', { length: 200 }),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('charity_sales_event_idx').on(t.eventId, t.recordedAt),
    uniqueIndex('charity_sales_reverses_uq').on(t.reversesId),
    check('charity_sales_sign_ck', sql`(${t.reversesId} is null and ${t.amountFen} >= 0 and ${t.quantity} > 0) or (${t.reversesId} is not null and ${t.amountFen} <= 0 and ${t.quantity} < 0)`),
  ],
);

/**
 * Where the money went (append-only): the beneficiary, the purpose, the amount in fen and the
 * receipt's number (its scanned files are charity_receipts). A correction is a reversing row.
 */
export const charityDisbursements = pgTable(
  'charity_disbursements',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    eventId: uuid('event_id').notNull(),
    beneficiary: varchar('beneficiary', { length: 100 }).notNull(),
    /** person (named masked on the public account) | group (a fund, a school, 社区困难群体) */
    beneficiaryKind: varchar('beneficiary_kind', { length: 8 }).notNull(),
    /** The beneficiary's account when they have one (four eyes: nobody pays themselves). */
    beneficiaryUserId: uuid('beneficiary_user_id'),
    purpose: varchar('purpose', { length: 200 }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    receiptNo: varchar('receipt_no', { length: 60 }).notNull(),
    reversesId: uuid('reverses_id'),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('charity_disbursements_event_idx').on(t.eventId, t.recordedAt),
    uniqueIndex('charity_disbursements_reverses_uq').on(t.reversesId),
    check('charity_disbursements_kind_ck', sql`${t.beneficiaryKind} in ('person', 'group')`),
    check('charity_disbursements_sign_ck', sql`(${t.reversesId} is null and ${t.amountFen} > 0) or (${t.reversesId} is not null and ${t.amountFen} < 0)`),
  ],
);

/**
 * The receipt files of a disbursement (票据、收据、转账凭证 scans: pictures re-encoded without EXIF,
 * or PDF), append-only: a wrong file stays, and the account shows each one with who attached it
 * and when. The bytes live in the uploads folder under charity/<disbursement>/<id>.<ext>; the
 * sha256 lets an auditor prove the file is the one attached.
 */
export const charityReceipts = pgTable(
  'charity_receipts',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    eventId: uuid('event_id').notNull(),
    disbursementId: uuid('disbursement_id').notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    contentType: varchar('content_type', { length: 40 }).notNull(),
    bytes: integer('bytes').notNull(),
    sha256: char('sha256', { length: 64 }).notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('charity_receipts_disbursement_idx').on(t.disbursementId, t.uploadedAt), index('charity_receipts_event_idx').on(t.eventId)],
);

/**
 * An event's running totals in fen, changed in the transaction that appends a sale or a
 * disbursement: held = raised − disbursed is never negative (CHECK), so a disbursement beyond
 * the money raised, or a sale reversed after its money was paid out, fails.
 */
export const charityEventTotals = pgTable(
  'charity_event_totals',
  {
    eventId: uuid('event_id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    raisedFen: bigint('raised_fen', { mode: 'number' }).notNull(),
    disbursedFen: bigint('disbursed_fen', { mode: 'number' }).notNull(),
    saleLines: integer('sale_lines').notNull(),
  },
  (t) => [index('charity_event_totals_region_idx').on(t.cityCode, t.regionCode), check('charity_event_totals_ck', sql`${t.raisedFen} >= 0 and ${t.disbursedFen} >= 0 and ${t.disbursedFen} <= ${t.raisedFen}`)],
);
