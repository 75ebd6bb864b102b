import { describe, expect, it } from 'vitest';
import { workItemsFor } from './work-items';
import type { Grant } from '../../api/types';

const grant = (g: Partial<Grant>): Grant => ({ id: 'g', userId: 'u', role: 'region_admin', regionCode: '140502', createdAt: '2026-11-24T00:00:00Z', ...g }) as Grant;

describe('the work waiting on the console home', () => {
  it('follows the grants', () => {
    expect(workItemsFor([]).map((i) => i.key)).toEqual([]);
    expect(workItemsFor([grant({ role: 'org_admin', orgId: 'o' })]).map((i) => i.key)).toEqual(['settlements', 'assigned']);
    const region = workItemsFor([grant({})]);
    expect(region.map((i) => i.key)).toEqual(['reviewActivities', 'reviewOrgs', 'dispatch', 'overdue', 'relatives', 'wishes', 'settlements']);
    expect(region.find((i) => i.key === 'wishes')!.query).toEqual({ status: 'delivered', regionCode: '140502' });
    const station = workItemsFor([grant({ role: 'station_admin', stationId: 's1' })]);
    expect(station.map((i) => [i.path, i.params])).toEqual([
      ['/stations/{id}/redemptions', { id: 's1' }],
      ['/stations/{id}/low-stock', { id: 's1' }],
    ]);
  });
});
