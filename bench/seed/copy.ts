import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';

/** A value COPY text format can carry. */
export type CopyValue = string | number | boolean | Date | null | undefined | readonly string[];

const SPECIAL = /[\\\t\n\r]/;

function esc(s: string): string {
  // COPY text format: backslash, tab, newline and carriage return are escaped
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function arrayLiteral(a: readonly string[]): string {
  return '{' + a.map((x) => '"' + x.replace(/["\\]/g, (c) => '\\' + c) + '"').join(',') + '}';
}

export function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return esc(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  return esc(arrayLiteral(v));
}

/**
 * One COPY … FROM STDIN on its own connection, written row by row with back-pressure: `row()`
 * returns a promise only when the stream's buffer is full, so a generator can await it cheaply.
 */
export class CopyWriter {
  private stream: Writable | null = null;
  private buf: string[] = [];
  private bufBytes = 0;
  rows = 0;

  constructor(
    private readonly client: pg.Client,
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  async open(): Promise<void> {
    this.stream = this.client.query(copyFrom(`COPY ${this.table} (${this.columns.join(', ')}) FROM STDIN`));
  }

  /** Queues one row; awaits only when the connection is behind. */
  row(values: readonly CopyValue[]): Promise<void> | undefined {
    const line = values.map(copyField).join('\t') + '\n';
    this.buf.push(line);
    this.bufBytes += line.length;
    this.rows++;
    if (this.bufBytes < 256 * 1024) return undefined;
    return this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buf.length) return;
    const chunk = this.buf.join('');
    this.buf = [];
    this.bufBytes = 0;
    if (!this.stream!.write(chunk)) await new Promise<void>((r) => this.stream!.once('drain', () => r()));
  }

  async close(): Promise<void> {
    await this.flush();
    const s = this.stream!;
    await new Promise<void>((resolve, reject) => {
      s.once('finish', () => resolve());
      s.once('error', reject);
      s.end();
    });
  }
}
