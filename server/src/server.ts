import { loadConfig, type Config } from './config';
import { buildApp } from './app';
import { loadDemo } from './modules/demo/index';
import { startJobs } from './jobs/index';
import cluster from 'node:cluster';
import { superviseWorkers } from './cluster';
import { pino } from 'pino';
import { loggerOptions } from './lib/log-scrub';
import { checkPortFree, reportFailure } from './lib/plain-failure';
import { firstRunNotes } from './modules/setup/index';

/** Whether a failure's stack is printed: at debug level only (the one line is always printed). */
const debug = /^(debug|trace)$/.test(process.env.AIXIN_LOG_LEVEL ?? '');

/** Starts the server: `npm start` (add `-- --demo` for the demo city). */
async function main() {
  const demo = process.argv.includes('--demo');
  let config: Config;
  let app;
  try {
    config = loadConfig(process.env, demo ? { demo: true } : {});
    // the port first: opening the embedded database takes a second or two (workers share the supervisor's port)
    if (!cluster.isWorker) await checkPortFree(config.port, config.host);
    if (superviseWorkers(process.env, pino(loggerOptions(true, config.logLevel) || {}))) return;
    app = await buildApp(config);
  } catch (err) {
    reportFailure(err, debug);
    process.exit(1);
  }
  if (config.demo) {
    const r = await loadDemo(app.ctx);
    app.log.info(r.created ? 'demo city 晋城市 loaded (accounts in README.md)' : 'demo city already loaded');
  }
  // the sweeps, imports and other jobs (pg-boss on PostgreSQL, in-process on PGlite); stopped gracefully on close
  let jobs: Awaited<ReturnType<typeof startJobs>>;
  try {
    jobs = await startJobs(app.ctx);
  } catch (err) {
    reportFailure(err, debug);
    await app.close().catch(() => undefined);
    process.exit(1);
  }
  // before onClose closes the database: running jobs finish (up to 8 s) while it is still open
  app.addHook('preClose', async () => jobs.stop());
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    reportFailure(err, debug);
    await app.close().catch(() => undefined);
    process.exit(1);
  }
  for (const note of await firstRunNotes(app.ctx)) app.log.warn(note);
  const where = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  app.log.info(`Aixin is serving at ${where} (${app.ctx.engine}, ready in ${process.uptime().toFixed(1)} s)`);
}

main().catch((err) => {
  reportFailure(err, debug);
  process.exit(1);
});
