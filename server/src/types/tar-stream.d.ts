// tar-stream 2.x ships no types (and @types/tar-stream is not installed): the part Aixin uses.
declare module 'tar-stream' {
  import type { Readable, Writable } from 'node:stream';

  export interface Headers {
    name: string;
    size?: number;
    mode?: number;
    mtime?: Date;
    type?: 'file' | 'directory' | 'symlink' | 'link' | string;
  }
  export interface Pack extends Readable {
    entry(headers: Headers, buffer?: string | Buffer, callback?: (err: Error | null) => void): Writable;
    entry(headers: Headers, callback?: (err: Error | null) => void): Writable;
    finalize(): void;
  }
  export interface Extract extends Writable {
    on(event: 'entry', listener: (headers: Headers, stream: Readable, next: (err?: Error) => void) => void): this;
    on(event: 'finish' | 'close', listener: () => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  export function pack(): Pack;
  export function extract(): Extract;
}
