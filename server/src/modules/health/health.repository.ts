import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_DIR, type Db } from '../../db/client';

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

let journal: Journal['entries'] | undefined;
/** The migrations this version ships (drizzle's journal), read once. */
function shipped(): Journal['entries'] {
  journal ??= (JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as Journal).entries;
  return journal;
}

/**
 * The migrations applied to the database against those this version ships: current when the
 * newest shipped one is recorded (drizzle records each by its journal time). With `ping` only
 * the connection is tried.
 */
export async function migrationState(db: Db, opts: { ping?: boolean } = {}): Promise<{ applied: number; expected: number; current: boolean }> {
  if (opts.ping) {
    await db.execute(sql`select 1`);
    return { applied: 0, expected: 0, current: true };
  }
  const expected = shipped();
  const newest = expected.at(-1)?.when ?? 0;
  const res = await db.execute(
    sql`select count(*)::int as applied, coalesce(max(created_at), 0)::bigint as newest from drizzle.__drizzle_migrations`,
  ).catch((err: unknown) => {
    // no migration table yet: nothing applied
    const e = err as { code?: string; cause?: { code?: string } };
    if ((e.code ?? e.cause?.code) === '42P01') return null;
    throw err;
  });
  const row = (res as { rows?: Array<{ applied: number; newest: number | string }> } | null)?.rows?.[0];
  const applied = Number(row?.applied ?? 0);
  return { applied, expected: expected.length, current: Number(row?.newest ?? 0) >= newest };
}
