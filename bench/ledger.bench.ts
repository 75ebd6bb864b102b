/**
 * Ledger throughput: posted transfers per second through `transfer()` (the full path: chain
 * head lock, idempotency lookup, two account locks in id order, compare-and-set, hash, insert).
 *
 *   npx tsx bench/ledger.bench.ts                       # PGlite in memory
 *   TEST_DATABASE_URL=postgres://… npx tsx bench/ledger.bench.ts   # also PostgreSQL (a scratch database is made and dropped)
 *
 * Bounded in time: each case runs for BENCH_SECONDS (default 5) seconds.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { openDatabase, type Database } from '../server/src/db/client';
import { systemClock } from '../server/src/lib/clock';
import type { AppContext } from '../server/src/context';
import { transfer, verifyLedger } from '../server/src/modules/ledger/index';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ACCOUNTS = 64;

function contextFor(database: Database): AppContext {
  // the ledger's transfer path reads only db and clock
  return { db: database.db, engine: database.engine, clock: systemClock, log: pino({ level: 'silent' }) } as unknown as AppContext;
}

/** Escrow accounts of made-up regions, funded from issuance: the ring's members. */
async function setup(ctx: AppContext, cityRegion: string) {
  const members = Array.from({ length: ACCOUNTS }, (_, i) => ({ system: 'escrow' as const, regionCode: `1405${String(i).padStart(2, '0')}` }));
  for (const m of members) {
    await transfer(ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: cityRegion }, to: m, amount: 1_000_000, code: 'adjustment', actorId: null, idempotencyKey: `bench-fund-${m.regionCode}-${crypto.randomUUID()}` });
  }
  return members;
}

async function run(label: string, ctx: AppContext, workers: number) {
  const members = await setup(ctx, '140500');
  const deadline = Date.now() + SECONDS * 1000;
  let done = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const a = (w * 7 + i) % ACCOUNTS;
        const b = (a + 1 + (i % 5)) % ACCOUNTS;
        await transfer(ctx, null, { ledger: 'points', from: members[a]!, to: members[b]!, amount: 1 + (i % 9), code: 'adjustment', actorId: null, idempotencyKey: `bench-${w}-${i}-${crypto.randomUUID()}` });
        done++;
      }
    }),
  );
  const secs = (Date.now() - started) / 1000;
  const t0 = Date.now();
  const v = await verifyLedger(ctx.db);
  const verifyMs = Date.now() - t0;
  const line = `${label.padEnd(28)} workers=${String(workers).padStart(2)}  transfers=${String(done).padStart(6)}  ${(done / secs).toFixed(0).padStart(5)}/s  verify(${v.transfers} rows)=${verifyMs} ms ok=${v.ok}`;
  console.log(line);
  return line;
}

async function main() {
  const lines: string[] = [];
  {
    const database = await openDatabase({ memory: true });
    await database.migrate();
    lines.push(await run('PGlite (in memory)', contextFor(database), 1));
    await database.close();
  }
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const made: string[] = [];
    try {
      for (const workers of [1, 8, 32]) {
        // a fresh database per case, so each starts from the same state
        const name = `aixin_bench_${crypto.randomBytes(4).toString('hex')}`;
        await admin.query(`CREATE DATABASE ${name}`);
        made.push(name);
        const u = new URL(url);
        u.pathname = '/' + name;
        const database = await openDatabase({ databaseUrl: u.toString(), poolSize: Math.max(workers, 2) });
        await database.migrate();
        lines.push(await run('PostgreSQL (one chain)', contextFor(database), workers));
        await database.close();
      }
    } finally {
      for (const name of made) await admin.query(`DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
      await admin.end();
    }
  }
  console.log(`\n${lines.length} cases, ${SECONDS} s each, ${new Date().toISOString()}`);
}

await main();
