import type { Grant } from '../../api/types';

/** The lists a card counts (each answers `{ items, total }`). */
export type CountPath = '/activities' | '/orgs' | '/service-requests' | '/relatives' | '/wishes' | '/activities/settlements-due' | '/stations/{id}/redemptions' | '/stations/{id}/low-stock';

export type WorkKey = 'reviewActivities' | 'reviewOrgs' | 'dispatch' | 'overdue' | 'relatives' | 'wishes' | 'settlements' | 'assigned' | 'pickups' | 'lowStock';

export interface WorkItem {
  key: WorkKey;
  /** The list endpoint whose `total` is the count, and its path parameters. */
  path: CountPath;
  params?: { id: string };
  query: Record<string, string | number>;
  /** The console page where the work is done. */
  to: string;
  /** Shown in red when there is any: a deadline is involved. */
  urgent: boolean;
}

/** Which counts a person's grants call for; pure, so it is unit-tested. */
export function workItemsFor(grants: readonly Grant[]): WorkItem[] {
  const roles = new Set(grants.map((g) => g.role));
  const items: WorkItem[] = [];
  if (roles.has('region_admin')) {
    items.push(
      { key: 'reviewActivities', path: '/activities', query: { status: 'pending_review' }, to: '/console/activity-review', urgent: false },
      { key: 'reviewOrgs', path: '/orgs', query: { status: 'pending' }, to: '/console/orgs', urgent: false },
      { key: 'dispatch', path: '/service-requests', query: { scope: 'queue', status: 'ordered' }, to: '/console/dispatch', urgent: false },
      { key: 'overdue', path: '/service-requests', query: { scope: 'queue', overdue: 'true' }, to: '/console/dispatch', urgent: true },
      { key: 'relatives', path: '/relatives', query: { status: 'pending' }, to: '/console/relatives', urgent: false },
    );
    const region = grants.find((g) => g.role === 'region_admin')?.regionCode;
    if (region) items.push({ key: 'wishes', path: '/wishes', query: { status: 'delivered', regionCode: region }, to: '/console/wishes', urgent: false });
  }
  if (roles.has('region_admin') || roles.has('org_admin')) {
    items.push({ key: 'settlements', path: '/activities/settlements-due', query: { withinWorkingDays: 3 }, to: '/console/settlements', urgent: true });
  }
  if (roles.has('org_admin')) {
    items.push({ key: 'assigned', path: '/service-requests', query: { scope: 'assigned', status: 'dispatched' }, to: '/console/requests-accept', urgent: false });
  }
  const station = grants.find((g) => g.role === 'station_admin' && g.stationId)?.stationId;
  if (station) {
    items.push(
      { key: 'pickups', path: '/stations/{id}/redemptions', params: { id: station }, query: { status: 'reserved' }, to: '/console/market', urgent: false },
      { key: 'lowStock', path: '/stations/{id}/low-stock', params: { id: station }, query: {}, to: '/console/market', urgent: true },
    );
  }
  return items;
}
