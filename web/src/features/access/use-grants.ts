import { useQuery } from '@tanstack/react-query';
import type { Role } from '@shared/constants';
import { api, type ApiAnswer } from '../../api/client';
import { apiQuery } from '../../api/query';
import type { GrantBody } from '../../api/types';

export interface GrantFilter {
  page: number;
  pageSize: number;
  role?: Role;
  regionCode?: string;
}

/** `GET /grants`: the grants inside my scope, with the person's name and phone. */
export function useGrantList(filter: GrantFilter) {
  return useQuery(apiQuery('/grants', { query: { ...filter } }));
}

export function createGrant(body: GrantBody) {
  return api.post('/grants', { body });
}

export function revokeGrant(id: string) {
  return api.delete('/grants/{id}', { params: { id } });
}

/** `GET /users?q=`: people a staff member may look up (by name or phone). */
export function searchPeople(q: string, signal?: AbortSignal): Promise<ApiAnswer<'/users'>> {
  return api.get('/users', { query: { q, page: 1, pageSize: 20 } }, signal);
}

export interface Choice {
  id: string;
  name: string;
}

/**
 * The organisations or stations to choose from (`GET /orgs`, `GET /stations`, first 100).
 * `failed` when the list does not answer: the form then takes a typed ID instead.
 */
export function useScopeChoices(kind: 'orgs' | 'stations', enabled: boolean): { items: Choice[]; loading: boolean; failed: boolean } {
  const query = { page: 1, pageSize: 100 };
  const orgs = useQuery({ ...apiQuery('/orgs', { query }), enabled: enabled && kind === 'orgs' });
  const stations = useQuery({ ...apiQuery('/stations', { query }), enabled: enabled && kind === 'stations' });
  const q = kind === 'orgs' ? orgs : stations;
  return { items: (q.data?.items ?? []).map((i) => ({ id: i.id, name: i.name })), loading: q.isFetching, failed: q.isError };
}
