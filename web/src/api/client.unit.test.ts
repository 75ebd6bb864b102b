import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, buildQuery, fillPath, setUnauthenticatedListener, setWriteListener } from './client';

describe('buildQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(buildQuery({ page: 1, q: '王 阿姨', regionCode: undefined, action: '', x: null, from: '2026-11-23T00:00:00+08:00' })).toBe(
      '?page=1&q=%E7%8E%8B+%E9%98%BF%E5%A7%A8&from=2026-11-23T00%3A00%3A00%2B08%3A00',
    );
    expect(buildQuery({})).toBe('');
    expect(buildQuery(undefined)).toBe('');
  });
});

describe('fillPath', () => {
  it('puts the encoded parameters into the path', () => {
    expect(fillPath('/activities/{id}/signups/{userId}', { id: 'a b/c', userId: 'u?1' })).toBe('/activities/a%20b%2Fc/signups/u%3F1');
    expect(fillPath('/regions/{code}', { code: 440305 })).toBe('/regions/440305');
    expect(fillPath('/me', undefined)).toBe('/me');
  });

  it('refuses a path whose parameter is missing or empty (never calls /activities/undefined)', () => {
    expect(() => fillPath('/activities/{id}', {})).toThrow(/id is missing/);
    expect(() => fillPath('/activities/{id}', { id: '' })).toThrow(/id is missing/);
  });
});

describe('request', () => {
  const fetchMock = vi.fn();
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('document', { cookie: 'other=1; aixin_csrf=csrf%2Btoken' });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
    setUnauthenticatedListener(null);
    setWriteListener(null);
  });
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('sends the CSRF cookie value as X-CSRF-Token on a POST, with the cookies', async () => {
    fetchMock.mockResolvedValue(json(201, { id: 'g1' }));
    await expect(api.post('/grants', { body: { userId: 'u', role: 'org_admin', orgId: 'o' } })).resolves.toEqual({ id: 'g1' });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/grants');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(init.headers['x-csrf-token']).toBe('csrf+token');
    expect(init.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(init.body)).toEqual({ userId: 'u', role: 'org_admin', orgId: 'o' });
  });

  it('sends no CSRF header on a GET, and puts the query on the URL', async () => {
    fetchMock.mockResolvedValue(json(200, { items: [], total: 0 }));
    await api.get('/audit', { query: { page: 2, action: '' } });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/audit?page=2');
    expect(init.headers['x-csrf-token']).toBeUndefined();
  });

  it('sends the header on a DELETE and answers undefined for 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(api.delete('/me/sessions/{id}', { params: { id: 's1' } })).resolves.toBeUndefined();
    expect(fetchMock.mock.calls[0]![1].headers['x-csrf-token']).toBe('csrf+token');
  });

  it('throws ApiError with the code, status and details of the error body', async () => {
    fetchMock.mockResolvedValue(
      json(400, { error: { code: 'INVALID_PHONE', message: '手机号码无效 / Invalid mobile number', details: { fields: { phone: '手机号应为11位 / 11 digits' }, in: 'body' } } }),
    );
    const err = await api.post('/auth/register', { body: { name: '', phone: '1', idNumber: '', password: '', regionCode: '' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.code).toBe('INVALID_PHONE');
    expect(e.status).toBe(400);
    expect(e.fields).toEqual({ phone: '手机号应为11位 / 11 digits' });
  });

  it('tells the auth state when the session is gone', async () => {
    const heard: string[] = [];
    setUnauthenticatedListener((p) => heard.push(p));
    fetchMock.mockResolvedValue(json(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录 / Please log in first' } }));
    await expect(api.get('/grants')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(heard).toEqual(['/grants']);
  });

  it('answers NETWORK when the server cannot be reached', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(api.get('/me')).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
  });

  it('answers UNAVAILABLE for a proxy error page', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad Gateway</html>', { status: 502 }));
    await expect(api.get('/me')).rejects.toMatchObject({ code: 'UNAVAILABLE', status: 502 });
  });

  it('fills path parameters and the query of a GET, and passes the abort signal', async () => {
    fetchMock.mockResolvedValue(json(200, { items: [], total: 0 }));
    const ctl = new AbortController();
    await api.get('/orgs/{id}/members', { params: { id: 'o 1' }, query: { status: 'active', page: 2 } }, ctl.signal);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/orgs/o%201/members?status=active&page=2');
    expect(init.signal).toBe(ctl.signal);
  });

  it('sends the body of a write, an empty object when there is none, and the idempotency key', async () => {
    fetchMock.mockImplementation(async () => json(200, { id: 'r1' }));
    await api.post('/activities/{id}/submit', { params: { id: 'a1' } });
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/v1/activities/a1/submit');
    expect(JSON.parse(fetchMock.mock.calls[0]![1].body)).toEqual({});
    await api.post('/redemptions', { body: { productId: 'p1', quantity: 1 }, idempotencyKey: 'k-1' });
    expect(JSON.parse(fetchMock.mock.calls[1]![1].body)).toEqual({ productId: 'p1', quantity: 1 });
    expect(fetchMock.mock.calls[1]![1].headers['Idempotency-Key']).toBe('k-1');
  });

  it('tells the write listener of a write that succeeded, never of a read or a refused write', async () => {
    const heard: string[] = [];
    setWriteListener((method, path) => heard.push(`${method} ${path}`));
    fetchMock.mockResolvedValueOnce(json(200, { items: [], total: 0 }));
    await api.get('/orgs');
    fetchMock.mockResolvedValueOnce(json(403, { error: { code: 'FORBIDDEN', message: '无权限 / Forbidden' } }));
    await api.post('/orgs/{id}/join', { params: { id: 'o1' }, body: {} }).catch(() => undefined);
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await api.delete('/grants/{id}', { params: { id: 'g1' } });
    expect(heard).toEqual(['DELETE /grants/g1']);
  });
});

describe('the typed client at compile time (tsc checks this file; each line below must fail to compile)', () => {
  it('refuses unknown paths, missing or wrong parameters, queries and bodies, and wrong uses of the answer', () => {
    // never run: only compiled
    const compileOnly = async () => {
      // @ts-expect-error a path the server does not serve
      await api.get('/activitiez');
      // @ts-expect-error the path parameter is required
      await api.get('/activities/{id}');
      // @ts-expect-error a parameter the path does not have
      await api.get('/activities/{id}', { params: { activityId: 'a1' } });
      // @ts-expect-error a query field the route does not take
      await api.get('/activities', { query: { colour: 'red' } });
      // @ts-expect-error a value outside the query's enum
      await api.get('/activities', { query: { status: 'done' } });
      // @ts-expect-error GET only: the route has no POST
      await api.post('/me/passbook');
      // @ts-expect-error the body's decision is approve or reject
      await api.post('/activities/{id}/review', { params: { id: 'a1' }, body: { decision: 'maybe' } });
      const a = await api.get('/activities/{id}', { params: { id: 'a1' } });
      // @ts-expect-error the answer has no such field
      void a.titel;
      const title: string = a.title;
      return title;
    };
    expect(typeof compileOnly).toBe('function');
  });
});
