import type { AppContext } from '../context';
import { InProcessQueue } from './in-process';
import { jobDefinition, queueOf, registerQueue, type EnqueueOptions } from './queue';

/** What modules use: declare a job, ask for one. */
export { defineJob } from './queue';
export type { JobRun, JobOptions } from './queue';

/**
 * Asks for a job to run. Where no queue was started for this database (API tests, the command
 * line), an in-process runner is made on first use: it runs enqueued jobs, never schedules.
 */
export async function enqueue<T extends object>(ctx: AppContext, name: string, data: T, opts: EnqueueOptions = {}): Promise<string | null> {
  jobDefinition(name);
  let q = queueOf(ctx);
  if (!q) {
    q = new InProcessQueue(ctx, { schedules: false, fallback: true });
    registerQueue(ctx, q);
    await q.start();
  }
  return q.enqueue(name, data, opts);
}

/**
 * Asks for a job only where a server started its queue (startJobs): for work that is also done
 * in the request and only finished by the job after a crash — a runner made on first use would
 * lose it with its process anyway. Answers null when nothing was asked.
 */
export async function enqueueIfServing<T extends object>(ctx: AppContext, name: string, data: T, opts: EnqueueOptions = {}): Promise<string | null> {
  jobDefinition(name);
  const q = queueOf(ctx);
  if (!q || (q instanceof InProcessQueue && q.isFallback)) return null;
  return q.enqueue(name, data, opts);
}
