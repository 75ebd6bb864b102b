import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema/index';
import { fromRoot } from '../lib/paths';
import { lockDataDir } from './data-dir-lock';

export { DataDirLockedError } from './data-dir-lock';

export type Schema = typeof schema;
/** One database type for both engines: the query builder is the same. */
export type Db = NodePgDatabase<Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
export type Engine = 'pglite' | 'postgres';

export const MIGRATIONS_DIR = fromRoot('server', 'drizzle');

export interface Database {
  db: Db;
  engine: Engine;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Connections: the most allowed, open now, idle, and queries waiting for one (for /metrics). */
  poolUse(): { max: number; open: number; idle: number; waiting: number };
  /**
   * Listens on a NOTIFY channel: `onMessage` gets each payload, `onState` tells whether the
   * listener is connected (a lost PostgreSQL connection is reopened every second). Answers a stop.
   */
  listen(channel: string, onMessage: (payload: string) => void, onState: (connected: boolean) => void): Promise<() => Promise<void>>;
  /** A streaming replica for reads (DATABASE_REPLICA_URL, PostgreSQL only): its own pool; null when none. */
  replica: { db: Db; pool: pg.Pool } | null;
}

/** The database named by DATABASE_URL (or, migrating, DATABASE_OWNER_URL) could not be reached or entered. */
export class DatabaseConnectError extends Error {
  constructor(
    readonly variable: 'DATABASE_URL' | 'DATABASE_OWNER_URL',
    readonly url: string,
    cause: unknown,
  ) {
    super(`${variable}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'DatabaseConnectError';
  }
}

/** How long (ms) a first connection may take before the server is said not to answer. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Opens one connection and closes it: a missing server, a wrong password or database fail here, plainly. */
async function probe(url: string, variable: DatabaseConnectError['variable']): Promise<void> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  c.on('error', () => undefined);
  try {
    await c.connect();
  } catch (err) {
    throw new DatabaseConnectError(variable, url, err);
  } finally {
    await c.end().catch(() => undefined);
  }
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** PGlite in memory: for tests. */
  memory?: boolean;
  /** Load a PGlite data-dir dump (a tarball made by `dumpDataDir`) instead of starting empty. */
  loadDataDir?: Blob | File;
  poolSize?: number;
  /**
   * PostgreSQL as the schema owner, used only to run migrations (DATABASE_OWNER_URL). Then
   * `databaseUrl` may be a runtime role without DDL rights; after migrating, that role is granted
   * exactly what the application needs (grantRuntimeRole).
   */
  ownerUrl?: string | undefined;
  /** A streaming replica of `databaseUrl` for reads (DATABASE_REPLICA_URL); ignored on PGlite. */
  replicaUrl?: string | undefined;
}

/** Opens PGlite (no DATABASE_URL) or a PostgreSQL pool (DATABASE_URL). */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10, opts.ownerUrl, opts.replicaUrl);
  return openPglite(opts);
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  let release: (() => void) | undefined;
  let client: PGlite;
  if (opts.memory) {
    client = new PGlite(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  } else {
    const dataDir = path.resolve(opts.dataDir ?? './data');
    const pgDir = path.join(dataDir, 'pglite');
    fs.mkdirSync(pgDir, { recursive: true });
    release = lockDataDir(dataDir);
    try {
      client = new PGlite(pgDir);
      await client.waitReady;
    } catch (err) {
      release();
      throw err;
    }
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    replica: null,
    poolUse: () => ({ max: 1, open: 1, idle: 1, waiting: 0 }),
    async migrate() {
      await migratePglite(db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder: MIGRATIONS_DIR });
      for (const q of yearPartitionStatements()) await client.query(q);
    },
    async close() {
      await client.close();
      release?.();
    },
    async listen(channel, onMessage, onState) {
      const stop = await client.listen(channel, (payload) => onMessage(payload));
      onState(true);
      return async () => {
        onState(false);
        await stop();
      };
    },
  };
}

/**
 * The partitions of this year and the next two (China time) of the tables partitioned by year
 * (migration 0033): made at every start by the schema's owner, so that a year's rows never wait
 * for its partition. A server left running for two years without a restart would write the third
 * into the DEFAULT partition; `aixin db migrate` makes them too.
 */
export function yearPartitionStatements(now = new Date()): string[] {
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  return [year, year + 1, year + 2].map((y) => `select aixin_year_partitions(${y})`);
}

// timestamptz → Date (default), bigint (int8) → number: our sums stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * The replica's pool. Not probed: the server starts while its replica is down (reads go to the
 * primary until it answers); a connection gives up after 2 s so that a dead host does not hold a read.
 */
function openReplica(url: string, poolSize: number): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 2000 });
  pool.on('error', () => undefined); // an idle replica connection lost: the pool opens another; reads fall back meanwhile
  return { db: drizzlePg(pool, { schema, casing: 'snake_case' }), pool };
}

async function openPostgres(url: string, poolSize: number, ownerUrl?: string, replicaUrl?: string): Promise<Database> {
  // fail fast with a clear error when the server is not there
  await probe(url, 'DATABASE_URL');
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client can lose its connection (the server restarted, an admin terminated it). The pool
  // drops that client and opens a new one on demand; without a listener the 'error' event would
  // crash the process. Queries in flight still fail and are answered as errors.
  pool.on('error', (err) => {
    if (process.env.NODE_ENV !== 'test') console.warn(`[aixin] idle database connection lost: ${err.message}`);
  });
  const db = drizzlePg(pool, { schema, casing: 'snake_case' });
  const replica = replicaUrl ? openReplica(replicaUrl, poolSize) : null;
  return {
    db,
    engine: 'postgres',
    replica,
    poolUse: () => ({ max: poolSize, open: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async migrate() {
      // Several processes may start at once: one migrates, the others wait for it.
      if (ownerUrl) await probe(ownerUrl, 'DATABASE_OWNER_URL');
      const owner = ownerUrl ? new pg.Client({ connectionString: ownerUrl }) : null;
      const conn = owner ?? (await pool.connect());
      if (owner) await owner.connect();
      try {
        await conn.query('select pg_advisory_lock(7415001)');
        await migratePg(drizzlePg(conn, { schema }), { migrationsFolder: MIGRATIONS_DIR });
        for (const q of yearPartitionStatements()) await conn.query(q);
        const runtimeUser = decodeURIComponent(new URL(url).username);
        if (owner && runtimeUser && runtimeUser !== decodeURIComponent(new URL(ownerUrl!).username)) await grantRuntimeRole(conn, runtimeUser);
      } finally {
        await conn.query('select pg_advisory_unlock(7415001)').catch(() => undefined);
        if (owner) await owner.end();
        else (conn as pg.PoolClient).release();
      }
    },
    async close() {
      await pool.end();
      await replica?.pool.end();
    },
    listen: (channel, onMessage, onState) => listenPostgres(url, channel, onMessage, onState),
  };
}

/** A dedicated connection for LISTEN, reopened after a loss (the pool's connections cannot listen). */
async function listenPostgres(url: string, channel: string, onMessage: (payload: string) => void, onState: (connected: boolean) => void) {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  let stopped = false;
  let current: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const lost = (c: pg.Client) => {
    if (current !== c) return;
    current = null;
    onState(false);
    c.end().catch(() => undefined);
    if (!stopped) retry = setTimeout(() => void open().catch(() => undefined), 1000);
  };
  const open = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => {
      if (m.channel === channel) onMessage(m.payload ?? '*');
    });
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    current = c;
    try {
      await c.connect();
      await c.query(`listen ${channel}`);
    } catch (err) {
      lost(c);
      throw err;
    }
    if (current === c) onState(true);
  };
  await open();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = current;
    current = null;
    onState(false);
    if (c) await c.end().catch(() => undefined);
  };
}

/**
 * Grants a runtime role what the application needs and nothing more: read and write rows, never
 * change tables, disable triggers or truncate (those need the owner). Tables whose rows are
 * append-only (a trigger refuses change: the audit log, ledger transfers and chain links, service
 * credits, request history …) are also closed to UPDATE and DELETE at the privilege level, and ledger
 * accounts and account recoveries to DELETE. Run as the owner after every migration (done by migrate() when
 * DATABASE_OWNER_URL is set, or `aixin db grant-runtime --role NAME`).
 */
export async function grantRuntimeRole(conn: pg.Client | pg.PoolClient, role: string): Promise<string[]> {
  const r = conn.escapeIdentifier(role);
  const appendOnly = (
    await conn.query<{ table: string }>(
      `select distinct c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
        join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and p.proname = 'aixin_refuse_change' and not t.tgisinternal order by 1`,
    )
  ).rows.map((x) => x.table);
  const statements = [
    `grant usage on schema public to ${r}`,
    `grant select, insert, update, delete on all tables in schema public to ${r}`,
    `revoke truncate, references, trigger on all tables in schema public from ${r}`,
    `grant usage, select on all sequences in schema public to ${r}`,
    ...appendOnly.map((tbl) => `revoke update, delete on ${conn.escapeIdentifier(tbl)} from ${r}`),
    `revoke delete on ledger_accounts from ${r}`,
    // recoveries are kept; their one change is the confirmation (a trigger checks which columns)
    `revoke delete on account_recoveries from ${r}`,
    `grant usage on schema drizzle to ${r}`,
    `grant select on all tables in schema drizzle to ${r}`,
  ];
  for (const s of statements) await conn.query(s);
  return appendOnly;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/**
 * Thrown inside a transaction when it lost a race the database decided (e.g. a unique key
 * written by a concurrent transaction that has since committed): the transaction is aborted
 * and `withTx` runs it again from the start, where the winner's row is now visible.
 */
export class RetryTransactionError extends Error {
  constructor(reason: string) {
    super(`transaction lost a race and is retried: ${reason}`);
    this.name = 'RetryTransactionError';
  }
}

function pgCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (pgCode(err) !== '23505') return false;
  if (!constraint) return true;
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    if ((e as { constraint?: string }).constraint === constraint) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return String((err as Error).message ?? '').includes(constraint);
}

export function isCheckViolation(err: unknown): boolean {
  return pgCode(err) === '23514';
}

/**
 * Runs `fn` in a transaction, retrying serialization failures and deadlocks with a short
 * jittered back-off, so they are never surfaced to the user.
 */
export async function withTx<T>(
  db: Db,
  fn: (tx: Tx) => Promise<T>,
  opts: { isolation?: 'read committed' | 'repeatable read' | 'serializable'; retries?: number } = {},
): Promise<T> {
  const retries = opts.retries ?? 8;
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(fn, opts.isolation ? { isolationLevel: opts.isolation } : undefined);
    } catch (err) {
      const code = err instanceof RetryTransactionError ? '40001' : pgCode(err);
      if (!code || !RETRYABLE.has(code) || attempt >= retries) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** Math.min(attempt, 5)));
    }
  }
}
