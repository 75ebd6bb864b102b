import type { OrgStatus } from '@shared/constants';

export type OrgStateAction = 'suspend' | 'reinstate' | 'dissolve';
export type MembershipStatusKey = 'requested' | 'invited' | 'active' | 'rejected' | 'declined' | 'left' | 'removed';

/** Tag colours for an organisation's status. */
export const ORG_STATUS_COLOR: Record<OrgStatus, string> = {
  pending: 'gold',
  changes_requested: 'orange',
  active: 'green',
  rejected: 'red',
  suspended: 'volcano',
  dissolved: 'default',
};

export const MEMBERSHIP_STATUS_COLOR: Record<MembershipStatusKey, string> = {
  requested: 'gold',
  invited: 'blue',
  active: 'green',
  rejected: 'red',
  declined: 'default',
  left: 'default',
  removed: 'default',
};

/** The state changes a region admin may make to an organisation in this status (mirrors the server). */
export function stateActions(status: OrgStatus): OrgStateAction[] {
  if (status === 'active') return ['suspend', 'dissolve'];
  if (status === 'suspended') return ['reinstate', 'dissolve'];
  return [];
}

/** Whether the organisation waits for a region admin's review. */
export const isReviewable = (status: OrgStatus) => status === 'pending';

/** What a person sees on an organisation's page about their own membership: join, or where their request stands. */
export function joinState(memberships: readonly { orgId: string; status: MembershipStatusKey }[], orgId: string): 'none' | 'requested' | 'invited' | 'active' {
  let best: 'none' | 'requested' | 'invited' | 'active' = 'none';
  for (const m of memberships) {
    if (m.orgId !== orgId) continue;
    if (m.status === 'active') return 'active';
    if (m.status === 'requested' || m.status === 'invited') best = m.status;
  }
  return best;
}
