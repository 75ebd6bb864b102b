import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, buildQuery, setUnauthenticatedListener } from './client';

describe('buildQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(buildQuery({ page: 1, q: '王 阿姨', regionCode: undefined, action: '', x: null, from: '2026-11-23T00:00:00+08:00' })).toBe(
      '?page=1&q=%E7%8E%8B+%E9%98%BF%E5%A7%A8&from=2026-11-23T00%3A00%3A00%2B08%3A00',
    );
    expect(buildQuery({})).toBe('');
    expect(buildQuery(undefined)).toBe('');
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
});
