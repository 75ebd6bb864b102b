import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from './client';
import { alsoKeyed, apiKey, apiQuery, fetchApi, makeQueryClient, queryClient } from './query';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the query layer', () => {
  const fetchMock = vi.fn();
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('document', { cookie: 'aixin_csrf=t' });
    queryClient.clear();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('keys a GET by its path and inputs, so two pages asking the same share one answer', () => {
    expect(apiKey('/activities/{id}', { params: { id: 'a1' } })).toEqual(['/activities/{id}', { params: { id: 'a1' } }]);
    expect(apiKey('/me')).toEqual(['/me', {}]);
    expect(apiQuery('/stations', { query: { regionCode: '440305' } }).queryKey).toEqual(['/stations', { query: { regionCode: '440305' } }]);
    expect(alsoKeyed(apiQuery('/me'), 3).queryKey).toEqual(['/me', {}, 3]);
  });

  it('loads through the typed client with the query’s abort signal', async () => {
    fetchMock.mockResolvedValue(json(200, { items: [{ id: 's1' }], total: 1 }));
    const page = await fetchApi(apiQuery('/stations', { query: { regionCode: '440305', pageSize: 50 } }));
    expect(page.total).toBe(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/stations?regionCode=440305&pageSize=50');
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('does not retry a failed load: the page shows the error and its "try again" at once', async () => {
    fetchMock.mockResolvedValue(json(503, { error: { code: 'UNAVAILABLE', message: '服务暂不可用 / Unavailable' } }));
    await expect(fetchApi(apiQuery('/me'))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('forgets the answers of pages no longer shown after any write, and keeps them otherwise', async () => {
    const client = makeQueryClient();
    fetchMock.mockImplementation(async () => json(200, { items: [], total: 0 }));
    await client.fetchQuery(apiQuery('/orgs'));
    expect(client.getQueryData(apiKey('/orgs'))).toEqual({ items: [], total: 0 });
    await api.get('/stations');
    expect(client.getQueryData(apiKey('/orgs'))).toBeDefined();
    fetchMock.mockResolvedValue(json(200, { id: 'x' }));
    await api.post('/orgs/{id}/join', { params: { id: 'o1' }, body: {} });
    expect(client.getQueryData(apiKey('/orgs'))).toBeUndefined();
  });
});

describe('fetchApi with a signal', () => {
  const fetchMock = vi.fn();
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('document', { cookie: '' });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('cancels the call when the signal aborts (a search box typed on)', async () => {
    let seen: AbortSignal | undefined;
    fetchMock.mockImplementation((_url: string, init: RequestInit) => {
      seen = init.signal ?? undefined;
      return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    });
    const ctl = new AbortController();
    const p = fetchApi(apiQuery('/users', { query: { q: '王' } }), ctl.signal);
    await vi.waitFor(() => expect(seen).toBeDefined());
    ctl.abort();
    await expect(p).rejects.toBeDefined();
    expect(seen!.aborted).toBe(true);
  });
});
