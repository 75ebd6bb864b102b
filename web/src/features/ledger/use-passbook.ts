import { useCallback, useEffect, useRef, useState } from 'react';
import type { Ledger, Passbook, PassbookItem } from './api';
import { ledgerApi } from './api';
import { fetchApi } from '../../api/query';
import { api } from '../../api/client';

export const PASSBOOK_PAGE = 20;

interface State {
  balances: Passbook['balances'] | undefined;
  items: PassbookItem[];
  total: number;
  page: number;
  loading: boolean;
  error: unknown;
}

const EMPTY: State = { balances: undefined, items: [], total: 0, page: 0, loading: true, error: null };

/**
 * A passbook read a page at a time, newest first; `loadMore` appends the next page (the phone's
 * "加载更多"). Changing the ledger starts again from the first page.
 */
export function usePassbookPages(ledger: Ledger, userId?: string) {
  const [state, setState] = useState<State>(EMPTY);
  const [tick, setTick] = useState(0);
  const ctlRef = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (page: number, signal: AbortSignal) =>
      userId
        ? api.get('/volunteers/{id}/passbook', { params: { id: userId }, query: { ledger, page, pageSize: PASSBOOK_PAGE } }, signal)
        : api.get('/me/passbook', { query: { ledger, page, pageSize: PASSBOOK_PAGE } }, signal),
    [ledger, userId],
  );

  useEffect(() => {
    const ctl = new AbortController();
    ctlRef.current?.abort();
    ctlRef.current = ctl;
    setState((s) => ({ ...EMPTY, balances: s.balances }));
    fetchPage(1, ctl.signal).then(
      (p) => !ctl.signal.aborted && setState({ balances: p.balances, items: p.items, total: p.total, page: 1, loading: false, error: null }),
      (error: unknown) => !ctl.signal.aborted && setState((s) => ({ ...s, loading: false, error })),
    );
    return () => ctl.abort();
  }, [fetchPage, tick]);

  const pageRef = useRef(0);
  pageRef.current = state.page;
  const loadMore = useCallback(() => {
    const ctl = new AbortController();
    ctlRef.current?.abort();
    ctlRef.current = ctl;
    const next = pageRef.current + 1;
    setState((s) => ({ ...s, loading: true, error: null }));
    fetchPage(next, ctl.signal).then(
      (p) =>
        !ctl.signal.aborted &&
        setState((cur) => {
          const seen = new Set(cur.items.map((i) => i.id));
          return { balances: p.balances, items: [...cur.items, ...p.items.filter((i) => !seen.has(i.id))], total: p.total, page: next, loading: false, error: null };
        }),
      (error: unknown) => !ctl.signal.aborted && setState((cur) => ({ ...cur, loading: false, error })),
    );
  }, [fetchPage]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, hasMore: state.items.length < state.total, loadMore, reload };
}

/** My spendable balances only (the home page and the transfer forms). */
export function useMyBalances() {
  const [state, setState] = useState<{ balances: Passbook['balances'] | undefined; loading: boolean; error: unknown }>({ balances: undefined, loading: true, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    fetchApi(ledgerApi.myPassbook({ page: 1, pageSize: 1 }), ctl.signal).then(
      (p) => !ctl.signal.aborted && setState({ balances: p.balances, loading: false, error: null }),
      (error: unknown) => !ctl.signal.aborted && setState((s) => ({ ...s, loading: false, error })),
    );
    return () => ctl.abort();
  }, [tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
