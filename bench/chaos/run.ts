/**
 * `npm run chaos`: the built server (server/dist/server.js, as `npm start` runs it) under a mixed
 * load from another process (bench/chaos/load.ts), SIGKILLed at random moments and restarted; then
 * every lost reply is retried with its idempotency key, the server stopped, and the books checked:
 * `aixin ledger verify` passes, stock equals its movements, every acknowledged write is present
 * exactly once (and nothing unacknowledged is), no refused or lost spend left a half, and a retry
 * answers the original result (the same id again when repeated).
 *
 *   npm run chaos                                   # PGlite, 5 kills
 *   npm run chaos -- --engine postgres              # a scratch database on CHAOS_DATABASE_URL / TEST_DATABASE_URL
 *   npm run chaos -- --short                        # CI: 2 kills, about a minute
 * Options: --kills N  --workers N  --pairs N (young volunteer + parent pairs)  --budget SECONDS  --keep (keep the scratch data)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { ROOT, freePort } from '../lib/server';
import { makeCast, type Cast } from './fixtures';
import { idOf, send, sessionsOf, type Entry, type LoadSpec } from './load';
import { checkBooks } from './checks';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const SHORT = args.includes('--short');
const ENGINE = option('engine', 'pglite');
const KILLS = Number(option('kills', SHORT ? '2' : '5'));
const WORKERS = Number(option('workers', '4'));
const PAIRS = Number(option('pairs', SHORT ? '4' : '8'));
/** Seconds the whole run may take (0: no limit); past it the run stops its processes and fails. */
const BUDGET = Number(option('budget', '0'));
const SECRET = 'chaos-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${s}`);

if (ENGINE !== 'pglite' && ENGINE !== 'postgres') {
  console.error(`✖ --engine: pglite or postgres, not "${ENGINE}"`);
  process.exit(2);
}
const PG_BASE = process.env.CHAOS_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (ENGINE === 'postgres' && !PG_BASE) {
  console.error('✖ --engine postgres needs CHAOS_DATABASE_URL (or TEST_DATABASE_URL): a PostgreSQL server where a scratch database may be created');
  process.exit(2);
}

async function admin(q: string) {
  const c = new pg.Client({ connectionString: PG_BASE });
  await c.connect();
  await c.query(q).finally(() => c.end());
}

interface Server {
  child: ChildProcess;
  out: () => string;
  exit: Promise<void>;
}

function startServer(env: Record<string, string>): Server {
  const child = spawn(process.execPath, ['--enable-source-maps', '--max-old-space-size=256', 'server/dist/server.js'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', AIXIN_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
  return { child, out: () => out, exit: new Promise((r) => child.once('exit', () => r())) };
}

async function ready(url: string, s: Server): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < 120_000) {
    if (s.child.exitCode !== null) throw new Error(`the server exited ${s.child.exitCode}:\n${s.out()}`);
    const r = await fetch(`${url}/healthz`).catch(() => null);
    if (r?.ok) return Date.now() - t0;
    await sleep(50);
  }
  throw new Error(`the server did not become ready:\n${s.out()}`);
}

/** Verified family links (young → parent), through the API, before the load. */
async function linkFamilies(url: string, cast: Cast) {
  for (const [i, y] of cast.young.entries()) {
    const link = await send(url, y, 'POST', '/api/v1/relatives', { relativeUserId: cast.elders[i]!.userId, relation: 'parent' });
    if (link?.status !== 201) throw new Error(`relative link: ${link?.status} ${JSON.stringify(link?.json)}`);
    const ok = await send(url, cast.districtAdmin, 'POST', `/api/v1/relatives/${link.json.id}/verify`);
    if (ok?.status !== 200) throw new Error(`relative verify: ${ok?.status} ${JSON.stringify(ok?.json)}`);
  }
}

/** The processes this run started, stopped by their handles if the budget runs out. */
const children = new Set<ChildProcess>();

async function main() {
  const t0 = Date.now();
  if (BUDGET > 0)
    setTimeout(() => {
      console.error(`✖ chaos: not finished within --budget ${BUDGET} s: stopped (a finding: restarts or the checks are too slow)`);
      for (const c of children) c.kill('SIGKILL');
      process.exit(1);
    }, BUDGET * 1000).unref();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aixin-chaos-'));
  const dbName = `aixin_chaos_${crypto.randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = { AIXIN_DATA_DIR: path.join(tmp, 'data'), AIXIN_SECRET: SECRET };
  if (ENGINE === 'postgres') {
    await admin(`create database ${dbName}`);
    const u = new URL(PG_BASE!);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  }
  const findings: string[] = [];
  let server: Server | null = null;
  try {
    log(`▶ chaos on ${ENGINE}: ${KILLS} kills, ${WORKERS} load workers, ${PAIRS} family pairs; building the server bundle`);
    const b = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('building the server bundle failed');
    const cast = await makeCast(env, PAIRS);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const serverEnv = { ...env, PORT: String(port), HOST: '127.0.0.1' };
    server = startServer(serverEnv);
    await ready(url, server);
    await linkFamilies(url, cast);

    const journal = path.join(tmp, 'journal.jsonl');
    const specFile = path.join(tmp, 'load.json');
    fs.writeFileSync(specFile, JSON.stringify({ url, journal, cast, workers: WORKERS } satisfies LoadSpec));
    const load = spawn(process.execPath, ['--import', 'tsx', 'bench/chaos/load.ts', specFile], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    children.add(load);
    const loadExit = new Promise<number | null>((r) => load.once('exit', (c) => r(c)));
    const restarts: number[] = [];
    for (let k = 1; k <= KILLS; k++) {
      await sleep(3000 + Math.random() * (SHORT ? 7000 : 12_000));
      server.child.kill('SIGKILL');
      await server.exit;
      await sleep(Math.random() * 1000);
      server = startServer(serverEnv);
      const ms = await ready(url, server);
      restarts.push(ms);
      log(`  kill ${k}/${KILLS}: SIGKILL, restarted, ready in ${ms} ms`);
    }
    await sleep(3000);
    load.kill('SIGTERM');
    if ((await loadExit) !== 0) findings.push('the load process failed');

    // every lost reply retried twice with the same key and body: both answers must be the same write
    const entries = fs.readFileSync(journal, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Entry);
    const people = sessionsOf(cast);
    let replayed = 0;
    let replays = 0;
    for (const e of entries.filter((x) => x.outcome === 'lost' || x.outcome === 'error')) {
      const a = await send(url, people[e.who]!, 'POST', e.path, e.body, e.key);
      const again = await send(url, people[e.who]!, 'POST', e.path, e.body, e.key);
      if (!a || !again || a.unsent || again.unsent) {
        findings.push(`${e.op}: no reply to a retry after the run`);
        continue;
      }
      const [ida, idb] = [idOf(e.op, a.json), idOf(e.op, again.json)];
      if (process.env.CHAOS_DEBUG) log(`  retry ${e.op} ${e.key ?? ''}: ${a.status} ${a.replayed} ${ida} / ${again.status} ${again.replayed} ${idb}`);
      // a keyed spend: the second answer must be the replay of the first (Idempotent-Replayed), the same write
      if (a.status < 300 && again.status < 300 && ida === idb && (!e.key || again.replayed)) {
        Object.assign(e, { outcome: 'ack', status: a.status, id: ida, retried: true });
        if (a.replayed) replayed++;
        if (e.key) replays++;
      } else if (a.status >= 400 && a.status < 500 && again.status === a.status) Object.assign(e, { outcome: 'refused', status: a.status, code: a.json?.error?.code, retried: true });
      else findings.push(`${e.op} retried with its key: ${a.status} ${ida ?? ''} then ${again.status} ${idb ?? ''} — not the same answer`);
    }
    server.child.kill('SIGTERM');
    await server.exit;
    server = null;

    const byOutcome = (o: Entry['outcome']) => entries.filter((x) => x.outcome === o).length;
    if (!replays && entries.some((x) => (x as Entry & { retried?: boolean }).retried && x.key)) findings.push('no keyed retry was answered by its replay');
    const lost = entries.filter((x) => (x as Entry & { retried?: boolean }).retried).length;
    log(`▶ ${entries.length} requests: ${byOutcome('ack')} acknowledged, ${byOutcome('refused')} refused, ${lost} replies lost and retried (${replayed} found committed and answered by the original; ${replays} keyed retries answered again by their replay)`);
    const cli = spawnSync(process.execPath, ['server/dist/cli.js', 'ledger', 'verify'], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
    log(`  ledger verify: ${(cli.stdout + cli.stderr).trim().split('\n').join(' | ')}`);
    if (cli.status !== 0) findings.push(`aixin ledger verify exited ${cli.status}`);
    findings.push(...(await checkBooks(env, cast, entries)));
    const ops = ['checkin', 'settle', 'family_transfer', 'redemption', 'service_request'] as const;
    for (const op of ops) {
      const refused = entries.filter((x) => x.op === op && x.outcome === 'refused');
      const codes = [...new Set(refused.map((x) => x.code))].join(', ');
      log(`  ${op}: ${entries.filter((x) => x.op === op && x.outcome === 'ack').length} acknowledged, ${refused.length} refused${codes ? ` (${codes})` : ''}`);
    }
    if (restarts.length) log(`  restarts: ${restarts.length}, ready in ${Math.min(...restarts)}–${Math.max(...restarts)} ms`);
  } catch (err) {
    findings.push(`the run failed: ${(err as Error).message}`);
  } finally {
    if (server) {
      server.child.kill('SIGKILL');
      await server.exit;
    }
    if (!args.includes('--keep')) {
      fs.rmSync(tmp, { recursive: true, force: true });
      if (ENGINE === 'postgres') await admin(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    } else log(`kept ${tmp}${ENGINE === 'postgres' ? ` and database ${dbName}` : ''}`);
  }
  const seconds = ((Date.now() - t0) / 1000).toFixed(0);
  if (findings.length) {
    console.error(`✖ chaos (${ENGINE}, ${seconds} s): ${findings.length} finding(s)`);
    for (const f of findings.slice(0, 50)) console.error(`  ${f}`);
    process.exit(1);
  }
  console.log(`✔ chaos (${ENGINE}, ${seconds} s, ${KILLS} kills): the books balance, stock equals its movements, every acknowledged write is there once, nothing refused or lost left a half, retries answer the original`);
}

await main();
