import type { TFunction } from 'i18next';
import type { Grant } from '../../api/types';

/** `区域：城区` / `组织：…` / `站点：…` for a grant. */
export function scopeText(g: Pick<Grant, 'role' | 'regionCode' | 'regionName' | 'orgId' | 'orgName' | 'stationId' | 'stationName'>, t: TFunction): string {
  if (g.role === 'org_admin' && (g.orgName || g.orgId)) return t('scope.org', { name: g.orgName ?? g.orgId });
  if (g.role === 'station_admin' && (g.stationName || g.stationId)) return t('scope.station', { name: g.stationName ?? g.stationId });
  if (g.regionName || g.regionCode) return t('scope.region', { name: g.regionName ?? g.regionCode });
  return t('common.none');
}
