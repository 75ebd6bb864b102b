/**
 * @deprecated The old data layer, kept ONLY so pages written against it on other branches still
 * compile after the merge; no page of main uses it. Convert such a page (see docs/ARCHITECTURE.md,
 * "The web's data layer") and delete this file when nothing imports it.
 */
import { useId, type DependencyList } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { request, type QueryValue } from './client';

/** @deprecated use `useQuery(apiQuery(path, inputs))` from ./query. */
export interface RequestState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** @deprecated use `useQuery(apiQuery(path, inputs))` from ./query (queryKey = path + inputs). */
export function useRequest<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): RequestState<T> {
  const id = useId();
  const q = useQuery({
    queryKey: ['legacy', id, ...deps],
    // TanStack Query takes no `undefined` answer: the answer travels in a box
    queryFn: async ({ signal }) => ({ value: await load(signal) }),
    placeholderData: keepPreviousData,
    gcTime: 0,
  });
  return { data: q.data?.value, error: q.error, loading: q.isFetching, reload: () => void q.refetch() };
}

/** @deprecated the unchecked client: use `api` from ./client, whose paths and answers are typed. */
export const legacyApi = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts: { idempotencyKey?: string } = {}) => request<T>('POST', path, { body: body ?? {}, ...opts }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
