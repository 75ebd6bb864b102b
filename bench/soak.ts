/**
 * The soak (issue 17 point 5): `npm run bench -- --soak 10m` runs a mixed load — reads of the
 * passbook, records, figures and rankings, and writes (donations of one point with their own
 * idempotency keys, repeat check-in scans) — at a fixed rate for the whole duration, in windows of
 * a minute, each from its own load process. After each window it samples the server's RSS, the
 * window's p50/p99 and errors, and PostgreSQL's connection count for the database. It passes when
 * the RSS of the last third stays within 15 % (and 40 MB) of the first third's, the last windows'
 * p99 within 1.5 × of the first's (and under 100 ms), the connection count flat, and no 5xx.
 *
 * The rate: twice the peak the benchmark's city sees — a city of 400,000 volunteers on a busy
 * evening, about 40 requests a second (bench/RESULTS.md) — so 80 req/s unless `--rate N`.
 */
import type pg from 'pg';
import { runLoad, type BenchServer } from './lib/server';
import type { LoadRequest, LoadResult } from './lib/load-worker';

export interface SoakCast {
  cityAdmin: { cookie: string };
  district: string;
  busiest: Array<{ userId: string; cookie: string; csrf: string }>;
  volunteers: Array<{ userId: string; cookie: string; csrf: string }>;
}

export interface SoakWindow {
  minute: number;
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  rssMb: number;
  connections: number;
}

export interface SoakOutcome {
  windows: SoakWindow[];
  rate: number;
  passed: boolean;
  verdicts: string[];
}

export function parseDuration(text: string): number {
  const m = /^(\d+)(s|m|h)?$/.exec(text.trim());
  if (!m) throw new Error(`--soak takes a duration such as 10m, 90s or 1h (got ${text})`);
  return Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
}

export const SOAK_RATE = 80;

export async function soak(server: BenchServer, db: pg.Client, k: SoakCast, seconds: number, rate: number, log: (line: string) => void): Promise<SoakOutcome> {
  const reads: LoadRequest[] = [
    ...k.busiest.slice(0, 50).map((v) => ({ method: 'GET' as const, path: '/api/v1/me/passbook?page=1&pageSize=20', cookie: v.cookie })),
    ...k.busiest.slice(0, 50).map((v) => ({ method: 'GET' as const, path: '/api/v1/me/service-records?page=1&pageSize=20', cookie: v.cookie })),
    ...k.volunteers.slice(0, 50).map((v) => ({ method: 'GET' as const, path: '/api/v1/me/rankings', cookie: v.cookie })),
    { method: 'GET', path: '/api/v1/stats/overview' },
    { method: 'GET', path: `/api/v1/stats/breakdown?regionCode=${k.district}&by=region` },
    { method: 'GET', path: '/api/v1/rankings?period=year&metric=hours' },
    { method: 'GET', path: '/api/v1/me', cookie: k.cityAdmin.cookie },
  ];
  const writes: LoadRequest[] = k.busiest.slice(0, 50).map((g) => ({ method: 'POST', path: '/api/v1/donations', cookie: g.cookie, csrf: g.csrf, body: { ledger: 'points', amount: 1, idempotencyKey: `soak-${process.pid}-{n}` } }));
  // one write in five, spread through the cycle
  const requests: LoadRequest[] = [];
  reads.forEach((r, i) => {
    requests.push(r);
    if (i % 4 === 3) requests.push(writes[(i / 4) % writes.length | 0]!);
  });
  const dbName = (await db.query('select current_database() as d')).rows[0].d as string;
  const connections = async () => Number((await db.query('select count(*)::int as n from pg_stat_activity where datname = $1', [dbName])).rows[0].n);
  const windows: SoakWindow[] = [];
  const windowSeconds = Math.min(60, seconds);
  let counter = 0;
  for (let elapsed = 0, minute = 1; elapsed < seconds; elapsed += windowSeconds, minute++) {
    server.resetPeak();
    const load = await runLoad<LoadResult>({ url: server.url, connections: 8, duration: Math.min(windowSeconds, seconds - elapsed), overallRate: rate, counterFrom: counter, requests });
    counter += load.requests + 1;
    const errors = load.errors + load.timeouts + Object.entries(load.statusCodes).filter(([s]) => Number(s) >= 500).reduce((a, [, n]) => a + n, 0);
    const w = { minute, rate: Math.round(load.rate), p50: load.p50, p99: load.p99, errors, rssMb: server.rss().peakMb, connections: await connections() };
    windows.push(w);
    log(`  soak minute ${minute}: ${w.rate} req/s, p50 ${w.p50} ms, p99 ${w.p99} ms, RSS ${w.rssMb} MB, ${w.connections} connections, ${w.errors} errors, ${JSON.stringify(load.statusCodes)}`);
  }
  const third = Math.max(1, Math.floor(windows.length / 3));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = windows.slice(0, third);
  const last = windows.slice(-third);
  const rssFirst = avg(first.map((w) => w.rssMb));
  const rssLast = avg(last.map((w) => w.rssMb));
  const p99First = avg(first.map((w) => w.p99));
  const p99Last = avg(last.map((w) => w.p99));
  const conns = windows.map((w) => w.connections);
  const errors = windows.reduce((a, w) => a + w.errors, 0);
  const verdicts = [
    `RSS ${rssFirst.toFixed(0)} → ${rssLast.toFixed(0)} MB (first and last third): ${rssLast <= rssFirst * 1.15 || rssLast - rssFirst <= 40 ? 'flat' : '**grows**'}`,
    `p99 ${p99First.toFixed(0)} → ${p99Last.toFixed(0)} ms: ${p99Last <= Math.max(p99First * 1.5, p99First + 5) && p99Last < 100 ? 'holds' : '**drifts**'}`,
    `connections ${Math.min(...conns)}–${Math.max(...conns)}: ${Math.max(...conns) - Math.min(...conns) <= 2 ? 'flat' : '**leak?**'}`,
    `${errors} errors`,
  ];
  const passed = !verdicts.some((v) => v.includes('**')) && errors === 0;
  return { windows, rate, passed, verdicts };
}

export function soakReport(o: SoakOutcome, header: string): string {
  return [
    header,
    '',
    `Rate asked: ${o.rate} req/s (one write in five). ${o.passed ? 'Passed' : '**Failed**'}: ${o.verdicts.join('; ')}.`,
    '',
    '| minute | req/s | p50 ms | p99 ms | RSS MB | connections | errors |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...o.windows.map((w) => `| ${w.minute} | ${w.rate} | ${w.p50} | ${w.p99} | ${w.rssMb} | ${w.connections} | ${w.errors} |`),
  ].join('\n');
}
