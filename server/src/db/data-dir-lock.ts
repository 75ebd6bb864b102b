import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The embedded database's lock: `<dataDir>/aixin.lock` holds who opened the folder (host, PID and
 * the process's start time from /proc/PID/stat). A lock whose holder is gone — a crash, a SIGKILL,
 * a reboot, or a new process that happens to get the old PID (its start time differs) — is taken
 * over at once; a live holder is refused. Taking over is an atomic rename, so two processes
 * racing for a stale lock cannot both win.
 */
export interface LockHolder {
  pid: number;
  /** Clock ticks since boot when the process started (Linux); null where /proc is missing. */
  start: number | null;
  host: string;
  since: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder ? `process ${holder.pid}${holder.host !== os.hostname() ? ` on ${holder.host}` : ''}` : 'another process';
    super(
      `数据目录 ${dir} 正被另一个爱心进程（${who}）使用：请先停止它，或设置另一个 AIXIN_DATA_DIR，或改用 DATABASE_URL 共享 PostgreSQL / ` +
        `Another Aixin process (${who}) is already using the embedded database in ${dir}. ` +
        `Stop it first, or point AIXIN_DATA_DIR at another folder, or use DATABASE_URL for a PostgreSQL server that several processes can share.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/** Field 22 of /proc/PID/stat (start time in clock ticks since boot), or null without /proc. */
export function processStartTime(pid: number): number | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // the command name (field 2) is in parentheses and may hold spaces: count after its last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = Number(fields[19]);
  return Number.isFinite(start) ? start : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the recorded holder is still running (on another host: assumed so, it cannot be asked). */
export function holderAlive(h: LockHolder): boolean {
  if (h.host !== os.hostname()) return true;
  if (!Number.isInteger(h.pid) || h.pid <= 0 || !isAlive(h.pid)) return false;
  if (h.start === null) return true;
  const now = processStartTime(h.pid);
  return now === null || now === h.start;
}

function readHolder(file: string): LockHolder | null | 'missing' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw err;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? h : null;
  } catch {
    return null; // torn or foreign content: nobody can be holding it
  }
}

/** Takes the lock of `dataDir` or throws DataDirLockedError; answers the release. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'aixin.lock');
  const me: LockHolder = { pid: process.pid, start: processStartTime(process.pid), host: os.hostname(), since: new Date().toISOString() };
  const body = JSON.stringify(me) + '\n';
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(file, body, { flag: 'wx', mode: 0o644 });
      return () => release(file, body);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(file);
    if (holder === 'missing') continue;
    if (holder && holderAlive(holder)) throw new DataDirLockedError(dataDir, holder);
    // stale: move it aside atomically; whoever renames it first takes over
    const aside = `${file}.stale-${process.pid}`;
    try {
      fs.renameSync(file, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    const moved = readHolder(aside);
    if (moved !== 'missing' && moved && holderAlive(moved)) {
      // a racing process had just taken it: put its lock back unless someone already replaced it
      try {
        fs.linkSync(aside, file);
      } catch {
        /* a newer lock is in place */
      }
      fs.rmSync(aside, { force: true });
      throw new DataDirLockedError(dataDir, moved);
    }
    fs.rmSync(aside, { force: true });
  }
  throw new DataDirLockedError(dataDir, null);
}

function release(file: string, body: string): void {
  try {
    if (fs.readFileSync(file, 'utf8') === body) fs.rmSync(file);
  } catch {
    /* already gone */
  }
}
