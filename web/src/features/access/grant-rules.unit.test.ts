import { describe, expect, it } from 'vitest';
import type { Role } from '@shared/constants';
import { grantableRoles, ownScopes, regionContains, regionRoots } from './grant-rules';

const grant = (role: Role, extra: Record<string, string> = {}) => ({ role, ...extra });

describe('grantableRoles', () => {
  it('lets a region admin grant every role', () => {
    expect(grantableRoles([grant('region_admin')])).toEqual(['region_admin', 'station_admin', 'org_admin', 'partner']);
  });
  it('lets org and station admins grant only their own kind', () => {
    expect(grantableRoles([grant('org_admin')])).toEqual(['org_admin']);
    expect(grantableRoles([grant('station_admin'), grant('org_admin')])).toEqual(['station_admin', 'org_admin']);
  });
  it('lets a partner grant nothing', () => {
    expect(grantableRoles([grant('partner')])).toEqual([]);
    expect(grantableRoles([])).toEqual([]);
  });
});

describe('regionContains', () => {
  it('knows a city lies in its province and a community in its street', () => {
    expect(regionContains('140000', '140500')).toBe(true);
    expect(regionContains('140500', '140502')).toBe(true);
    expect(regionContains('140502', '140502001')).toBe(true);
    expect(regionContains('140502001', '140502001002')).toBe(true);
    expect(regionContains('140500', '140600')).toBe(false);
    expect(regionContains('140502', '140500')).toBe(false);
  });
});

describe('regionRoots', () => {
  it('keeps one root per region and drops regions inside another', () => {
    const roots = regionRoots([
      grant('region_admin', { regionCode: '140502', regionName: '城区' }),
      grant('region_admin', { regionCode: '140500', regionName: '晋城市' }),
      grant('region_admin', { regionCode: '140500', regionName: '晋城市' }),
      grant('partner', { regionCode: '110000', regionName: '北京市' }),
      grant('region_admin', { regionCode: '140600', regionName: '朔州市' }),
    ]);
    expect(roots).toEqual([
      { code: '140500', name: '晋城市' },
      { code: '140600', name: '朔州市' },
    ]);
  });
  it('takes the roles asked for', () => {
    expect(regionRoots([grant('partner', { regionCode: '110000', regionName: '北京市' })], ['partner'])).toEqual([{ code: '110000', name: '北京市' }]);
  });
});

describe('ownScopes', () => {
  it('lists the organisations named by the grants once each', () => {
    expect(
      ownScopes(
        [grant('org_admin', { orgId: 'o1', orgName: '红马甲' }), grant('org_admin', { orgId: 'o1', orgName: '红马甲' }), grant('station_admin', { stationId: 's1' })],
        'org',
      ),
    ).toEqual([{ id: 'o1', name: '红马甲' }]);
    expect(ownScopes([grant('station_admin', { stationId: 's1' })], 'station')).toEqual([{ id: 's1', name: 's1' }]);
  });
});
