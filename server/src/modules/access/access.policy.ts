import type { Role } from '@shared/constants';
import type { Actor, ActorGrant } from '../../context';
import { AppError } from '../../lib/app-error';

/**
 * The one policy mechanism every module asks: "may this actor do this to that?".
 *
 * A module declares its permissions (`definePermission('org.review', ['region_admin'])`),
 * builds a `Target` describing the object (its region path, organisation, station, owner),
 * and calls `authorize(actor, permission, target)`. A grant covers a target when:
 *  - region_admin, partner: the target's region lies in the grant's region subtree;
 *  - org_admin: the target belongs to the grant's organisation (or one below it);
 *  - station_admin: the target belongs to the grant's station.
 */
export interface Permission {
  readonly name: string;
  readonly roles: readonly Role[];
  /** The owner of the object (target.ownerId) may also do it. */
  readonly owner?: boolean;
  /**
   * The org admins of an organisation that is not active (actor.dormantGrants) may also do it:
   * only for reading and editing the organisation's own application.
   */
  readonly dormantOrg?: boolean;
}

export interface Target {
  /** Materialised path of the object's region, `/140000/140500/140502/`. */
  regionPath: string;
  orgId?: string | null;
  /** The organisation's ancestors, for org admins of a parent organisation. */
  orgAncestorIds?: readonly string[];
  stationId?: string | null;
  ownerId?: string | null;
}

const registry = new Map<string, Permission>();

export function definePermission(name: string, roles: readonly Role[], opts: { owner?: boolean; dormantOrg?: boolean } = {}): Permission {
  const p: Permission = Object.freeze({ name, roles, ...(opts.owner ? { owner: true } : {}), ...(opts.dormantOrg ? { dormantOrg: true } : {}) });
  registry.set(name, p);
  return p;
}

/** Every permission the modules declared: for docs and the console. */
export function listPermissions(): Permission[] {
  return [...registry.values()];
}

export function grantCovers(g: ActorGrant, t: Target): boolean {
  switch (g.role) {
    case 'region_admin':
    case 'partner':
      return t.regionPath.startsWith(g.regionPath);
    case 'org_admin':
      return !!g.orgId && (t.orgId === g.orgId || (t.orgAncestorIds?.includes(g.orgId) ?? false));
    case 'station_admin':
      return !!g.stationId && t.stationId === g.stationId;
    default:
      return false;
  }
}

/** The grants of the actor that allow the permission on the target. */
export function coveringGrants(actor: Actor, permission: Permission, target: Target): ActorGrant[] {
  const held = permission.dormantOrg && actor.dormantGrants?.length ? [...actor.grants, ...actor.dormantGrants] : actor.grants;
  return held.filter((g) => permission.roles.includes(g.role) && grantCovers(g, target));
}

export function can(actor: Actor, permission: Permission, target: Target): boolean {
  if (permission.owner && target.ownerId && target.ownerId === actor.userId) return true;
  return coveringGrants(actor, permission, target).length > 0;
}

export function authorize(actor: Actor, permission: Permission, target: Target): void {
  if (!can(actor, permission, target)) {
    throw new AppError('FORBIDDEN', '超出您的管理范围或角色权限 / Outside your region, organisation or role', { permission: permission.name });
  }
}

/** Region paths of the actor's grants of the given roles: the subtrees a list may show. */
export function regionScopes(actor: Actor, roles: readonly Role[]): string[] {
  const paths = actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.regionPath);
  // drop paths already inside another one
  return paths.filter((p, i) => !paths.some((q, j) => j !== i && p.startsWith(q) && (p !== q || j < i)));
}

export function hasAnyGrant(actor: Actor, roles: readonly Role[]): boolean {
  return actor.grants.some((g) => roles.includes(g.role));
}

/** Who may hand out each role (granting and revoking follow the same rule). */
export const GRANT_ROLE_PERMISSIONS: Record<Role, Permission> = {
  region_admin: definePermission('grant.region_admin', ['region_admin']),
  partner: definePermission('grant.partner', ['region_admin']),
  org_admin: definePermission('grant.org_admin', ['region_admin', 'org_admin']),
  station_admin: definePermission('grant.station_admin', ['region_admin', 'station_admin']),
};
