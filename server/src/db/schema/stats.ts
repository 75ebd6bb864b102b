import { sql } from 'drizzle-orm';
import { pgTable, varchar, char, date, smallint, bigint, primaryKey, check, index } from 'drizzle-orm/pg-core';

/**
 * Counters the public figures and list totals are read from, never recounted from millions of
 * rows per request (scaling rule 4). Each change that moves a figure (a registration, a record, a
 * correction, a redemption …) adds its delta in the same transaction, to the region where it
 * happened AND to every region above it, for its day, its month and all time, for its category and
 * for all categories ('' = every category). So a figure of any region, for any period, is a handful
 * of rows. A transaction writes to one of a few `slot`s chosen at random, so that busy regions (a
 * city's row takes every change of the city) are not one hot row; reads add the slots up.
 * Written only by modules/stats.
 */
export const statCounters = pgTable(
  'stat_counters',
  {
    cityCode: char('city_code', { length: 4 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    metric: varchar('metric', { length: 24 }).notNull(),
    /** d: a day, m: a month (period_start is its first day), a: all time (period_start 1970-01-01). */
    period: char('period', { length: 1 }).notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    category: varchar('category', { length: 32 }).notNull(),
    slot: smallint('slot').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'stat_counters_pk', columns: [t.regionCode, t.metric, t.period, t.periodStart, t.category, t.slot] }),
    index('stat_counters_city_idx').on(t.cityCode, t.metric, t.period, t.periodStart),
    check('stat_counters_period_ck', sql`period in ('d', 'm', 'a')`),
  ],
);
