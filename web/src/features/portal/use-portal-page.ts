import { useCallback, useEffect, useState } from 'react';
import { usePortal } from './use-portal-region';

/**
 * A portal list's region and page: the page goes back to the first in another region, and
 * `filtered(set)` wraps a filter's setter so a new filter starts at the first page too.
 */
export function usePortalPage() {
  const { data: region } = usePortal();
  const code = region?.code ?? undefined;
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [code]);
  const filtered = useCallback(
    <T>(set: (v: T) => void) =>
      (v: T) => {
        set(v);
        setPage(1);
      },
    [],
  );
  return { code, page, setPage, filtered };
}
