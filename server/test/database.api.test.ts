import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, openDatabase } from '../src/db/client';
import { testEngine } from './engine';

const root = path.resolve(import.meta.dirname, '../..');

describe.runIf(testEngine() === 'pglite')('the embedded database on disk', () => {
  it('a second process on the same data folder gets a clear error instead of corrupting it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aixin-lock-'));
    const first = await openDatabase({ dataDir: dir });
    try {
      await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/Another Aixin process/);
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir: dir });
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('`aixin regions import` checks the whole file first: one bad row, nothing imported; then a good file loads', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aixin-cli-'));
    const env = { ...process.env, AIXIN_DATA_DIR: dir, DATABASE_URL: '' };
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'code,name,parent_code\n140000,山西省,\n140500,晋城市,140000\n1405xx,坏代码,140500\n');
    const r1 = spawnSync(process.execPath, ['bin/aixin.js', 'regions', 'import', bad], { cwd: root, env, encoding: 'utf8' });
    expect(r1.status).toBe(1);
    expect(r1.stderr).toContain('line 4');
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, 'code,name,parent_code\n140000,山西省,\n140500,晋城市,140000\n140502,城区,140500\n');
    const r2 = spawnSync(process.execPath, ['bin/aixin.js', 'regions', 'import', good], { cwd: root, env, encoding: 'utf8' });
    expect(r2.stdout).toContain('imported 3 regions');
    expect(r2.status).toBe(0);
    const help = spawnSync(process.execPath, ['bin/aixin.js', 'admin', 'create', '--help'], { cwd: root, env, encoding: 'utf8' });
    expect(help.stdout).toContain('--phone');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('`aixin ledger anchor` signs the chain heads with a key outside the database; `verify --anchors` checks them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aixin-anchor-'));
    const env = { ...process.env, AIXIN_DATA_DIR: dir, DATABASE_URL: '' };
    const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/aixin.js', ...args], { cwd: root, env, encoding: 'utf8' });
    const keyFile = path.join(dir, 'anchor.key');
    const k = cli('ledger', 'anchor-key', '--out', keyFile);
    expect(k.status).toBe(0);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(cli('ledger', 'anchor-key', '--out', keyFile).status).toBe(2); // never overwritten
    expect(cli('demo').status).toBe(0); // the demo city funds a passbook: a chain exists
    const anchors = path.join(dir, 'anchors.jsonl');
    const a = cli('ledger', 'anchor', '--key', keyFile, '--append', anchors);
    expect(a.status).toBe(0);
    expect(a.stdout).toContain('"cityCode":"1405"');
    const ok = cli('ledger', 'verify', '--anchors', anchors, '--key', `${keyFile}.pub`);
    expect(ok.stdout).toContain('anchor(s)');
    expect(ok.status).toBe(0);
    expect(cli('ledger', 'verify', '--anchors', anchors).status).toBe(2); // the key is required
    fs.writeFileSync(anchors, fs.readFileSync(anchors, 'utf8').replace(/"seq":(\d+)/, (_, n: string) => `"seq":${Number(n) + 1}`));
    const bad = cli('ledger', 'verify', '--anchors', anchors, '--key', `${keyFile}.pub`);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('anchor_signature');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 180_000); // eight command-line runs, each starting tsx and the embedded database: over a minute on a loaded machine
});
