import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';

/**
 * Inserts many rows with one parameter per column: `insert … select * from unnest($1::uuid[],
 * $2::text[], …)`. Building a multi-row `values (…), (…)` statement costs the query builder a
 * few hundred milliseconds per 500 rows (one parameter per cell); this costs a few. Every row must
 * give the same columns (a column left out takes its default in every row). Array columns are not
 * supported (unnest would flatten them). Answers the ids of the rows written (with
 * `onConflictDoNothing`, those that did not meet an existing row).
 */
export async function insertMany<T extends PgTable>(
  db: DbOrTx,
  table: T,
  rows: ReadonlyArray<T['$inferInsert']>,
  opts: { onConflictDoNothing?: boolean } = {},
): Promise<string[]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]!).filter((k) => (rows[0] as Record<string, unknown>)[k] !== undefined);
  const names: SQL[] = [];
  const arrays: SQL[] = [];
  for (const key of keys) {
    const column = columns[key];
    if (!column) throw new Error(`insertMany: ${getTableName(table)} has no column ${key}`);
    const type = column.getSQLType();
    if (type.endsWith(']')) throw new Error(`insertMany: array column ${column.name} is not supported`);
    const values = rows.map((r) => {
      const v = (r as Record<string, unknown>)[key];
      if (v === undefined) throw new Error(`insertMany: every row must give ${key}`);
      return v === null ? null : column.mapToDriverValue(v);
    });
    names.push(sql`${sql.identifier(column.name)}`);
    arrays.push(sql`${sql.param(values)}::${sql.raw(type)}[]`);
  }
  const conflict = opts.onConflictDoNothing ? sql` on conflict do nothing` : sql``;
  const res = await db.execute(
    sql`insert into ${table} (${sql.join(names, sql`, `)}) select * from unnest(${sql.join(arrays, sql`, `)})${conflict} returning id`,
  );
  return (res as unknown as { rows: Array<{ id: string }> }).rows.map((r) => r.id);
}
