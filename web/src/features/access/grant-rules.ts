import { ROLES, type Role } from '@shared/constants';
import { regionLevel } from '@shared/lib/region-code';

interface GrantLike {
  role: Role;
  regionCode?: string | null;
  regionName?: string | null;
  orgId?: string | null;
  orgName?: string | null;
  stationId?: string | null;
  stationName?: string | null;
}

/**
 * The roles a person may hand out, mirroring the server's rule (access.policy
 * GRANT_ROLE_PERMISSIONS): a region admin grants every role inside the region, an org admin
 * grants org admin of the organisation, a station admin grants station admin of the station.
 * The server decides; this only keeps the form from offering what would be refused.
 */
export function grantableRoles(grants: readonly GrantLike[]): Role[] {
  const mine = new Set(grants.map((g) => g.role));
  if (mine.has('region_admin')) return [...ROLES];
  return ROLES.filter((r) => (r === 'org_admin' && mine.has('org_admin')) || (r === 'station_admin' && mine.has('station_admin')));
}

/** The code's meaningful prefix: `14` for a province `140000`, `1405` for a city `140500`. */
export function regionPrefix(code: string): string {
  const level = regionLevel(code);
  if (level === 1) return code.slice(0, 2);
  if (level === 2) return code.slice(0, 4);
  return code;
}

/** Whether `inner` lies inside (or is) `outer`. */
export function regionContains(outer: string, inner: string): boolean {
  return inner.startsWith(regionPrefix(outer));
}

/**
 * The regions a person's grants of the given roles cover, as starting points for a region
 * picker: one per region, and none that lies inside another.
 */
export function regionRoots(grants: readonly GrantLike[], roles: readonly Role[] = ['region_admin']): { code: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const g of grants) {
    if (!roles.includes(g.role) || !g.regionCode) continue;
    if (!seen.has(g.regionCode)) seen.set(g.regionCode, g.regionName ?? g.regionCode);
  }
  const codes = [...seen.keys()];
  return codes
    .filter((c) => !codes.some((o) => o !== c && regionContains(o, c)))
    .map((code) => ({ code, name: seen.get(code)! }));
}

/** Organisations or stations named by the person's own grants (the choices when no list answers). */
export function ownScopes(grants: readonly GrantLike[], kind: 'org' | 'station'): { id: string; name: string }[] {
  const out = new Map<string, string>();
  for (const g of grants) {
    const id = kind === 'org' ? g.orgId : g.stationId;
    const name = kind === 'org' ? g.orgName : g.stationName;
    if (id && !out.has(id)) out.set(id, name ?? id);
  }
  return [...out].map(([id, name]) => ({ id, name }));
}
