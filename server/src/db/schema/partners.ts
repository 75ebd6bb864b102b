import { pgTable, uuid, varchar, char, timestamp, index, integer, smallint, text, primaryKey, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Partner benefits (志愿服务激励方案): partners (激励合作单位) registered by a region admin, their
 * staff accounts, the benefits they grant by star level, and each use. Written only by
 * modules/partners.
 */
export const partners = pgTable(
  'partners',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    /** The region whose volunteers the partner serves (its subtree). */
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    /** transport | communications | medical | employment | legal_aid | tourism | other */
    sector: varchar('sector', { length: 20 }).notNull(),
    contact: varchar('contact', { length: 100 }),
    /** active | suspended */
    status: varchar('status', { length: 10 }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('partners_region_idx').on(t.cityCode, t.regionCode)],
);

/** The accounts that verify cards and log uses for a partner. */
export const partnerStaff = pgTable(
  'partner_staff',
  {
    partnerId: uuid('partner_id').notNull(),
    userId: uuid('user_id').notNull(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    addedBy: uuid('added_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'partner_staff_pk', columns: [t.partnerId, t.userId] }), index('partner_staff_user_idx').on(t.userId)],
);

/** A benefit granted from a minimum star level, with a limit per person and validity dates (China days). */
export const partnerBenefits = pgTable(
  'partner_benefits',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    partnerId: uuid('partner_id').notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    description: text('description').notNull(),
    minStars: smallint('min_stars').notNull(),
    /** day | month | none */
    limitPeriod: varchar('limit_period', { length: 8 }).notNull(),
    /** Uses per person per period (ignored for none). */
    limitCount: smallint('limit_count').notNull(),
    validFrom: varchar('valid_from', { length: 10 }).notNull(),
    validTo: varchar('valid_to', { length: 10 }),
    /** active | withdrawn */
    status: varchar('status', { length: 10 }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('partner_benefits_partner_idx').on(t.partnerId), check('partner_benefits_ck', sql`${t.minStars} >= 0 and ${t.limitCount} >= 1`)],
);

/** Each use of a benefit, logged by a partner's staff member. */
export const partnerBenefitUses = pgTable(
  'partner_benefit_uses',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    partnerId: uuid('partner_id').notNull(),
    benefitId: uuid('benefit_id').notNull(),
    userId: uuid('user_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    starLevel: smallint('star_level').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull(),
    /** China month of the use, YYYY-MM: the report's unit. */
    month: char('month', { length: 7 }).notNull(),
  },
  (t) => [index('partner_benefit_uses_month_idx').on(t.partnerId, t.month, t.usedAt)],
);

/**
 * Uses per person, benefit and period (a China day, a month, or '' for none): raised by one
 * statement only while below the limit, so that two taps at once cannot both pass.
 */
export const partnerBenefitCounters = pgTable(
  'partner_benefit_counters',
  {
    benefitId: uuid('benefit_id').notNull(),
    userId: uuid('user_id').notNull(),
    period: varchar('period', { length: 10 }).notNull(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    uses: integer('uses').notNull(),
  },
  (t) => [primaryKey({ name: 'partner_benefit_counters_pk', columns: [t.benefitId, t.userId, t.period] })],
);
