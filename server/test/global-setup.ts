import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/client';
import type { TestProject } from 'vitest/node';
import { adminUrl, testEngine, urlForDatabase } from './engine';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteImage: string;
    templateDb: string;
  }
}

/**
 * Migrates once per run: a PGlite image that every test file loads in memory, or a
 * PostgreSQL template database that every test file clones.
 */
export default async function setup(project: TestProject) {
  if (testEngine() === 'pglite') {
    const database = await openDatabase({ memory: true });
    await database.migrate();
    const pglite = (database.db as unknown as { $client: { dumpDataDir(c?: string): Promise<Blob> } }).$client;
    const blob = await pglite.dumpDataDir('none');
    const file = path.join(os.tmpdir(), `aixin-test-image-${process.pid}.tar`);
    await fs.writeFile(file, Buffer.from(await blob.arrayBuffer()));
    await database.close();
    project.provide('pgliteImage', file);
    project.provide('templateDb', '');
    return async () => {
      await fs.rm(file, { force: true });
    };
  }
  const base = adminUrl();
  const tpl = `aixin_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${tpl} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${tpl}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: urlForDatabase(base, tpl) });
  await database.migrate();
  await database.close();
  project.provide('templateDb', tpl);
  project.provide('pgliteImage', '');
  return async () => {
    const a = new pg.Client({ connectionString: base });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${tpl} WITH (FORCE)`).catch(() => undefined);
    await a.end();
  };
}
