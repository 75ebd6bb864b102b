import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestClient } from './build-test-app';
import { makeUser } from './factories';
import { Readable } from 'node:stream';
import { CSRF_COOKIE } from '@shared/constants';

/**
 * Contract-wide checks over every route in the generated OpenAPI document, so that routes
 * added later are covered without a test of their own: bad input gets the one error shape.
 */
let t: TestApp;
let admin: TestClient;
let outsider: TestClient;
let spec: { paths: Record<string, Record<string, { 'x-checked-before-body'?: boolean; requestBody?: { content?: Record<string, unknown> }; parameters?: Array<{ in: string; name: string; schema?: { type?: string; format?: string; pattern?: string } }> }>> };
beforeAll(async () => {
  t = await buildTestApp();
  const u = await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
  admin = await t.client().login(u.phone);
  outsider = await t.client().login((await makeUser(t, { regionCode: '140522' })).phone);
  spec = (await t.client().get('/api/v1/openapi.json')).body;
});
afterAll(async () => t.close());

function expectErrorShape(r: { status: number; body: any }, url: string) {
  expect(r.body?.error, url).toBeDefined();
  expect(typeof r.body.error.code, url).toBe('string');
  expect(r.body.error.message, url).toMatch(/ \/ /);
}

describe('the contract over every route', () => {
  it('serves the OpenAPI document and the browsable docs', async () => {
    expect(Object.keys(spec.paths).length).toBeGreaterThan(10);
    expect(spec.paths['/api/v1/auth/register']).toBeDefined();
    const docs = await t.client().get('/api/docs/');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('swagger');
  });

  it('every route with a body answers a malformed body with 400 and per-field details, nothing written', async () => {
    let checked = 0;
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        // routes whose body is checked before it is read refuse before they see it: the next test
        if (!op.requestBody || op['x-checked-before-body']) continue;
        const url = path.replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000000');
        const r = await admin.request(method.toUpperCase() as 'POST', url, [1, 2, 3]);
        expect(r.status, `${method} ${path}`).toBe(400);
        expectErrorShape(r, `${method} ${path}`);
        expect(['VALIDATION_FAILED', 'INVALID_PHONE', 'INVALID_ID_NUMBER']).toContain(r.body.error.code);
        expect(r.body.error.details?.fields, `${method} ${path}`).toBeDefined();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('every route taking a file is checked before its body is read: an outsider’s body is refused unread', async () => {
    let checked = 0;
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const types = Object.keys(op.requestBody?.content ?? {});
        if (types.some((ct) => ct !== 'application/json')) expect(op['x-checked-before-body'], `${method} ${path} takes a file but is not checked before its body`).toBe(true);
        if (!op['x-checked-before-body']) continue;
        // a body that never ends: reading any of it marks it read
        let read = false;
        const body = new Readable({
          read() {
            read = true;
            this.push(Buffer.alloc(64 * 1024, 1));
          },
        });
        const url = path.replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000000') + '?regionCode=140502';
        const csrf = outsider.cookies.get(CSRF_COOKIE)!;
        const cookie = [...outsider.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
        const r = await t.app.inject({ method: method.toUpperCase() as 'POST', url, headers: { cookie, 'x-csrf-token': csrf, 'content-type': types[0] ?? 'application/json' }, payload: body });
        expect([403, 404], `${method} ${path}`).toContain(r.statusCode);
        expectErrorShape({ status: r.statusCode, body: r.json() }, `${method} ${path}`);
        expect(read, `${method} ${path} read the body before refusing`).toBe(false);
        body.destroy();
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it('every route with an id in its path answers a malformed id with 400', async () => {
    for (const [path, ops] of Object.entries(spec.paths)) {
      if (!path.includes('{id}')) continue;
      for (const method of Object.keys(ops)) {
        const r = await admin.request(method.toUpperCase() as 'GET', path.replace('{id}', 'not-an-id'), method === 'get' || method === 'delete' ? undefined : {});
        expect(r.status, `${method} ${path}`).toBe(400);
        expectErrorShape(r, `${method} ${path}`);
      }
    }
  });

  it('the router’s own refusals (a path parameter over its length limit, a malformed escape) have the shape too', async () => {
    for (const url of [`/api/v1/products/${'a'.repeat(200)}`, '/api/v1/products/%E0%A4%A']) {
      const r = await admin.get(url);
      expect(r.status, url).toBe(400);
      expectErrorShape(r, url);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('a day that is not a date is 400, never a crash (a refinement runs after a failed pattern)', async () => {
    for (const bad of ['<script>', '2026-02-30', '12345']) {
      const r = await t.client().get(`/api/v1/stats/overview?from=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.details.fields.from, bad).toBeDefined();
    }
  });

  it('every list refuses a page size over 100', async () => {
    for (const [path, ops] of Object.entries(spec.paths)) {
      const get = ops.get;
      if (!get?.parameters?.some((p) => p.in === 'query' && p.name === 'pageSize') || path.includes('{')) continue;
      const r = await admin.get(`${path}?pageSize=101`);
      expect(r.status, path).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.details.fields.pageSize).toBeDefined();
    }
  });

  it('unknown API paths answer 404 NOT_FOUND in the same shape; malformed JSON answers 400', async () => {
    const r = await t.client().get('/api/v1/no-such-thing');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"phone": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('a state-changing call without a session is 401 UNAUTHENTICATED, not a crash', async () => {
    const r = await t.client().post('/api/v1/orgs', { name: '无名队伍', type: 'community_team', regionCode: '140502' });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('/healthz answers with the engine', async () => {
    const r = await t.client().get('/healthz');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', database: t.app.ctx.engine });
  });
});
