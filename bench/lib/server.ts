import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface BenchServer {
  url: string;
  pid: number;
  /** Peak resident memory (MB) since the last reset, sampled every 100 ms, and the kernel's own high-water mark. */
  rss(): { peakMb: number; hwmMb: number };
  resetPeak(): void;
  output(): string;
  stop(): Promise<void>;
}

function readStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of a process and its children (the workers of `AIXIN_WORKERS`), in kB. */
function treeRssKb(pid: number): number {
  let children: number[] = [];
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    /* gone */
  }
  return readStatusKb(pid, 'VmRSS') + children.reduce((sum, c) => sum + treeRssKb(c), 0);
}

let built = false;
/** The server runs as `npm start` runs it: the esbuild bundle under plain node. */
function buildBundleOnce() {
  if (built) return;
  const r = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the server bundle failed');
  built = true;
}

/** Starts the real server (the bundle of `server/src/server.ts`) as its own process on PostgreSQL and waits for /healthz. */
export async function startServer(env: Record<string, string>): Promise<BenchServer> {
  const port = await freePort();
  buildBundleOnce();
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // the flags of `npm start` (the V8 heap capped at 256 MB), then any extra ones
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', '--max-old-space-size=256', ...extra, 'server/dist/server.js'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', AIXIN_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr?.on('data', (d) => {
    out = (out + d).slice(-20_000);
    if (process.env.BENCH_SERVER_STDERR) process.stderr.write(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`the server did not become ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid!;
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, treeRssKb(pid))), 100);
  timer.unref();
  return {
    url,
    pid,
    rss: () => ({ peakMb: Math.round(Math.max(peak, treeRssKb(pid)) / 1024), hwmMb: Math.round(readStatusKb(pid, 'VmHWM') / 1024) }),
    resetPeak: () => (peak = treeRssKb(pid)),
    output: () => out,
    async stop() {
      clearInterval(timer);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}

/** Runs a load spec in its own process (bench/lib/load-worker.ts) and returns its result. */
export async function runLoad<T>(spec: unknown): Promise<T> {
  const file = path.join(fs.mkdtempSync('/tmp/aixin-load-'), 'spec.json');
  fs.writeFileSync(file, JSON.stringify(spec));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/load-worker.ts', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise<number>((r) => child.once('exit', (c) => r(c ?? 1)));
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  if (code !== 0) throw new Error(`the load generator failed (${code})`);
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}
