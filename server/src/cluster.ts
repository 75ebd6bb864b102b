import cluster from 'node:cluster';
import os from 'node:os';
import type { Logger } from 'pino';
import { PlainFailure } from './lib/plain-failure';

/**
 * More than one core. With `AIXIN_WORKERS=N` (or `auto`: one per core) and a PostgreSQL server,
 * this process becomes a supervisor that forks N servers sharing the port (node:cluster hands
 * each connection to one of them). They need nothing from each other: sessions, tokens and
 * idempotency live in the database, the signed-in cache of each is kept coherent by the
 * database's `aixin_auth` notifications, migrations take an advisory lock, and the periodic jobs
 * are compare-and-set. A worker that dies is started again. The embedded database has one
 * connection and one process, so with it the setting is ignored (with a warning).
 *
 * Answers true when this process is the supervisor (it must not start a server itself); a bad
 * setting throws a PlainFailure (the caller reports it in one line, like every start-up failure).
 * `log` is the server's own logger (the same JSON lines as the workers').
 */
export function superviseWorkers(env: NodeJS.ProcessEnv, log: Pick<Logger, 'warn' | 'info'>): boolean {
  if (!cluster.isPrimary) return false;
  const wanted = workersWanted(env.AIXIN_WORKERS);
  if (wanted === null) {
    throw new PlainFailure(`AIXIN_WORKERS 应为 1–64 的整数或 auto（现为 "${env.AIXIN_WORKERS}"）`, `AIXIN_WORKERS must be a whole number 1–64 or auto (it is "${env.AIXIN_WORKERS}")`);
  }
  if (wanted <= 1) return false;
  if (!env.DATABASE_URL) {
    log.warn('AIXIN_WORKERS 需要 PostgreSQL（DATABASE_URL）；内置数据库只能单进程运行 / AIXIN_WORKERS needs DATABASE_URL: the embedded database runs in one process');
    return false;
  }
  let stopping = false;
  const fork = () => {
    const w = cluster.fork();
    let served = false;
    w.once('listening', () => (served = true));
    w.on('exit', (code, signal) => {
      if (stopping) return;
      if (!served) {
        // it could not start (the port, the database …: it said why): starting it again would not help
        stopping = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
        process.exit(code || 1);
      }
      log.warn({ pid: w.process.pid, exit: signal ?? code }, 'a worker exited; starting another');
      setTimeout(fork, 1000).unref();
    });
    return w;
  };
  // the first one migrates and loads the demo before the others start (they would wait on the lock anyway)
  fork().once('listening', () => {
    for (let i = 1; i < wanted; i++) fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    const timer = setTimeout(() => process.exit(1), 12_000);
    timer.unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  log.info({ workers: wanted }, `Aixin: ${wanted} worker processes`);
  return true;
}

/** `AIXIN_WORKERS`: a count, or `auto` for one per core; unset: 1; anything else: null. */
export function workersWanted(value: string | undefined): number | null {
  if (!value) return 1;
  if (value === 'auto') return os.availableParallelism();
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : null;
}
