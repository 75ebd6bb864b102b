import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, processStartTime } from './data-dir-lock';

const dirs: string[] = [];
function folder(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'aixin-lock-unit-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The PID of a process that has just ended (nothing runs under it now, unless reused). */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout.trim());
}

const lockFile = (d: string) => path.join(d, 'aixin.lock');
const write = (d: string, holder: object) => fs.writeFileSync(lockFile(d), JSON.stringify(holder));

describe.runIf(process.platform === 'linux')('the data folder lock', () => {
  it('records this process (PID and start time) and refuses a second holder while it lives; released, it is free', () => {
    const d = folder();
    const release = lockDataDir(d);
    const held = JSON.parse(fs.readFileSync(lockFile(d), 'utf8'));
    expect(held.pid).toBe(process.pid);
    expect(held.start).toBe(processStartTime(process.pid));
    expect(() => lockDataDir(d)).toThrow(DataDirLockedError);
    release();
    expect(fs.existsSync(lockFile(d))).toBe(false);
    lockDataDir(d)();
  });

  it('a holder that is gone (a crash, kill -9) is taken over at once', () => {
    const d = folder();
    write(d, { pid: deadPid(), start: 1, host: os.hostname(), since: new Date().toISOString() });
    const release = lockDataDir(d);
    expect(JSON.parse(fs.readFileSync(lockFile(d), 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('a live PID with another start time is a reused PID, not the holder: taken over', () => {
    const d = folder();
    write(d, { pid: process.ppid, start: (processStartTime(process.ppid) ?? 0) + 1, host: os.hostname(), since: new Date().toISOString() });
    lockDataDir(d)();
  });

  it('a live holder with its start time is refused, naming its PID; a torn lock file is taken over', () => {
    const d = folder();
    write(d, { pid: process.ppid, start: processStartTime(process.ppid), host: os.hostname(), since: new Date().toISOString() });
    expect(() => lockDataDir(d)).toThrow(new RegExp(`process ${process.ppid}`));
    fs.writeFileSync(lockFile(d), '{"pid": 12');
    lockDataDir(d)();
  });

  it('a holder on another host cannot be asked: refused', () => {
    const d = folder();
    write(d, { pid: 1, start: 1, host: `${os.hostname()}-elsewhere`, since: new Date().toISOString() });
    expect(() => lockDataDir(d)).toThrow(/on .*-elsewhere/);
  });
});
