import { pgTable, uuid, varchar, text, char, timestamp, index, uniqueIndex, integer, bigint, doublePrecision, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * A resident's request for a service, by the four-order method: 点单 (ordered) → 派单
 * (dispatched) → 接单 (accepted) → serving → served → 评单 (rated); declined goes back to
 * ordered; cancelled at any point before rating. Every transition is compare-and-set on status.
 */
export const serviceRequests = pgTable(
  'service_requests',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    residentId: uuid('resident_id').notNull(),
    /** Staff or a grid worker who entered it for a resident without a phone. */
    enteredBy: uuid('entered_by'),
    category: varchar('category', { length: 32 }).notNull(),
    description: text('description').notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    address: text('address').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    preferredFrom: timestamp('preferred_from', { withTimezone: true }),
    preferredTo: timestamp('preferred_to', { withTimezone: true }),
    contactName: text('contact_name').notNull(),
    contactPhone: varchar('contact_phone', { length: 20 }).notNull(),
    status: varchar('status', { length: 12 }).notNull(),
    /** Minutes of the resident's time bank reserved to pay for the service (0: free). */
    payMinutes: integer('pay_minutes').notNull().default(0),
    /** resident | public_pool (staff pay from the city's pool of donated time for an elder in need) */
    payFrom: varchar('pay_from', { length: 12 }).notNull().default('resident'),
    paymentTransferId: uuid('payment_transfer_id'),
    assignedOrgId: uuid('assigned_org_id'),
    assignedUserId: uuid('assigned_user_id'),
    dispatchedBy: uuid('dispatched_by'),
    dispatchDueAt: timestamp('dispatch_due_at', { withTimezone: true }).notNull(),
    acceptDueAt: timestamp('accept_due_at', { withTimezone: true }),
    serveDueAt: timestamp('serve_due_at', { withTimezone: true }),
    helperIds: uuid('helper_ids').array().notNull().default(sql`'{}'::uuid[]`),
    checkinAt: timestamp('checkin_at', { withTimezone: true }),
    checkoutAt: timestamp('checkout_at', { withTimezone: true }),
    serviceFlags: text('service_flags').array().notNull().default(sql`'{}'::text[]`),
    stars: integer('stars'),
    comment: text('comment'),
    ratedBy: uuid('rated_by'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('service_requests_region_status_idx').on(t.regionCode, t.status, t.createdAt),
    index('service_requests_resident_idx').on(t.residentId, t.createdAt),
    index('service_requests_org_idx').on(t.assignedOrgId, t.status),
    index('service_requests_user_idx').on(t.assignedUserId, t.status),
    index('service_requests_city_idx').on(t.cityCode, t.createdAt),
    check('service_requests_stars_ck', sql`${t.stars} is null or ${t.stars} between 1 and 5`),
    check('service_requests_pay_ck', sql`${t.payMinutes} >= 0`),
  ],
);

/** The history of a request: every transition, who made it and why. Append-only. */
export const serviceRequestEvents = pgTable(
  'service_request_events',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    requestId: uuid('request_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    action: varchar('action', { length: 20 }).notNull(),
    fromStatus: varchar('from_status', { length: 12 }),
    toStatus: varchar('to_status', { length: 12 }).notNull(),
    note: text('note'),
  },
  (t) => [index('service_request_events_req_idx').on(t.requestId, t.at)],
);

/**
 * A micro-wish (微心愿) of a person in need, registered by staff. The beneficiary's identity stays
 * in the private columns; the public wall shows only the wish.
 */
export const wishes = pgTable(
  'wishes',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    title: text('title').notNull(),
    story: text('story').notNull(),
    /** Whole yuan, kept for the clients written against it: the yuan part of value_fen (rounded down). */
    valueYuan: integer('value_yuan').notNull(),
    /** The wish's value in fen: the amount of record (issue 16). */
    valueFen: bigint('value_fen', { mode: 'number' }).notNull(),
    beneficiaryName: text('beneficiary_name').notNull(),
    beneficiaryPhone: varchar('beneficiary_phone', { length: 20 }),
    beneficiaryAddress: text('beneficiary_address'),
    status: varchar('status', { length: 12 }).notNull(),
    claimDays: integer('claim_days').notNull().default(14),
    createdBy: uuid('created_by').notNull(),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
    confirmedBy: uuid('confirmed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('wishes_region_status_idx').on(t.regionCode, t.status, t.createdAt), index('wishes_city_idx').on(t.cityCode, t.createdAt), check('wishes_value_ck', sql`${t.valueYuan} >= 0`), check('wishes_value_fen_ck', sql`${t.valueFen} >= 0 and ${t.valueYuan} = ${t.valueFen} / 100`)],
);

/** A claim on a wish: one open claim per wish, enforced by a partial unique index. */
export const wishClaims = pgTable(
  'wish_claims',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    wishId: uuid('wish_id').notNull(),
    claimantId: uuid('claimant_id').notNull(),
    claimantType: varchar('claimant_type', { length: 16 }).notNull(),
    claimantName: text('claimant_name').notNull(),
    status: varchar('status', { length: 12 }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    deliveryNote: text('delivery_note'),
    photoKey: text('photo_key'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('wish_claims_one_open_uq').on(t.wishId).where(sql`${t.status} in ('active', 'delivered')`),
    index('wish_claims_claimant_idx').on(t.claimantId, t.createdAt),
    index('wish_claims_due_idx').on(t.dueAt).where(sql`${t.status} = 'active'`),
  ],
);
