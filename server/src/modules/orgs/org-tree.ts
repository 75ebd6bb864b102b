import type { DbOrTx } from '../../db/client';
import { AppError } from '../../lib/app-error';
import { cityCodeOf } from '@shared/lib/region-code';
import * as repo from './orgs.repository';

/** An organisation tree is at most this many levels deep (e.g. city federation → district → street → community team → group). */
export const MAX_ORG_DEPTH = 5;

function refuse(why: string): AppError {
  return new AppError('VALIDATION_FAILED', why, { fields: { parentId: why } });
}

/**
 * Checks that `parentId` may hold an organisation of `regionPath` (`orgId` null for a new one)
 * and takes the city's tree lock first (held to the end of the transaction), so that two
 * changes made at once cannot together close a cycle or pass the depth:
 *  - the parent exists and is neither the organisation itself nor one below it (no cycle);
 *  - the organisation's region lies inside the parent's region subtree (no crossing regions:
 *    a parent's admins reach only what lies in their region);
 *  - the parent's depth plus the organisation's own subtree stays within MAX_ORG_DEPTH.
 */
export async function checkParent(tx: DbOrTx, org: { id: string | null; regionCode: string; regionPath: string }, parentId: string): Promise<void> {
  await repo.lockOrgTree(tx, cityCodeOf(org.regionCode));
  const parent = await repo.findOrgNode(tx, parentId);
  if (!parent) throw refuse('上级组织不存在 / Parent organisation not found');
  if (!org.regionPath.startsWith(parent.regionPath)) {
    throw refuse('上级组织须在本组织所在地区或其上级地区 / The parent must be in the organisation’s region or a region above it');
  }
  // walk up from the parent: meeting the organisation itself means a cycle
  let depth = 0;
  for (let node: { id: string; parentId: string | null } | undefined = parent; node; node = node.parentId ? await repo.findOrgNode(tx, node.parentId) : undefined) {
    if (node.id === org.id) throw refuse('上级组织不能是本组织或其下级组织 / The parent cannot be the organisation itself or one below it');
    depth++;
    if (depth > MAX_ORG_DEPTH) break;
  }
  const height = org.id ? await repo.subtreeHeight(tx, org.id, MAX_ORG_DEPTH + 1) : 1;
  if (depth + height > MAX_ORG_DEPTH) {
    throw refuse(`组织层级不能超过 ${MAX_ORG_DEPTH} 级 / An organisation tree is at most ${MAX_ORG_DEPTH} levels deep`);
  }
}
