import { describe, expect, it } from 'vitest';
import type { Role } from '@shared/constants';
import { ANY_GRANT, canSee, matchNavPath, visibleItems } from './nav-filter';

const items = [
  { key: 'dashboard', path: '/console', roles: ANY_GRANT },
  { key: 'audit', path: '/console/audit', roles: ['region_admin'] as Role[] },
  { key: 'grants', path: '/console/grants', roles: ['region_admin', 'org_admin', 'station_admin'] as Role[] },
  { key: 'shelf', path: '/console/shelf', roles: ['station_admin'] as Role[] },
];
const g = (...roles: Role[]) => roles.map((role) => ({ role }));

describe('visibleItems', () => {
  it('shows nothing to a person without grants', () => {
    expect(visibleItems(items, [])).toEqual([]);
  });
  it('shows a region admin what region admins see, in list order', () => {
    expect(visibleItems(items, g('region_admin')).map((i) => i.key)).toEqual(['dashboard', 'audit', 'grants']);
  });
  it('shows a partner only the dashboard', () => {
    expect(visibleItems(items, g('partner')).map((i) => i.key)).toEqual(['dashboard']);
  });
  it('joins the items of several grants', () => {
    expect(visibleItems(items, g('org_admin', 'station_admin', 'org_admin')).map((i) => i.key)).toEqual(['dashboard', 'grants', 'shelf']);
  });
});

describe('canSee', () => {
  it('needs one of the roles', () => {
    expect(canSee(items[1]!, g('org_admin'))).toBe(false);
    expect(canSee(items[1]!, g('org_admin', 'region_admin'))).toBe(true);
  });
});

describe('matchNavPath', () => {
  it('matches the longest path that holds the location', () => {
    expect(matchNavPath(items, '/console')?.key).toBe('dashboard');
    expect(matchNavPath(items, '/console/')?.key).toBe('dashboard');
    expect(matchNavPath(items, '/console/audit')?.key).toBe('audit');
    expect(matchNavPath(items, '/console/grants/123')?.key).toBe('grants');
    expect(matchNavPath(items, '/console/auditx')?.key).toBe('dashboard');
    expect(matchNavPath(items, '/me')).toBeUndefined();
  });
});
