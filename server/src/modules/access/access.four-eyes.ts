import type { Actor } from '../../context';
import { AppError } from '../../lib/app-error';

/**
 * Four eyes (四眼原则): nobody approves, settles, records or confirms anything whose benefit goes
 * to themselves. A staff action on behalf of `beneficiaryUserIds`, or in favour of the
 * organisations `orgIds`, is refused (403 SELF_BENEFIT) when the actor is one of those people or
 * holds an org_admin grant of one of those organisations; another staff member must do it.
 */
export interface SelfBenefitCheck {
  /** The people the action benefits (the volunteer credited, the requester served, the creator approved…). */
  beneficiaryUserIds?: ReadonlyArray<string | null | undefined>;
  /** The organisations the action benefits (an application approved, an activity published…). */
  orgIds?: ReadonlyArray<string | null | undefined>;
  /** Why it would benefit the actor, in both languages: `自己的组织 / your own organisation`. */
  reason: string;
}

/** Whether the actor would benefit: one of the people, or an admin of one of the organisations. */
export function benefitsSelf(actor: Actor, check: Omit<SelfBenefitCheck, 'reason'>): 'self' | 'own_org' | null {
  if ((check.beneficiaryUserIds ?? []).some((id) => !!id && id === actor.userId)) return 'self';
  const orgs = new Set((check.orgIds ?? []).filter((x): x is string => !!x));
  if (orgs.size && actor.grants.some((g) => g.role === 'org_admin' && !!g.orgId && orgs.has(g.orgId))) return 'own_org';
  return null;
}

export function assertNotSelfBenefit(actor: Actor, check: SelfBenefitCheck): void {
  const who = benefitsSelf(actor, check);
  if (!who) return;
  throw new AppError('SELF_BENEFIT', `不能处理对自己有利的事项：${check.reason}；须由另一名工作人员办理 / You cannot act on something that benefits you: ${check.reason}; another staff member must do it`, {
    reason: check.reason,
    conflict: who,
  });
}
