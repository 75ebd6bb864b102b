import { pgTable, uuid, varchar, timestamp, index, uniqueIndex, char } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const roleEnumValues = ['region_admin', 'station_admin', 'org_admin', 'partner'] as const;

/**
 * A role granted over a scope: a region subtree (region_admin, partner), an organisation
 * (org_admin) or a station (station_admin). `region_code` is always filled: for org and
 * station grants it is the region of the org or station, so "grants under my region" is
 * one query.
 */
export const grants = pgTable(
  'grants',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    userId: uuid('user_id').notNull(),
    role: varchar('role', { length: 20, enum: roleEnumValues }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    orgId: uuid('org_id'),
    stationId: uuid('station_id'),
    grantedBy: uuid('granted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [
    index('grants_user_idx').on(t.userId),
    index('grants_region_idx').on(t.regionCode),
    index('grants_org_idx').on(t.orgId),
    uniqueIndex('grants_active_uq')
      .on(t.userId, t.role, t.regionCode, sql`coalesce(${t.orgId}, '00000000-0000-0000-0000-000000000000')`, sql`coalesce(${t.stationId}, '00000000-0000-0000-0000-000000000000')`)
      .where(sql`${t.revokedAt} is null`),
  ],
);
