import fs from 'node:fs';
import { AppError } from './lib/app-error';
import { fromRoot } from './lib/paths';

/** What `aixin` prints around its commands: version, environment, progress, refusals. */

export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;
}

export const ENVIRONMENT_HELP = `
Environment (the same as the server's; see .env.example):
  DATABASE_URL          PostgreSQL to work on, postgres://USER:PASSWORD@HOST:5432/DATABASE;
                        unset: the embedded database in AIXIN_DATA_DIR (stop the server first)
  DATABASE_OWNER_URL    the schema owner, for migrations when DATABASE_URL is a role without DDL
  DATABASE_REPLICA_URL  a streaming replica of DATABASE_URL for the server's read-only pages
  AIXIN_DATA_DIR        the embedded database, uploads and the generated secret (default ./data)
  AIXIN_SECRET          the installation's key (default: AIXIN_DATA_DIR/secret.key); every
                        process of one installation must use the same one
  AIXIN_LOG_LEVEL       the commands' log level (default warn; debug prints stacks)
Exit codes: 0 done, 1 failed (bad rows, problems found), 2 refused (bad option, nothing to work on).`;

/**
 * Progress of a long command: a redrawn bar on a terminal; on a pipe or in a log, a plain line
 * at each tenth and at the end.
 */
export function progress(label: string, stream: NodeJS.WriteStream = process.stdout): { update(done: number, total: number, phase?: string): void; end(): void } {
  const tty = !!stream.isTTY;
  let lastTenth = -1;
  let lastPhase = '';
  let drawn = false;
  return {
    update(done, total, phase = label) {
      if (tty) {
        stream.write(`\r\x1b[K${phase.padEnd(9)} ${bar(done, total)}`);
        drawn = true;
        return;
      }
      const tenth = total ? Math.floor((done / total) * 10) : 10;
      if (phase === lastPhase && tenth === lastTenth) return;
      lastPhase = phase;
      lastTenth = tenth;
      stream.write(`${phase}: ${done}/${total} (${tenth * 10}%)\n`);
    },
    end() {
      if (tty && drawn) stream.write('\n');
    },
  };
}

export function bar(done: number, total: number): string {
  const width = 30;
  const filled = total ? Math.min(width, Math.round((done / total) * width)) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

/** A refusal of the command line, printed as `✖ message` with exit code 2. */
export class CliRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliRefusal';
  }
}

/** The command-line option that carries each request field. */
const OPTION_OF: Record<string, string> = { regionCode: '--region', phone: '--phone', password: '--password', name: '--name', idNumber: '--id-number', cityCode: '--city', file: '<file>' };

/**
 * An AppError refused by validation, with the option that carried each bad field named:
 * `--region: region code: 6, 9, 12 or 15 digits (got "abc")` rather than "Some fields are invalid".
 */
export function fieldLines(err: unknown, given: Record<string, unknown> = {}): string[] | null {
  if (!(err instanceof AppError)) return null;
  const fields = (err.details?.fields ?? null) as Record<string, unknown> | null;
  if (!fields || typeof fields !== 'object') return null;
  return Object.entries(fields).map(([field, why]) => {
    const option = OPTION_OF[field] ?? `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const reason = Array.isArray(why) ? why.join('; ') : String(why);
    const value = given[field];
    return `${option}: ${reason}${value !== undefined && field !== 'password' ? ` (got "${String(value)}")` : ''}`;
  });
}

/**
 * Whether a division list can be read at all: an empty file, or one whose lines are split by
 * something other than commas (semicolons, tabs, full-width commas, bars), is refused with the reason.
 */
export function regionCsvRefusal(file: string, text: string): string | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return `${file} 是空文件：需要每行 code,name,parent_code[,lat,lng] / ${file} is empty: expected lines of code,name,parent_code[,lat,lng]`;
  const first = lines[0]!;
  if (!first.includes(',')) {
    const found = [';', '\t', '，', '|'].find((d) => first.includes(d));
    const shown = found === '\t' ? 'tab' : found;
    return found
      ? `${file} 用 "${shown}" 分隔而不是逗号：请另存为逗号分隔的 CSV（UTF-8） / ${file} is separated by "${shown}", not commas: save it as comma-separated CSV (UTF-8)`
      : `${file} 的第 1 行没有逗号：需要 code,name,parent_code[,lat,lng] / line 1 of ${file} has no commas: expected code,name,parent_code[,lat,lng]`;
  }
  return null;
}

/** A file named on the command line (`name`: the argument or option), or a refusal naming it. */
export function readInput(file: string, name = '<file>'): string {
  return readBytes(file, name).toString('utf8');
}

export function readBytes(file: string, name = '<file>'): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : code === 'EACCES' ? 'not readable' : String((err as Error).message);
    throw new CliRefusal(`${name} ${file}: ${why}`);
  }
}
