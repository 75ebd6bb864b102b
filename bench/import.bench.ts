/**
 * Import benchmark: a 50,000-row volunteer file (姓名, 身份证号, 手机号, 所属社区, 技能) imported
 * through the same service the page and `aixin import volunteers` use, on PGlite in memory
 * and, when TEST_DATABASE_URL is set, on PostgreSQL (a fresh database, dropped afterwards).
 *
 *   npx tsx bench/import.bench.ts [rows]
 */
import crypto from 'node:crypto';
import pg from 'pg';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { loadConfig } from '../server/src/config';
import { makeContext, systemActor, type Actor } from '../server/src/context';
import { openDatabase, type Database } from '../server/src/db/client';
import { systemClock } from '../server/src/lib/clock';
import { ensureRegions } from '../server/src/bootstrap';
import { startVolunteerImport, waitForImport } from '../server/src/modules/volunteers/index';
import { composeIdNumber } from '../shared/src/lib/id-number';

const ROWS = Number(process.argv[2] ?? 50_000);
const COMMUNITIES = ['凤台社区', '东后河社区', '五龙河西社区', '西后河社区', '东圣社区', '兰花社区'];
const SKILLS = ['理发', '义诊', '心理咨询', '法律咨询', '维修', '摄影', ''];

async function makeFile(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('志愿者');
  ws.addRow(['姓名', '身份证号', '手机号', '所属社区', '技能']);
  for (let i = 0; i < rows; i++) {
    // a unique (birth date, sequence) per row: 18,000 days from 1950 × up to 999 sequences
    const birth = new Date(Date.UTC(1950, 0, 1) + (i % 18_000) * 86_400_000).toISOString().slice(0, 10);
    ws.addRow([`志愿者${i}`, composeIdNumber('140502', birth, Math.floor(i / 18_000) + 1), `15${String(100_000_000 + i).slice(-9)}`, COMMUNITIES[i % COMMUNITIES.length], SKILLS[i % SKILLS.length]]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function run(label: string, database: Database, file: Buffer) {
  await database.migrate();
  const config = loadConfig({}, { secret: crypto.randomBytes(32).toString('hex'), dataDir: '/tmp/aixin-bench', serveWeb: false });
  const ctx = makeContext(config, database, systemClock, pino({ level: 'warn' }) as unknown as FastifyBaseLogger);
  await ensureRegions(ctx);
  const actor: Actor = { ...systemActor(), grants: [{ id: 'bench', role: 'region_admin', regionCode: '140500', regionPath: '/140000/140500/', orgId: null, stationId: null }] };
  const t0 = performance.now();
  const { job: started } = await startVolunteerImport(ctx, actor, { regionCode: '140502', mode: 'all_or_nothing', fileName: 'bench.xlsx', file });
  const job = await waitForImport(ctx, started.id, undefined, 100);
  const seconds = (performance.now() - t0) / 1000;
  if (job.status !== 'done') throw new Error(`${label}: ${job.message} ${JSON.stringify(job.errors.slice(0, 3))}`);
  console.log(`${label}: ${job.createdCount} created in ${seconds.toFixed(1)} s → ${Math.round(job.totalRows / seconds)} rows/s`);
  // a second run of the same file matches everybody and creates no one
  const t1 = performance.now();
  const again = await waitForImport(ctx, (await startVolunteerImport(ctx, actor, { regionCode: '140502', mode: 'all_or_nothing', fileName: 'bench.xlsx', file })).job.id, undefined, 100);
  const s2 = (performance.now() - t1) / 1000;
  console.log(`${label}: re-import matched ${again.matchedCount}, created ${again.createdCount} in ${s2.toFixed(1)} s → ${Math.round(again.totalRows / s2)} rows/s`);
  return { seconds, rate: job.totalRows / seconds };
}

const tf = performance.now();
const file = await makeFile(ROWS);
console.log(`file: ${ROWS} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB, made in ${((performance.now() - tf) / 1000).toFixed(1)} s`);

await run('PGlite (in memory)', await openDatabase({ memory: true }), file).catch((e) => console.error(e));

const base = process.env.TEST_DATABASE_URL;
if (base) {
  const name = `aixin_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = '/' + name;
  const database = await openDatabase({ databaseUrl: u.toString() });
  try {
    await run('PostgreSQL 15', database, file);
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
