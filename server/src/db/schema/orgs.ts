import { pgTable, uuid, varchar, text, timestamp, index, char, doublePrecision } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** Volunteer-service organisations and teams, in a hierarchy, reviewed before they are active. */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    name: text('name').notNull(),
    type: varchar('type', { length: 32 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    parentId: uuid('parent_id'),
    description: text('description'),
    supervisingUnit: text('supervising_unit'),
    /** What the team does: dispatch suggestions match a request's category against these. */
    serviceCategories: text('service_categories').array().notNull().default(sql`'{}'::text[]`),
    contactName: text('contact_name'),
    contactPhone: varchar('contact_phone', { length: 20 }),
    status: varchar('status', { length: 20 }).notNull().default('pending'),
    /** The reason of the last review or state change (reject, changes, suspension). */
    statusReason: text('status_reason'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('orgs_region_idx').on(t.regionCode, t.status), index('orgs_parent_idx').on(t.parentId), index('orgs_city_idx').on(t.cityCode, t.id)],
);

/** Service stations (学雷锋志愿服务站, 社区志愿服务站, 新时代文明实践站 …). */
export const stations = pgTable(
  'stations',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    name: text('name').notNull(),
    type: varchar('type', { length: 40 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    openingHours: text('opening_hours'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('stations_region_idx').on(t.regionCode)],
);
