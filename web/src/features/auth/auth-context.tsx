import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, isApiError, setUnauthenticatedListener } from '../../api/client';
import { useQueryClient } from '@tanstack/react-query';
import type { Grant, LoginBody, RegisterBody, User } from '../../api/types';

export type AuthStatus = 'loading' | 'anonymous' | 'authenticated' | 'error';

export interface AuthState {
  status: AuthStatus;
  user: User | null;
  grants: Grant[];
  /** Why `GET /me` failed, when it failed for another reason than being logged out. */
  error: unknown;
  /** Loads `GET /me` again (after login, register, or a failed first load). */
  refresh: () => Promise<void>;
  login: (body: LoginBody) => Promise<void>;
  register: (body: RegisterBody & { consentVersion: string }) => Promise<void>;
  logout: () => Promise<void>;
}

/** Exported for tests and stories that need a fixed person; pages use `useMe()`. */
export const AuthContext = createContext<AuthState | null>(null);

interface Snapshot {
  status: AuthStatus;
  user: User | null;
  grants: Grant[];
  error: unknown;
}

const LOADING: Snapshot = { status: 'loading', user: null, grants: [], error: null };
const ANONYMOUS: Snapshot = { status: 'anonymous', user: null, grants: [], error: null };

/** Holds who is logged in: `GET /me` once at start, again after login or register. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [snap, setSnap] = useState<Snapshot>(LOADING);
  const seq = useRef(0);
  const queryClient = useQueryClient();
  const userId = snap.user?.id ?? null;
  const lastUser = useRef<string | null>(null);
  useEffect(() => {
    // logged out, or another person now: nothing the last one was shown may be shown again
    if (lastUser.current !== null && lastUser.current !== userId) queryClient.clear();
    lastUser.current = userId;
  }, [userId, queryClient]);

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const me = await api.get('/me');
      if (mine === seq.current) setSnap({ status: 'authenticated', user: me.user, grants: me.grants, error: null });
    } catch (err) {
      if (mine !== seq.current) return;
      if (isApiError(err) && err.code === 'UNAUTHENTICATED') setSnap(ANONYMOUS);
      else setSnap({ status: 'error', user: null, grants: [], error: err });
    }
  }, []);

  useEffect(() => {
    void refresh();
    // a call that finds the session gone (expired, revoked elsewhere) logs the page out
    setUnauthenticatedListener((path) => {
      if (path === '/me') return;
      seq.current++;
      setSnap(ANONYMOUS);
    });
    return () => setUnauthenticatedListener(null);
  }, [refresh]);

  const login = useCallback(
    async (body: LoginBody) => {
      await api.post('/auth/login', { body });
      await refresh();
    },
    [refresh],
  );

  const register = useCallback(
    async (body: RegisterBody & { consentVersion: string }) => {
      await api.post('/auth/register', { body });
      await refresh();
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } catch (err) {
      // already logged out on the server: the page still forgets the session
      if (!(isApiError(err) && err.code === 'UNAUTHENTICATED')) throw err;
    }
    seq.current++;
    setSnap(ANONYMOUS);
  }, []);

  const value = useMemo<AuthState>(() => ({ ...snap, refresh, login, register, logout }), [snap, refresh, login, register, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** Who is logged in, with their grants; `status: 'anonymous'` when nobody is. */
export function useMe(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useMe must be used inside <AuthProvider>');
  return ctx;
}
