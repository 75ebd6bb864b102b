import { api } from '../../api/client';
import type { AuditEntry, Page } from '../../api/types';
import { useRequest } from '../../api/use-request';

/** The query of `GET /audit` (shared AuditQuery); times are ISO with an offset. */
export interface AuditFilter {
  page: number;
  pageSize: number;
  regionCode?: string;
  action?: string;
  objectType?: string;
  from?: string;
  to?: string;
}

export function useAuditList(filter: AuditFilter) {
  const key = JSON.stringify(filter);
  return useRequest((signal) => api.get('/audit', { query: { ...filter } }, signal), [key]);
}
