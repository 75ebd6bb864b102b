import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, DEFAULT_RATE_LIMITS, type RateLimits } from '../src/config';
import { buildApp } from '../src/app';
import type { Database } from '../src/db/client';
import { TestClock } from '../src/lib/clock';
import { CSRF_COOKIE, SESSION_COOKIE } from '@shared/constants';
import { freshDatabase } from './engine';
import { verifyLedger } from '../src/modules/ledger/index';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: TestClock;
  /** A client that keeps its own cookies, like one browser. */
  client(): TestClient;
  close(): Promise<void>;
}

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/** Builds the whole app on a fresh, migrated database with a settable clock. */
export async function buildTestApp(
  opts: { rateLimits?: Partial<RateLimits>; env?: Record<string, string>; allowBrokenLedger?: boolean; /** pino options (e.g. a stream to read the logs); silent by default */ logger?: Record<string, unknown> } = {},
): Promise<TestApp> {
  const database = await freshDatabase();
  const clock = new TestClock();
  const config = loadConfig(
    { ...opts.env },
    {
      dataDir: path.join(os.tmpdir(), 'aixin-test-data'),
      secret: TEST_SECRET,
      serveWeb: false,
      rateLimits: { ...DEFAULT_RATE_LIMITS, loginPerIpPerMinute: 10_000, registerPerIpPerHour: 10_000, ...opts.rateLimits },
    },
  );
  const app = await buildApp(config, { database, clock, logger: opts.logger ?? false });
  await app.ready();
  return {
    app,
    database,
    clock,
    client: () => new TestClient(app),
    async close() {
      // the end of every test file proves the books: balances recomputed from the transfers,
      // each ledger summing to zero, the hash chain intact
      const proof = await verifyLedger(database.db);
      await app.close();
      await database.close();
      if (!proof.ok && !opts.allowBrokenLedger) throw new Error(`ledger verify failed at the end of the file: ${JSON.stringify(proof.problems.slice(0, 3))}`);
    },
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Res<T = unknown> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

/**
 * Every full ID number a test made. Each answer the app gives is scanned for them: no
 * response may ever carry one (the contract's rule), in any test.
 */
export const KNOWN_ID_NUMBERS = new Set<string>();

/** Sends requests as a browser would: cookies kept, X-CSRF-Token set from the aixin_csrf cookie. */
export class TestClient {
  cookies = new Map<string, string>();
  /** Set to false to leave the CSRF header out. */
  sendCsrf = true;
  constructor(private readonly app: FastifyInstance) {}

  async request<T = any>(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get(CSRF_COOKIE);
    if (method !== 'GET' && this.sendCsrf && csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = csrf;
    const raw = await this.app.inject({ method, url, headers: h, ...(body !== undefined ? { payload: body as object } : {}) });
    for (const c of raw.cookies as Array<{ name: string; value: string; expires?: Date; maxAge?: number }>) {
      const expired = (c.expires && c.expires.getTime() <= Date.now()) || c.maxAge === 0 || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    for (const id of KNOWN_ID_NUMBERS) {
      if (raw.body.includes(id)) throw new Error(`${method} ${url} answered a full ID number`);
    }
    let parsed: unknown = raw.body;
    if ((raw.headers['content-type'] ?? '').toString().includes('json') && raw.body) parsed = JSON.parse(raw.body);
    return { status: raw.statusCode, body: parsed as T, headers: raw.headers, raw };
  }
  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', url, body ?? {}, headers);
  }
  put<T = any>(url: string, body?: unknown) {
    return this.request<T>('PUT', url, body ?? {});
  }
  patch<T = any>(url: string, body?: unknown) {
    return this.request<T>('PATCH', url, body ?? {});
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }
  async login(phone: string, password = 'Passw0rd!'): Promise<this> {
    const r = await this.post('/api/v1/auth/login', { phone, password });
    if (r.status !== 200) throw new Error(`login ${phone} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return this;
  }
  get hasSession(): boolean {
    return this.cookies.has(SESSION_COOKIE);
  }
}
