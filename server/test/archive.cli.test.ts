import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, DEFAULT_RATE_LIMITS } from '../src/config';
import { buildApp } from '../src/app';
import { openDatabase } from '../src/db/client';
import { TestClock } from '../src/lib/clock';
import { transfer } from '../src/modules/ledger/index';
import { TEST_SECRET, TestClient, type TestApp } from './build-test-app';
import { makeUser } from './factories';

/**
 * `aixin ledger archive` and `verify-archive` from the real command line (bundled), on an embedded
 * database holding a 2025 that is over: the rows are written in this process with `Date` in 2025
 * (so their UUIDv7 ids are 2025's), then the command runs in its own process today.
 */
const root = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(root, 'server', 'dist', 'cli.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aixin-archive-cli-'));
const dataDir = path.join(tmp, 'data');
const IN_2025 = new Date('2025-06-01T02:00:00Z');

function cli(args: string[]) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, AIXIN_LOG_LEVEL: 'warn', AIXIN_DATA_DIR: dataDir, AIXIN_SECRET: TEST_SECRET };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, env, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  vi.useFakeTimers({ toFake: ['Date'], now: IN_2025 });
  try {
    const database = await openDatabase({ dataDir });
    await database.migrate();
    const clock = new TestClock(IN_2025);
    const config = loadConfig({}, { dataDir, secret: TEST_SECRET, serveWeb: false, rateLimits: { ...DEFAULT_RATE_LIMITS, loginPerIpPerMinute: 10_000 } });
    const app = await buildApp(config, { database, clock, logger: false });
    await app.ready();
    const t: TestApp = { app, database, clock, client: () => new TestClient(app), close: async () => app.close() };
    const u = await makeUser(t, { name: '二〇二五' });
    await transfer(app.ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: u.id }, amount: 25, code: 'adjustment', actorId: null, idempotencyKey: `archive-cli-${process.pid}` });
    await app.close();
    await database.close();
  } finally {
    vi.useRealTimers();
  }
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('aixin ledger archive (command line, embedded database)', () => {
  it('refuses a bad year and the year in progress saying why; archives 2025 to a file that verify-archive checks; the books still prove', { timeout: 120_000 }, async () => {
    const file = path.join(tmp, 'aixin-2025.jsonl.gz');
    const bad = cli(['ledger', 'archive', '--year', 'last', '--out', file]);
    expect(bad.code, bad.out).toBe(2);
    expect(bad.out).toContain('--year');
    const open = cli(['ledger', 'archive', '--year', String(new Date().getUTCFullYear() + 1), '--out', file]);
    expect(open.code, open.out).not.toBe(0);
    expect(open.out).toMatch(/only a past year can be archived/);
    expect(fs.existsSync(file)).toBe(false);

    const done = cli(['ledger', 'archive', '--year', '2025', '--out', file]);
    expect(done.code, done.out).toBe(0);
    expect(done.out).toMatch(/archived 2025: 1 transfers, 0 service records, 0 attendance rows/);
    expect(fs.existsSync(file)).toBe(true);

    const checked = cli(['ledger', 'verify-archive', file]);
    expect(checked.code, checked.out).toBe(0);
    expect(checked.out).toContain('every transfer in the file matches its chain link');
    const proof = cli(['ledger', 'verify']);
    expect(proof.code, proof.out).toBe(0);
    expect(proof.out).toContain('archived years');
    // the figures are not recounted over a year that left
    const rebuild = cli(['rankings', 'rebuild']);
    expect(rebuild.code, rebuild.out).toBe(2);
    expect(rebuild.out).toContain('archived year(s) 2025');
  });
});
