import { pgTable, uuid, varchar, char, timestamp, index, uniqueIndex, integer, smallint, text, primaryKey, check, doublePrecision, boolean, date, jsonb } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Public-welfare posts (公益性岗位): posts, the plan per town, the hardship register, imported
 * status lists (deceased / moved away), placements with one row per procedure step, objections to
 * the public notice, attendance, closed days, monthly confirmations and the checks' flags.
 * Written only by modules/posts.
 */

export const welfarePosts = pgTable(
  'welfare_posts',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    /** The town (9 digits) or a village in it. */
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    /** rural | urban */
    kind: varchar('kind', { length: 8 }).notNull(),
    category: varchar('category', { length: 16 }).notNull(),
    address: varchar('address', { length: 200 }).notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    geofenceMeters: integer('geofence_meters').notNull(),
    startTime: char('start_time', { length: 5 }).notNull(),
    endTime: char('end_time', { length: 5 }).notNull(),
    payMinFen: integer('pay_min_fen').notNull(),
    payMaxFen: integer('pay_max_fen').notNull(),
    supervisorOrgId: uuid('supervisor_org_id'),
    description: text('description').notNull(),
    /** draft | recruiting | closed */
    status: varchar('status', { length: 12 }).notNull(),
    announcedAt: timestamp('announced_at', { withTimezone: true }),
    announcementKey: varchar('announcement_key', { length: 200 }),
    announcementName: varchar('announcement_name', { length: 100 }),
    announcementType: varchar('announcement_type', { length: 40 }),
    announcementBytes: integer('announcement_bytes'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('welfare_posts_town_idx').on(t.cityCode, t.townCode, t.createdAt),
    index('welfare_posts_org_idx').on(t.supervisorOrgId),
    check('welfare_posts_ck', sql`${t.payMaxFen} >= ${t.payMinFen} and ${t.payMinFen} >= 0 and ${t.geofenceMeters} > 0 and ${t.kind} in ('rural','urban')`),
  ],
);

/** How many posts a town plans in a year (the plan the progress is measured against). Small reference data. */
export const welfarePlans = pgTable(
  'welfare_plans',
  {
    regionCode: varchar('region_code', { length: 9 }).notNull(),
    year: smallint('year').notNull(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    ruralPlanned: integer('rural_planned').notNull(),
    urbanPlanned: integer('urban_planned').notNull(),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'welfare_plans_pk', columns: [t.regionCode, t.year] })],
);

/** The register of people in hardship, per region, with the evidence (staff-entered). */
export const hardshipEntries = pgTable(
  'hardship_entries',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    userId: uuid('user_id').notNull(),
    /** Keyed hash of the person's ID number (the imported lists are matched on it). */
    idHash: char('id_hash', { length: 64 }),
    category: varchar('category', { length: 20 }).notNull(),
    evidence: text('evidence').notNull(),
    /** active | removed */
    status: varchar('status', { length: 8 }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('hardship_entries_person_uq').on(t.userId, t.regionCode).where(sql`${t.status} = 'active'`),
    index('hardship_entries_region_idx').on(t.cityCode, t.regionCode, t.createdAt),
  ],
);

/** Imported lists of people deceased or moved away (民政、公安), matched on the keyed ID hash. */
export const personStatusEntries = pgTable(
  'person_status_entries',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    idHash: char('id_hash', { length: 64 }).notNull(),
    name: varchar('name', { length: 50 }).notNull(),
    /** deceased | moved */
    status: varchar('status', { length: 8 }).notNull(),
    statusDate: date('status_date', { mode: 'string' }).notNull(),
    source: varchar('source', { length: 100 }).notNull(),
    importedBy: uuid('imported_by').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('person_status_entries_uq').on(t.idHash, t.status, t.statusDate)],
);

export const welfarePlacements = pgTable(
  'welfare_placements',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    postId: uuid('post_id').notNull(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    userId: uuid('user_id').notNull(),
    idHash: char('id_hash', { length: 64 }),
    hardshipEntryId: uuid('hardship_entry_id').notNull(),
    /** in_procedure | active | ended | rejected */
    status: varchar('status', { length: 12 }).notNull(),
    /** The last step done; the next one is the following step of the procedure. */
    lastStep: varchar('last_step', { length: 20 }).notNull(),
    lastSeq: smallint('last_seq').notNull(),
    noticeStartsOn: date('notice_starts_on', { mode: 'string' }),
    noticeEndsOn: date('notice_ends_on', { mode: 'string' }),
    startedOn: date('started_on', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    /** One post per person: one placement in procedure or active. */
    uniqueIndex('welfare_placements_one_per_person_uq').on(t.userId).where(sql`${t.status} in ('in_procedure','active')`),
    index('welfare_placements_post_idx').on(t.postId, t.status),
    index('welfare_placements_town_idx').on(t.cityCode, t.townCode, t.createdAt),
    index('welfare_placements_hash_idx').on(t.idHash),
    index('welfare_placements_user_idx').on(t.userId, t.createdAt),
    /** The public notices (公示) up now or lately: the portal's list, for a city or everywhere. */
    index('welfare_placements_notice_idx').on(t.noticeEndsOn, t.cityCode).where(sql`${t.noticeEndsOn} is not null`),
  ],
);

/** One row per step done, in order (a trigger refuses a skipped step; no update, no delete). */
export const welfarePlacementSteps = pgTable(
  'welfare_placement_steps',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    placementId: uuid('placement_id').notNull(),
    step: varchar('step', { length: 20 }).notNull(),
    seq: smallint('seq').notNull(),
    actorId: uuid('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    note: text('note').notNull(),
    documentKey: varchar('document_key', { length: 200 }),
    documentName: varchar('document_name', { length: 100 }),
    documentType: varchar('document_type', { length: 40 }),
    documentBytes: integer('document_bytes'),
  },
  (t) => [
    uniqueIndex('welfare_placement_steps_step_uq').on(t.placementId, t.step),
    uniqueIndex('welfare_placement_steps_seq_uq').on(t.placementId, t.seq),
    check(
      'welfare_placement_steps_order_ck',
      sql`(${t.step}, ${t.seq}) in (('application',1),('democratic_review',2),('town_review',3),('public_notice',4),('county_approval',5),('agreement',6),('training',7),('start',8))`,
    ),
  ],
);

export const welfareObjections = pgTable(
  'welfare_objections',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    placementId: uuid('placement_id').notNull(),
    content: text('content').notNull(),
    contact: varchar('contact', { length: 50 }),
    /** open | dismissed | upheld */
    status: varchar('status', { length: 10 }).notNull(),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('welfare_objections_placement_idx').on(t.placementId, t.createdAt)],
);

export const welfareAttendance = pgTable(
  'welfare_attendance',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    postId: uuid('post_id').notNull(),
    placementId: uuid('placement_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** The China day. */
    day: date('day', { mode: 'string' }).notNull(),
    checkinAt: timestamp('checkin_at', { withTimezone: true }).notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    distanceMeters: integer('distance_meters'),
    outsideFence: boolean('outside_fence').notNull(),
    noLocation: boolean('no_location').notNull(),
    /** The signed-in session's device (accounts' device cookie id), for the shared-phone check. */
    deviceId: varchar('device_id', { length: 64 }),
    /** phone | staff */
    source: varchar('source', { length: 6 }).notNull(),
    recordedBy: uuid('recorded_by'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('welfare_attendance_day_uq').on(t.placementId, t.day),
    index('welfare_attendance_post_day_idx').on(t.postId, t.day),
    index('welfare_attendance_device_idx').on(t.cityCode, t.day, t.deviceId).where(sql`${t.deviceId} is not null`),
  ],
);

/** Days the supervisor marked a post closed (weather, holiday): attendance on them is flagged. */
export const welfareClosures = pgTable(
  'welfare_closures',
  {
    postId: uuid('post_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    reason: varchar('reason', { length: 200 }).notNull(),
    markedBy: uuid('marked_by').notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'welfare_closures_pk', columns: [t.postId, t.day] })],
);

/** The supervisor's confirmation of a post's month, with the days each placement had then. */
export const welfareConfirmations = pgTable(
  'welfare_confirmations',
  {
    postId: uuid('post_id').notNull(),
    month: char('month', { length: 7 }).notNull(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    confirmedBy: uuid('confirmed_by').notNull(),
    confirmedByName: text('confirmed_by_name').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
    note: text('note'),
    /** placementId → days present at confirmation. */
    days: jsonb('days').$type<Record<string, number>>().notNull(),
  },
  (t) => [primaryKey({ name: 'welfare_confirmations_pk', columns: [t.postId, t.month] })],
);

/** A check's finding with its evidence, for review: never a cut by itself. */
export const welfareFlags = pgTable(
  'welfare_flags',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    postId: uuid('post_id').notNull(),
    placementId: uuid('placement_id'),
    userId: uuid('user_id'),
    kind: varchar('kind', { length: 24 }).notNull(),
    month: char('month', { length: 7 }).notNull(),
    day: date('day', { mode: 'string' }),
    /** What makes the finding unique within its post and kind (an attendance id, a placement and month…). */
    key: varchar('key', { length: 120 }).notNull(),
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
    /** open | confirmed | dismissed */
    status: varchar('status', { length: 10 }).notNull(),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('welfare_flags_key_uq').on(t.postId, t.kind, t.key), index('welfare_flags_month_idx').on(t.postId, t.month, t.status)],
);
