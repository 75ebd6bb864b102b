import { pgTable, varchar, text, smallint, doublePrecision, index, timestamp } from 'drizzle-orm/pg-core';

/**
 * The administrative tree (reference data, copied to every shard later). `path` is the
 * materialised path of codes, `/140000/140500/140502/`, so "everything under a region" is
 * one range scan on `path` (text_pattern_ops).
 */
export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 15 }).primaryKey(),
    name: text('name').notNull(),
    parentCode: varchar('parent_code', { length: 15 }),
    level: smallint('level').notNull(),
    path: text('path').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode, t.code), index('regions_path_idx').using('btree', t.path.op('text_pattern_ops'))],
);
