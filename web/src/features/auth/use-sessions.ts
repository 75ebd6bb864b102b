import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client';
import { apiQuery } from '../../api/query';

/** My live sessions (`GET /me/sessions`), and signing one of them out (`DELETE /me/sessions/:id`). */
export function useSessions() {
  const list = useQuery(apiQuery('/me/sessions'));
  const revoke = useCallback(
    async (id: string) => {
      await api.delete('/me/sessions/{id}', { params: { id } });
      list.refetch();
    },
    [list],
  );
  return { ...list, sessions: list.data?.items ?? [], revoke };
}
