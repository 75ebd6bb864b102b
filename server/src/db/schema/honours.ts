import { pgTable, uuid, varchar, char, timestamp, index, uniqueIndex, integer, smallint, text, jsonb, primaryKey, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Star ladders (星级): the hours for 1…N stars and the notice period, per region, inherited down
 * the tree and effective from a moment (like ledger_policies). Reference data. Written only by
 * modules/honours.
 */
export const starLadders = pgTable(
  'star_ladders',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
    /** Hours for 1, 2, … stars, strictly ascending. */
    thresholdsHours: integer('thresholds_hours').array().notNull(),
    noticeWorkingDays: integer('notice_working_days').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('star_ladders_region_from_uq').on(t.regionCode, t.effectiveFrom)],
);

/**
 * Each volunteer's confirmed service minutes (confirmed or disputed records; not corrected,
 * pending or rejected ones), kept in the transaction that changes the records, and the star
 * level granted. One row per volunteer.
 */
export const volunteerStars = pgTable(
  'volunteer_stars',
  {
    userId: uuid('user_id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    minutes: integer('minutes').notNull().default(0),
    level: smallint('level').notNull().default(0),
    levelSince: timestamp('level_since', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('volunteer_stars_ck', sql`${t.minutes} >= 0 and ${t.level} >= 0`)],
);

/** A new star level announced (公示) for its notice period, then granted, or withdrawn when the hours fall. */
export const starAnnouncements = pgTable(
  'star_announcements',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    userId: uuid('user_id').notNull(),
    /** The volunteer's region when announced (the public list is by region subtree). */
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    level: smallint('level').notNull(),
    minutes: integer('minutes').notNull(),
    announcedAt: timestamp('announced_at', { withTimezone: true }).notNull(),
    noticeEndsAt: timestamp('notice_ends_at', { withTimezone: true }).notNull(),
    /** pending | granted | withdrawn */
    status: varchar('status', { length: 10 }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('star_announcements_pending_uq').on(t.userId).where(sql`${t.status} = 'pending'`),
    index('star_announcements_due_idx').on(t.noticeEndsAt).where(sql`${t.status} = 'pending'`),
    index('star_announcements_region_idx').on(t.cityCode, t.regionCode, t.announcedAt).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * Service certificates (志愿服务证明, art. 14–17) and volunteer cards: facts frozen at issue, a
 * public number and a random verification code; revoked when a record they counted is corrected.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    number: varchar('number', { length: 32 }).notNull(),
    verifyCode: varchar('verify_code', { length: 16 }).notNull(),
    /** period | activity | card */
    kind: varchar('kind', { length: 10 }).notNull(),
    userId: uuid('user_id').notNull(),
    facts: jsonb('facts').notNull(),
    minutes: integer('minutes').notNull(),
    /** valid | revoked */
    status: varchar('status', { length: 8 }).notNull(),
    revokedReason: text('revoked_reason'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('certificates_number_uq').on(t.number), index('certificates_user_idx').on(t.userId, t.createdAt)],
);

/** The records a certificate counted: a correction of any of them revokes it. */
export const certificateRecords = pgTable(
  'certificate_records',
  {
    certificateId: uuid('certificate_id').notNull(),
    recordId: uuid('record_id').notNull(),
    cityCode: char('city_code', { length: 4 }).notNull(),
  },
  (t) => [primaryKey({ name: 'certificate_records_pk', columns: [t.certificateId, t.recordId] }), index('certificate_records_record_idx').on(t.recordId)],
);

/** Certificate number sequences, one per city and year. */
export const certificateCounters = pgTable(
  'certificate_counters',
  {
    cityCode: char('city_code', { length: 4 }).notNull(),
    year: smallint('year').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ name: 'certificate_counters_pk', columns: [t.cityCode, t.year] })],
);
