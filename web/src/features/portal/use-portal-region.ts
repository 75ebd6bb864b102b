import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useOutletContext, useSearchParams } from 'react-router-dom';
import type { RegionDetail as RegionDetailSchema } from '@shared/schemas/regions';
import type { z } from 'zod';
import { api } from '../../api/client';
import type { Region } from '../../api/types';

export type RegionDetail = z.infer<typeof RegionDetailSchema>;

export interface PortalRegion {
  /** The region the portal shows (null: the whole tree, when it has several roots). */
  code: string | null;
  detail: RegionDetail | null;
  children: Region[];
}

let defaultCode: Promise<string | null> | null = null;

/**
 * Where the portal opens: the top of the region tree, stepping down while a level holds one
 * region only (a province with one city opens at the city).
 */
function defaultRegion(): Promise<string | null> {
  defaultCode ??= (async () => {
    let level = (await api.get('/regions')).items;
    let code: string | null = null;
    for (let depth = 0; depth < 3 && level.length === 1 && level[0]!.hasChildren; depth++) {
      code = level[0]!.code;
      level = (await api.get('/regions', { query: { parent: code } })).items;
    }
    return code;
  })().catch((err: unknown) => {
    defaultCode = null;
    throw err;
  });
  return defaultCode;
}

/** The portal's region, kept in the address (`?region=CODE`) so every page and a shared link show the same place. */
export function usePortalRegion() {
  const [params, setParams] = useSearchParams();
  const asked = params.get('region');
  const query = useQuery({
    // the region asked for in the address (none: the default one, found by walking down)
    queryKey: ['/regions/{code}', { params: { code: asked } }, 'portal'],
    queryFn: async ({ signal }): Promise<PortalRegion> => {
    const code = asked ?? (await defaultRegion());
    const [detail, children] = await Promise.all([
      code ? api.get('/regions/{code}', { params: { code } }, signal) : Promise.resolve(null),
      api.get('/regions', { query: code ? { parent: code } : undefined }, signal),
    ]);
    return { code, detail, children: children.items };
    },
    placeholderData: keepPreviousData,
  });
  const state = { data: query.data, error: query.error, loading: query.isFetching, reload: () => void query.refetch() };

  const setRegion = useCallback(
    (code: string | null) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (code) next.set('region', code);
          else next.delete('region');
          next.delete('page');
          return next;
        },
        { replace: false },
      ),
    [setParams],
  );

  return { ...state, asked, setRegion };
}

/** A portal link that keeps the region chosen. */
export function withRegion(path: string, region: string | null | undefined): string {
  return region ? `${path}?region=${encodeURIComponent(region)}` : path;
}

export type PortalContext = ReturnType<typeof usePortalRegion>;

/** The portal's region, for the pages inside its layout (which passes it down). */
export function usePortal(): PortalContext {
  return useOutletContext<PortalContext>();
}
