import type { Actor } from '../../context';
import { AppError } from '../../lib/app-error';

/**
 * Four eyes: nobody approves, settles, confirms or dispatches something whose benefit goes to
 * themselves. `beneficiaryUserIds` are the people who gain (who served, claimed, is paid or
 * receives); `orgIds` the organisations that gain — the actor may hold a grant in none of them.
 * `reason` is the bilingual sentence the refusal gives (`中文 / English`).
 */
export function assertNotSelfBenefit(
  actor: Actor,
  { beneficiaryUserIds = [], orgIds = [], reason }: { beneficiaryUserIds?: ReadonlyArray<string | null | undefined>; orgIds?: ReadonlyArray<string | null | undefined>; reason: string },
): void {
  const selfBenefit = beneficiaryUserIds.some((id) => !!id && id === actor.userId);
  const ownOrg = orgIds.some((id) => !!id && actor.grants.some((g) => g.orgId === id));
  if (selfBenefit || ownOrg) throw new AppError('SELF_BENEFIT', reason, { reason, ...(ownOrg && !selfBenefit ? { ownOrganisation: true } : {}) });
}
