import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import tar from 'tar-stream';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir, DataDirLockedError } from './db/data-dir-lock';
import { openDatabase, type Engine } from './db/client';
import { verifyLedger } from './modules/ledger/index';
import { CliRefusal, packageVersion } from './cli-support';

/**
 * `aixin backup FILE` / `aixin restore FILE`: one tar file holding a manifest, the database
 * (PGlite: its data folder as `dumpDataDir` makes it; PostgreSQL: `pg_dump -Fc`) and the uploads.
 * Never the secret: it is kept apart (docs/DEPLOY.md section 7). Restore goes only into an empty
 * database and an empty uploads folder, then migrates (an older backup upgrades) and proves the books.
 */
export interface BackupManifest {
  format: 'aixin-backup';
  version: 1;
  engine: Engine;
  createdAt: string;
  aixinVersion: string;
  /** Migrations applied in the database when it was backed up. */
  migrations: number;
  uploads: number;
  /** PostgreSQL: the server's version (pg_dump's archive needs a pg_restore at least as new). */
  serverVersion?: string;
}

export interface Place {
  databaseUrl: string | undefined;
  ownerUrl: string | undefined;
  dataDir: string;
}

const MANIFEST = 'aixin-backup.json';
const DB_ENTRY: Record<Engine, string> = { pglite: 'database.pglite.tar.gz', postgres: 'database.pgdump' };
const ENTRY_RE = /^(aixin-backup\.json|database\.pglite\.tar\.gz|database\.pgdump|uploads(\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)+)$/;

const uploadsOf = (dataDir: string) => path.join(dataDir, 'uploads');

/** Every file under `dir` (relative paths with `/`), skipping half-written `*.tmp` files. */
async function filesUnder(dir: string): Promise<string[]> {
  if (!fs.existsSync(dir)) return [];
  const entries = await fsp.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.endsWith('.tmp'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

function isEmptyDir(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

// ——— PostgreSQL tools ———

/** The connection without its password (which goes to the tool through PGPASSWORD, not its argument list). */
function toolConnection(url: string): { arg: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { arg: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** The major version of pg_dump / pg_restore on PATH, or null when it is not installed. */
function toolMajor(bin: 'pg_dump' | 'pg_restore'): number | null {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(r.stdout) ?? /(\d+)(?:\.\d+)/.exec(r.stdout);
  return m ? Number(m[1]) : null;
}

function needTool(bin: 'pg_dump' | 'pg_restore', serverMajor: number): void {
  const major = toolMajor(bin);
  if (major === null)
    throw new CliRefusal(
      `找不到 ${bin}：请安装 PostgreSQL 客户端（apt-get install postgresql-client-${serverMajor}） / ${bin} was not found on PATH: install the PostgreSQL client tools ` +
        `(apt-get install postgresql-client-${serverMajor}), of the server's major version ${serverMajor} or newer. Nothing was written.`,
    );
  if (major < serverMajor)
    throw new CliRefusal(
      `${bin} ${major} 比数据库服务器 ${serverMajor} 旧 / ${bin} is version ${major}, older than the database server (${serverMajor}): ` +
        `install postgresql-client-${serverMajor} (or newer) and put it first on PATH. Nothing was written.`,
    );
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function pgFacts(url: string): Promise<{ major: number; version: string; relations: number; migrations: number }> {
  return withClient(url, async (c) => {
    const v = (await c.query<{ n: string; v: string }>(`select current_setting('server_version_num') as n, current_setting('server_version') as v`)).rows[0]!;
    const relations = (
      await c.query<{ n: number }>(
        `select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
          where s.nspname not in ('pg_catalog', 'information_schema') and s.nspname not like 'pg\\_toast%' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
      )
    ).rows[0]!.n;
    const migrations = await c
      .query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations')
      .then((r) => r.rows[0]!.n)
      .catch(() => 0);
    return { major: Math.floor(Number(v.n) / 10000), version: v.v, relations, migrations };
  });
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${bin} failed (exit ${code}): ${err.trim()}`))));
  });
}

// ——— the archive ———

async function addEntry(pack: tar.Pack, name: string, source: Buffer | string): Promise<void> {
  if (Buffer.isBuffer(source)) {
    await new Promise<void>((resolve, reject) => pack.entry({ name, size: source.length, mode: 0o600 }, source, (e) => (e ? reject(e) : resolve())));
    return;
  }
  const size = (await fsp.stat(source)).size;
  await new Promise<void>((resolve, reject) => {
    const w = pack.entry({ name, size, mode: 0o600 }, (e) => (e ? reject(e) : resolve()));
    fs.createReadStream(source).on('error', reject).pipe(w);
  });
}

async function writeArchive(file: string, manifest: BackupManifest, database: Buffer | string, uploadsDir: string, uploads: string[]): Promise<void> {
  const partial = `${file}.partial-${process.pid}`;
  const pack = tar.pack();
  const done = pipeline(pack, fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
  try {
    await addEntry(pack, MANIFEST, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
    await addEntry(pack, DB_ENTRY[manifest.engine], database);
    for (const u of uploads) await addEntry(pack, `uploads/${u}`, path.join(uploadsDir, ...u.split('/')));
    pack.finalize();
    await done;
    fs.renameSync(partial, file);
  } catch (err) {
    pack.destroy();
    await done.catch(() => undefined);
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

/** Unpacks a backup into `dir`: its manifest, with the database file and the uploads beside it. */
async function readArchive(file: string, dir: string): Promise<BackupManifest> {
  const notOurs = (why: string) =>
    new CliRefusal(`${file} 不是爱心备份文件（${why}） / ${file} is not an Aixin backup (${why}): give a file made by \`aixin backup\`. Nothing was changed.`);
  const ex = tar.extract();
  ex.on('entry', (h, stream, next) => {
    if (h.type !== 'file' || !ENTRY_RE.test(h.name) || h.name.split('/').includes('..')) {
      stream.resume();
      next(notOurs(`unexpected entry "${h.name}"`));
      return;
    }
    const dest = path.join(dir, ...h.name.split('/'));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    pipeline(stream, fs.createWriteStream(dest, { mode: 0o600 })).then(() => next(), next);
  });
  try {
    await pipeline(fs.createReadStream(file), ex);
  } catch (err) {
    if (err instanceof CliRefusal) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new CliRefusal(`${file}: 没有这个文件 / no such file. Nothing was changed.`);
    throw notOurs((err as Error).message);
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    throw notOurs('no manifest');
  }
  if (manifest.format !== 'aixin-backup' || manifest.version !== 1 || !(manifest.engine in DB_ENTRY)) throw notOurs(`format ${String(manifest.format)} ${String(manifest.version)}`);
  if (!fs.existsSync(path.join(dir, DB_ENTRY[manifest.engine]))) throw notOurs('no database in it');
  return manifest;
}

// ——— backup ———

export interface BackupResult {
  manifest: BackupManifest;
  bytes: number;
}

export async function backup(place: Place, file: string): Promise<BackupResult> {
  if (fs.existsSync(file)) throw new CliRefusal(`${file} 已存在：不覆盖 / ${file} exists: a backup never overwrites a file; choose a new name. Nothing was written.`);
  const uploadsDir = uploadsOf(place.dataDir);
  const base = { format: 'aixin-backup' as const, version: 1 as const, createdAt: new Date().toISOString(), aixinVersion: packageVersion() };
  if (!place.databaseUrl) {
    const pgDir = path.join(place.dataDir, 'pglite');
    if (!fs.existsSync(path.join(pgDir, 'PG_VERSION')))
      throw new CliRefusal(`${place.dataDir} 里没有数据库 / no database in ${place.dataDir} (AIXIN_DATA_DIR): point it at the server's data folder. Nothing was written.`);
    const release = lockForMaintenance(place.dataDir, 'backup');
    try {
      const client = new PGlite(pgDir);
      let dump: Buffer;
      let migrations: number;
      try {
        await client.waitReady;
        migrations = await client
          .query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations')
          .then((r) => r.rows[0]!.n)
          .catch(() => 0);
        dump = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
      } finally {
        await client.close();
      }
      const uploads = await filesUnder(uploadsDir);
      const manifest: BackupManifest = { ...base, engine: 'pglite', migrations, uploads: uploads.length };
      await writeArchive(file, manifest, dump, uploadsDir, uploads);
      return { manifest, bytes: fs.statSync(file).size };
    } finally {
      release();
    }
  }
  const url = place.ownerUrl ?? place.databaseUrl;
  const facts = await pgFacts(url);
  needTool('pg_dump', facts.major);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aixin-backup-'));
  try {
    const dumpFile = path.join(tmp, DB_ENTRY.postgres);
    const conn = toolConnection(url);
    await run('pg_dump', ['-Fc', '--no-password', '-f', dumpFile, '-d', conn.arg], conn.env);
    const uploads = await filesUnder(uploadsDir);
    const manifest: BackupManifest = { ...base, engine: 'postgres', migrations: facts.migrations, uploads: uploads.length, serverVersion: facts.version };
    await writeArchive(file, manifest, dumpFile, uploadsDir, uploads);
    return { manifest, bytes: fs.statSync(file).size };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The embedded database's lock for a backup or a restore; a running server is refused in a plain sentence. */
function lockForMaintenance(dataDir: string, what: 'backup' | 'restore'): () => void {
  try {
    return lockDataDir(dataDir);
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    const who = err.holder ? ` (process ${err.holder.pid})` : '';
    throw new CliRefusal(
      `服务器正在使用 ${dataDir}${who}：请先停止它（systemctl stop aixin） / The server is running on ${dataDir}${who}: stop it first (systemctl stop aixin), ` +
        `then run the ${what} again${what === 'backup' ? ' — a copy taken while it writes could be torn' : ''}. Nothing was ${what === 'backup' ? 'written' : 'changed'}.`,
    );
  }
}

// ——— restore ———

export interface RestoreResult {
  manifest: BackupManifest;
  migrationsAfter: number;
  proof: Awaited<ReturnType<typeof verifyLedger>>;
  secretPresent: boolean;
}

export async function restore(place: Place, file: string, secretGiven: boolean): Promise<RestoreResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aixin-restore-'));
  try {
    const manifest = await readArchive(file, tmp);
    const engine: Engine = place.databaseUrl ? 'postgres' : 'pglite';
    if (manifest.engine !== engine)
      throw new CliRefusal(
        manifest.engine === 'pglite'
          ? `这是内置数据库的备份，但设置了 DATABASE_URL / This backup is of the embedded database, but DATABASE_URL is set: unset it and point AIXIN_DATA_DIR at an empty folder. Nothing was changed.`
          : `这是 PostgreSQL 的备份，请设置 DATABASE_URL / This backup is of PostgreSQL: set DATABASE_URL (and DATABASE_OWNER_URL) to an empty database. Nothing was changed.`,
      );
    const uploadsDir = uploadsOf(place.dataDir);
    const uploadsNotEmpty = () =>
      new CliRefusal(`上传文件目录 ${uploadsDir} 不是空的 / The uploads folder ${uploadsDir} is not empty: restore only into an empty one (move it aside first), so that no file is mixed or overwritten. Nothing was changed.`);
    const dbFile = path.join(tmp, DB_ENTRY[engine]);
    let release: (() => void) | undefined;
    if (engine === 'pglite') {
      const pgDir = path.join(place.dataDir, 'pglite');
      if (!isEmptyDir(pgDir))
        throw new CliRefusal(`${pgDir} 里已有数据库 / ${pgDir} already holds a database: restore only into an empty data folder (move it aside, or point AIXIN_DATA_DIR at a new folder). Nothing was changed.`);
      if (!isEmptyDir(uploadsDir)) throw uploadsNotEmpty();
      fs.mkdirSync(pgDir, { recursive: true });
      release = lockForMaintenance(place.dataDir, 'restore');
      try {
        const client = new PGlite(pgDir, { loadDataDir: new Blob([fs.readFileSync(dbFile)]) });
        await client.waitReady;
        await client.close();
      } catch (err) {
        release();
        fs.rmSync(pgDir, { recursive: true, force: true });
        throw err;
      }
    } else {
      const url = place.ownerUrl ?? place.databaseUrl!;
      const facts = await pgFacts(url);
      if (facts.relations > 0)
        throw new CliRefusal(
          `目标数据库不是空的（${facts.relations} 个表或序列） / The target database is not empty (${facts.relations} tables or sequences): restore only into a new, empty database ` +
            `(CREATE DATABASE … as in docs/DEPLOY.md section 5), so that nothing is mixed or overwritten. Nothing was changed.`,
        );
      if (!isEmptyDir(uploadsDir)) throw uploadsNotEmpty();
      needTool('pg_restore', Math.max(facts.major, Number(/^(\d+)/.exec(manifest.serverVersion ?? '')?.[1] ?? 0)));
      const conn = toolConnection(url);
      await run('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', '--no-password', '-d', conn.arg, dbFile], conn.env);
    }
    try {
      await fs.promises.cp(path.join(tmp, 'uploads'), uploadsDir, { recursive: true, errorOnExist: true, force: false }).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    } finally {
      release?.();
    }
    // migrate (a backup of an older release upgrades; the runtime role is granted) and prove the books
    const database = await openDatabase({ databaseUrl: place.databaseUrl, dataDir: place.dataDir, ownerUrl: place.ownerUrl });
    try {
      await database.migrate();
      const applied = (await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: Array<{ n: number }> };
      const migrationsAfter = Number(applied.rows[0]!.n);
      const proof = await verifyLedger(database.db);
      return { manifest, migrationsAfter, proof, secretPresent: secretGiven || fs.existsSync(path.join(place.dataDir, 'secret.key')) };
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
