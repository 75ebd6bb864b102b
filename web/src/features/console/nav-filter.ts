import { ROLES, type Role } from '@shared/constants';

/** Anything that names the roles allowed to see it: a menu item, a route, a button. */
export interface RoleGated {
  roles: readonly Role[];
}

/** Everyone with at least one grant. */
export const ANY_GRANT: readonly Role[] = ROLES;

export function rolesOf(grants: readonly { role: Role }[]): Set<Role> {
  return new Set(grants.map((g) => g.role));
}

export function canSee(item: RoleGated, grants: readonly { role: Role }[]): boolean {
  const mine = rolesOf(grants);
  return item.roles.some((r) => mine.has(r));
}

/** The items of a declarative list this person's grants show, in the list's order. */
export function visibleItems<T extends RoleGated>(items: readonly T[], grants: readonly { role: Role }[]): T[] {
  return items.filter((item) => canSee(item, grants));
}

/** The nav item a path belongs to: the longest path that is the path itself or one of its parents. */
export function matchNavPath<T extends { path: string }>(items: readonly T[], pathname: string): T | undefined {
  const clean = pathname.replace(/\/+$/, '') || '/';
  let best: T | undefined;
  for (const item of items) {
    if (clean === item.path || clean.startsWith(`${item.path}/`)) {
      if (!best || item.path.length > best.path.length) best = item;
    }
  }
  return best;
}
