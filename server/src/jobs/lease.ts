import type pg from 'pg';
import type { AppContext } from '../context';

/** A claim on a piece of work held while a process works on it: released at the end, or lost with the process. */
export interface Lease {
  release(): Promise<void>;
}

const LEASE_CLASS = 7415002;
/** PGlite: one process, so the leases are this process's own. */
const held = new Set<string>();

/**
 * Takes the lease on `key`, or answers null when another run holds it. On PostgreSQL it is a
 * session advisory lock on a connection of its own, so it dies with the process (or the
 * connection) that held it: whoever finds it free knows that nobody is working on the key.
 */
export async function tryLease(ctx: AppContext, key: string): Promise<Lease | null> {
  if (ctx.engine !== 'postgres') {
    if (held.has(key)) return null;
    held.add(key);
    return { release: async () => void held.delete(key) };
  }
  const pool = (ctx.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  let ok = false;
  try {
    const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as ok', [LEASE_CLASS, key]);
    ok = r.rows[0]!.ok;
  } finally {
    if (!ok) client.release();
  }
  if (!ok) return null;
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        await client.query('select pg_advisory_unlock($1, hashtext($2))', [LEASE_CLASS, key]);
        client.release();
      } catch (err) {
        // the connection is broken: drop it (the lock went with it)
        client.release(err as Error);
      }
    },
  };
}
