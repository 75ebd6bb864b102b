import { useQuery } from '@tanstack/react-query';
import { apiQuery } from '../../api/query';

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
  return useQuery(apiQuery('/audit', { query: { ...filter } }));
}
