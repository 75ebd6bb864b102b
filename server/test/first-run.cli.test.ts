import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, healthy, ROOT, startServer, type Started } from './server-process';
import { processStartTime } from '../src/db/data-dir-lock';

/**
 * A newcomer's and an operator's first minutes, through the real processes: the server bundle
 * (`npm start` runs the same) and the command line. Each start-up failure is one plain line with
 * a non-zero exit and no stack; the embedded database restarts straight after a SIGKILL; a
 * second start is quick.
 */
const root = ROOT;
const CLI = path.join(root, 'server', 'dist', 'cli.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aixin-first-run-'));
const PG = process.env.TEST_DATABASE_URL;
/** The embedded database of the start-up test, reused by the command-line tests after it stops. */
const dataDir = path.join(tmp, 'data');

/** The environment of a newcomer: nothing of the developer's shell that changes the answers. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, AIXIN_LOG_LEVEL: 'info' };
  return { ...e, ...extra };
}




/** Runs the server to its end (a start-up failure): its exit code and everything it printed. */
async function failedStart(e: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  const s = startServer(e);
  const code = await s.exit;
  return { code, out: s.out() };
}

async function get(port: number, url: string, accept = '*/*'): Promise<{ status: number; type: string; body: string }> {
  const r = await fetch(`http://127.0.0.1:${port}${url}`, { headers: { accept } });
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() };
}


async function stop(s: Started, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill(signal);
  await s.exit;
}

/** One plain line: the failure's words, no stack frames. */
function expectOnePlainLine(out: string, ...words: (string | RegExp)[]) {
  const lines = out.trim().split('\n').filter((l) => l.startsWith('✖'));
  expect(lines, out).toHaveLength(1);
  for (const w of words) expect(lines[0]).toMatch(w);
  expect(lines[0]).toMatch(/[\u4e00-\u9fff].* \/ [A-Z]/); // 中文 / English
  expect(out).not.toMatch(/\n\s+at /);
}

function cli(args: string[], e: NodeJS.ProcessEnv = env()) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: root, env: e, encoding: 'utf8' });
}

beforeAll(() => {
  // what `npm start` runs: the server and the command line bundled (built only when changed)
  const r = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}, 60_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('start-up failures in plain words', () => {
  it('a malformed DATABASE_URL: one line naming it and the expected form, exit 1, nothing opened', async () => {
    const dir = path.join(tmp, 'malformed');
    const r = await failedStart(env({ DATABASE_URL: 'postgres//aixin@localhost/aixin', AIXIN_DATA_DIR: dir, PORT: String(await freePort()) }));
    expect(r.code).toBe(1);
    expectOnePlainLine(r.out, 'DATABASE_URL', 'postgres://USER:PASSWORD@HOST:5432/DATABASE');
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('an unreachable database server: says where and what to do, exit 1', async () => {
    const closed = await freePort();
    const r = await failedStart(env({ DATABASE_URL: `postgres://aixin:pw@127.0.0.1:${closed}/aixin`, AIXIN_SECRET: 'x'.repeat(40), PORT: String(await freePort()) }));
    expect(r.code).toBe(1);
    expectOnePlainLine(r.out, `Cannot reach the database server at 127.0.0.1:${closed}`, 'Start PostgreSQL');
    expect(r.out).not.toContain(':pw@'); // never the password
  });

  it('the port in use is said before the database is opened', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)));
    try {
      // the database is unreachable too: the port is checked first, so the port is what is said
      const r = await failedStart(env({ PORT: String(port), DATABASE_URL: 'postgres://aixin:pw@127.0.0.1:1/aixin', AIXIN_SECRET: 'x'.repeat(40) }));
      expect(r.code).toBe(1);
      expectOnePlainLine(r.out, `Port ${port} on 127.0.0.1 is already in use`, 'set PORT');
      expect(r.out).not.toContain('database server');
    } finally {
      blocker.close();
    }
  });

  it.runIf(PG)('a wrong password and a missing database on a real PostgreSQL', async () => {
    const wrong = new URL(PG!);
    wrong.password = 'not-the-password';
    const r1 = await failedStart(env({ DATABASE_URL: wrong.toString(), AIXIN_SECRET: 'x'.repeat(40), PORT: String(await freePort()) }));
    expect(r1.code).toBe(1);
    expectOnePlainLine(r1.out, `refused the password of user "${decodeURIComponent(wrong.username)}"`, 'correct the user name or password');
    expect(r1.out).not.toContain('not-the-password');

    const missing = new URL(PG!);
    missing.pathname = '/aixin_no_such_database';
    const r2 = await failedStart(env({ DATABASE_URL: missing.toString(), AIXIN_SECRET: 'x'.repeat(40), PORT: String(await freePort()) }));
    expect(r2.code).toBe(1);
    expectOnePlainLine(r2.out, 'Database "aixin_no_such_database" does not exist', 'createdb aixin_no_such_database');
  });

  it('the stack is printed at debug level only', async () => {
    const r = await failedStart(env({ DATABASE_URL: 'postgres://aixin:pw@127.0.0.1:1/aixin', AIXIN_SECRET: 'x'.repeat(40), PORT: String(await freePort()), AIXIN_LOG_LEVEL: 'debug' }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('Cannot reach the database server');
    expect(r.out).toMatch(/\n\s+at /);
  });
});

describe('the embedded database across starts', () => {
  it('first start says how to make the first admin; a second process is refused; SIGKILL then restart works at once; a second start is quick', async () => {
    const dir = dataDir;
    const port = await freePort();
    const first = startServer(env({ AIXIN_DATA_DIR: dir, PORT: String(port) }));
    await healthy(port, first, 60_000);
    // the first account: the log and the public flag the login page reads
    await expect.poll(() => first.out(), { timeout: 5000 }).toContain('No administrator yet');
    expect(first.out()).toContain('npx aixin admin create');
    expect(JSON.parse((await get(port, '/api/v1/setup/status', 'application/json')).body)).toEqual({ needsAdmin: true });
    // the page for anything that takes a page (curl sends */*); unknown API paths stay JSON
    const page = await get(port, '/');
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    const missing = await get(port, '/api/v1/no-such-thing');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error.code).toBe('NOT_FOUND');
    // readiness: the database answers and every migration is applied
    const ready = await get(port, '/readyz', 'application/json');
    expect(ready.status).toBe(200);
    const readyBody = JSON.parse(ready.body);
    expect(readyBody.status).toBe('ready');
    expect(readyBody.migrations.applied).toBe(readyBody.migrations.expected);

    // a real second process on the same folder is refused in plain words
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'aixin.lock'), 'utf8'));
    expect(lock.pid).toBe(first.child.pid);
    expect(lock.start).toBe(processStartTime(first.child.pid!));
    const second = await failedStart(env({ AIXIN_DATA_DIR: dir, PORT: String(await freePort()) }));
    expect(second.code).toBe(1);
    expectOnePlainLine(second.out, `Another Aixin process (process ${first.child.pid})`, 'Stop it first');

    // a crash: the lock stays behind, its holder is gone; the restart takes over at once
    await stop(first, 'SIGKILL');
    expect(fs.existsSync(path.join(dir, 'aixin.lock'))).toBe(true);
    const port2 = await freePort();
    const t0 = Date.now();
    // (and the first admin from the environment)
    const after = startServer(env({ AIXIN_DATA_DIR: dir, PORT: String(port2), AIXIN_ADMIN_PHONE: '13900000001', AIXIN_ADMIN_PASSWORD: 'Passw0rd!x' }));
    await healthy(port2, after);
    const afterCrashMs = Date.now() - t0;
    expect(after.out()).not.toContain('Another Aixin process');
    expect(JSON.parse((await get(port2, '/api/v1/setup/status', 'application/json')).body)).toEqual({ needsAdmin: false });
    expect(after.out()).not.toContain('No administrator yet');
    await stop(after);
    expect(fs.existsSync(path.join(dir, 'aixin.lock'))).toBe(false); // a clean stop releases it

    // a second start with nothing changed
    const port3 = await freePort();
    const t1 = Date.now();
    const again = startServer(env({ AIXIN_DATA_DIR: dir, PORT: String(port3) }));
    await healthy(port3, again);
    const secondStartMs = Date.now() - t1;
    const cpuMs = cpuTimeMs(again.child.pid!);
    await stop(again);
    const said = `restart after SIGKILL: healthy in ${afterCrashMs} ms; second start: healthy in ${secondStartMs} ms (${cpuMs} ms of CPU)`;
    // under 3 s to healthy on a quiet machine. On one busier than its cores (the whole suite runs
    // beside this test) both clocks measure the neighbours — even the process's CPU time grows
    // with cache and frequency contention (3.5 s seen) — so there only a rebuild at start, which
    // took 13 s, must be ruled out
    const busy = os.loadavg()[0]! > os.availableParallelism();
    if (busy) expect(cpuMs, said).toBeLessThan(8000);
    else expect(secondStartMs, said).toBeLessThan(3000);
  });
});

/** CPU time (user + system) a running process has used, from /proc. */
function cpuTimeMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Math.round(((Number(f[11]) + Number(f[12])) * 1000) / 100);
}

describe('the command line', () => {
  it('--version and --help name the environment it reads', () => {
    const v = spawnSync(process.execPath, ['bin/aixin.js', '--version'], { cwd: root, encoding: 'utf8' });
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
    const h = cli(['--help']);
    expect(h.status).toBe(0);
    for (const name of ['DATABASE_URL', 'AIXIN_DATA_DIR', 'AIXIN_SECRET', 'DATABASE_OWNER_URL']) expect(h.stdout).toContain(name);
  });

  it('`ledger verify` on a data folder that does not exist says so and creates nothing', () => {
    const dir = path.join(tmp, 'no-such-folder');
    const r = cli(['ledger', 'verify'], env({ AIXIN_DATA_DIR: dir }));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`no database in ${dir}`);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('`regions import`: an empty file and a file split by semicolons are refused with the reason; row errors in line order; no bar on a pipe', () => {
    // the stopped server's database (a new one would take seconds to create)
    const dir = fs.existsSync(dataDir) ? dataDir : path.join(tmp, 'regions');
    fs.mkdirSync(dir, { recursive: true });
    const e = env({ AIXIN_DATA_DIR: dir });
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '\n\n');
    const r1 = cli(['regions', 'import', empty], e);
    expect(r1.status).toBe(2);
    expect(r1.stderr).toContain('is empty');
    const semi = path.join(dir, 'semi.csv');
    fs.writeFileSync(semi, 'code;name;parent_code\n140000;山西省;\n');
    const r2 = cli(['regions', 'import', semi], e);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('separated by ";", not commas');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'code,name,parent_code\n140000,山西省,\n14x,坏,140000\n140500,晋城市,140000\n14y,坏,140000\n140502,城区,999999\n');
    const r3 = cli(['regions', 'import', bad], e);
    expect(r3.status).toBe(1);
    const lines = [...r3.stderr.matchAll(/line (\d+)/g)].map((m) => Number(m[1]));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(r3.stdout).not.toContain('\r'); // plain lines when not on a terminal
  });

  it('a refusal names the option and why', () => {
    const dir = path.join(tmp, 'refusals');
    const r = cli(['import', 'volunteers', path.join(tmp, 'x.xlsx'), '--region', 'abc'], env({ AIXIN_DATA_DIR: dir }));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--region: region code: 6, 9, 12 or 15 digits (got "abc")');
    const p = cli(['admin', 'create', '--phone', '123', '--password', 'Passw0rd!x'], env({ AIXIN_DATA_DIR: dir }));
    expect(p.status).toBe(2);
    expect(p.stderr).toContain('--phone');
    expect(fs.existsSync(dir)).toBe(false);
  });
});

/** The processes a supervisor has forked (its children), from /proc. */
function childrenOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function until<T>(what: string, probe: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('several processes (AIXIN_WORKERS)', () => {
  it('a value that is not a count is refused in plain words', async () => {
    const r = await failedStart(env({ AIXIN_WORKERS: 'many', DATABASE_URL: 'postgres://aixin:pw@127.0.0.1:1/aixin', AIXIN_SECRET: 'x'.repeat(40), PORT: String(await freePort()) }));
    expect(r.code).toBe(1);
    expectOnePlainLine(r.out, 'AIXIN_WORKERS', '"many"');
  });

  it('workers that cannot start stop the supervisor with their plain line, instead of being started again forever', async () => {
    const closed = await freePort();
    const r = await failedStart(env({ AIXIN_WORKERS: '2', DATABASE_URL: `postgres://aixin:pw@127.0.0.1:${closed}/aixin`, AIXIN_SECRET: 'x'.repeat(40), PORT: String(await freePort()) }));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Cannot reach the database server at 127.0.0.1:${closed}`);
  });

  it.runIf(PG)('two workers serve one port on PostgreSQL; a killed worker is replaced; SIGTERM stops them all', async () => {
    const { default: pg } = await import('pg');
    const dbName = `aixin_cli_workers_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    const url = new URL(PG!);
    url.pathname = `/${dbName}`;
    const port = await freePort();
    const s = startServer(env({ AIXIN_WORKERS: '2', DATABASE_URL: url.toString(), AIXIN_SECRET: 'w'.repeat(40), PORT: String(port) }));
    try {
      await healthy(port, s, 60_000);
      const listening = () => s.out().split('Server listening').length - 1;
      await until('both workers listening', listening, (n) => n >= 2, 60_000);
      const first = childrenOf(s.child.pid!);
      expect(first).toHaveLength(2);
      expect(s.out()).toContain('2 worker processes');
      process.kill(first[0]!, 'SIGKILL');
      // the other one goes on serving while the supervisor starts a replacement (a kept-alive
      // connection to the killed one is reset: a new request goes to the live one)
      const served = async () => (await get(port, '/healthz').catch(() => ({ status: 0 }))).status;
      expect(await until('the other worker answering', served, (st) => st === 200, 5000)).toBe(200);
      const after = await until('a replacement', () => childrenOf(s.child.pid!), (c) => c.length === 2 && !c.includes(first[0]!));
      expect(after).toContain(first[1]);
      await until('the replacement listening', listening, (n) => n >= 3, 60_000);
      s.child.kill('SIGTERM');
      expect(await s.exit).toBe(0);
      for (const pid of after) expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
    } finally {
      await stop(s, 'SIGKILL');
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }, 120_000);
});
