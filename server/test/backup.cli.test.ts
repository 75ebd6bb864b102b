import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, DEFAULT_RATE_LIMITS } from '../src/config';
import { buildApp } from '../src/app';
import { openDatabase, type Database } from '../src/db/client';
import { TestClock } from '../src/lib/clock';
import { newId } from '../src/lib/ids';
import { attendance } from '../src/db/schema/index';
import { verifyLedger } from '../src/modules/ledger/index';
import { TEST_SECRET, TestClient, type TestApp } from './build-test-app';
import { makeOrg, makeStation, makeUser, nextPerson, PASSWORD } from './factories';
import { urlForDatabase } from './engine';

/**
 * Issue 17 point 3: `aixin backup` and `aixin restore` (the real command line, bundled), on both
 * engines. Data written through the API (a volunteer registered, a settled service, a transfer, a
 * redemption, a product picture), backed up, restored into an empty target: the ledger proof, the
 * rollups (stat_counters), the transfers' content, the uploads and the row count of every table match.
 */
const root = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(root, 'server', 'dist', 'cli.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aixin-backup-test-'));
const PG = process.env.TEST_DATABASE_URL;
const SITE = { lat: 35.4985, lng: 112.86 };

function cli(args: string[], extra: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, AIXIN_LOG_LEVEL: 'warn', ...extra };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, env, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

async function rows<T = Record<string, unknown>>(database: Database, q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

/** What must survive: every table's row count, the rollups, the transfers' content and the ledger proof. */
async function snapshot(database: Database) {
  // first: the proof seals the transfers still queued (as `aixin restore` does), so both sides are compared sealed
  const proof = await verifyLedger(database.db);
  const tables = await rows<{ t: string }>(database, sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const counts: Record<string, number> = {};
  for (const { t } of tables) counts[t] = Number((await rows<{ n: number }>(database, sql`select count(*)::int as n from ${sql.identifier(t)}`))[0]!.n);
  const stats = await rows(database, sql`select * from stat_counters order by city_code, region_code, metric, period, period_start, category, slot`);
  const transfers = (await rows<{ h: string }>(database, sql`select md5(string_agg(t::text, '|' order by t.id)) as h from ledger_transfers t`))[0]!.h;
  return { counts, stats, transfers, proof: { ok: proof.ok, accounts: proof.accounts, transfers: proof.transfers, problems: proof.problems } };
}

/** The app in-process on `database`, with the uploads in `dataDir`; writes one of everything through the API. */
async function populate(database: Database, dataDir: string): Promise<{ picture: string }> {
  const clock = new TestClock();
  const config = loadConfig({}, { dataDir, secret: TEST_SECRET, serveWeb: false, rateLimits: { ...DEFAULT_RATE_LIMITS, loginPerIpPerMinute: 10_000, registerPerIpPerHour: 10_000 } });
  const app = await buildApp(config, { database, clock, logger: false });
  await app.ready();
  const t: TestApp = { app, database, clock, client: () => new TestClient(app), close: async () => app.close() };
  try {
    const district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
    const orgAdmin = await makeUser(t);
    const orgId = (await makeOrg(t, orgAdmin, { approvedBy: district })).id;
    // a volunteer registers through the API; two more people
    const p = nextPerson();
    const reg = await t.client().post('/api/v1/auth/register', { phone: p.phone, password: PASSWORD, name: '周红梅', idNumber: p.idNumber, regionCode: '140502001001', consentVersion: '2026-11' });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    const mother = await makeUser(t, { name: '周母', birthDate: '1950-03-03' });
    const volunteers = [reg.body.user.id as string, (await makeUser(t)).id, mother.id];
    // a service: drafted, reviewed, attended, settled (credits time and points)
    const admin = await t.client().login(orgAdmin.phone);
    const start = new Date(clock.now().getTime() + 86_400_000);
    const act = await admin.post('/api/v1/activities', {
      orgId, title: '社区环境整治', category: 'environment', description: '清理楼道杂物', regionCode: '140502001001', address: '凤台社区', ...SITE,
      startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), capacity: 20,
    });
    expect(act.status, JSON.stringify(act.body)).toBe(201);
    const activityId = act.body.id as string;
    expect((await admin.post(`/api/v1/activities/${activityId}/submit`)).status).toBe(200);
    const reviewer = await t.client().login(district.phone);
    expect((await reviewer.post('/api/v1/activities/review-batch', { ids: [activityId], decision: 'approve' })).body.approved).toBe(1);
    await database.db.insert(attendance).values(
      volunteers.map((userId) => ({ id: newId(), cityCode: '1405', activityId, userId, checkinAt: start, checkoutAt: new Date(start.getTime() + 3_600_000), checkinLat: SITE.lat, checkinLng: SITE.lng, checkinDistanceMeters: 3, checkoutLat: SITE.lat, checkoutLng: SITE.lng, checkoutDistanceMeters: 3, createdAt: start })),
    );
    clock.set(new Date(start.getTime() + 2 * 3_600_000));
    const settled = await (await t.client().login(orgAdmin.phone)).post(`/api/v1/activities/${activityId}/settle`, { entries: volunteers.map((userId) => ({ userId })) });
    expect(settled.status, JSON.stringify(settled.body)).toBe(200);
    // a family transfer of time to a verified parent
    const giver = await t.client().login(p.phone);
    const link = await giver.post('/api/v1/relatives', { relativeUserId: mother.id, relation: 'parent' });
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    expect((await reviewer.post(`/api/v1/relatives/${link.body.id}/verify`)).status).toBe(200);
    const gift = await giver.post('/api/v1/transfers', { toUserId: mother.id, ledger: 'time', amount: 30, memo: '给妈妈', idempotencyKey: crypto.randomUUID() });
    expect(gift.status, JSON.stringify(gift.body)).toBe(201);
    // goods with a picture (an upload), and a redemption with an idempotency key
    const station = await makeStation(t, district);
    const keeper = await makeUser(t, { grants: [{ role: 'station_admin', stationId: station.id }] });
    const cKeeper = await t.client().login(keeper.phone);
    const product = await cKeeper.post(`/api/v1/stations/${station.id}/products`, { name: '毛巾', pointsPrice: 5, stock: 4 });
    expect(product.status).toBe(201);
    const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: '#e8443a' } }).png().toBuffer();
    const up = await cKeeper.post(`/api/v1/products/${product.body.product.id}/picture`, png, { 'content-type': 'image/png' });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    const redeemer = await t.client().login(p.phone);
    const order = await redeemer.post('/api/v1/redemptions', { productId: product.body.product.id, quantity: 1 }, { 'Idempotency-Key': crypto.randomUUID() });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    return { picture: (await t.client().get(`/api/v1/products/${product.body.product.id}/picture`)).raw.rawPayload.toString('base64') };
  } finally {
    await app.close();
  }
}

function uploadsOf(dir: string): Record<string, string> {
  const base = path.join(dir, 'uploads');
  const out: Record<string, string> = {};
  if (!fs.existsSync(base)) return out;
  for (const f of fs.readdirSync(base, { recursive: true, withFileTypes: true }))
    if (f.isFile()) out[path.relative(base, path.join(f.parentPath, f.name))] = crypto.createHash('sha256').update(fs.readFileSync(path.join(f.parentPath, f.name))).digest('hex');
  return out;
}

beforeAll(() => {
  const r = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}, 60_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('backup and restore of the embedded database (PGlite)', () => {
  const source = path.join(tmp, 'pglite-source');
  const target = path.join(tmp, 'pglite-target');
  const file = path.join(tmp, 'pglite.aixin-backup');
  let before: Awaited<ReturnType<typeof snapshot>>;

  it('refuses while the server holds the data folder, then backs up once it is stopped: database and uploads, not the secret', async () => {
    const database = await openDatabase({ dataDir: source });
    await database.migrate();
    await populate(database, source);
    fs.writeFileSync(path.join(source, 'secret.key'), 'a-secret-that-must-stay-out-of-backups-0123456789\n');
    // the "server" (this process) holds the lock: refused in a plain sentence, nothing written
    const busy = cli(['backup', file], { AIXIN_DATA_DIR: source });
    expect(busy.code, busy.out).toBe(2);
    expect(busy.out).toMatch(/The server is running on .* stop it first/);
    expect(fs.existsSync(file)).toBe(false);
    before = await snapshot(database);
    await database.close();
    expect(before.proof.ok).toBe(true);
    expect(before.counts.service_records).toBe(3);
    expect(before.counts.market_redemptions).toBe(1);
    expect(Object.keys(uploadsOf(source))).toHaveLength(1);

    const r = cli(['backup', file], { AIXIN_DATA_DIR: source });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('1 upload(s)');
    expect(r.out).toMatch(/secret .* is NOT in the backup/);
    const listing = spawnSync('tar', ['tf', file], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    expect(listing).toContain('database.pglite.tar.gz');
    expect(listing.some((n) => n.includes('secret'))).toBe(false);
    expect(fs.readFileSync(file).includes('a-secret-that-must-stay-out-of-backups')).toBe(false);
    // a second backup to the same name never overwrites it
    expect(cli(['backup', file], { AIXIN_DATA_DIR: source }).code).toBe(2);
  }, 300_000);

  it('restores into an empty folder: migrated, books proven, every table count, the rollups, the transfers and the uploads equal', async () => {
    const r = cli(['restore', file], { AIXIN_DATA_DIR: target });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('✔ the books balance and every hash chain is intact');
    expect(r.out).toMatch(/No secret here yet/);
    expect(fs.existsSync(path.join(target, 'secret.key'))).toBe(false); // never generated by a restore
    const database = await openDatabase({ dataDir: target });
    try {
      expect(await snapshot(database)).toEqual(before);
    } finally {
      await database.close();
    }
    expect(uploadsOf(target)).toEqual(uploadsOf(source));
  });

  it('refuses a folder that already holds a database, and a file that is not a backup, saying why; nothing changes', async () => {
    const again = cli(['restore', file], { AIXIN_DATA_DIR: target });
    expect(again.code, again.out).toBe(2);
    expect(again.out).toMatch(/already holds a database: restore only into an empty data folder/);
    const junk = path.join(tmp, 'junk.bin');
    fs.writeFileSync(junk, crypto.randomBytes(4096));
    const bad = cli(['restore', junk], { AIXIN_DATA_DIR: path.join(tmp, 'pglite-empty') });
    expect(bad.code, bad.out).toBe(2);
    expect(bad.out).toMatch(/is not an Aixin backup/);
    expect(fs.existsSync(path.join(tmp, 'pglite-empty', 'pglite', 'PG_VERSION'))).toBe(false);
    const database = await openDatabase({ dataDir: target });
    try {
      expect(await snapshot(database)).toEqual(before);
    } finally {
      await database.close();
    }
  });
});

describe.runIf(PG)('backup and restore on PostgreSQL (pg_dump -Fc)', () => {
  const name = (what: string) => `aixin_bk_${what}_${crypto.randomBytes(4).toString('hex')}`;
  const src = name('src');
  const dst = name('dst');
  const source = path.join(tmp, 'pg-source');
  const target = path.join(tmp, 'pg-target');
  const file = path.join(tmp, 'pg.aixin-backup');
  const env = (db: string, dir: string) => ({ DATABASE_URL: urlForDatabase(PG!, db), AIXIN_DATA_DIR: dir, AIXIN_SECRET: TEST_SECRET });
  let before: Awaited<ReturnType<typeof snapshot>>;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: PG });
    await c.connect();
    await c.query(q).finally(() => c.end());
  };
  beforeAll(async () => {
    await admin(`create database ${src}`);
    await admin(`create database ${dst}`);
  });
  afterAll(async () => {
    await admin(`drop database if exists ${src} with (force)`);
    await admin(`drop database if exists ${dst} with (force)`);
  });

  it('backs up with pg_dump and the uploads; a missing pg_dump is said plainly', async () => {
    const database = await openDatabase({ databaseUrl: urlForDatabase(PG!, src) });
    try {
      await database.migrate();
      await populate(database, source);
      before = await snapshot(database);
    } finally {
      await database.close();
    }
    expect(before.proof.ok).toBe(true);
    const missing = cli(['backup', file], { ...env(src, source), PATH: path.join(tmp, 'no-tools-here') });
    expect(missing.code, missing.out).toBe(2);
    expect(missing.out).toMatch(/pg_dump was not found on PATH: install the PostgreSQL client tools/);
    const r = cli(['backup', file], env(src, source));
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/PostgreSQL 1\d.*1 upload\(s\)/);
  }, 300_000);

  it('restores into an empty database: migrated, books proven, every count, the rollups, the transfers and the uploads equal; a second restore is refused', async () => {
    const r = cli(['restore', file], env(dst, target));
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('✔ the books balance and every hash chain is intact');
    const database = await openDatabase({ databaseUrl: urlForDatabase(PG!, dst) });
    try {
      expect(await snapshot(database)).toEqual(before);
    } finally {
      await database.close();
    }
    expect(uploadsOf(target)).toEqual(uploadsOf(source));
    const again = cli(['restore', file], env(dst, path.join(tmp, 'pg-other')));
    expect(again.code, again.out).toBe(2);
    expect(again.out).toMatch(/The target database is not empty \(\d+ tables or sequences\)/);
  });
});
