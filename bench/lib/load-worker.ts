/**
 * The load generator, run in its own process (`node --import tsx bench/lib/load-worker.ts SPEC`):
 * autocannon against the server, cycling through the spec's requests, each connection in turn.
 * Prints one JSON line: rate, latencies, status counts. A `{n}` in a body or path is replaced by
 * a counter, so that every request can carry its own idempotency key.
 */
import fs from 'node:fs';
import autocannon from 'autocannon';

export interface LoadRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  cookie?: string;
  csrf?: string;
  body?: unknown;
}

export interface LoadSpec {
  url: string;
  connections: number;
  /** Seconds, or a fixed number of requests. */
  duration?: number;
  amount?: number;
  requests: LoadRequest[];
  /** Send each request this many times (concurrent retries of the same request). */
  repeatEach?: number;
  /** A fixed rate for all connections together (requests per second) instead of as fast as possible. */
  overallRate?: number;
  /** Start the `{n}` counter here (consecutive loads keep their idempotency keys apart). */
  counterFrom?: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rate: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

const spec = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
let k = spec.counterFrom ?? 0;
const repeat = spec.repeatEach ?? 1;
const prepared = spec.requests.map((r) => ({ ...r, bodyText: r.body === undefined ? undefined : JSON.stringify(r.body) }));
const statusCodes: Record<string, number> = {};

const instance = autocannon(
  {
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration ?? 10 }),
    ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const i = k++;
          const r = prepared[Math.floor(i / repeat) % prepared.length]!;
          const body = r.bodyText?.replaceAll('{n}', String(i));
          const headers: Record<string, string> = { ...(req.headers as Record<string, string>) };
          if (r.cookie) headers.cookie = r.cookie;
          if (r.csrf) headers['x-csrf-token'] = r.csrf;
          if (body !== undefined) headers['content-type'] = 'application/json';
          return { ...req, method: r.method, path: r.path.replaceAll('{n}', String(i)), headers, ...(body !== undefined ? { body } : {}) };
        },
        onResponse: (status) => {
          statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        },
      },
    ],
  },
  (err, res) => {
    if (err) {
      console.error(err);
      process.exit(1);
    }
    const out: LoadResult = {
      requests: res.requests.total,
      seconds: res.duration,
      rate: res.requests.total / res.duration,
      p50: res.latency.p50,
      p90: res.latency.p90,
      p99: res.latency.p99,
      max: res.latency.max,
      non2xx: res.non2xx,
      errors: res.errors,
      timeouts: res.timeouts,
      statusCodes,
    };
    process.stdout.write(JSON.stringify(out) + '\n');
  },
);
process.once('SIGTERM', () => instance.stop());
