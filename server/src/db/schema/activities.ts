import { pgTable, uuid, varchar, text, char, timestamp, index, uniqueIndex, integer, boolean, doublePrecision, check, primaryKey } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** An activity an organisation publishes after review; occurrences of a series share series_id. */
export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    orgId: uuid('org_id').notNull(),
    seriesId: uuid('series_id'),
    title: text('title').notNull(),
    category: varchar('category', { length: 32 }).notNull(),
    description: text('description').notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    stationId: uuid('station_id'),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    geofenceMeters: integer('geofence_meters').notNull().default(500),
    /** Outside the fence: accepted and flagged instead of refused. */
    allowOutsideFence: boolean('allow_outside_fence').notNull().default(false),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    minAge: integer('min_age'),
    maxAge: integer('max_age'),
    requiredSkills: text('required_skills').array().notNull().default(sql`'{}'::text[]`),
    risks: text('risks'),
    isRisky: boolean('is_risky').notNull().default(false),
    insured: boolean('insured').notNull().default(false),
    cancelDeadlineMinutes: integer('cancel_deadline_minutes').notNull().default(120),
    personInCharge: text('person_in_charge').notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    reviewReason: text('review_reason'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    confirmedCount: integer('confirmed_count').notNull().default(0),
    /** 受益人数: how many people it served, estimated by the organiser at settlement, and who they were. */
    beneficiariesCount: integer('beneficiaries_count'),
    /** elders | children | disabled | patients | residents | other */
    beneficiariesCategory: varchar('beneficiaries_category', { length: 16 }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('activities_region_status_idx').on(t.regionCode, t.status, t.startsAt),
    index('activities_status_start_idx').on(t.status, t.startsAt),
    index('activities_org_idx').on(t.orgId, t.startsAt),
    index('activities_review_queue_idx').on(t.status, t.submittedAt).where(sql`${t.status} = 'pending_review'`),
    index('activities_city_idx').on(t.cityCode, t.startsAt),
    // the upcoming ones (the portal's next activities, the public list): a city holds tens of
    // thousands of past activities and a handful not yet ended
    index('activities_status_end_idx').on(t.status, t.endsAt),
    // the work figures: ended, not settled (late against the 10-working-day rule)
    index('activities_unsettled_idx').on(t.endsAt).where(sql`${t.status} = 'published' and ${t.settledAt} is null`),
    check('activities_time_ck', sql`${t.endsAt} > ${t.startsAt}`),
    check('activities_beneficiaries_ck', sql`${t.beneficiariesCount} is null or ${t.beneficiariesCount} >= 0`),
    check('activities_capacity_ck', sql`${t.capacity} > 0 and ${t.confirmedCount} >= 0 and ${t.confirmedCount} <= ${t.capacity}`),
  ],
);

export const signups = pgTable(
  'signups',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    activityId: uuid('activity_id').notNull(),
    userId: uuid('user_id').notNull(),
    status: varchar('status', { length: 12 }).notNull(),
    signedUpBy: uuid('signed_up_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('signups_open_uq').on(t.activityId, t.userId).where(sql`${t.status} in ('confirmed', 'waitlisted')`),
    index('signups_activity_idx').on(t.activityId, t.status, t.createdAt),
    index('signups_user_idx').on(t.userId, t.status),
  ],
);

/** One person's presence at one activity: check-in and check-out with where they were. */
/**
 * Attendance is partitioned by year of its activity (`PARTITION BY RANGE (activity_id)`, the UUIDv7
 * bounds of 1 January in China time, migration 0033): an activity's attendance stays in one
 * partition, and the check-in's unique key (activity, person) includes the partition key. The
 * primary key is therefore (id, activity_id).
 */
export const attendance = pgTable(
  'attendance',
  {
    id: uuid('id').notNull(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    activityId: uuid('activity_id').notNull(),
    userId: uuid('user_id').notNull(),
    checkinAt: timestamp('checkin_at', { withTimezone: true }).notNull(),
    checkoutAt: timestamp('checkout_at', { withTimezone: true }),
    checkinLat: doublePrecision('checkin_lat'),
    checkinLng: doublePrecision('checkin_lng'),
    checkinDistanceMeters: integer('checkin_distance_meters'),
    checkoutLat: doublePrecision('checkout_lat'),
    checkoutLng: doublePrecision('checkout_lng'),
    checkoutDistanceMeters: integer('checkout_distance_meters'),
    /** outside_fence, no_location, manual, auto_closed */
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    recordedBy: uuid('recorded_by'),
    note: text('note'),
    /** A flagged attendance is settled only on an explicit decision: include | exclude. */
    settleDecision: varchar('settle_decision', { length: 8 }),
    settleDecidedBy: uuid('settle_decided_by'),
    settleDecisionReason: text('settle_decision_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'attendance_pkey', columns: [t.id, t.activityId] }),
    uniqueIndex('attendance_activity_user_uq').on(t.activityId, t.userId),
    index('attendance_open_idx').on(t.activityId).where(sql`${t.checkoutAt} is null`),
  ],
);

/**
 * A service record (志愿服务记录) with the fields of the 2020 measures, art. 7. Immutable but
 * for its status: a correction is a new record that reverses the old one. Partitioned by the
 * year its id was minted (`PARTITION BY RANGE (id)`, migration 0033); the keys that must be
 * unique across years live in `service_record_once` and `service_record_reversals`, written by a
 * BEFORE INSERT trigger that skips a duplicate as `ON CONFLICT DO NOTHING` did.
 */
export const serviceRecords = pgTable(
  'service_records',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    /** The organising unit; null for a residents' request served by an individual volunteer (the community records it). */
    orgId: uuid('org_id'),
    activityId: uuid('activity_id'),
    /** The request served, for kind 'request'. */
    requestId: uuid('request_id'),
    /** activity | retroactive | correction | request */
    kind: varchar('kind', { length: 12 }).notNull(),
    /** confirmed | disputed | corrected | pending_approval (补录 above the threshold) | rejected */
    status: varchar('status', { length: 16 }).notNull(),
    activityTitle: text('activity_title').notNull(),
    serviceDate: varchar('service_date', { length: 10 }).notNull(),
    place: text('place').notNull(),
    content: text('content').notNull(),
    orgName: text('org_name').notNull(),
    personInCharge: text('person_in_charge').notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    minutes: integer('minutes').notNull(),
    creditedMinutes: integer('credited_minutes').notNull(),
    points: integer('points').notNull(),
    adjustmentReason: text('adjustment_reason'),
    /** The organiser replaced the measured minutes; the measured figure is kept in original_minutes. */
    minutesOverridden: boolean('minutes_overridden').notNull().default(false),
    originalMinutes: integer('original_minutes'),
    evidenceNote: text('evidence_note'),
    /** 补录 waiting for (pending_approval) or given a second staff member's decision. */
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewReason: text('review_reason'),
    reversesId: uuid('reverses_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('service_records_activity_idx').on(t.activityId, t.volunteerId).where(sql`${t.kind} = 'activity'`),
    index('service_records_volunteer_idx').on(t.volunteerId, t.startedAt),
    index('service_records_org_idx').on(t.orgId, t.startedAt),
    index('service_records_city_idx').on(t.cityCode, t.startedAt),
    index('service_records_pending_idx').on(t.orgId, t.createdAt).where(sql`${t.status} = 'pending_approval'`),
    check('service_records_minutes_ck', sql`${t.minutes} >= 0 and ${t.creditedMinutes} >= 0 and ${t.points} >= 0`),
  ],
);

/** One record per (activity, volunteer) and per (request, volunteer), across every year's partition. */
export const serviceRecordOnce = pgTable(
  'service_record_once',
  {
    /** activity | request */
    kind: varchar('kind', { length: 12 }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    recordId: uuid('record_id').notNull(),
    cityCode: char('city_code', { length: 4 }).notNull(),
  },
  (t) => [primaryKey({ name: 'service_record_once_pkey', columns: [t.kind, t.subjectId, t.volunteerId] })],
);

/** A record is reversed (corrected) at most once, across every year's partition. */
export const serviceRecordReversals = pgTable('service_record_reversals', {
  reversesId: uuid('reverses_id').primaryKey(),
  recordId: uuid('record_id').notNull(),
  cityCode: char('city_code', { length: 4 }).notNull(),
});

export const disputes = pgTable(
  'disputes',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    recordId: uuid('record_id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    /** The organisation that answers; null for a home service done in person: the community answers. */
    orgId: uuid('org_id'),
    /** The record's region: which community answers when there is no organisation. */
    regionCode: varchar('region_code', { length: 15 }),
    reason: text('reason').notNull(),
    status: varchar('status', { length: 12 }).notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    correctionRecordId: uuid('correction_record_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('disputes_open_uq').on(t.recordId).where(sql`${t.status} = 'open'`),
    index('disputes_org_idx').on(t.orgId, t.status),
    index('disputes_community_idx').on(t.regionCode, t.status).where(sql`${t.orgId} is null`),
    // the work figures: open disputes of a region's subtree
    index('disputes_open_region_idx').on(t.regionCode).where(sql`${t.status} = 'open'`),
  ],
);

/** The in-app inbox; other channels (SMS, WeChat) are senders plugged in behind it. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    userId: uuid('user_id').notNull(),
    kind: varchar('kind', { length: 32 }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    objectType: varchar('object_type', { length: 32 }),
    objectId: uuid('object_id'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt), index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`)],
);
