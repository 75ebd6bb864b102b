import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from './build-test-app';
import { makeUser } from './factories';
import { testEngine } from './engine';

/**
 * Fuzzing as a test: every operation of the OpenAPI document is sent generated bad input — wrong
 * types, huge and empty strings, Unicode edge cases, NUL bytes, negative, huge and fractional
 * numbers, injection strings, dates in year 1 and 9999 — one field at a time in an otherwise
 * plausible request, as a region admin (so that most requests get past the session to the
 * checks). Nothing may answer 5xx; every refusal has the error shape in both languages; a refused
 * request commits nothing (on the embedded database: no transaction given an id while it ran committed).
 *
 * CI runs a sample of the bad values for each field (seeded, so a failure repeats);
 * `AIXIN_FUZZ=full` (`npm run fuzz`) sends every value to every field.
 */

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  minLength?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
};
type Op = {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  'x-checked-before-body'?: boolean;
};
type Spec = { paths: Record<string, Record<string, Op>>; components?: { schemas?: Record<string, Schema> } };

const FULL = process.env.AIXIN_FUZZ === 'full';
/**
 * Transaction ids are the whole server's: on PostgreSQL the suite's other files commit beside this
 * one, so only the embedded database (one per test file) can say that a refusal committed nothing.
 */
const WATCH_WRITES = testEngine() === 'pglite';
const SAMPLE = 4;
const NIL_ID = '00000000-0000-7000-8000-000000000000';

/** The bad values, each with a name for the report. */
const BAD: Array<[string, unknown]> = [
  ['number for text', 12345],
  ['text for number', 'abc'],
  ['object', { $gt: '' }],
  ['array', ['x', 1]],
  ['null', null],
  ['boolean', true],
  ['empty text', ''],
  ['blank text', '   '],
  ['huge text', '爱'.repeat(100_000)],
  ['long ASCII', 'a'.repeat(10_001)],
  ['NUL', 'a\u0000b'],
  ['lone surrogate', 'x\uD800y'],
  ['right-to-left override', '\u202Eevil'],
  ['byte-order mark and zero-width', '\uFEFF\u200B\u200D'],
  ['astral and combining', '𠮷e\u0301👨‍👩‍👧'],
  ['negative', -1],
  ['huge number', 1e308],
  ['beyond 64 bits', 2 ** 64],
  ['fractional', 0.5],
  ['NaN as text', 'NaN'],
  ['SQL injection', "' or 1=1; drop table users; --"],
  ['script', '<script>alert(1)</script>'],
  ['template', '${7*7}{{7*7}}'],
  ['path traversal', '../../etc/passwd'],
  ['year 1', '0001-01-01T00:00:00Z'],
  ['year 9999', '9999-12-31T23:59:59Z'],
  ['not a date', '2026-02-30'],
];

/** Bad path segments (a path parameter is always text). */
const BAD_SEGMENTS = ['not-an-id', '%00', "'%20or%201=1", '..%2F..%2Fetc', 'a'.repeat(2000), '%F0%A0%AE%B7', '-1', '1e308'];

/** A small seeded generator, so that a sampled run repeats. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(all: T[], n: number, next: () => number): T[] {
  if (FULL || all.length <= n) return all;
  const copy = [...all];
  const out: T[] = [];
  while (out.length < n) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]!);
  return out;
}

let t: TestApp;
let admin: TestClient;
let spec: Spec;

function resolve(s: Schema | undefined): Schema {
  if (!s) return {};
  if (s.$ref) return resolve(spec.components?.schemas?.[s.$ref.split('/').pop()!]);
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map(resolve)) as Schema;
  if (s.anyOf?.length) return resolve(s.anyOf.find((x) => resolve(x).type !== 'null') ?? s.anyOf[0]);
  if (s.oneOf?.length) return resolve(s.oneOf[0]);
  return s;
}

/** A plausible value for a schema: enough for a request to reach the check of the one bad field. */
function plausible(raw: Schema | undefined, depth = 0): unknown {
  const s = resolve(raw);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object': {
      if (depth > 3) return {};
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = plausible(v, depth + 1);
      return out;
    }
    case 'array':
      return depth > 3 ? [] : [plausible(s.items, depth + 1)];
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'uuid') return NIL_ID;
      if (s.format === 'date-time') return '2026-12-20T02:00:00.000Z';
      if (s.format === 'date') return '2026-12-20';
      return '测试内容'.padEnd(Math.max(s.minLength ?? 0, 4), '好');
    default:
      return '测试';
  }
}

/** The next transaction id to be given out. */
async function nextXid(): Promise<bigint> {
  const r = await t.app.ctx.db.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as x`);
  return BigInt((r as unknown as { rows: Array<{ x: string }> }).rows[0]!.x);
}

/** How many transactions given ids in [from, to) committed (a rolled-back one stored nothing). */
async function committedSince(from: bigint, to: bigint): Promise<number> {
  if (to <= from) return 0;
  const r = await t.app.ctx.db.execute(
    sql`select count(*)::int as n from generate_series(${from.toString()}::bigint, ${(to - 1n).toString()}::bigint) g where pg_xact_status(g::text::xid8) = 'committed'`,
  );
  return (r as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
}

/**
 * Refusals that write on purpose, and what they write: a wrong password counts towards the
 * account's lock-out; a certificate lookup towards its address's rate limit; a partner's check
 * of a benefit card (or a use) towards the staff member's, so that codes cannot be guessed.
 */
const WRITES_WHEN_REFUSED = new Set([
  'post /api/v1/auth/login',
  'post /api/v1/auth/password',
  'get /api/v1/certificates/verify/{number}',
  'post /api/v1/partners/{id}/card-checks',
  'post /api/v1/partners/{id}/uses',
]);

interface Finding {
  op: string;
  where: string;
  value: string;
  status: number;
  why: string;
}

/** Sends one request and returns what is wrong with its answer, if anything. */
async function probe(method: string, url: string, body: unknown, op: string, where: string, value: string): Promise<Finding | null> {
  const before = await nextXid();
  let r;
  try {
    r = await admin.request(method.toUpperCase() as 'POST', url, body);
  } catch (e) {
    return { op, where, value, status: 0, why: `the request threw: ${(e as Error).message.slice(0, 200)}` };
  }
  if (r.status >= 500) return { op, where, value, status: r.status, why: JSON.stringify(r.body).slice(0, 300) };
  if (r.status >= 400) {
    const e = (r.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    if (typeof e?.code !== 'string' || typeof e.message !== 'string' || !e.message.includes(' / ')) {
      return { op, where, value, status: r.status, why: `not the error shape: ${JSON.stringify(r.body).slice(0, 200)}` };
    }
    if (WATCH_WRITES && !WRITES_WHEN_REFUSED.has(op) && (await committedSince(before, await nextXid())) > 0) return { op, where, value, status: r.status, why: 'refused, yet a transaction committed' };
  }
  return null;
}

/** The operation that ends the fuzzing admin's own session (the test checks at the end that it still holds). */
const SKIP = new Set(['post /api/v1/auth/logout']);

beforeAll(async () => {
  t = await buildTestApp();
  const u = await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
  admin = await t.client().login(u.phone);
  spec = (await t.client().get('/api/v1/openapi.json')).body as Spec;
});
afterAll(async () => t.close());

describe('fuzzing every route of the OpenAPI document', () => {
  it('no 5xx, always the error shape, nothing written by a refused request', async () => {
    const next = rng(20261202);
    const findings: Finding[] = [];
    let sent = 0;
    let ops = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, op] of Object.entries(methods)) {
        const name = `${method} ${path}`;
        if (SKIP.has(name)) continue;
        ops++;
        const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
        const query = (op.parameters ?? []).filter((p) => p.in === 'query');
        const plausiblePath = path.replace(/\{([^}]+)\}/g, (_m, p: string) => {
          const s = resolve(pathParams.find((x) => x.name === p)?.schema);
          return encodeURIComponent(String(plausible(s)));
        });
        const json = op.requestBody?.content?.['application/json']?.schema;
        const base = json && !op['x-checked-before-body'] ? plausible(json) : undefined;
        const send = async (url: string, body: unknown, where: string, value: string) => {
          sent++;
          const f = await probe(method, url, body, name, where, value);
          if (f) findings.push(f);
        };
        // each path parameter, bad
        for (const p of pathParams) {
          for (const seg of pick(BAD_SEGMENTS, 2, next)) {
            const url = path.replace(/\{([^}]+)\}/g, (_m, q: string) => (q === p.name ? seg : encodeURIComponent(String(plausible(resolve(pathParams.find((x) => x.name === q)?.schema))))));
            await send(url, base, `path ${p.name}`, seg.slice(0, 40));
          }
        }
        // each query parameter, bad (a query value is text: its JSON form for the others)
        for (const p of query) {
          for (const [label, v] of pick(BAD, SAMPLE, next)) {
            const text = typeof v === 'string' ? v : JSON.stringify(v);
            await send(`${plausiblePath}?${new URLSearchParams({ [p.name]: text })}`, base, `query ${p.name}`, label);
          }
        }
        // each body field (and each field one level down), bad
        if (base && typeof base === 'object' && !Array.isArray(base)) {
          const fields: string[][] = [];
          for (const [k, v] of Object.entries(base as Record<string, unknown>)) {
            fields.push([k]);
            if (v && typeof v === 'object' && !Array.isArray(v)) for (const k2 of Object.keys(v)) fields.push([k, k2]);
          }
          for (const f of fields) {
            for (const [label, v] of pick(BAD, SAMPLE, next)) {
              const body = structuredClone(base) as Record<string, Record<string, unknown>>;
              if (f.length === 1) (body as Record<string, unknown>)[f[0]!] = v;
              else body[f[0]!]![f[1]!] = v;
              await send(plausiblePath, body, `body ${f.join('.')}`, label);
            }
          }
        }
      }
    }
    expect((await admin.get('/api/v1/me')).status, 'the admin was still signed in at the end').toBe(200);
    expect(ops).toBeGreaterThan(100);
    expect(sent).toBeGreaterThan(ops);
    // one line per finding, so that a failure names every route at once
    expect(findings.map((f) => `${f.op} — ${f.where} = ${f.value} → ${f.status}: ${f.why}`)).toEqual([]);
  }, 600_000);
});
