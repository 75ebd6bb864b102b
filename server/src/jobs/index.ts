import type { AppContext } from '../context';
import { startSealer } from '../modules/ledger/index';
import { recoverImports } from '../modules/volunteers/index';
import { InProcessQueue } from './in-process';
import { PgBossQueue, type PgBossOptions } from './pg-boss';
import { registerQueue, type JobQueue } from './queue';
// every job's definition is loaded with this file (a queue is made for each: `aixin migrate` creates them all)
import './sweeps';
import '../modules/activities/index';

export { defineJob, enqueue } from './define';
export { PGBOSS_SCHEMA } from './pg-boss';
export type { JobQueue } from './queue';

export interface StartJobsOptions {
  /** pg-boss settings on PostgreSQL (tests shorten its intervals). */
  pgBoss?: Partial<Omit<PgBossOptions, 'url' | 'ownerUrl'>>;
}

/**
 * Starts the periodic and queued work of a running server (server.ts; tests only when they ask):
 * on PostgreSQL a pg-boss queue in the `pgboss` schema shared by every process, on PGlite an
 * in-process runner. Then the work a crash may have left is recovered (imports left 'running'
 * are resumed from their stored file or failed with the reason), and the sealer follows the
 * ledger's hash chains (every half second: a tight loop, not a job). Answers the graceful stop.
 */
export async function startJobs(ctx: AppContext, opts: StartJobsOptions = {}): Promise<{ queue: JobQueue; stop: (o?: { graceful?: boolean }) => Promise<void> }> {
  const queue: JobQueue =
    ctx.engine === 'postgres' && ctx.config.databaseUrl
      ? new PgBossQueue(ctx, { url: ctx.config.databaseUrl, ownerUrl: ctx.config.databaseOwnerUrl, ...opts.pgBoss })
      : new InProcessQueue(ctx);
  registerQueue(ctx, queue);
  await queue.start();
  try {
    const r = await recoverImports(ctx);
    if (r.resumed + r.failed > 0) ctx.log.warn(r, 'imports left running by a stop were resumed or failed');
  } catch (err) {
    ctx.log.error({ err }, 'recovering imports failed');
  }
  const stopSealer = startSealer(ctx);
  let stopped = false;
  return {
    queue,
    async stop(o = {}) {
      if (stopped) return;
      stopped = true;
      stopSealer();
      await queue.stop({ graceful: o.graceful ?? true });
      registerQueue(ctx, null);
    },
  };
}
