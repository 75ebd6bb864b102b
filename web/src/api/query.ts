import { QueryClient, keepPreviousData, queryOptions, type FetchQueryOptions, type QueryFunction, type QueryKey, type UseQueryResult, type skipToken } from '@tanstack/react-query';
import { api, setWriteListener, type ApiAnswer, type GetInputs, type PathsFor } from './client';

/**
 * The one query cache of the page. Loads behave as before TanStack Query: no silent retries (a
 * failed load shows its error and a "try again" button at once), no reload on focus; a page
 * left and opened again shows its last answer while it asks again.
 */
export function makeQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, staleTime: 0 },
      mutations: { retry: false },
    },
  });
  // after any write, answers of pages no longer shown are forgotten (the next visit loads afresh
  // instead of showing what the write changed); the page on screen reloads what it shows itself
  setWriteListener(() => client.removeQueries({ type: 'inactive' }));
  return client;
}

export const queryClient = makeQueryClient();

/** The cache key of a GET: the path and its inputs (`['/activities/{id}', { params: { id } }]`). */
export function apiKey<P extends PathsFor<'get'>>(path: P, inputs?: GetInputs<P>) {
  return [path, inputs ?? {}] as const;
}

/**
 * The query of one GET, for `useQuery(apiQuery(...))` or `queryClient.fetchQuery(...)`: the key
 * is the path and its inputs, and the last answer stays on screen while a new one loads (a table
 * does not flash empty between pages).
 */
export function apiQuery<P extends PathsFor<'get'>>(path: P, inputs?: GetInputs<P>) {
  return queryOptions<ApiAnswer<P>>({
    queryKey: apiKey(path, inputs),
    queryFn: ({ signal }) => (api.get as (p: string, i: unknown, s: AbortSignal) => Promise<ApiAnswer<P>>)(path, inputs, signal),
    placeholderData: keepPreviousData,
  });
}

/** What a list or card needs of a query to show loading, error ("try again") and data. */
export type QueryState<T> = Pick<UseQueryResult<T>, 'data' | 'error' | 'isFetching' | 'refetch'>;

/**
 * One query, outside a component's render (a search box, a poll, a click):
 * `await fetchApi(peopleApi.users(q), signal)`; an abort of `signal` cancels the call.
 */
export function fetchApi<T, K extends QueryKey>(options: { queryKey: K; queryFn?: QueryFunction<T, K> | typeof skipToken }, signal?: AbortSignal): Promise<T> {
  const cancel = () => void queryClient.cancelQueries({ queryKey: options.queryKey, exact: true });
  signal?.addEventListener('abort', cancel, { once: true });
  // the listener goes with the call (a kiosk polls all day on one signal)
  return queryClient.fetchQuery(options as FetchQueryOptions<T, Error, T, K>).finally(() => signal?.removeEventListener('abort', cancel));
}

/** The same query, asked again whenever one of `also` changes (a count, a reload counter the parent bumps, a status). */
export function alsoKeyed<O extends { queryKey: readonly unknown[] }>(options: O, ...also: unknown[]): O {
  return { ...options, queryKey: [...options.queryKey, ...also] };
}
