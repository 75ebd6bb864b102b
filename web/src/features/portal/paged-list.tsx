import type { ReactNode } from 'react';
import { Pagination } from 'antd';
import type { QueryState } from '../../api/query';
import type { Page } from '../../api/types';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';

export const PORTAL_PAGE_SIZE = 10;

/** A portal list's states: grey lines while loading, the reason on a failure, what to do when empty, else the items and the pager. */
export function PagedList<T>({ state, page, onPage, empty, children }: { state: QueryState<Page<T>>; page: number; onPage: (p: number) => void; empty: { testId: string; title: string; hint: string }; children: (items: T[]) => ReactNode }) {
  const { data, error, isFetching: loading, refetch } = state;
  if (loading && !data) return <LoadingBlock rows={6} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data || data.items.length === 0) return <EmptyState testId={empty.testId} title={empty.title} hint={empty.hint} />;
  return (
    <>
      {children(data.items)}
      {data.total > PORTAL_PAGE_SIZE ? <Pagination simple current={page} pageSize={PORTAL_PAGE_SIZE} total={data.total} onChange={onPage} style={{ alignSelf: 'center' }} /> : null}
    </>
  );
}
