import type { Actor } from '../../context';
import { AppError } from '../../lib/app-error';

export interface SelfBenefitCheck {
  /** The people who gain (who served, claimed, is paid or receives, whose hours are credited). */
  beneficiaryUserIds?: ReadonlyArray<string | null | undefined>;
  /** The organisations that gain: the actor may hold a grant in none of them. */
  orgIds?: ReadonlyArray<string | null | undefined>;
  /** The bilingual sentence the refusal gives (`中文 / English`). */
  reason: string;
}

/** Whether the actor would gain: one of the people ('self'), or holding a grant in one of the organisations ('own_org'). */
export function benefitsSelf(actor: Actor, { beneficiaryUserIds = [], orgIds = [] }: Omit<SelfBenefitCheck, 'reason'>): 'self' | 'own_org' | null {
  if (beneficiaryUserIds.some((id) => !!id && id === actor.userId)) return 'self';
  if (orgIds.some((id) => !!id && actor.grants.some((g) => g.orgId === id))) return 'own_org';
  return null;
}

/**
 * Four eyes: nobody approves, settles, confirms or dispatches something whose benefit goes to
 * themselves. `beneficiaryUserIds` are the people who gain (who served, claimed, is paid or
 * receives); `orgIds` the organisations that gain — the actor may hold a grant in none of them.
 * `reason` is the bilingual sentence the refusal gives (`中文 / English`).
 */
export function assertNotSelfBenefit(actor: Actor, check: SelfBenefitCheck): void {
  const who = benefitsSelf(actor, check);
  if (who) throw new AppError('SELF_BENEFIT', check.reason, { reason: check.reason, ...(who === 'own_org' ? { ownOrganisation: true } : {}) });
}
