import net from 'node:net';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';

/** The real server bundle as a child process, for the command-line tests (`npm start` runs the same). */
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SERVER = path.join(ROOT, 'server', 'dist', 'server.js');

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface Started {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  out: () => string;
  exit: Promise<number | null>;
}

export function startServer(e: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, ['--enable-source-maps', SERVER], { cwd: ROOT, env: e, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => text, exit };
}

/** Waits for /healthz to answer 200; the milliseconds it took. Throws with the output if the server exits or takes too long. */
export async function healthy(port: number, s: Started, timeoutMs = 45_000): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (s.child.exitCode !== null) throw new Error(`the server exited ${s.child.exitCode}:\n${s.out()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`not healthy within ${timeoutMs} ms:\n${s.out()}`);
}
