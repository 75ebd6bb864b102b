import { sql } from 'drizzle-orm';
import { pgTable, varchar, char, uuid, bigint, integer, primaryKey, check, index } from 'drizzle-orm/pg-core';

/**
 * Rankings (排行榜) kept by rollups: each subject's totals of the standing service records
 * (confirmed or disputed) per period and scope, so a top-N is an index scan and a person's rank
 * one count on the same index, never a sort of the records per request.
 *
 * - period: 'Y2026' (a year) or 'M2026-11' (a month) of the record's service date (China time);
 * - scope_kind 'r': scope_key is a region code — the record's region (the activity's, the served
 *   address's) and every region above it within the city (not the province); 'o': an organisation
 *   id (the record's recording unit);
 * - subject_kind 'v': subject_id is a volunteer; 't': an organisation (teams ranked in a region).
 *
 * Kept in the transaction that writes, credits, corrects or approves records (one statement per
 * change or settlement chunk); `aixin rankings rebuild` recomputes it. Written only by modules/rankings.
 */
export const rankingTotals = pgTable(
  'ranking_totals',
  {
    cityCode: char('city_code', { length: 4 }).notNull(),
    period: varchar('period', { length: 8 }).notNull(),
    scopeKind: char('scope_kind', { length: 1 }).notNull(),
    scopeKey: varchar('scope_key', { length: 36 }).notNull(),
    subjectKind: char('subject_kind', { length: 1 }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    minutes: bigint('minutes', { mode: 'number' }).notNull(),
    points: bigint('points', { mode: 'number' }).notNull(),
    participations: integer('participations').notNull(),
  },
  (t) => [
    primaryKey({ name: 'ranking_totals_pk', columns: [t.cityCode, t.period, t.scopeKind, t.scopeKey, t.subjectKind, t.subjectId] }),
    index('ranking_totals_minutes_idx').on(t.cityCode, t.period, t.scopeKind, t.scopeKey, t.subjectKind, t.minutes.desc(), t.subjectId),
    index('ranking_totals_points_idx').on(t.cityCode, t.period, t.scopeKind, t.scopeKey, t.subjectKind, t.points.desc(), t.subjectId),
    index('ranking_totals_participations_idx').on(t.cityCode, t.period, t.scopeKind, t.scopeKey, t.subjectKind, t.participations.desc(), t.subjectId),
    check('ranking_totals_kinds_ck', sql`${t.scopeKind} in ('r', 'o') and ${t.subjectKind} in ('v', 't')`),
  ],
);
