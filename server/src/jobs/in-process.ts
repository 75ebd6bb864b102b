import type { AppContext } from '../context';
import { newId } from '../lib/ids';
import { cronMatches, jobDefinition, jobDefinitions, parseCron, type EnqueueOptions, type JobDefinition, type JobQueue } from './queue';

export interface InProcessOptions {
  /** Run the scheduled jobs (false: only enqueued ones — the fallback for tests and the CLI). */
  schedules?: boolean;
  /** Enqueued jobs running at once. */
  concurrency?: number;
  /** Wait before a retry after a thrown error: this times 2^attempt ms. */
  retryDelayMs?: number;
  /** Only these jobs' schedules (tests); all by default. */
  jobs?: string[];
  /** Made on first use where no queue was started (tests, the command line). */
  fallback?: boolean;
}

interface Waiting {
  id: string;
  def: JobDefinition;
  data: unknown;
  attempt: number;
  singletonKey: string | undefined;
  notBefore: number;
}

/**
 * The embedded database's job runner: one process, so everything is in memory. Schedules fire at
 * each minute boundary whose cron matches (and once at start for `runOnStart`); a singleton never
 * overlaps itself. Enqueued jobs run in order, `concurrency` at a time, and a handler that throws
 * is retried up to its retryLimit. What was waiting is lost with the process: the owners of that
 * work recover it at start (imports left 'running' are resumed or failed).
 */
export class InProcessQueue implements JobQueue {
  readonly engine = 'in-process' as const;
  private readonly waiting: Waiting[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly busy = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private stopped = false;
  private runningEnqueued = 0;
  private readonly schedules: boolean;
  private readonly concurrency: number;
  private readonly retryDelayMs: number;
  private readonly only: Set<string> | null;
  readonly isFallback: boolean;

  constructor(
    private readonly ctx: AppContext,
    opts: InProcessOptions = {},
  ) {
    this.schedules = opts.schedules ?? true;
    this.concurrency = opts.concurrency ?? 2;
    this.retryDelayMs = opts.retryDelayMs ?? 500;
    this.only = opts.jobs ? new Set(opts.jobs) : null;
    this.isFallback = opts.fallback ?? false;
  }

  private definitions(): JobDefinition[] {
    return jobDefinitions().filter((d) => !this.only || this.only.has(d.name));
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (!this.schedules) return;
    for (const def of this.definitions()) if (def.options.schedule && def.options.runOnStart) this.runScheduled(def);
    this.armMinuteTimer();
  }

  private armMinuteTimer() {
    if (this.stopped) return;
    const now = Date.now();
    const next = Math.floor(now / 60_000) * 60_000 + 60_000;
    this.timer = setTimeout(() => {
      this.runDue(new Date(next));
      this.armMinuteTimer();
    }, next - now + 5);
    this.timer.unref();
  }

  /** Starts every scheduled job whose cron matches the minute `at` (the timer's tick; tests call it). */
  runDue(at: Date): string[] {
    const started: string[] = [];
    for (const def of this.definitions()) {
      if (def.options.schedule && cronMatches(parseCron(def.options.schedule), at) && this.runScheduled(def)) started.push(def.name);
    }
    return started;
  }

  private runScheduled(def: JobDefinition): boolean {
    if (this.stopped) return false;
    if (def.options.singleton !== false && this.busy.has(def.name)) return false;
    this.track(this.execute({ id: newId(), def, data: {}, attempt: 0, singletonKey: undefined, notBefore: 0 }, false));
    return true;
  }

  async enqueue<T extends object>(name: string, data: T, opts: EnqueueOptions = {}): Promise<string | null> {
    const def = jobDefinition(name);
    if (this.stopped) throw new Error('the job queue is stopped');
    if (opts.singletonKey && this.waiting.some((w) => w.def.name === name && w.singletonKey === opts.singletonKey)) return null;
    const id = newId();
    this.waiting.push({ id, def, data, attempt: 0, singletonKey: opts.singletonKey, notBefore: Date.now() + (opts.startAfterSeconds ?? 0) * 1000 });
    this.pump();
    return id;
  }

  private pump() {
    while (!this.stopped && this.runningEnqueued < this.concurrency) {
      const now = Date.now();
      const i = this.waiting.findIndex((w) => w.notBefore <= now && !(w.def.options.singleton && this.busy.has(w.def.name)));
      if (i < 0) {
        const soonest = Math.min(...this.waiting.map((w) => w.notBefore));
        if (Number.isFinite(soonest)) setTimeout(() => this.pump(), Math.max(10, soonest - now)).unref();
        return;
      }
      const [w] = this.waiting.splice(i, 1);
      this.runningEnqueued++;
      this.track(
        this.execute(w!, true).finally(() => {
          this.runningEnqueued--;
          this.pump();
        }),
      );
    }
  }

  private track(p: Promise<void>) {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  private async execute(w: Waiting, enqueued: boolean): Promise<void> {
    const { def } = w;
    this.busy.add(def.name);
    try {
      await def.handler(this.ctx, w.data, { id: w.id, name: def.name, attempt: w.attempt });
    } catch (err) {
      const limit = def.options.retryLimit ?? 2;
      if (enqueued && w.attempt < limit && !this.stopped) {
        this.ctx.log.warn({ err, job: def.name, attempt: w.attempt }, 'job failed; it will be retried');
        this.waiting.push({ ...w, attempt: w.attempt + 1, notBefore: Date.now() + this.retryDelayMs * 2 ** w.attempt });
      } else {
        this.ctx.log.error({ err, job: def.name, attempt: w.attempt }, 'job failed');
      }
    } finally {
      this.busy.delete(def.name);
    }
  }

  /** Resolves when nothing is waiting or running (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.waiting.length > 0) {
      if (this.running.size > 0) await Promise.race([...this.running]);
      else await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(opts: { graceful?: boolean; timeoutMs?: number } = {}): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.waiting.length = 0;
    if (opts.graceful === false) return;
    const timeout = new Promise<void>((r) => setTimeout(r, opts.timeoutMs ?? 8000).unref());
    await Promise.race([Promise.allSettled([...this.running]).then(() => undefined), timeout]);
  }
}
