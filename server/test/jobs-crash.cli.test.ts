import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, healthy, ROOT, startServer } from './server-process';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { composeIdNumber } from '@shared/lib/id-number';

/**
 * Jobs that survive a crash, through the real server bundle on PostgreSQL: an import is uploaded,
 * the server is SIGKILLed while the import writes, and started again: the import is resumed from
 * its stored file and finishes with every person written exactly once — never half-written,
 * never twice. Skipped without TEST_DATABASE_URL.
 */
const root = ROOT;
const PG = process.env.TEST_DATABASE_URL;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aixin-jobs-crash-'));
const ROWS = 20_000;
const ADMIN = { phone: '13900000017', password: 'Crash-Test-2026!' };


async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function makeFile(): Promise<{ file: Buffer; phones: string[] }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('志愿者');
  ws.addRow(['姓名', '身份证号', '手机号']);
  const phones: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const birth = new Date(Date.UTC(1960, 0, 1) + (i % 15_000) * 86_400_000).toISOString().slice(0, 10);
    const phone = `17${String(300_000_000 + i)}`;
    phones.push(phone);
    ws.addRow([`断电${i}`, composeIdNumber('140502', birth, Math.floor(i / 15_000) + 11), phone]);
  }
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), phones };
}

beforeAll(() => {
  if (!PG) return;
  const r = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('jobs through a SIGKILL (PostgreSQL, the real server)', () => {
  it.runIf(PG)('an import killed mid-write is resumed after the restart and written exactly once', async () => {
    const dbName = `aixin_cli_jobs_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.query(`create database ${dbName}`);
    const url = new URL(PG!);
    url.pathname = `/${dbName}`;
    const db = new pg.Client({ connectionString: url.toString() });
    const port = await freePort();
    const dataDir = path.join(tmp, 'data');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, AIXIN_LOG_LEVEL: 'info', DATABASE_URL: url.toString(), AIXIN_SECRET: 'j'.repeat(40), AIXIN_DATA_DIR: dataDir, PORT: String(port), AIXIN_ADMIN_PHONE: ADMIN.phone, AIXIN_ADMIN_PASSWORD: ADMIN.password };
    let s = startServer(env);
    try {
      const { file, phones } = await makeFile();
      await healthy(port, s, 60_000);
      await db.connect();
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
      expect(login.status).toBe(200);
      const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]!);
      const csrf = cookies.find((c) => c.startsWith('aixin_csrf='))!.split('=')[1]!;
      const up = await fetch(`http://127.0.0.1:${port}/api/v1/imports/volunteers?regionCode=140502&fileName=crash.xlsx`, {
        method: 'POST',
        headers: { cookie: cookies.join('; '), 'x-csrf-token': csrf, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        body: new Uint8Array(file),
      });
      expect(up.status).toBe(202);
      const { id } = (await up.json()) as { id: string };
      const row = async () => (await db.query<{ status: string; phase: string; created_count: number; message: string | null }>('select status, phase, created_count, message from import_jobs where id = $1', [id])).rows[0]!;
      const people = async () => (await db.query<{ n: number }>('select count(*)::int as n from users where phone = any($1)', [phones])).rows[0]!.n;

      // the write has begun: the process dies with its transaction open
      await until('the import writing', row, (r) => r.phase === 'importing' || r.status !== 'running', 120_000, 20);
      expect(await row()).toMatchObject({ status: 'running', phase: 'importing' });
      s.child.kill('SIGKILL');
      await s.exit;
      expect(await row()).toMatchObject({ status: 'running' });
      expect(await people()).toBe(0); // nothing half-written
      expect(fs.existsSync(path.join(dataDir, 'uploads', 'imports', `${id}.xlsx`))).toBe(true);

      s = startServer(env);
      await healthy(port, s, 60_000);
      const done = await until('the import finished', row, (r) => r.status !== 'running', 180_000, 200);
      expect(done, s.out()).toMatchObject({ status: 'done', created_count: ROWS });
      expect(await people()).toBe(ROWS);
      expect(s.out()).toContain('imports left running by a stop were resumed or failed');
      expect(fs.existsSync(path.join(dataDir, 'uploads', 'imports', `${id}.xlsx`))).toBe(false);
      // the dead process's job is still 'active' in pg-boss until it expires; its retry will find the row finished
      const states = async () => (await db.query<{ state: string }>("select state from pgboss.job where name = 'volunteers-import' and singleton_key = $1 order by created_on", [id])).rows.map((j) => j.state);
      const jobs = await until('the new job completed', states, (st) => st.length > 1 && st.slice(1).every((x) => x === 'completed'), 20_000);
      expect(jobs[0]).toBe('active');
      s.child.kill('SIGTERM');
      expect(await s.exit).toBe(0);
      expect(await people()).toBe(ROWS);
    } finally {
      if (s.child.exitCode === null && s.child.signalCode === null) {
        s.child.kill('SIGKILL');
        await s.exit;
      }
      await db.end().catch(() => undefined);
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }, 400_000);
});
