import { loadConfig } from './config';
import { buildApp } from './app';
import { loadDemo } from './modules/demo/index';
import { DataDirLockedError } from './db/client';
import { startSweeper } from './jobs';
import { superviseWorkers } from './cluster';

/** Starts the server: `npm start` (add `-- --demo` for the demo city). */
async function main() {
  if (superviseWorkers(process.env)) return;
  const demo = process.argv.includes('--demo');
  const config = loadConfig(process.env, demo ? { demo: true } : {});
  let app;
  try {
    app = await buildApp(config);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(`\n✖ ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  if (config.demo) {
    const r = await loadDemo(app.ctx);
    app.log.info(r.created ? 'demo city 晋城市 loaded (accounts in README.md)' : 'demo city already loaded');
  }
  const stopSweeper = startSweeper(app.ctx);
  app.addHook('onClose', async () => stopSweeper());
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
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Aixin is serving at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (${app.ctx.engine})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
