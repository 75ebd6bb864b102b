import { pgTable, uuid, varchar, char, timestamp, index, uniqueIndex, integer, text, jsonb, date, boolean, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Award campaigns (评选表彰: 最美志愿者, 优秀志愿服务队, 优秀志愿服务项目) of a region: categories
 * with quotas, eligibility (minimum confirmed hours, the region's subtree, a service period), a
 * nomination window and a public voting window; published results form the honour wall.
 * Written only by modules/awards.
 */
export const awardCampaigns = pgTable(
  'award_campaigns',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    /** The region's materialised path: the honour wall of a region lists its subtree's campaigns. */
    regionPath: text('region_path').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** [{ key, kind: volunteer | team | project, name, quota }] */
    categories: jsonb('categories').notNull(),
    minHours: integer('min_hours').notNull().default(0),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    nominationOpensAt: timestamp('nomination_opens_at', { withTimezone: true }).notNull(),
    nominationClosesAt: timestamp('nomination_closes_at', { withTimezone: true }).notNull(),
    votingOpensAt: timestamp('voting_opens_at', { withTimezone: true }).notNull(),
    votingClosesAt: timestamp('voting_closes_at', { withTimezone: true }).notNull(),
    /** open | published */
    status: varchar('status', { length: 10 }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('award_campaigns_region_idx').on(t.cityCode, t.regionPath, t.createdAt),
    check('award_campaigns_windows_ck', sql`${t.nominationOpensAt} < ${t.nominationClosesAt} and ${t.nominationClosesAt} <= ${t.votingOpensAt} and ${t.votingOpensAt} < ${t.votingClosesAt} and ${t.periodFrom} <= ${t.periodTo}`),
  ],
);

/**
 * A candidate nominated by an organisation in one category: a volunteer (subject = user), a team
 * (an organisation) or a project (an activity), with reasons and evidence; reviewed by the region;
 * voted on; awarded or not when the results are published. An awarded volunteer's nomination is
 * part of their record (art. 9) and carries the honour certificate.
 */
export const awardNominations = pgTable(
  'award_nominations',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    campaignId: uuid('campaign_id').notNull(),
    categoryKey: varchar('category_key', { length: 32 }).notNull(),
    /** volunteer | team | project */
    kind: varchar('kind', { length: 10 }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The name shown (a team's or project's; a volunteer's is masked in public without consent). */
    subjectName: text('subject_name').notNull(),
    /** The organisation the candidate belongs to: the team itself, the project's organiser, the nominating one for a volunteer. */
    subjectOrgId: uuid('subject_org_id').notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    nominatingOrgId: uuid('nominating_org_id').notNull(),
    reasons: text('reasons').notNull(),
    /** [{ kind: 'link', url, title }] */
    evidence: jsonb('evidence').notNull(),
    /** pending | approved | rejected | awarded | not_awarded */
    status: varchar('status', { length: 12 }).notNull(),
    reviewReason: text('review_reason'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** Votes from accounts older than the voting window, and from accounts created during it (counted apart). */
    votes: integer('votes').notNull().default(0),
    newAccountVotes: integer('new_account_votes').notNull().default(0),
    certificateId: uuid('certificate_id'),
    awardedAt: timestamp('awarded_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('award_nominations_subject_uq').on(t.campaignId, t.categoryKey, t.subjectId),
    index('award_nominations_campaign_idx').on(t.campaignId, t.status, t.createdAt),
    index('award_nominations_org_idx').on(t.nominatingOrgId, t.createdAt),
    index('award_nominations_awarded_idx').on(t.subjectId, t.awardedAt).where(sql`${t.status} = 'awarded'`),
    index('award_nominations_wall_idx').on(t.cityCode, t.awardedAt).where(sql`${t.status} = 'awarded'`),
  ],
);

/** One vote of an account for a candidate on a day (China time): the unique index keeps it to one. */
export const awardVotes = pgTable(
  'award_votes',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    campaignId: uuid('campaign_id').notNull(),
    nominationId: uuid('nomination_id').notNull(),
    userId: uuid('user_id').notNull(),
    day: date('day').notNull(),
    /** The account was created during the voting window. */
    newAccount: boolean('new_account').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('award_votes_once_a_day_uq').on(t.userId, t.nominationId, t.day), index('award_votes_nomination_idx').on(t.nominationId, t.day)],
);
