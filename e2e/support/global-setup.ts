import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { spawnServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data folder holding the loaded demo city (the server stopped), copied by each demo spec. */
    demoDataDir: string;
  }
}

/**
 * Builds the server bundle and loads the demo city once per run: the real server with `--demo` on an empty folder, stopped
 * cleanly once it serves. Each spec then starts on a copy (e2e/support/server.ts).
 */
export default async function setup(project: TestProject) {
  // the specs run the server bundle, as `npm start` does: built from the sources of this run
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: path.resolve(import.meta.dirname, '../..'), encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`building the server bundle failed:\n${built.stderr}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aixin-e2e-demo-'));
  const server = await spawnServer(dir, { demo: true, keepData: true });
  await server.stop();
  project.provide('demoDataDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
