import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Role } from '@shared/constants';
import { api } from '../../api/client';
import { apiQuery } from '../../api/query';
import type { Grant, GrantBody, GrantListItem, Page, User } from '../../api/types';

export interface GrantFilter {
  page: number;
  pageSize: number;
  role?: Role;
  regionCode?: string;
}

/** `GET /grants`: the grants inside my scope, with the person's name and phone. */
export function useGrantList(filter: GrantFilter) {
  const key = JSON.stringify(filter);
  return useQuery(apiQuery('/grants', { query: { ...filter } }));
}

export function createGrant(body: GrantBody): Promise<Grant> {
  return api.post('/grants', { body });
}

export function revokeGrant(id: string): Promise<void> {
  return api.delete('/grants/{id}', { params: { id } });
}

/** `GET /users?q=`: people a staff member may look up (by name or phone). */
export function searchPeople(q: string, signal?: AbortSignal): Promise<Page<User>> {
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
  const [state, setState] = useState<{ items: Choice[]; loading: boolean; failed: boolean }>({ items: [], loading: false, failed: false });
  useEffect(() => {
    if (!enabled) return;
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    api.get<Page<Choice>>(`/${kind}`, { page: 1, pageSize: 100 }, ctl.signal) /*TODO path*/.then(
      (page) => !ctl.signal.aborted && setState({ items: page.items.map((i) => ({ id: i.id, name: i.name })), loading: false, failed: false }),
      () => !ctl.signal.aborted && setState({ items: [], loading: false, failed: true }),
    );
    return () => ctl.abort();
  }, [kind, enabled]);
  return state;
}
