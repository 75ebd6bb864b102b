import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { inject } from 'vitest';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client';

/** Which engine the API tests run on: PGlite (default) or the PostgreSQL server in TEST_DATABASE_URL. */
export function testEngine(): 'pglite' | 'postgres' {
  return process.env.AIXIN_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('AIXIN_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
  return url;
}

export function urlForDatabase(base: string, dbName: string): string {
  const u = new URL(base);
  u.pathname = '/' + dbName;
  return u.toString();
}


/**
 * A fresh, migrated database for one test file. PGlite: an in-memory instance loaded from the
 * migrated image the global setup made. PostgreSQL: a new database cloned from the migrated
 * template, dropped on close.
 */
export async function freshDatabase(): Promise<Database> {
  if (testEngine() === 'pglite') {
    const image = inject('pgliteImage');
    const database = await openDatabase(image ? { memory: true, loadDataDir: new Blob([await fs.readFile(image)]) } : { memory: true });
    if (!image) await database.migrate();
    return database;
  }
  const base = adminUrl();
  const name = `aixin_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    // two files cloning the template at the same moment: PostgreSQL refuses one (55006); retry
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDb')}`);
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== '55006' || attempt > 50) throw err;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ databaseUrl: urlForDatabase(base, name), poolSize: 20 });
  const close = database.close.bind(database);
  return {
    ...database,
    async close() {
      await close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await a.end();
    },
  };
}
