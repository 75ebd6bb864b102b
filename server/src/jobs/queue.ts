import type { AppContext } from '../context';

/**
 * The job layer's one interface. A job is declared once, at a module's top level (like a
 * permission): `defineJob(name, handler, options)`. Work is asked for with `enqueue(ctx, name,
 * data)`. Two engines run the same definitions:
 * - PostgreSQL: pg-boss (jobs/pg-boss.ts) in its own schema `pgboss`: a job in flight when its
 *   process dies is retried after `expireInSeconds`; several processes share the work; a
 *   schedule runs once per minute across all of them.
 * - PGlite (one process): an in-process runner (jobs/in-process.ts): timers for schedules, a
 *   queue in memory for enqueued jobs (lost with the process: each job's owner recovers its
 *   work at start, e.g. imports left running).
 * Handlers must be idempotent (compare-and-set on their own rows): a job may run twice, never
 * have its effect twice.
 */
export interface JobOptions {
  /** Cron (5 fields, UTC, minute granularity): `* * * * *` every minute, `7 * * * *` hourly. */
  schedule?: string;
  /** Runs again after a failure (a thrown error) this many times. */
  retryLimit?: number;
  /** Seconds before a run is taken for dead (its process gone) and retried. */
  expireInSeconds?: number;
  /** At most one run of this job at a time (across processes with pg-boss). */
  singleton?: boolean;
  /** Every enqueue carries a singletonKey: at most one waiting job per key (pg-boss policy `short`). */
  keyed?: boolean;
  /** In-process only: a scheduled job also runs once when the runner starts (the sweeps). */
  runOnStart?: boolean;
}

export interface JobRun {
  id: string;
  name: string;
  /** 0 on the first run, 1 on the first retry … */
  attempt: number;
}

export type JobHandler<T> = (ctx: AppContext, data: T, run: JobRun) => Promise<void>;

export interface JobDefinition<T = unknown> {
  name: string;
  handler: JobHandler<T>;
  options: JobOptions;
}

export interface EnqueueOptions {
  /** Only one waiting job with this key (a second enqueue while one waits adds nothing). */
  singletonKey?: string;
  /** Not before this many seconds. */
  startAfterSeconds?: number;
}

export interface JobQueue {
  readonly engine: 'in-process' | 'pg-boss';
  /** Answers the job's id, or null when a waiting job with the same singletonKey already exists. */
  enqueue<T extends object>(name: string, data: T, opts?: EnqueueOptions): Promise<string | null>;
  start(): Promise<void>;
  /** Graceful by default: waits (up to `timeoutMs`) for running handlers; `graceful: false` just drops them. */
  stop(opts?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
}

const NAME_RE = /^[a-z][a-z0-9-]*$/;
const definitions = new Map<string, JobDefinition>();

/** Declares a job (once per name, at a module's top level). */
export function defineJob<T>(name: string, handler: JobHandler<T>, options: JobOptions = {}): JobDefinition<T> {
  if (!NAME_RE.test(name)) throw new Error(`bad job name ${name}`);
  if (definitions.has(name)) throw new Error(`job ${name} defined twice`);
  if (options.schedule) parseCron(options.schedule);
  const def = { name, handler, options } as JobDefinition<T>;
  definitions.set(name, def as JobDefinition);
  return def;
}

export function jobDefinitions(): JobDefinition[] {
  return [...definitions.values()];
}

export function jobDefinition(name: string): JobDefinition {
  const d = definitions.get(name);
  if (!d) throw new Error(`no job named ${name}`);
  return d;
}

/** The queue serving each database handle (set by startJobs; tests and the CLI get an in-process one on first use). */
const queues = new WeakMap<object, JobQueue>();

export function registerQueue(ctx: AppContext, queue: JobQueue | null): void {
  if (queue) queues.set(ctx.db, queue);
  else queues.delete(ctx.db);
}

export function queueOf(ctx: AppContext): JobQueue | undefined {
  return queues.get(ctx.db);
}

// ---- cron: five fields (minute hour day-of-month month day-of-week), UTC ----

export type Cron = [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
const RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

/** `*`, `*\/n`, `a`, `a-b`, `a-b/n` and lists of them, per field. */
export function parseCron(expr: string): Cron {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron needs 5 fields: ${expr}`);
  return fields.map((f, i) => {
    const [lo, hi] = RANGES[i]!;
    const set = new Set<number>();
    for (const part of f.split(',')) {
      const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
      if (!m) throw new Error(`bad cron field ${f} in ${expr}`);
      const from = m[1] === '*' ? lo : Number(m[2]);
      const to = m[1] === '*' ? hi : m[3] !== undefined ? Number(m[3]) : m[4] ? hi : from;
      const step = m[4] ? Number(m[4]) : 1;
      if (from < lo || to > hi || from > to || step < 1) throw new Error(`cron field out of range ${f} in ${expr}`);
      for (let v = from; v <= to; v += step) set.add(v);
    }
    return set;
  }) as Cron;
}

/** Whether the minute holding `at` (UTC) is one of the cron's. */
export function cronMatches(cron: Cron, at: Date): boolean {
  return cron[0].has(at.getUTCMinutes()) && cron[1].has(at.getUTCHours()) && cron[2].has(at.getUTCDate()) && cron[3].has(at.getUTCMonth() + 1) && cron[4].has(at.getUTCDay());
}
