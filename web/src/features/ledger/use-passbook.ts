import { useCallback, useMemo, useRef } from 'react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Passbook } from './api';
import type { Ledger } from './api';
import { ledgerApi } from './api';
import { api } from '../../api/client';

export const PASSBOOK_PAGE = 20;

/**
 * A passbook read a page at a time, newest first; `loadMore` appends the next page (the phone's
 * "加载更多"). Changing the ledger starts again from the first page (the balances stay on screen).
 */
export function usePassbookPages(ledger: Ledger, userId?: string) {
  const queryClient = useQueryClient();
  const queryKey = userId
    ? (['/volunteers/{id}/passbook', { params: { id: userId }, query: { ledger, pageSize: PASSBOOK_PAGE } }, 'pages'] as const)
    : (['/me/passbook', { query: { ledger, pageSize: PASSBOOK_PAGE } }, 'pages'] as const);
  const book = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) =>
      userId
        ? api.get('/volunteers/{id}/passbook', { params: { id: userId }, query: { ledger, page: pageParam, pageSize: PASSBOOK_PAGE } }, signal)
        : api.get('/me/passbook', { query: { ledger, page: pageParam, pageSize: PASSBOOK_PAGE } }, signal),
    initialPageParam: 1,
    getNextPageParam: (last, all) => (all.reduce((n, p) => n + p.items.length, 0) < last.total ? all.length + 1 : undefined),
  });
  const pages = book.data?.pages;
  const last = pages?.[pages.length - 1];
  // the balances of the latest answer, kept while another ledger's first page loads
  const balances = useRef<Passbook['balances'] | undefined>(undefined);
  if (last) balances.current = last.balances;
  const items = useMemo(() => {
    // an entry written between two pages pushes the next page down by one: seen entries are not repeated
    const seen = new Set<string>();
    return (pages ?? []).flatMap((p) => p.items).filter((i) => (seen.has(i.id) ? false : (seen.add(i.id), true)));
  }, [pages]);
  const { fetchNextPage } = book;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  // "try again" starts from the first page, as opening the page does
  const reload = useCallback(() => void queryClient.resetQueries({ queryKey, exact: true }), [queryClient, queryKey]);
  return {
    balances: balances.current,
    items,
    total: last?.total ?? 0,
    page: pages?.length ?? 0,
    loading: book.isFetching,
    error: book.error,
    hasMore: book.hasNextPage,
    loadMore,
    reload,
  };
}

/** My spendable balances only (the home page and the transfer forms). */
export function useMyBalances() {
  const q = useQuery({ ...ledgerApi.myPassbook({ page: 1, pageSize: 1 }), select: (p) => p.balances });
  const { refetch } = q;
  const reload = useCallback(() => void refetch(), [refetch]);
  return { balances: q.data, loading: q.isFetching, error: q.error, reload };
}
