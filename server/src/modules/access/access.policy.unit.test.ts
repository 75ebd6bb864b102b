import { describe, expect, it } from 'vitest';
import type { Actor, ActorGrant } from '../../context';
import { can, definePermission, regionScopes } from './access.policy';

const grant = (g: Partial<ActorGrant>): ActorGrant => ({ id: 'g', role: 'region_admin', regionCode: '140502', regionPath: '/140000/140500/140502/', orgId: null, stationId: null, ...g });
const actor = (grants: ActorGrant[]): Actor => ({ userId: 'u1', name: 'x', regionCode: '140502', grants, sessionId: 's', ip: null });
const REVIEW = definePermission('test.review', ['region_admin']);
const MANAGE = definePermission('test.manage', ['region_admin', 'org_admin'], { owner: true });

describe('the policy', () => {
  it('a region admin covers its subtree and nothing beside it', () => {
    const a = actor([grant({})]);
    expect(can(a, REVIEW, { regionPath: '/140000/140500/140502/140502001/' })).toBe(true);
    expect(can(a, REVIEW, { regionPath: '/140000/140500/140502/' })).toBe(true);
    expect(can(a, REVIEW, { regionPath: '/140000/140500/140522/' })).toBe(false);
    expect(can(a, REVIEW, { regionPath: '/140000/140500/' })).toBe(false);
  });
  it('codes that share a prefix are not nested (path segments, not string prefixes of codes)', () => {
    const a = actor([grant({ regionCode: '14050', regionPath: '/140000/140500/14050/' })]);
    expect(can(a, REVIEW, { regionPath: '/140000/140500/140502/' })).toBe(false);
  });
  it('an org admin covers its organisation and those below it, not its region', () => {
    const a = actor([grant({ role: 'org_admin', orgId: 'o1' })]);
    expect(can(a, MANAGE, { regionPath: '/x/', orgId: 'o1' })).toBe(true);
    expect(can(a, MANAGE, { regionPath: '/x/', orgId: 'o2', orgAncestorIds: ['o1'] })).toBe(true);
    expect(can(a, MANAGE, { regionPath: '/140000/140500/140502/', orgId: 'o3' })).toBe(false);
    expect(can(a, REVIEW, { regionPath: '/x/', orgId: 'o1' })).toBe(false);
  });
  it('owners may act on their own objects where the permission says so', () => {
    const a = actor([]);
    expect(can(a, MANAGE, { regionPath: '/x/', ownerId: 'u1' })).toBe(true);
    expect(can(a, REVIEW, { regionPath: '/x/', ownerId: 'u1' })).toBe(false);
  });
  it('dormant grants (an organisation that is not active) allow only permissions declared dormantOrg', () => {
    const APPLICATION = definePermission('test.application', ['org_admin', 'region_admin'], { dormantOrg: true });
    const a: Actor = { ...actor([]), dormantGrants: [grant({ role: 'org_admin', orgId: 'o1' })] };
    expect(can(a, APPLICATION, { regionPath: '/x/', orgId: 'o1' })).toBe(true);
    expect(can(a, APPLICATION, { regionPath: '/x/', orgId: 'o2' })).toBe(false);
    expect(can(a, MANAGE, { regionPath: '/x/', orgId: 'o1' })).toBe(false);
    expect(regionScopes(a, ['org_admin'])).toEqual([]);
  });
  it('region scopes drop nested duplicates', () => {
    const a = actor([grant({}), grant({ regionPath: '/140000/140500/140502/140502001/' }), grant({ regionPath: '/140000/140500/140522/' })]);
    expect(regionScopes(a, ['region_admin']).sort()).toEqual(['/140000/140500/140502/', '/140000/140500/140522/']);
  });
});
