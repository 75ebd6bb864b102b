import { pgTable, uuid, varchar, text, char, timestamp, index, uniqueIndex, integer, boolean, jsonb } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * The volunteer record of the 2020 measures (art. 5): what users does not hold already —
 * skills, service categories, availability — plus the public volunteer number (志愿者编号,
 * never the ID number), an optional national number, and how the person was registered.
 */
export const volunteerProfiles = pgTable(
  'volunteer_profiles',
  {
    userId: uuid('user_id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    volunteerNo: varchar('volunteer_no', { length: 20 }).notNull(),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    serviceCategories: text('service_categories').array().notNull().default(sql`'{}'::text[]`),
    availability: text('availability'),
    nationalVolunteerNo: varchar('national_volunteer_no', { length: 40 }),
    /** Separate consent (PIPL art. 25) to show the person by name in public; withdrawable. */
    publicDisplay: boolean('public_display').notNull().default(false),
    guardianName: text('guardian_name'),
    guardianPhone: varchar('guardian_phone', { length: 20 }),
    guardianRelation: varchar('guardian_relation', { length: 20 }),
    /** Staff who registered the person on their behalf (代注册), and how consent was obtained. */
    registeredBy: uuid('registered_by'),
    consentMethod: varchar('consent_method', { length: 20 }).notNull().default('online'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('volunteer_profiles_no_uq').on(t.volunteerNo), index('volunteer_profiles_city_idx').on(t.cityCode, t.userId)],
);

/** Sequences of volunteer numbers, one per district prefix. */
export const volunteerNoCounters = pgTable('volunteer_no_counters', {
  prefix: varchar('prefix', { length: 6 }).primaryKey(),
  nextValue: integer('next_value').notNull(),
});

/** Every consent given or withdrawn: terms, privacy notice, public display, a guardian's. */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    userId: uuid('user_id').notNull(),
    kind: varchar('kind', { length: 20 }).notNull(),
    version: varchar('version', { length: 40 }).notNull(),
    method: varchar('method', { length: 20 }).notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    recordedBy: uuid('recorded_by'),
    guardianName: text('guardian_name'),
    guardianPhone: varchar('guardian_phone', { length: 20 }),
    guardianRelation: varchar('guardian_relation', { length: 20 }),
  },
  (t) => [index('consents_user_idx').on(t.userId, t.kind)],
);

/** Membership of a person in an organisation: requested, invited, active, and how it ended. */
export const orgMemberships = pgTable(
  'org_memberships',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: varchar('role', { length: 10 }).notNull().default('member'),
    status: varchar('status', { length: 12 }).notNull(),
    message: text('message'),
    reason: text('reason'),
    invitedBy: uuid('invited_by'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('org_memberships_open_uq').on(t.orgId, t.userId).where(sql`${t.status} in ('requested', 'invited', 'active')`),
    index('org_memberships_org_idx').on(t.orgId, t.status, t.createdAt),
    index('org_memberships_user_idx').on(t.userId, t.status),
  ],
);

/** A bulk import: checked first, then written; its progress is polled by the page and the CLI. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    kind: varchar('kind', { length: 20 }).notNull(),
    status: varchar('status', { length: 12 }).notNull(),
    phase: varchar('phase', { length: 12 }).notNull().default('checking'),
    fileName: text('file_name'),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    mode: varchar('mode', { length: 16 }).notNull(),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    matchedCount: integer('matched_count').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    errors: jsonb('errors').notNull().default(sql`'[]'::jsonb`),
    message: text('message'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('import_jobs_creator_idx').on(t.createdBy, t.createdAt),
    // imports left running by a stop are found at start and every minute
    index('import_jobs_running_idx').on(t.createdAt).where(sql`${t.status} = 'running'`),
  ],
);
