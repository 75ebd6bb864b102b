import fs from 'node:fs';
import { Command } from 'commander';
import { pino } from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { loadConfig } from './config';
import { makeContext, type AppContext } from './context';
import { openDatabase, DataDirLockedError } from './db/client';
import { systemClock } from './lib/clock';
import { importRegions, parseRegionCsv } from './modules/regions/index';
import { loadDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from './modules/demo/index';
import { createAdmin, ensureRegions } from './bootstrap';
import { isValidPhone } from '@shared/lib/phone';
import { expirePending, verifyLedger } from './modules/ledger/index';
import { getJobProgress, startVolunteerImport } from './modules/volunteers/index';
import { rootRegionCode } from './modules/regions/index';
import { systemActor, type Actor } from './context';

/** `aixin` — the command line. Every command opens the database itself (no server needed). */
async function withContext<T>(fn: (ctx: AppContext) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const log = pino({ level: process.env.AIXIN_LOG_LEVEL ?? 'warn' }) as unknown as FastifyBaseLogger;
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(`✖ ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  try {
    if (opts.migrate !== false) await database.migrate();
    return await fn(makeContext(config, database, systemClock, log));
  } finally {
    await database.close();
  }
}

function bar(done: number, total: number): string {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

export function buildCli(): Command {
  const program = new Command();
  program.name('aixin').description('Aixin 爱心 — volunteer service and time bank: command line').showHelpAfterError();

  program
    .command('migrate')
    .description('apply the database migrations (the server also does this on start)')
    .action(async () => {
      await withContext(async (ctx) => {
        console.log(`migrations applied (${ctx.engine})`);
      });
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
      if (!isValidPhone(o.phone)) throw new Error(`invalid mobile number: ${o.phone}`);
      if (o.password.length < 8) throw new Error('the password needs at least 8 characters');
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
      const rows = parseRegionCsv(fs.readFileSync(file, 'utf8'));
      await withContext(async (ctx) => {
        const r = await importRegions(ctx.db, rows, (done, total) => process.stdout.write(`\r${bar(done, total)}`));
        process.stdout.write('\n');
        if (r.problems.length) {
          console.error(`✖ ${r.problems.length} bad row(s); nothing was imported:`);
          for (const p of r.problems.slice(0, 50)) console.error(`  line ${p.line} (${p.code}): ${p.reason}`);
          process.exitCode = 1;
          return;
        }
        console.log(`imported ${r.imported} regions`);
      });
    });

  const ledger = program.command('ledger').description('the time bank’s books');
  ledger
    .command('verify')
    .description('recompute every balance from the transfers, check each ledger sums to zero and the hash chain is intact')
    .action(async () => {
      await withContext(async (ctx) => {
        const r = await verifyLedger(ctx.db);
        console.log(`${r.accounts} accounts, ${r.transfers} transfers checked`);
        if (r.ok) {
          console.log('✔ the books balance and the hash chain is intact');
          return;
        }
        console.error(`✖ ${r.problems.length} problem(s):`);
        for (const p of r.problems.slice(0, 50)) console.error(`  ${p.kind}: ${p.message}`);
        process.exitCode = 1;
      });
    });
  ledger
    .command('expire')
    .description('expire pending transfers past their timeout (the server also does this every minute)')
    .action(async () => {
      await withContext(async (ctx) => {
        console.log(`expired ${await expirePending(ctx)} pending transfer(s)`);
      });
    });

  const imports = program.command('import').description('bulk imports');
  imports
    .command('volunteers')
    .argument('<file>', '.xlsx with the columns 姓名, 身份证号, 手机号, 所属社区, 技能, 服务类别')
    .requiredOption('--region <code>', 'the region the people belong to (community names are matched inside it)')
    .option('--skip-bad', 'write the good rows and report the bad ones (default: all or nothing)')
    .description('import volunteers: the whole file is checked first; people already registered are matched, not created twice')
    .action(async (file: string, o: { region: string; skipBad?: boolean }) => {
      const buffer = fs.readFileSync(file);
      await withContext(async (ctx) => {
        await ensureRegions(ctx);
        const actor = { ...systemActor(), grants: [] as Actor['grants'] };
        const root = await rootRegionCode(ctx.db);
        actor.grants = root ? [{ id: 'cli', role: 'region_admin', regionCode: root, regionPath: `/${root}/`, orgId: null, stationId: null }] : [];
        const started = Date.now();
        const { job, done } = await startVolunteerImport(ctx, actor, { regionCode: o.region, mode: o.skipBad ? 'skip_bad' : 'all_or_nothing', fileName: file, file: buffer });
        let finished = false;
        void done.then(() => (finished = true));
        while (!finished) {
          const j = await getJobProgress(ctx, job.id);
          if (j) process.stdout.write(`\r${j.phase.padEnd(9)} ${bar(j.processedRows, j.totalRows)}`);
          await new Promise((r) => setTimeout(r, 300));
        }
        const j = await done;
        process.stdout.write(`\r${'finished'.padEnd(9)} ${bar(j.totalRows, j.totalRows)}\n`);
        for (const p of j.errors.slice(0, 50)) console.error(`  row ${p.row}${p.field ? ` (${p.field})` : ''}: ${p.reason}`);
        console.log(j.message ?? j.status);
        const seconds = (Date.now() - started) / 1000;
        console.log(`${j.totalRows} rows in ${seconds.toFixed(1)} s (${Math.round(j.totalRows / seconds)} rows/s)`);
        if (j.status !== 'done') process.exitCode = 1;
      });
    });

  return program;
}

buildCli()
  .parseAsync(process.argv)
  .catch((err: Error) => {
    console.error(`✖ ${err.message}`);
    process.exit(1);
  });
