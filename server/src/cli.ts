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

  return program;
}

buildCli()
  .parseAsync(process.argv)
  .catch((err: Error) => {
    console.error(`✖ ${err.message}`);
    process.exit(1);
  });
