import { useCallback } from 'react';
import { api } from '../../api/client';
import type { SessionInfo } from '../../api/types';
import { useRequest } from '../../api/use-request';

/** My live sessions (`GET /me/sessions`), and signing one of them out (`DELETE /me/sessions/:id`). */
export function useSessions() {
  const list = useRequest((signal) => api.get('/me/sessions', undefined, signal), []);
  const revoke = useCallback(
    async (id: string) => {
      await api.delete('/me/sessions/{id}', { params: { id } });
      list.reload();
    },
    [list],
  );
  return { ...list, sessions: list.data?.items ?? [], revoke };
}
