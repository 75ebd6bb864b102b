import { pgTable, uuid, varchar, char, timestamp, index, smallint, text, jsonb, check, uniqueIndex, boolean } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * 十星级文明户 and 道德红黑榜: criteria per region and year, the households rated (a minimal
 * reference until grids' households land: address, region, head), yearly ratings with the
 * evidence for each star and the household's consent to publish, the red-black board with its
 * reviews and appeals. Written only by modules/civility.
 */

export interface CivilityStar {
  key: string;
  name: string;
  description: string;
}
export interface CivilityStarRating {
  key: string;
  earned: boolean;
  evidence: string | null;
}

/** The ten stars a region rates by in a year (爱国守法, 孝老爱亲, 清洁卫生 …). Reference data. */
export const civilityCriteria = pgTable(
  'civility_criteria',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    year: smallint('year').notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    stars: jsonb('stars').$type<CivilityStar[]>().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('civility_criteria_region_year_uq').on(t.regionCode, t.year)],
);

/** A household as rated here: its address, region and head (to link to grids' households later). */
export const civilityHouseholds = pgTable(
  'civility_households',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    address: varchar('address', { length: 200 }).notNull(),
    headName: varchar('head_name', { length: 40 }).notNull(),
    /** The head's account: the one who consents to publication and may appeal. */
    headUserId: uuid('head_user_id'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('civility_households_region_idx').on(t.cityCode, t.regionCode, t.createdAt), index('civility_households_head_idx').on(t.headUserId)],
);

/**
 * A household's rating for a year: each star earned or not, with the evidence for each earned
 * one. Public only with the household's consent (who gave it, when, how).
 */
export const civilityRatings = pgTable(
  'civility_ratings',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    householdId: uuid('household_id').notNull(),
    criteriaId: uuid('criteria_id').notNull(),
    year: smallint('year').notNull(),
    stars: jsonb('stars').$type<CivilityStarRating[]>().notNull(),
    starCount: smallint('star_count').notNull(),
    ratedBy: uuid('rated_by').notNull(),
    ratedAt: timestamp('rated_at', { withTimezone: true }).notNull(),
    consentPublic: boolean('consent_public').notNull(),
    /** Who recorded the consent: the head themself, or staff taking a signed paper (on behalf). */
    consentBy: uuid('consent_by'),
    consentAt: timestamp('consent_at', { withTimezone: true }),
    /** self | paper */
    consentMethod: varchar('consent_method', { length: 8 }),
  },
  (t) => [
    uniqueIndex('civility_ratings_household_year_uq').on(t.householdId, t.year),
    index('civility_ratings_region_idx').on(t.cityCode, t.regionCode, t.year),
    index('civility_ratings_public_idx').on(t.cityCode, t.year, t.regionCode).where(sql`consent_public`),
    check('civility_ratings_count_ck', sql`${t.starCount} between 0 and 10`),
    check('civility_ratings_consent_ck', sql`not ${t.consentPublic} or (${t.consentBy} is not null and ${t.consentAt} is not null and ${t.consentMethod} in ('self', 'paper'))`),
  ],
);

/**
 * An entry on the moral red-black board (道德红黑榜): a deed with its evidence for a period. An
 * entry naming a person or household is public only after a review by someone other than who
 * entered it (CHECK); an upheld appeal withdraws it.
 */
export const civilityBoardEntries = pgTable(
  'civility_board_entries',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    /** red (praise) | black (criticism) */
    board: varchar('board', { length: 5 }).notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    deed: text('deed').notNull(),
    evidence: text('evidence').notNull(),
    subjectName: varchar('subject_name', { length: 60 }),
    subjectUserId: uuid('subject_user_id'),
    subjectHouseholdId: uuid('subject_household_id'),
    periodFrom: varchar('period_from', { length: 10 }).notNull(),
    periodTo: varchar('period_to', { length: 10 }).notNull(),
    enteredBy: uuid('entered_by').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    /** pending | approved | rejected */
    reviewStatus: varchar('review_status', { length: 10 }).notNull(),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: varchar('review_note', { length: 500 }),
    /** active | withdrawn (an upheld appeal, or the staff) */
    status: varchar('status', { length: 10 }).notNull(),
  },
  (t) => [
    index('civility_board_region_idx').on(t.cityCode, t.regionCode, t.enteredAt),
    index('civility_board_subject_idx').on(t.subjectUserId),
    check('civility_board_kind_ck', sql`${t.board} in ('red', 'black') and ${t.reviewStatus} in ('pending', 'approved', 'rejected') and ${t.status} in ('active', 'withdrawn')`),
    check('civility_board_four_eyes_ck', sql`${t.reviewedBy} is null or ${t.reviewedBy} <> ${t.enteredBy}`),
    check('civility_board_period_ck', sql`${t.periodFrom} <= ${t.periodTo}`),
  ],
);

/** An appeal by the person or household named, answered by a reviewer (not the one who entered the entry). */
export const civilityAppeals = pgTable(
  'civility_appeals',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    entryId: uuid('entry_id').notNull(),
    appellantUserId: uuid('appellant_user_id').notNull(),
    reason: text('reason').notNull(),
    /** open | upheld (the entry is withdrawn) | dismissed */
    status: varchar('status', { length: 10 }).notNull(),
    answeredBy: uuid('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answer: varchar('answer', { length: 500 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('civility_appeals_once_uq').on(t.entryId, t.appellantUserId),
    index('civility_appeals_entry_idx').on(t.entryId),
    check('civility_appeals_status_ck', sql`${t.status} in ('open', 'upheld', 'dismissed')`),
  ],
);

