import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';

export interface RunningServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  /** Kills the process with a signal (SIGKILL: a crash) and waits for it; the data folder stays. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Starts the real server (the bundle in server/dist, as `npm start` runs it) on a free port with its own embedded
 * database in a temporary folder, as a newcomer's `npm start` would, and waits for /healthz.
 * The demo city is loaded once per run (global-setup.ts builds it in a folder) and each spec
 * starts on its own copy of that folder: the same data, without replaying the demo's weeks.
 */
export async function startServer(opts: { demo?: boolean; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aixin-e2e-'));
  const template = opts.demo ? inject('demoDataDir') : '';
  if (template) fs.cpSync(template, dataDir, { recursive: true });
  return spawnServer(dataDir, opts);
}

/** The server on a data folder (kept as it is: a copy of the demo, or empty for a first run), removed on stop. */
export async function spawnServer(dataDir: string, opts: { demo?: boolean; env?: Record<string, string>; keepData?: boolean } = {}): Promise<RunningServer> {
  const root = path.resolve(import.meta.dirname, '../..');
  const port = await freePort();
  // the bundle `npm start` runs (global-setup.ts builds it): a faster start than tsx, and edits to
  // the sources during a run do not reach the servers of the specs still to come
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', 'server/dist/server.js', ...(opts.demo ? ['--demo'] : [])], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', AIXIN_DATA_DIR: dataDir, AIXIN_LOG_LEVEL: 'warn', DATABASE_URL: '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not become ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (!opts.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}
