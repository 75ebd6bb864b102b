/**
 * `npm run bench`: the server as its own process on a seeded PostgreSQL database, the load from
 * another process (bench/lib/load-worker.ts, autocannon), pgbench's single-row insert rate from
 * the same run as the reference, the server's peak RSS per case; the table goes into
 * bench/RESULTS.md with the machine's description.
 *
 *   createdb aixin_bench && DATABASE_URL=postgres://…/aixin_bench npx aixin bench seed --scale city
 *   BENCH_DATABASE_URL=postgres://…/aixin_bench npm run bench            # every case, results written
 *   BENCH_DATABASE_URL=postgres://…/postgres npm run bench -- --smoke     # CI: a small scratch city, 2 s per case, nothing written
 *
 * Options: --cases a,b  --seconds N  --connections N  --workers N  --no-write
 *          --block NAME: write the table into its own block of RESULTS.md (bench:NAME) instead of the main one
 *   BENCH_REPLICA_URL=postgres://…:5441/aixin_bench: the server reads from that streaming replica of
 *          BENCH_DATABASE_URL (DATABASE_REPLICA_URL; scripts/replica.sh); the case replica_lag then
 *          measures the replica's lag under a write load, and where the reads were served is printed
 *          --soak 10m [--rate N]: the soak instead of the cases (bench/soak.ts)
 */
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ROOT, runLoad, startServer, type BenchServer } from './lib/server';
import type { LoadRequest, LoadResult } from './lib/load-worker';
import { sessionsFor, type Session } from './lib/sessions';
import { parseDuration, soak, soakReport, SOAK_RATE } from './soak';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const SMOKE = flag('smoke');
const SECONDS = Number(option('seconds', SMOKE ? '2' : '10'));
const CONNECTIONS = Number(option('connections', '32'));
const READ_CONNECTIONS = Number(option('read-connections', '8'));
const ONLY = option('cases', '').split(',').filter(Boolean);
/** Server processes (AIXIN_WORKERS); the peak RSS is then their sum. */
const WORKERS = Number(option('workers', '1'));
const WRITE = !SMOKE && !flag('no-write');
const SOAK = option('soak', '');
const BLOCK = option('block', 'run');
/** A streaming replica of the bench database: the server reads from it (DATABASE_REPLICA_URL). */
const REPLICA = process.env.BENCH_REPLICA_URL;
const SECRET = process.env.AIXIN_SECRET ?? 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz';

const baseUrl = process.env.BENCH_DATABASE_URL;
if (!baseUrl) {
  console.error('✖ set BENCH_DATABASE_URL to a PostgreSQL database seeded with `npx aixin bench seed` (or to any database with --smoke)');
  process.exit(2);
}
const urlFor = (db: string) => {
  const u = new URL(baseUrl);
  u.pathname = '/' + db;
  return u.toString();
};

interface CaseResult {
  name: string;
  what: string;
  rate?: number;
  p50?: number;
  p99?: number;
  max?: number;
  seconds?: number;
  note?: string;
  /** The target, and whether it was met. */
  target: string;
  met: boolean | null;
  rssMb: number;
  errors: number;
}

const results: CaseResult[] = [];
const scratch: string[] = [];

async function admin<T>(fn: (c: pg.Client) => Promise<T>, db = 'postgres'): Promise<T> {
  const c = new pg.Client({ connectionString: urlFor(db) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function sh(cmd: string, argv: string[], env: Record<string, string> = {}): string {
  return execFileSync(cmd, argv, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/** A scratch database, seeded at a scale through the real CLI. */
async function seededScratch(name: string, scale: string): Promise<string> {
  await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  await admin((c) => c.query(`create database ${name}`));
  scratch.push(name);
  sh(process.execPath, ['bin/aixin.js', 'bench', 'seed', '--scale', scale, '--summary', `/tmp/${name}.json`], { DATABASE_URL: urlFor(name), AIXIN_SECRET: SECRET });
  return urlFor(name);
}

// ——— the people the load acts as ———

interface Cast {
  cityAdmin: Session;
  districtAdmin: Session;
  district: string;
  orgAdmin: Session;
  orgId: string;
  orgRegion: string;
  volunteers: Session[];
  /** Volunteers with the longest passbooks and record lists. */
  busiest: Session[];
}

async function cast(db: pg.Client, volunteersWanted: number): Promise<Cast> {
  const one = async (q: string) => (await db.query(q)).rows[0] as Record<string, string>;
  const city = await one(`select user_id from grants where role = 'region_admin' and region_code = '140500' and revoked_at is null limit 1`);
  const district = await one(`select user_id, region_code from grants where role = 'region_admin' and length(region_code) = 6 and region_code <> '140500' and revoked_at is null order by region_code limit 1`);
  const org = await one(`select g.user_id, g.org_id, o.region_code from grants g join organizations o on o.id = g.org_id where g.role = 'org_admin' and o.status = 'active' and g.revoked_at is null order by o.created_at limit 1`);
  const busiest = (await db.query(`select owner_user_id as id from ledger_accounts where kind = 'person' and ledger = 'points' order by balance desc limit 200`)).rows.map((r) => r.id as string);
  const staff = new Set([city!.user_id, district!.user_id, org!.user_id]);
  const vols = (await db.query(`select id from users where status = 'active' order by id limit $1`, [volunteersWanted + 10])).rows.map((r) => r.id as string).filter((id) => !staff.has(id));
  const [c, d, o] = await sessionsFor(db, [city!.user_id!, district!.user_id!, org!.user_id!]);
  return {
    cityAdmin: c!,
    districtAdmin: d!,
    district: district!.region_code!,
    orgAdmin: o!,
    orgId: org!.org_id!,
    orgRegion: org!.region_code!,
    volunteers: await sessionsFor(db, vols.slice(0, volunteersWanted)),
    busiest: await sessionsFor(db, busiest.filter((id) => !staff.has(id))),
  };
}

/** A published activity running now, with these volunteers signed up (written directly: the fixture, not the thing measured). */
async function runningActivity(db: pg.Client, k: Cast, people: Session[], opts: { capacity?: number; signUp?: boolean } = {}): Promise<string> {
  const id = crypto.randomUUID();
  const now = Date.now();
  await db.query(
    `insert into activities (id, city_code, org_id, title, category, description, region_code, address, lat, lng, starts_at, ends_at, capacity, person_in_charge, status, reviewed_by, reviewed_at, submitted_at, confirmed_count, created_by, created_at, updated_at)
     values ($1, '1405', $2, '压测活动', 'community_governance', '压测', $3, '压测地点', 35.4985, 112.86, $4, $5, $6, '压测负责人', 'published', $7, $4, $4, $8, $9, $4, $4)`,
    [id, k.orgId, k.orgRegion, new Date(now - 10 * 60_000), new Date(now + 3 * 3600_000), opts.capacity ?? Math.max(10, people.length), k.districtAdmin.userId, opts.signUp === false ? 0 : people.length, k.orgAdmin.userId],
  );
  if (opts.signUp !== false) {
    for (let i = 0; i < people.length; i += 1000) {
      const chunk = people.slice(i, i + 1000);
      const values: unknown[] = [];
      const rows = chunk.map((p, j) => {
        values.push(crypto.randomUUID(), id, p.userId, new Date(now - 3600_000));
        return `($${j * 4 + 1}, '1405', $${j * 4 + 2}, $${j * 4 + 3}, 'confirmed', $${j * 4 + 4})`;
      });
      await db.query(`insert into signups (id, city_code, activity_id, user_id, status, created_at) values ${rows.join(', ')}`, values);
    }
  }
  return id;
}

async function checkinToken(server: BenchServer, k: Cast, activityId: string): Promise<string> {
  const r = await fetch(`${server.url}/api/v1/activities/${activityId}/checkin-code`, { headers: { cookie: k.orgAdmin.cookie } });
  if (!r.ok) throw new Error(`checkin-code: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}

// ——— the cases ———

function record(server: BenchServer, name: string, what: string, load: LoadResult, target: string, met: boolean | null, note?: string) {
  const errors = load.errors + load.timeouts + Object.entries(load.statusCodes).filter(([s]) => Number(s) >= 500).reduce((a, [, n]) => a + n, 0);
  const r: CaseResult = { name, what, rate: load.rate, p50: load.p50, p99: load.p99, max: load.max, target, met: errors ? false : met, rssMb: server.rss().peakMb, errors, ...(note ? { note } : {}) };
  results.push(r);
  console.log(`  ${name}: ${Math.round(load.rate)} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms, ${JSON.stringify(load.statusCodes)}, RSS ${r.rssMb} MB${note ? ` — ${note}` : ''}`);
}

/** A case runs when named, or when its group is (`--cases stats` runs stats_overview and stats_breakdown). */
const wanted = (name: string) => ONLY.length === 0 || ONLY.some((o) => name === o || name.startsWith(`${o}_`));

async function pgbenchReference(): Promise<number> {
  const db = `aixin_bench_ref_${process.pid}`;
  await admin((c) => c.query(`drop database if exists ${db} with (force)`));
  await admin((c) => c.query(`create database ${db}`));
  scratch.push(db);
  await admin((c) => c.query('create table pgbench_ref (id bigserial primary key, activity_id uuid, user_id uuid, at timestamptz default now())'), db);
  const script = path.join(os.tmpdir(), `aixin-pgbench-${process.pid}.sql`);
  fs.writeFileSync(script, 'insert into pgbench_ref (activity_id, user_id) values (gen_random_uuid(), gen_random_uuid());\n');
  const out = sh('pgbench', ['-n', '-c', String(CONNECTIONS), '-j', '2', '-T', String(SECONDS), '-f', script, urlFor(db)]);
  return Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? 0);
}

async function main() {
  const t0 = Date.now();
  let dbUrl = baseUrl!;
  if (SMOKE) {
    console.log('▶ smoke: a small scratch city');
    dbUrl = await seededScratch(`aixin_bench_smoke_${process.pid}`, 'smoke');
  }
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const people = Number((await db.query('select count(*)::int as n from users')).rows[0].n);
  // the planner's estimate, summed over the year partitions (a partitioned parent has none of its own)
  const attendanceRows = Number(
    (await db.query(`select coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint as n from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'attendance'::regclass`)).rows[0].n,
  );
  if (people === 0) throw new Error('the database holds nobody: seed it first (npx aixin bench seed)');
  const N = SMOKE ? 200 : 2000;
  const k = await cast(db, N * 3);
  if (SOAK) return runSoak(dbUrl, db, k, people, t0);
  console.log(`▶ ${people} people, ~${attendanceRows} attendance rows; pgbench reference …`);
  const ref = await pgbenchReference();
  console.log(`  pgbench single-row insert: ${Math.round(ref)} tps (${CONNECTIONS} clients)`);
  const pct = (rate: number) => (ref ? (rate / ref) * 100 : 0);

  const server = await startServer({ DATABASE_URL: dbUrl, AIXIN_SECRET: SECRET, ...(REPLICA ? { DATABASE_REPLICA_URL: REPLICA, AIXIN_METRICS: '1' } : {}), ...(WORKERS > 1 ? { AIXIN_WORKERS: String(WORKERS) } : {}) });
  const api = `${server.url}/api/v1`;
  try {
    // first check-ins and repeat scans
    if (wanted('checkin')) {
      const vols = k.volunteers.slice(0, N);
      const act = await runningActivity(db, k, vols);
      const token = await checkinToken(server, k, act);
      server.resetPeak();
      const body = { token, lat: 35.4986, lng: 112.8601 };
      const reqs: LoadRequest[] = vols.map((v) => ({ method: 'POST', path: `/api/v1/activities/${act}/checkin`, cookie: v.cookie, csrf: v.csrf, body }));
      const first = await runLoad<LoadResult>({ url: server.url, connections: CONNECTIONS, amount: reqs.length, requests: reqs });
      const rows = Number((await db.query('select count(*)::int as n from attendance where activity_id = $1', [act])).rows[0].n);
      record(server, 'checkin_first', `first check-in, ${N} volunteers, ${CONNECTIONS} connections`, first, '≥ 15 % of pgbench, p99 < 50 ms', pct(first.rate) >= 15 && first.p99 < 50, `${pct(first.rate).toFixed(1)} % of pgbench; ${rows} attendance rows written`);
      server.resetPeak();
      const repeat = await runLoad<LoadResult>({ url: server.url, connections: CONNECTIONS, duration: SECONDS, requests: reqs });
      record(server, 'checkin_repeat', 'repeat scan (answers the attendance already made)', repeat, '≥ 30 % of pgbench', pct(repeat.rate) >= 30, `${pct(repeat.rate).toFixed(1)} % of pgbench`);
      // concurrent retries of the same scan write one attendance each
      const twice = k.volunteers.slice(N, N + Math.min(500, N));
      const act2 = await runningActivity(db, k, twice);
      const token2 = await checkinToken(server, k, act2);
      const retried = await runLoad<LoadResult>({
        url: server.url,
        connections: CONNECTIONS,
        amount: twice.length * 2,
        repeatEach: 2,
        requests: twice.map((v) => ({ method: 'POST', path: `/api/v1/activities/${act2}/checkin`, cookie: v.cookie, csrf: v.csrf, body: { token: token2, lat: 35.4986, lng: 112.8601 } })),
      });
      const dup = Number((await db.query('select count(*) - count(distinct user_id) as n from attendance where activity_id = $1', [act2])).rows[0].n);
      const made = Number((await db.query('select count(*)::int as n from attendance where activity_id = $1', [act2])).rows[0].n);
      record(server, 'checkin_retried', `each of ${twice.length} scans sent twice at once`, retried, 'no duplicate attendance', dup === 0 && made === twice.length, `${made} rows for ${twice.length} people, ${dup} duplicates`);
    }

    if (wanted('signup')) {
      const vols = k.volunteers.slice(0, N);
      const act = await runningActivity(db, k, [], { capacity: Math.floor(N / 2), signUp: false });
      // on a future day of its own: a rerun must not meet the sign-ups of the run before (overlapping sign-ups are refused)
      const inDays = 3 + Math.floor(Math.random() * 600);
      await db.query(`update activities set starts_at = now() + interval '${inDays} days', ends_at = now() + interval '${inDays} days 3 hours' where id = $1`, [act]);
      server.resetPeak();
      const load = await runLoad<LoadResult>({ url: server.url, connections: CONNECTIONS, amount: vols.length, requests: vols.map((v) => ({ method: 'POST', path: `/api/v1/activities/${act}/signups`, cookie: v.cookie, csrf: v.csrf, body: {} })) });
      const counts = (await db.query(`select status, count(*)::int as n from signups where activity_id = $1 group by status order by status`, [act])).rows.map((r) => `${r.status} ${r.n}`).join(', ');
      const placed = (await db.query(`select count(*)::int as n from signups where activity_id = $1 and status in ('confirmed', 'waitlisted')`, [act])).rows[0].n as number;
      // every request must have been placed (confirmed or waitlisted): refusals are not throughput
      record(server, 'signup', `sign-up with eligibility, capacity ${Math.floor(N / 2)} and waitlist`, load, '≥ 10 % of pgbench, every one placed', pct(load.rate) >= 10 && placed === vols.length, `${pct(load.rate).toFixed(1)} % of pgbench; ${counts || 'none placed'}`);
    }

    if (wanted('transfer')) {
      // pairs of verified relatives among the busiest (they have points): family transfers across the city
      const givers = k.busiest.slice(0, Math.min(100, k.busiest.length));
      const takers = k.volunteers.slice(0, givers.length);
      for (const [i, g] of givers.entries()) {
        await db.query(`insert into relatives (id, city_code, user_id, relative_user_id, relation, status, verified_by, verified_at, created_at) values ($1, '1405', $2, $3, 'child', 'verified', $4, now(), now()) on conflict do nothing`, [crypto.randomUUID(), g.userId, takers[i]!.userId, k.districtAdmin.userId]);
      }
      server.resetPeak();
      const load = await runLoad<LoadResult>({
        url: server.url,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: givers.map((g, i) => ({ method: 'POST', path: '/api/v1/transfers', cookie: g.cookie, csrf: g.csrf, body: { toUserId: takers[i]!.userId, ledger: 'points', amount: 1, memo: '压测', idempotencyKey: `bench-${process.pid}-{n}` } })),
      });
      const verify = sh(process.execPath, ['bin/aixin.js', 'ledger', 'verify', '--city', '1405'], { DATABASE_URL: dbUrl, AIXIN_SECRET: SECRET });
      const ok = verify.includes('✔');
      record(server, 'transfer', 'family transfers among 100 pairs across the city', load, '≥ 10 % of pgbench, chain kept, ledger verify passes', pct(load.rate) >= 10 && ok, `${pct(load.rate).toFixed(1)} % of pgbench; ledger verify ${ok ? 'passed' : 'FAILED'}`);
    }

    if (wanted('settle')) {
      const vols = k.volunteers.slice(0, N);
      const act = await runningActivity(db, k, vols);
      // on a past day of its own, so that a rerun does not meet the daily cap of the run before (and credits as much)
      const daysAgo = 2 + Math.floor(Math.random() * 300);
      const ago = (hours: number) => `now() - interval '${daysAgo} days ${hours} hours'`;
      await db.query(`update activities set starts_at = ${ago(3)}, ends_at = ${ago(1)} where id = $1`, [act]);
      for (let i = 0; i < vols.length; i += 1000) {
        const chunk = vols.slice(i, i + 1000);
        const values: unknown[] = [];
        const rows = chunk.map((v, j) => {
          values.push(crypto.randomUUID(), act, v.userId);
          return `($${j * 3 + 1}, '1405', $${j * 3 + 2}, $${j * 3 + 3}, ${ago(3)}, ${ago(1)}, 35.4985, 112.86, 5, 35.4985, 112.86, 5, ${ago(3)})`;
        });
        await db.query(`insert into attendance (id, city_code, activity_id, user_id, checkin_at, checkout_at, checkin_lat, checkin_lng, checkin_distance_meters, checkout_lat, checkout_lng, checkout_distance_meters, created_at) values ${rows.join(', ')}`, values);
      }
      const givers = k.busiest.slice(0, 50);
      server.resetPeak();
      // other transfers of the city go on during the settlement: their worst latency is what it blocks
      const background = runLoad<LoadResult>({
        url: server.url,
        connections: 4,
        duration: SMOKE ? 3 : 8,
        requests: givers.map((g) => ({ method: 'POST', path: '/api/v1/donations', cookie: g.cookie, csrf: g.csrf, body: { ledger: 'points', amount: 1, idempotencyKey: `bench-bg-${process.pid}-{n}` } })),
      });
      await new Promise((r) => setTimeout(r, 1000));
      const t = performance.now();
      const res = await fetch(`${api}/activities/${act}/settle`, { method: 'POST', headers: { cookie: k.orgAdmin.cookie, 'x-csrf-token': k.orgAdmin.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ entries: vols.map((v) => ({ userId: v.userId })) }) });
      const ms = performance.now() - t;
      const text = await res.text();
      const bg = await background;
      const credited = Number((await db.query(`select count(*)::int as n from service_records where activity_id = $1 and points > 0`, [act])).rows[0].n);
      results.push({ name: 'settle', what: `settle an activity of ${N} volunteers (one request)`, seconds: ms / 1000, target: '< 3 s', met: res.ok && ms < 3000, rssMb: server.rss().peakMb, errors: res.ok ? 0 : 1, note: `${res.status}; ${credited} records credited${res.ok ? '' : ' ' + text.slice(0, 200)}` });
      console.log(`  settle: ${res.status} in ${Math.round(ms)} ms, ${credited} credited`);
      record(server, 'settle_blocking', 'donations by 4 connections while it settles (their worst latency)', bg, 'worst < 50 ms more than usual', bg.max - bg.p50 < 50, `worst ${bg.max} ms, median ${bg.p50} ms`);
    }

    const read = async (name: string, what: string, reqs: LoadRequest[], target = 'p50 < 20 ms, p99 < 50 ms', limit = { p50: 20, p99: 50 }, connections = READ_CONNECTIONS) => {
      if (!wanted(name)) return;
      server.resetPeak();
      const load = await runLoad<LoadResult>({ url: server.url, connections, duration: SECONDS, requests: reqs });
      record(server, name, what, load, target, load.p50 < limit.p50 && load.p99 < limit.p99);
    };
    await read('passbook', 'a volunteer’s passbook page (the 200 longest)', k.busiest.map((v) => ({ method: 'GET', path: '/api/v1/me/passbook?page=1&pageSize=20', cookie: v.cookie })));
    await read('records', 'a volunteer’s records page (the 200 longest)', k.busiest.map((v) => ({ method: 'GET', path: '/api/v1/me/service-records?page=1&pageSize=20', cookie: v.cookie })));
    await read('volunteers_list', `the volunteer list of district ${k.district}, first pages`, [1, 2, 3].map((p) => ({ method: 'GET', path: `/api/v1/volunteers?regionCode=${k.district}&page=${p}&pageSize=20`, cookie: k.districtAdmin.cookie })));
    await read(
      'console_home',
      'the console home’s counts for the city admin (each list’s total)',
      [
        '/api/v1/me',
        '/api/v1/activities?status=pending_review&page=1&pageSize=1',
        '/api/v1/orgs?status=pending&page=1&pageSize=1',
        '/api/v1/service-requests?scope=queue&status=ordered&page=1&pageSize=1',
        '/api/v1/service-requests?scope=queue&overdue=true&page=1&pageSize=1',
        '/api/v1/relatives?status=pending&page=1&pageSize=1',
        '/api/v1/wishes?status=delivered&regionCode=140500&page=1&pageSize=1',
        '/api/v1/activities/settlements-due?withinWorkingDays=3&page=1&pageSize=1',
      ].map((p) => ({ method: 'GET', path: p, cookie: k.cityAdmin.cookie })),
    );
    // the published figures (anyone) and the office's (the city admin: with the work in hand), from the rollups
    const figures = (paths: string[]): LoadRequest[] => [...paths.map((p) => ({ method: 'GET' as const, path: p })), ...paths.slice(0, 2).map((p) => ({ method: 'GET' as const, path: p, cookie: k.cityAdmin.cookie }))];
    await read(
      'stats_overview',
      'the figures of the city and a district, all time and for periods cutting months',
      figures(['/api/v1/stats/overview', `/api/v1/stats/overview?regionCode=${k.district}`, `/api/v1/stats/overview?regionCode=${k.district}&from=2025-01-01&to=2025-12-31`, '/api/v1/stats/overview?from=2024-03-15&to=2025-06-10']),
    );
    await read(
      'stats_breakdown',
      'the figures by month (five years), by category and by child region, city and district',
      figures([
        '/api/v1/stats/breakdown?by=month',
        `/api/v1/stats/breakdown?regionCode=${k.district}&by=region`,
        '/api/v1/stats/breakdown?by=region',
        `/api/v1/stats/breakdown?regionCode=${k.district}&by=category&from=2025-01-01&to=2025-12-31`,
        '/api/v1/stats/breakdown?by=month&from=2024-03-15&to=2025-06-10',
      ]),
    );
    // the rankings (排行榜) from their rollup: top 20 by an index scan; my place by one count on the same index
    await read(
      'rankings_top',
      'the top 20 volunteers (city, district, organisation) and teams, by hours, points and participations, for a year and a month',
      [
        '/api/v1/rankings?period=year&year=2025&metric=hours',
        `/api/v1/rankings?regionCode=${k.district}&period=month&year=2026&month=11&metric=points`,
        '/api/v1/rankings?kind=teams&period=year&year=2025&metric=participations',
        `/api/v1/rankings?orgId=${k.orgId}&period=year&year=2026&metric=hours`,
        `/api/v1/rankings?regionCode=${k.district}&kind=teams&period=month&year=2026&month=10&metric=hours`,
      ].map((p) => ({ method: 'GET' as const, path: p })),
    );
    await read(
      'rankings_me',
      'a volunteer’s own place in the city this year and in the district last month (2,000 volunteers)',
      k.volunteers.flatMap((v) => [
        { method: 'GET' as const, path: '/api/v1/me/rankings?period=year&year=2026', cookie: v.cookie },
        { method: 'GET' as const, path: `/api/v1/me/rankings?regionCode=${k.district}&period=month&year=2026&month=11&metric=participations`, cookie: v.cookie },
      ]),
    );
    // the public portal's home (anyone): the figures, the top volunteers and the next activities of the city and a district
    await read(
      'portal',
      'the portal home, anonymous: figures, the year’s top 20 and the next 3 activities, city and district',
      ['', `regionCode=${k.district}`].flatMap((r) => [
        { method: 'GET' as const, path: `/api/v1/stats/overview${r ? '?' + r : ''}` },
        { method: 'GET' as const, path: `/api/v1/rankings?${r ? r + '&' : ''}period=year&metric=hours&limit=20` },
        { method: 'GET' as const, path: `/api/v1/activities?${r ? r + '&' : ''}pageSize=3` },
      ]),
    );
    if (REPLICA && wanted('replica_lag')) await replicaLag(server, db, k);
    // one document's time: one at a time (with 8 at once, p50 is 8 documents queued on one core)
    await read('passbook_pdf', 'a passbook as PDF (CJK font), one request at a time', k.busiest.slice(0, 50).map((v) => ({ method: 'GET', path: '/api/v1/me/passbook.pdf', cookie: v.cookie })), 'p50 < 30 ms', { p50: 30, p99: 10_000 }, 1);
    servedLine = await servedBy(server);
    if (servedLine) console.log(`  reads served: ${servedLine}`);
  } finally {
    const out = server.output();
    await server.stop();
    await db.end();
    if (/error/i.test(out) && SMOKE) console.log(out.slice(-3000));
  }

  const maxRss = Math.max(...results.map((r) => r.rssMb));
  results.push({ name: 'rss', what: 'the server’s peak resident memory over every case', target: '< 300 MB', met: maxRss < 300, rssMb: maxRss, errors: 0 });
  const table = report(ref, people, attendanceRows);
  console.log('\n' + table);
  if (WRITE) writeResults(table);
  const failed = results.filter((r) => r.errors > 0);
  console.log(`\n${results.filter((r) => r.met).length}/${results.filter((r) => r.met !== null).length} targets met, ${failed.length} case(s) with errors, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (SMOKE && failed.length) process.exitCode = 1;
}

let servedLine = '';

/** Where the server read (its /metrics: aixin_reads_total, only with a replica). */
async function servedBy(server: BenchServer): Promise<string> {
  const text = await (await fetch(`${server.url}/metrics`)).text().catch(() => '');
  const counts = [...text.matchAll(/^aixin_reads_total\{served_by="(\w+)",reason="([\w-]+)"\} (\d+)/gm)].filter((m) => m[3] !== '0');
  return counts.map((m) => `${m[1]}${m[1] === m[2] ? '' : ` (${m[2]})`} ${Number(m[3]).toLocaleString('en')}`).join(', ');
}

/**
 * The replica's lag under a write load: donations by 50 volunteers (each a ledger transfer on the
 * city's chain) for the case's seconds, with the portal read by 8 connections meanwhile; the
 * primary's pg_stat_replication sampled every 100 ms (bytes not yet replayed, replay_lag).
 */
async function replicaLag(server: BenchServer, db: pg.Client, k: Cast) {
  const givers = k.busiest.slice(0, 50);
  const samples: Array<{ bytes: number; ms: number | null }> = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const r = await db.query(`select pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::float8 as bytes, (extract(epoch from replay_lag) * 1000)::float8 as ms from pg_stat_replication where state = 'streaming' limit 1`);
      if (r.rows[0]) samples.push({ bytes: Number(r.rows[0].bytes), ms: r.rows[0].ms === null ? null : Number(r.rows[0].ms) });
      await new Promise((res) => setTimeout(res, 100));
    }
  })();
  server.resetPeak();
  const [writes, reads] = await Promise.all([
    runLoad<LoadResult>({
      url: server.url,
      connections: 8,
      duration: SECONDS,
      requests: givers.map((g) => ({ method: 'POST', path: '/api/v1/donations', cookie: g.cookie, csrf: g.csrf, body: { ledger: 'points', amount: 1, idempotencyKey: `bench-lag-${process.pid}-{n}` } })),
    }),
    runLoad<LoadResult>({
      url: server.url,
      connections: READ_CONNECTIONS,
      duration: SECONDS,
      requests: ['/api/v1/stats/overview', '/api/v1/rankings?period=year&metric=hours&limit=20', '/api/v1/activities?pageSize=3'].map((p) => ({ method: 'GET' as const, path: p })),
    }),
  ]);
  sampling = false;
  await sampler;
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const pick = (xs: number[], q: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]! : 0);
  const bytes = sorted(samples.map((x) => x.bytes));
  const ms = sorted(samples.map((x) => x.ms).filter((x): x is number => x !== null));
  const note = `${samples.length} samples: not yet replayed p50 ${Math.round(pick(bytes, 0.5) / 1024)} kB, max ${Math.round((bytes.at(-1) ?? 0) / 1024)} kB; replay_lag p50 ${pick(ms, 0.5).toFixed(1)} ms, p99 ${pick(ms, 0.99).toFixed(1)} ms, max ${(ms.at(-1) ?? 0).toFixed(1)} ms`;
  record(server, 'replica_lag_writes', 'donations by 50 volunteers, 8 connections, while the portal is read', writes, 'replica lag p99 < 1 s', pick(ms, 0.99) < 1000, note);
  record(server, 'replica_lag_reads', 'the portal read by 8 connections during those writes (from the replica)', reads, 'p50 < 20 ms, p99 < 50 ms', reads.p50 < 20 && reads.p99 < 50);
}

/** `--soak 10m`: the mixed load at a fixed rate for the duration, a window a minute (bench/soak.ts). */
async function runSoak(dbUrl: string, db: pg.Client, k: Cast, people: number, t0: number) {
  const seconds = parseDuration(SOAK);
  const rate = Number(option('rate', String(SOAK_RATE)));
  console.log(`▶ soak: ${people} people, ${seconds} s at ${rate} req/s`);
  const server = await startServer({ DATABASE_URL: dbUrl, AIXIN_SECRET: SECRET, ...(WORKERS > 1 ? { AIXIN_WORKERS: String(WORKERS) } : {}) });
  let outcome;
  try {
    outcome = await soak(server, db, k, seconds, rate, (l) => console.log(l));
  } finally {
    await server.stop();
    await db.end();
  }
  const header = [
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.`,
    `Database: ${people.toLocaleString('en')} people. Command: \`BENCH_DATABASE_URL=… npm run bench -- ${args.join(' ')}\` (the server in its own process, each minute's load from its own process).`,
  ].join('\n');
  const table = soakReport(outcome, header);
  console.log('\n' + table);
  if (WRITE) {
    const file = path.join(ROOT, 'bench/RESULTS.md');
    const text = fs.readFileSync(file, 'utf8');
    const start = '<!-- bench:soak:start -->';
    const end = '<!-- bench:soak:end -->';
    const block = `${start}\n${table}\n${end}`;
    fs.writeFileSync(file, text.includes(start) ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${text.trimEnd()}\n\n## Soak (\`npm run bench -- --soak 10m\`)\n\n${block}\n`);
    console.log('written to bench/RESULTS.md');
  }
  console.log(`\nsoak ${outcome.passed ? 'passed' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (!outcome.passed) process.exitCode = 1;
}

function machine(): string {
  const cpus = os.cpus();
  let pgVersion = '';
  try {
    pgVersion = sh('psql', ['-tAc', 'show server_version', urlFor('postgres')]).trim();
  } catch {
    pgVersion = '?';
  }
  return `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion}, load average before the run ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;
}

function report(ref: number, people: number, attendance: number): string {
  const fmt = (v: number | undefined, d = 0) => (v === undefined ? '—' : v.toFixed(d));
  const lines = [
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.`,
    `Database: ${people.toLocaleString('en')} people, ~${attendance.toLocaleString('en')} attendance rows. Reference: pgbench single-row insert, ${CONNECTIONS} clients, ${SECONDS} s: **${Math.round(ref)} tps**.`,
    `Command: \`${REPLICA ? 'BENCH_REPLICA_URL=… ' : ''}BENCH_DATABASE_URL=… npm run bench${args.length ? ' -- ' + args.join(' ') : ''}\` (the server in its own process, the load from another; ${CONNECTIONS} connections for writes, ${READ_CONNECTIONS} for reads).`,
    ...(REPLICA ? [`Reads from a streaming replica (DATABASE_REPLICA_URL); served: ${servedLine || '—'}.`] : []),
    '',
    '| case | what | req/s | % of pgbench | p50 ms | p99 ms | peak RSS MB | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((r) =>
      [
        r.name,
        r.what + (r.note ? ` (${r.note})` : ''),
        r.rate !== undefined ? fmt(r.rate) : r.seconds !== undefined ? `${r.seconds.toFixed(2)} s` : '—',
        r.rate !== undefined && ref ? `${((r.rate / ref) * 100).toFixed(1)} %` : '—',
        fmt(r.p50),
        fmt(r.p99),
        String(r.rssMb),
        r.target,
        r.met === null ? '—' : r.met ? 'yes' : '**no**',
      ].join(' | '),
    ).map((l) => `| ${l} |`),
  ];
  return lines.join('\n');
}

function writeResults(table: string) {
  const file = path.join(ROOT, 'bench/RESULTS.md');
  const text = fs.readFileSync(file, 'utf8');
  const start = `<!-- bench:${BLOCK}:start -->`;
  const end = `<!-- bench:${BLOCK}:end -->`;
  const block = `${start}\n${table}\n${end}`;
  const next = text.includes(start)
    ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block)
    : BLOCK === 'run'
      ? text.replace('# Benchmark results\n', `# Benchmark results\n\n## City scale (\`npm run bench\`)\n${block}\n`)
      : `${text.trimEnd()}\n\n### ${BLOCK}\n\n${block}\n`;
  fs.writeFileSync(file, next);
  console.log(`written to bench/RESULTS.md`);
}

try {
  await main();
} finally {
  for (const name of scratch) await admin((c) => c.query(`drop database if exists ${name} with (force)`)).catch(() => undefined);
}
