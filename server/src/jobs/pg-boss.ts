import PgBoss from 'pg-boss';
import type { AppContext } from '../context';
import { jobDefinition, jobDefinitions, type EnqueueOptions, type JobDefinition, type JobQueue } from './queue';

/** pg-boss keeps its tables here, apart from the application's (`public`) and drizzle's. */
export const PGBOSS_SCHEMA = 'pgboss';

export interface PgBossOptions {
  /** DATABASE_URL (the runtime role). */
  url: string;
  /** DATABASE_OWNER_URL: pg-boss's own tables are created by the owner, then the runtime role is granted them. */
  ownerUrl?: string | undefined;
  /** Connections of pg-boss's own pool. */
  poolSize?: number;
  /** How often a worker asks for work (seconds; ≥ 0.5). */
  pollingIntervalSeconds?: number;
  /** How often expired jobs are found and retried (seconds). */
  maintenanceIntervalSeconds?: number;
  /** Overrides every job's expiry (tests). */
  expireInSeconds?: number;
  /** Wait before a retry (seconds). */
  retryDelaySeconds?: number;
  /** Run the schedules (false: work on enqueued jobs only). */
  schedules?: boolean;
  /** Only these jobs (tests); all by default. */
  jobs?: string[];
}

const DEFAULT_EXPIRE_SECONDS = 15 * 60;

/**
 * The PostgreSQL engine: pg-boss 10 with its own small pool and its own schema. Each job name is
 * a pg-boss queue: policy `singleton` for the ones declared singleton (one active run across all
 * processes), `short` for keyed ones (one waiting job per singletonKey), `standard` otherwise. A job whose process dies stays
 * active until its expiry, then pg-boss retries it (up to retryLimit); handlers are idempotent,
 * so the second run finds the work done or redoes a transaction that rolled back. Schedules
 * (pg-boss `schedule`) fire once per minute across all processes.
 */
export class PgBossQueue implements JobQueue {
  readonly engine = 'pg-boss' as const;
  readonly boss: PgBoss;
  private started = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: PgBossOptions,
  ) {
    this.boss = new PgBoss({
      connectionString: opts.url,
      schema: PGBOSS_SCHEMA,
      max: opts.poolSize ?? 3,
      application_name: 'aixin-jobs',
      migrate: !opts.ownerUrl,
      schedule: opts.schedules ?? true,
      maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 60,
      // completed jobs kept a day, failed ones a week (for the operator: docs/DEPLOY.md)
      archiveCompletedAfterSeconds: 24 * 3600,
      archiveFailedAfterSeconds: 7 * 24 * 3600,
      deleteAfterDays: 7,
    });
    this.boss.on('error', (err) => ctx.log.error({ err }, 'job queue (pg-boss) error'));
  }

  private definitions(): JobDefinition[] {
    return jobDefinitions().filter((d) => !this.opts.jobs || this.opts.jobs.includes(d.name));
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (this.opts.ownerUrl) await installJobSchema(this.opts.ownerUrl, { runtimeRole: decodeURIComponent(new URL(this.opts.url).username), definitions: this.definitions(), overrides: this.opts });
    await this.boss.start();
    await ensureQueues(this.boss, this.definitions(), this.opts);
    for (const def of this.definitions()) {
      if (def.options.schedule && (this.opts.schedules ?? true)) await this.boss.schedule(def.name, def.options.schedule, {}, { tz: 'UTC' });
      await this.boss.work<object>(def.name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: this.opts.pollingIntervalSeconds ?? 2 }, async ([job]) => {
        if (!job) return;
        try {
          await def.handler(this.ctx, job.data, { id: job.id, name: def.name, attempt: job.retryCount });
        } catch (err) {
          // pg-boss keeps the error on the job (output) and retries it up to its limit; the log says so too
          this.ctx.log.error({ err, job: def.name, jobId: job.id, attempt: job.retryCount }, 'job failed');
          throw err;
        }
      });
    }
  }

  async enqueue<T extends object>(name: string, data: T, opts: EnqueueOptions = {}): Promise<string | null> {
    jobDefinition(name);
    return this.boss.send(name, data, {
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
    });
  }

  async stop(opts: { graceful?: boolean; timeoutMs?: number } = {}): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: opts.graceful ?? true, wait: true, timeout: opts.timeoutMs ?? 8000 });
  }
}

type QueueOverrides = Pick<PgBossOptions, 'expireInSeconds' | 'retryDelaySeconds'>;

function queueOptions(def: JobDefinition, o: QueueOverrides): PgBoss.Queue {
  return {
    name: def.name,
    policy: def.options.singleton ? 'singleton' : def.options.keyed ? 'short' : 'standard',
    retryLimit: def.options.retryLimit ?? 2,
    retryDelay: o.retryDelaySeconds ?? 5,
    expireInSeconds: o.expireInSeconds ?? def.options.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
  };
}

/** One pg-boss queue per job name, its options following the definition. */
async function ensureQueues(boss: PgBoss, defs: JobDefinition[], o: QueueOverrides): Promise<void> {
  for (const def of defs) {
    const q = queueOptions(def, o);
    // processes starting together race to create the same queue (a partition each): the loser
    // sees a deadlock or a duplicate and, on its next try, finds the queue made
    for (let attempt = 0; ; attempt++) {
      try {
        if (await boss.getQueue(def.name)) await boss.updateQueue(def.name, q);
        else await boss.createQueue(def.name, q);
        break;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 5 || !(code === '40P01' || code === '23505' || code === '42P07')) throw err;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
      }
    }
  }
}

/**
 * Creates or upgrades pg-boss's schema and the application's queues, as the schema owner (a queue
 * is a partition of pgboss.job: only the table's owner may add one), and grants a runtime role the
 * rows of that schema. Run by the server at start with DATABASE_OWNER_URL, and by `aixin migrate`
 * (the separate upgrade step, with `aixin db grant-runtime` for the grants).
 */
export async function installJobSchema(ownerUrl: string, opts: { runtimeRole?: string | undefined; definitions?: JobDefinition[]; overrides?: QueueOverrides } = {}): Promise<void> {
  const owner = new PgBoss({ connectionString: ownerUrl, schema: PGBOSS_SCHEMA, max: 1, supervise: false, schedule: false, migrate: true });
  owner.on('error', () => undefined);
  await owner.start();
  try {
    await ensureQueues(owner, opts.definitions ?? jobDefinitions(), opts.overrides ?? {});
    const ownerUser = decodeURIComponent(new URL(ownerUrl).username);
    if (opts.runtimeRole && opts.runtimeRole !== ownerUser) await grantJobSchema(owner.getDb(), opts.runtimeRole);
  } finally {
    await owner.stop({ graceful: false, wait: true });
  }
}

/** What the runtime role needs of pg-boss's schema: its rows (jobs, queues, schedules), no DDL. */
export async function grantJobSchema(db: { executeSql(text: string, values: unknown[]): Promise<unknown> }, role: string): Promise<void> {
  const r = `"${role.replaceAll('"', '""')}"`;
  await db.executeSql(`grant usage on schema ${PGBOSS_SCHEMA} to ${r}`, []);
  await db.executeSql(`grant select, insert, update, delete on all tables in schema ${PGBOSS_SCHEMA} to ${r}`, []);
  await db.executeSql(`alter default privileges in schema ${PGBOSS_SCHEMA} grant select, insert, update, delete on tables to ${r}`, []);
}
