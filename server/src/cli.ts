import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { pino } from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { loadConfig, missingEmbeddedDatabase } from './config';
import { makeContext, type AppContext } from './context';
import pg from 'pg';
import { openDatabase, grantRuntimeRole } from './db/client';
import { reportFailure } from './lib/plain-failure';
import { AppError } from './lib/app-error';
import { sharedSecretWarning } from './modules/setup/index';
import { CliRefusal, ENVIRONMENT_HELP, bar, fieldLines, packageVersion, progress, readBytes, readInput, regionCsvRefusal } from './cli-support';
import { RegionCode } from '@shared/schemas/common';
import { systemClock } from './lib/clock';
import { importRegions, parseRegionCsv } from './modules/regions/index';
import { loadDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from './modules/demo/index';
import { createAdmin, ensureRegions } from './bootstrap';
import { isValidPhone } from '@shared/lib/phone';
import { archivedYearList, archiveYear, createAnchorKeyPair, currentHeads, expirePending, loadAnchorKeys, parseAnchors, signHeads, verifyArchive, verifyLedger } from './modules/ledger/index';
import { startVolunteerImport, waitForImport } from './modules/volunteers/index';
import { grantJobSchema, installJobSchema, PGBOSS_SCHEMA } from './jobs/pg-boss';
import './jobs/index';
import { METRICS, rebuildStats } from './modules/stats/index';
import { rebuildStarHours } from './modules/honours/index';
import { rebuildRankings } from './modules/rankings/index';
import { rootRegionCode } from './modules/regions/index';
import { systemActor, type Actor } from './context';
import { registerBackupCommands } from './cli-backup';

const debug = /^(debug|trace)$/.test(process.env.AIXIN_LOG_LEVEL ?? '');

/**
 * `aixin` — the command line. Every command opens the database itself (no server needed). With
 * `existing`, a command that only reads refuses an embedded data folder holding no database
 * instead of creating an empty one.
 */
async function withContext<T>(fn: (ctx: AppContext) => Promise<T>, opts: { migrate?: boolean; existing?: boolean; asOwner?: boolean } = {}): Promise<T> {
  if (opts.existing) {
    const missing = missingEmbeddedDatabase();
    if (missing)
      throw new CliRefusal(
        `${missing} 里没有数据库（AIXIN_DATA_DIR）：请指向服务器的数据目录，或用 DATABASE_URL 指定 PostgreSQL / ` +
          `no database in ${missing} (AIXIN_DATA_DIR): point AIXIN_DATA_DIR at the server's data folder, or DATABASE_URL at its PostgreSQL. Nothing was created.`,
      );
  }
  const config = loadConfig();
  const secretWarning = sharedSecretWarning(config);
  if (secretWarning) console.warn(`⚠ ${secretWarning}`);
  const log = pino({ level: process.env.AIXIN_LOG_LEVEL ?? 'warn' }) as unknown as FastifyBaseLogger;
  // a command that changes the schema (detaching a year's partitions) connects as its owner
  const databaseUrl = opts.asOwner ? (config.databaseOwnerUrl ?? config.databaseUrl) : config.databaseUrl;
  const database = await openDatabase({ databaseUrl, dataDir: config.dataDir, ownerUrl: config.databaseOwnerUrl });
  try {
    if (opts.migrate !== false) await database.migrate();
    return await fn(makeContext(config, database, systemClock, log));
  } finally {
    await database.close();
  }
}

/**
 * A rebuild recounts the service records that are in the database: once a year was archived it
 * would drop that year from the figures, rankings and star hours (they are kept, not recounted,
 * otherwise), so it is refused with the years named.
 */
async function refuseRebuildAfterArchive(ctx: AppContext): Promise<void> {
  const years = await archivedYearList(ctx.db);
  if (years.length) {
    throw new CliRefusal(
      `已归档的年度（${years.join('、')}）的服务记录不在数据库里，重算会把它们从统计、排行和星级时长中去掉，已拒绝 / ` +
        `the service records of the archived year(s) ${years.join(', ')} are not in the database: a rebuild would drop them from the figures, rankings and star hours. Refused; nothing changed.`,
    );
  }
}

/** A region code option, refused with the option's name and why. */
function regionOption(value: string | undefined, option = '--region'): void {
  if (value === undefined) return;
  const r = RegionCode.safeParse(value);
  if (!r.success) throw new CliRefusal(`${option}: ${r.error.issues[0]?.message ?? 'not a region code'} (got "${value}")`);
}

export function buildCli(): Command {
  const program = new Command();
  program
    .name('aixin')
    .description('Aixin 爱心 — volunteer service and time bank: command line')
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError()
    .addHelpText('after', ENVIRONMENT_HELP);

  program
    .command('migrate')
    .description('apply the database migrations (the server also does this on start)')
    .action(async () => {
      await withContext(async (ctx) => {
        // pg-boss's schema and queues too (the job queue on PostgreSQL), as the same role
        if (ctx.engine === 'postgres') await installJobSchema(ctx.config.databaseOwnerUrl ?? ctx.config.databaseUrl!);
        console.log(`migrations applied (${ctx.engine})`);
      });
    });

  const dbCmd = program.command('db').description('the PostgreSQL database');
  dbCmd
    .command('grant-runtime')
    .description('as the schema owner (DATABASE_OWNER_URL, else DATABASE_URL), grant a runtime role rows only: no DDL, no trigger changes, append-only tables closed to UPDATE/DELETE')
    .requiredOption('--role <name>', 'the PostgreSQL role the server connects as (DATABASE_URL)')
    .action(async (o: { role: string }) => {
      const config = loadConfig();
      const url = config.databaseOwnerUrl ?? config.databaseUrl;
      if (!url) {
        console.error('✖ grant-runtime needs PostgreSQL: set DATABASE_OWNER_URL (or DATABASE_URL) to a connection as the schema owner');
        process.exitCode = 2;
        return;
      }
      const conn = new pg.Client({ connectionString: url });
      await conn.connect();
      try {
        const appendOnly = await grantRuntimeRole(conn, o.role);
        const jobs = (await conn.query(`select 1 from information_schema.schemata where schema_name = $1`, [PGBOSS_SCHEMA])).rowCount;
        if (jobs) await grantJobSchema({ executeSql: (text, values) => conn.query(text, values) }, o.role);
        console.log(`granted ${o.role}: rows of every table; append-only: ${appendOnly.join(', ')}${jobs ? `; the job queue (${PGBOSS_SCHEMA})` : ''}`);
      } finally {
        await conn.end();
      }
    });

  program
    .command('demo')
    .description('load the demo city 晋城市 with one account for each role (idempotent)')
    .action(async () => {
      await withContext(async (ctx) => {
        const r = await loadDemo(ctx);
        console.log(r.created ? 'demo city loaded' : 'demo city was already loaded');
        console.log(`accounts (password ${DEMO_PASSWORD}):`);
        for (const a of DEMO_ACCOUNTS) console.log(`  ${a.phone}  ${a.name}  ${a.role}`);
      });
    });

  const admin = program.command('admin').description('administrators');
  admin
    .command('create')
    .description('create a region admin (at the root region unless --region is given); an existing account is granted the role')
    .requiredOption('--phone <phone>', 'mobile number (login)')
    .requiredOption('--password <password>', 'password, at least 8 characters')
    .option('--name <name>', 'real name', '管理员')
    .option('--region <code>', 'region code of the admin’s scope (default: the root region)')
    .option('--id-number <idNumber>', '身份证号 (optional for staff accounts)')
    .action(async (o: { phone: string; password: string; name: string; region?: string; idNumber?: string }) => {
      if (!isValidPhone(o.phone)) throw new CliRefusal(`--phone: not a mainland mobile number (11 digits starting with 1) (got "${o.phone}")`);
      if (o.password.length < 8) throw new CliRefusal('--password: at least 8 characters');
      regionOption(o.region);
      await withContext(async (ctx) => {
        await ensureRegions(ctx);
        const r = await createAdmin(ctx, { phone: o.phone, password: o.password, name: o.name, regionCode: o.region, idNumber: o.idNumber });
        console.log(`${r.existed ? 'granted' : 'created'} region admin ${o.phone} at region ${r.regionCode}`);
      });
    });

  const regions = program.command('regions').description('the administrative division tree');
  regions
    .command('import')
    .argument('<file>', 'CSV with columns code,name,parent_code[,lat,lng] (UTF-8, header optional)')
    .description('load or update a full division list; the whole file is checked first and nothing is written if any row is bad')
    .action(async (file: string) => {
      const text = readInput(file);
      const refusal = regionCsvRefusal(file, text);
      if (refusal) throw new CliRefusal(refusal);
      const rows = parseRegionCsv(text);
      await withContext(async (ctx) => {
        const bar = progress('regions');
        const r = await importRegions(ctx.db, rows, (done, total) => bar.update(done, total));
        bar.end();
        if (r.problems.length) {
          console.error(`✖ ${r.problems.length} bad row(s); nothing was imported:`);
          for (const p of [...r.problems].sort((x, y) => x.line - y.line).slice(0, 50)) console.error(`  line ${p.line} (${p.code}): ${p.reason}`);
          process.exitCode = 1;
          return;
        }
        console.log(`imported ${r.imported} regions`);
      });
    });

  const ledger = program.command('ledger').description('the time bank’s books');
  ledger
    .command('verify')
    .description('recompute every balance from the transfers, check each ledger sums to zero and every hash chain is intact')
    .option('--anchors <file>', 'also check the signed chain heads in this file (from `ledger anchor`): detects a rewrite since')
    .option('--key <file>', 'the anchor key (public, or the private one) that signed the anchors')
    .option('--city <code>', 'prove only this city (4-digit city code, e.g. 1405)')
    .action(async (o: { anchors?: string; key?: string; city?: string }) => {
      if (o.city !== undefined && !/^\d{4}$/.test(o.city)) {
        console.error(`✖ --city: a 4-digit city code such as 1405, not "${o.city}"`);
        process.exitCode = 2;
        return;
      }
      const anchors = o.anchors ? parseAnchors(readInput(o.anchors, '--anchors')) : undefined;
      const anchorKey = o.key ? loadAnchorKeys(readInput(o.key, '--key')).publicKey : undefined;
      if (anchors && !anchorKey) {
        console.error('✖ --anchors needs --key: the public key (or the private one) that signed them');
        process.exitCode = 2;
        return;
      }
      await withContext(async (ctx) => {
        const scope = o.city ? { kind: 'cities' as const, regionCode: null, cityCodes: [o.city] } : undefined;
        const r = await verifyLedger(ctx.db, { ...(scope ? { scope } : {}), ...(anchors ? { anchors } : {}), ...(anchorKey ? { anchorKey } : {}) });
        console.log(`${r.accounts} accounts, ${r.transfers} transfers checked${r.anchorsChecked !== undefined ? `, ${r.anchorsChecked} anchor(s)` : ''}`);
        for (const n of r.notes ?? []) console.log(`  note: ${n}`);
        if (r.ok) {
          console.log('✔ the books balance and every hash chain is intact');
          return;
        }
        console.error(`✖ ${r.problems.length} problem(s):`);
        for (const p of r.problems.slice(0, 50)) console.error(`  ${p.kind}: ${p.message}`);
        process.exitCode = 1;
      }, { existing: true });
    });
  ledger
    .command('anchor-key')
    .description('make an Ed25519 key pair for anchors; keep the private key away from the database and its owner')
    .requiredOption('--out <file>', 'where to write the private key (PEM, mode 600); the public key goes to <file>.pub')
    .action((o: { out: string }) => {
      if (fs.existsSync(o.out)) {
        console.error(`✖ ${o.out} exists: refusing to overwrite an anchor key`);
        process.exitCode = 2;
        return;
      }
      const k = createAnchorKeyPair();
      fs.writeFileSync(o.out, k.privatePem, { mode: 0o600, flag: 'wx' });
      fs.writeFileSync(`${o.out}.pub`, k.publicPem, { flag: 'wx' });
      console.log(`anchor key ${k.keyId}: private ${o.out}, public ${o.out}.pub`);
    });
  ledger
    .command('anchor')
    .description('sign the head of every hash chain with the anchor key and print one line per chain (keep them outside the database)')
    .requiredOption('--key <file>', 'the private anchor key (from `ledger anchor-key`)')
    .option('--append <file>', 'also append the lines to this file')
    .action(async (o: { key: string; append?: string }) => {
      const { privateKey } = loadAnchorKeys(readInput(o.key, '--key'));
      if (!privateKey) {
        console.error('✖ --key: a private key is needed to sign (this is a public key)');
        process.exitCode = 2;
        return;
      }
      await withContext(async (ctx) => {
        const now = ctx.clock.now();
        const lines = signHeads(await currentHeads(ctx.db, now), privateKey, now).map((a) => JSON.stringify(a));
        for (const l of lines) console.log(l);
        if (o.append && lines.length) fs.appendFileSync(o.append, lines.join('\n') + '\n');
        if (!lines.length) console.error('(no chains yet: nothing to anchor)');
      }, { existing: true });
    });
  ledger
    .command('archive')
    .description('move a past year out of the database: its transfers, service records and attendance into a gzip file of JSON lines, checked against the hash chains, then its partitions dropped')
    .requiredOption('--year <year>', 'the year to archive (China time); only a year that is over')
    .requiredOption('--out <file>', 'the archive file to write (refused if it exists)')
    .action(async (o: { year: string; out: string }) => {
      if (!/^\d{4}$/.test(o.year)) {
        console.error(`✖ --year: a year such as 2025, not "${o.year}"`);
        process.exitCode = 2;
        return;
      }
      await withContext(async (ctx) => {
        const r = await archiveYear(ctx.db, Number(o.year), path.resolve(o.out), ctx.clock.now());
        console.log(`archived ${r.year}: ${r.transfers} transfers, ${r.records} service records, ${r.attendance} attendance rows → ${r.file} (sha256 ${r.sha256})`);
        console.log('keep the file with your backups: `aixin ledger verify-archive` checks it against the chains at any time');
      }, { existing: true, asOwner: true });
    });
  ledger
    .command('verify-archive')
    .description('check a year archive against the hash chains kept in the database (changes nothing)')
    .argument('<file>', 'the archive file (from `ledger archive`)')
    .action(async (file: string) => {
      if (!fs.existsSync(file)) throw new CliRefusal(`${file}: no such file`);
      await withContext(async (ctx) => {
        const r = await verifyArchive(ctx.db, path.resolve(file));
        console.log(`${r.year ?? '?'}: ${r.transfers} transfers, ${r.records} service records, ${r.attendance} attendance rows`);
        if (r.ok) {
          console.log('✔ every transfer in the file matches its chain link');
          return;
        }
        console.error(`✖ ${r.problems.length} problem(s):`);
        for (const p of r.problems.slice(0, 50)) console.error(`  ${p}`);
        process.exitCode = 1;
      }, { existing: true });
    });
  ledger
    .command('expire')
    .description('expire pending transfers past their timeout (the server also does this every minute)')
    .action(async () => {
      await withContext(async (ctx) => {
        console.log(`expired ${await expirePending(ctx)} pending transfer(s)`);
      }, { existing: true });
    });

  const stats = program.command('stats').description('the figures kept by rollups');
  stats
    .command('rebuild')
    .description('recompute every rollup counter and every volunteer\'s service hours (star levels) from the base tables (an existing database, or after a bulk load)')
    .action(async () => {
      await withContext(async (ctx) => {
        await refuseRebuildAfterArchive(ctx);
        const t0 = Date.now();
        await rebuildStats(ctx);
        const people = await rebuildStarHours(ctx);
        const ranked = await rebuildRankings(ctx);
        console.log(`rebuilt ${METRICS.join(', ')}, the service hours of ${people} volunteer(s) (star levels) and ${ranked} ranking row(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }, { existing: true });
    });

  program
    .command('rankings')
    .description('the rankings (排行榜) kept by rollups')
    .command('rebuild')
    .description('recompute every ranking row (volunteers and teams, per year and month, per region and organisation) from the service records')
    .action(async () => {
      await withContext(async (ctx) => {
        await refuseRebuildAfterArchive(ctx);
        const t0 = Date.now();
        const rows = await rebuildRankings(ctx);
        console.log(`rebuilt ${rows} ranking row(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }, { existing: true });
    });

  const bench = program.command('bench').description('benchmark data');
  bench
    .command('seed')
    .description('fill an EMPTY PostgreSQL database (DATABASE_URL) with a city of data through COPY: volunteers, organisations, stations, five years of activities, records, ledger credits with their hash chain, redemptions')
    .option('--scale <scale>', 'city (400,000 volunteers, 5 million records), district (a tenth) or smoke (for CI)', 'district')
    .option('--summary <file>', 'where to write who the seeded staff and volunteers are (for npm run bench)', 'bench/.seed-summary.json')
    .action(async (o: { scale: string; summary: string }) => {
      if (o.scale !== 'city' && o.scale !== 'district' && o.scale !== 'smoke') {
        console.error(`✖ --scale: city, district or smoke, not "${o.scale}"`);
        process.exitCode = 2;
        return;
      }
      const config = loadConfig();
      if (!config.databaseUrl) {
        console.error('✖ bench seed writes with COPY into PostgreSQL: set DATABASE_URL to an empty database (createdb aixin_bench)');
        process.exitCode = 2;
        return;
      }
      const { seedCity, writeSummary } = await import('../../bench/seed/city');
      await withContext(async (ctx) => {
        await ensureRegions(ctx);
      });
      const tty = process.stdout.isTTY;
      let lastStep = '';
      let lastShown = 0;
      const t0 = Date.now();
      const summary = await seedCity({
        databaseUrl: config.databaseUrl,
        ownerUrl: config.databaseOwnerUrl,
        scale: o.scale,
        secret: config.secret,
        log: (line) => console.log(`${tty ? '\r\x1b[K' : ''}✔ ${line}`),
        progress: (step, done, total) => {
          const pct = total ? Math.floor((done / total) * 100) : 100;
          const secs = Math.round((Date.now() - t0) / 1000);
          if (tty) process.stdout.write(`\r\x1b[K${step} ${bar(done, total)} ${secs}s`);
          else if (step !== lastStep || pct >= lastShown + 10 || done === total) {
            console.log(`${step}: ${done}/${total} (${pct}%) ${secs}s`);
            lastShown = step !== lastStep ? 0 : pct - (pct % 10);
          }
          lastStep = step;
        },
      });
      if (tty) process.stdout.write('\n');
      await withContext(async (ctx) => {
        const t1 = Date.now();
        await rebuildStats(ctx);
        await rebuildStarHours(ctx);
        await rebuildRankings(ctx);
        console.log(`✔ figures: counters, star hours and rankings rebuilt from the base tables in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
      });
      writeSummary(o.summary, summary);
      console.log(`seeded the ${summary.scale} in ${summary.seconds.toFixed(0)} s: ${Object.entries(summary.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      console.log('prove it: npx aixin ledger verify');
    });

  registerBackupCommands(program);

  const imports = program.command('import').description('bulk imports');
  imports
    .command('volunteers')
    .argument('<file>', '.xlsx with the columns 姓名, 身份证号, 手机号, 所属社区, 技能, 服务类别')
    .requiredOption('--region <code>', 'the region the people belong to (community names are matched inside it)')
    .option('--skip-bad', 'write the good rows and report the bad ones (default: all or nothing)')
    .description('import volunteers: the whole file is checked first; people already registered are matched, not created twice')
    .action(async (file: string, o: { region: string; skipBad?: boolean }) => {
      regionOption(o.region);
      const buffer = readBytes(file);
      await withContext(async (ctx) => {
        await ensureRegions(ctx);
        const actor = { ...systemActor(), grants: [] as Actor['grants'] };
        const root = await rootRegionCode(ctx.db);
        actor.grants = root ? [{ id: 'cli', role: 'region_admin', regionCode: root, regionPath: `/${root}/`, orgId: null, stationId: null }] : [];
        const started = Date.now();
        // the import runs in this process (its job queue is in-process here); its row says when it is finished
        const { job } = await startVolunteerImport(ctx, actor, { regionCode: o.region, mode: o.skipBad ? 'skip_bad' : 'all_or_nothing', fileName: file, file: buffer });
        const shown = progress('import');
        const j = await waitForImport(ctx, job.id, (p) => shown.update(p.processedRows, p.totalRows, p.phase));
        shown.update(j.totalRows, j.totalRows, 'finished');
        shown.end();
        const errors = [...j.errors].sort((a, b) => a.row - b.row);
        for (const p of errors.slice(0, 50)) console.error(`  row ${p.row}${p.field ? ` (${p.field})` : ''}: ${p.reason}`);
        if (j.status === 'done') console.log(j.message ?? j.status);
        else console.error(`✖ <file> ${file}: ${j.message ?? j.status}`);
        const seconds = (Date.now() - started) / 1000;
        console.log(`${j.totalRows} rows in ${seconds.toFixed(1)} s (${Math.round(j.totalRows / seconds)} rows/s)`);
        if (j.status !== 'done') process.exitCode = 1;
      });
    });

  return program;
}

buildCli()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    if (err instanceof CliRefusal) {
      console.error(`✖ ${err.message}`);
      process.exit(2);
    }
    const fields = fieldLines(err);
    if (fields) {
      for (const line of fields) console.error(`✖ ${line}`);
      process.exit(2);
    }
    if (err instanceof AppError) {
      // a refusal of the application itself (a region that does not exist …): its own two-language words
      console.error(`✖ ${err.message}`);
      if (debug) console.error(err.stack);
      process.exit(err.status < 500 ? 2 : 1);
    }
    reportFailure(err, debug, 'command');
    process.exit(1);
  });
