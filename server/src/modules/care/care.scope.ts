import type { Actor } from '../../context';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../lib/app-error';
import { can, regionScopes } from '../access/index';
import { CARE_MANAGE } from './care.policy';
import * as repo from './care.repository';

/**
 * Who sees and visits which households: community staff over their region subtree, a grid worker
 * over their grid and the 小区 below it, a building head (A or B alike: the B acts for the A) over
 * their building.
 */
export interface CareScope {
  regionPaths: string[];
  gridPaths: string[];
  buildingIds: string[];
  /** The assignments behind gridPaths / buildingIds. */
  assignments: Awaited<ReturnType<typeof repo.myAssignments>>;
}

export async function careScopeOf(db: DbOrTx, actor: Actor): Promise<CareScope> {
  const assignments = await repo.myAssignments(db, actor.userId);
  return {
    regionPaths: regionScopes(actor, ['region_admin']),
    gridPaths: assignments.filter((a) => a.a.role === 'grid_worker').map((a) => a.gridPath),
    buildingIds: assignments.filter((a) => a.a.buildingId).map((a) => a.a.buildingId!),
    assignments,
  };
}

export function managesCommunity(actor: Actor, communityPath: string): boolean {
  return can(actor, CARE_MANAGE, { regionPath: communityPath });
}

/** How the actor covers a place: 'staff', 'grid_worker', 'building_head', or null. */
export function coverOf(actor: Actor, s: CareScope, place: { communityPath: string; gridPath: string | null; buildingId: string | null }): 'staff' | 'grid_worker' | 'building_head' | null {
  if (managesCommunity(actor, place.communityPath)) return 'staff';
  if (place.gridPath && s.gridPaths.some((p) => place.gridPath!.startsWith(p))) return 'grid_worker';
  if (place.buildingId && s.buildingIds.includes(place.buildingId)) return 'building_head';
  return null;
}

export const outsideGrid = () =>
  new AppError('FORBIDDEN', '该住户不在您负责的网格或楼栋内 / This household is outside your grid or building', { permission: 'care.household' });
