import type pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Db } from './client';

/**
 * Reads from a streaming replica (DATABASE_REPLICA_URL), writes on the primary.
 *
 * A read-only request is served by the replica unless:
 *  - the replica is unreachable (it is then left alone for DOWN_MS, and each change of state is
 *    logged once), or it is not a standby (no replay position);
 *  - the replica lags: more than `maxLagBytes` of WAL the primary has written (as this process last
 *    saw it) or the replica has received are not replayed yet;
 *  - the person asking wrote something whose WAL position (`pg_current_wal_lsn()` on the primary
 *    after their write, kept in a short-lived cookie) the replica has not replayed yet
 *    (read-your-writes).
 * The replica's replay position is asked at most every REFRESH_MS (one small query, shared by the
 * requests waiting for it).
 */

/** A WAL position as PostgreSQL writes it (`16/B374D848`) → a number; anything else → null. */
export function parseLsn(text: string | null | undefined): bigint | null {
  if (!text) return null;
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text);
  if (!m) return null;
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

export interface ReplicaState {
  /** The replica answered its last check. */
  reachable: boolean;
  /** pg_last_wal_replay_lsn(): null when the server is not a standby. */
  replayLsn: bigint | null;
  /** pg_last_wal_receive_lsn(): what it has received from the primary. */
  receiveLsn: bigint | null;
}

export type ReadReason = 'replica' | 'no-replica' | 'replica-down' | 'not-standby' | 'lagging' | 'not-replayed';
export interface ReadChoice {
  use: 'replica' | 'primary';
  reason: ReadReason;
}

/** Bytes of WAL a replica may have left to replay before reads leave it (16 MB: one WAL segment). */
export const DEFAULT_MAX_LAG_BYTES = 16n * 1024n * 1024n;

/**
 * Where one read goes. `personLsn`: the primary's WAL position after the reader's last write
 * (null: an anonymous reader, or none recently); `primaryLsn`: the newest primary position this
 * process has seen (null: none yet).
 */
export function chooseRead(state: ReplicaState | null, personLsn: bigint | null, primaryLsn: bigint | null = null, maxLagBytes = DEFAULT_MAX_LAG_BYTES): ReadChoice {
  if (!state) return { use: 'primary', reason: 'no-replica' };
  if (!state.reachable) return { use: 'primary', reason: 'replica-down' };
  if (state.replayLsn === null) return { use: 'primary', reason: 'not-standby' };
  const ahead = [state.receiveLsn, primaryLsn].reduce<bigint>((max, x) => (x !== null && x > max ? x : max), state.replayLsn);
  if (ahead - state.replayLsn > maxLagBytes) return { use: 'primary', reason: 'lagging' };
  if (personLsn !== null && state.replayLsn < personLsn) return { use: 'primary', reason: 'not-replayed' };
  return { use: 'replica', reason: 'replica' };
}

/** An error that says the replica could not serve the read (gone, restarting, a recovery conflict): the primary answers instead. */
export function isReplicaFailure(err: unknown): boolean {
  const codes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03', '40001', '08000', '08001', '08003', '08004', '08006']);
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && codes.has(code)) return true;
    const message = String((e as { message?: unknown }).message ?? '');
    if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

interface Logger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface ReadRouterOptions {
  /** How long a replay position is trusted (ms). */
  refreshMs?: number;
  /** How long an unreachable replica is left alone before it is tried again (ms). */
  downMs?: number;
  maxLagBytes?: bigint;
}

export class ReadRouter {
  private state: ReplicaState | null = null;
  private checkedAt = 0;
  private inflight: Promise<ReplicaState> | null = null;
  /** The newest primary position this process has seen (after writes). */
  private primarySeen: bigint | null = null;
  private readonly refreshMs: number;
  private readonly downMs: number;
  private readonly maxLagBytes: bigint;
  /** Reads served by each side, by reason (tests and /metrics). */
  readonly served: Record<ReadReason | 'fallback', number> = { replica: 0, 'no-replica': 0, 'replica-down': 0, 'not-standby': 0, lagging: 0, 'not-replayed': 0, fallback: 0 };

  constructor(
    private readonly primary: Db,
    readonly replicaDb: Db,
    private readonly replicaPool: pg.Pool,
    private readonly log: Logger,
    opts: ReadRouterOptions = {},
  ) {
    this.refreshMs = opts.refreshMs ?? 50;
    this.downMs = opts.downMs ?? 2000;
    this.maxLagBytes = opts.maxLagBytes ?? DEFAULT_MAX_LAG_BYTES;
  }

  /** The primary's WAL position now (after a write has committed). */
  async primaryLsn(): Promise<bigint> {
    const r = await this.primary.execute<{ lsn: string }>(sql`select pg_current_wal_lsn()::text as lsn`);
    const lsn = parseLsn(r.rows[0]?.lsn);
    if (lsn === null) throw new Error('pg_current_wal_lsn() gave no position');
    if (this.primarySeen === null || lsn > this.primarySeen) this.primarySeen = lsn;
    return lsn;
  }

  /** The replica's state, asked again when older than refreshMs (an unreachable one: downMs). */
  async replicaState(now = Date.now()): Promise<ReplicaState> {
    const age = now - this.checkedAt;
    if (this.state && age < (this.state.reachable ? this.refreshMs : this.downMs)) return this.state;
    this.inflight ??= this.check().finally(() => (this.inflight = null));
    // a replica known to be down is tried again in the background: no read waits for a dead host
    if (this.state && !this.state.reachable) {
      this.inflight.catch(() => undefined);
      return this.state;
    }
    return this.inflight;
  }

  private async check(): Promise<ReplicaState> {
    let next: ReplicaState;
    try {
      const r = await this.replicaPool.query<{ replay: string | null; receive: string | null }>({
        text: 'select pg_last_wal_replay_lsn()::text as replay, pg_last_wal_receive_lsn()::text as receive',
        // a host that accepts and then hangs counts as down
        query_timeout: 1000,
      } as pg.QueryConfig);
      next = { reachable: true, replayLsn: parseLsn(r.rows[0]?.replay), receiveLsn: parseLsn(r.rows[0]?.receive) };
    } catch (err) {
      next = { reachable: false, replayLsn: null, receiveLsn: null };
      this.noteDown(err);
    }
    if (next.reachable && this.state && !this.state.reachable) this.log.info({}, 'the read replica answers again: reads go to it');
    if (next.reachable && next.replayLsn === null && this.state?.replayLsn !== null) this.log.warn({}, 'DATABASE_REPLICA_URL is not a standby (no replay position): reads stay on the primary');
    this.state = next;
    this.checkedAt = Date.now();
    return next;
  }

  private noteDown(err: unknown) {
    if (!this.state || this.state.reachable) this.log.warn({ err: (err as Error)?.message ?? String(err) }, 'the read replica does not answer: reads go to the primary until it does');
  }

  /** A read on the replica failed: leave it alone for downMs. */
  markDown(err: unknown) {
    this.noteDown(err);
    this.state = { reachable: false, replayLsn: null, receiveLsn: null };
    this.checkedAt = Date.now();
    this.served.fallback += 1;
  }

  /** Where the next read of a person whose last write was at `personLsn` (or of anyone: null) goes. */
  async choose(personLsn: bigint | null): Promise<ReadChoice> {
    const choice = chooseRead(await this.replicaState(), personLsn, this.primarySeen, this.maxLagBytes);
    this.served[choice.reason] += 1;
    return choice;
  }
}
