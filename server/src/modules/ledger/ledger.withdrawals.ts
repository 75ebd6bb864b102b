import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { ageOn } from '@shared/lib/id-number';
import type { LedgerPolicyFields } from '@shared/schemas/ledger';
import { effectivePolicy, toPolicyView } from './ledger.policies';
import * as repo from './ledger.repository';

/**
 * Withdrawal rules (政策 `withdrawMinAge`, 60 by default, as in Nanjing and Beijing): stored time is
 * withdrawn — spent on service received — only for a person of that age: the holder themself
 * (a paid service request: the resident served) or a verified spouse or direct relative it is
 * given to (a family transfer of time). Someone with no birth date on record cannot be checked
 * and is refused. Every refusal is WITHDRAW_AGE with the minimum age and the person's age.
 */
export function checkWithdrawAge(policy: Pick<LedgerPolicyFields, 'withdrawMinAge'>, person: { birthDate: string | null }, at: Date, whose: 'self' | 'relative'): void {
  const minAge = policy.withdrawMinAge;
  const age = person.birthDate ? ageOn(person.birthDate, new Date(at.getTime() + 8 * 3600_000)) : null;
  if (age !== null && age >= minAge) return;
  const details = { reason: 'WITHDRAW_AGE', minAge, age, whose };
  if (age === null) {
    throw new AppError('WITHDRAW_AGE', `未登记出生日期，无法核对支取时间的年龄（本地区须年满${minAge}岁） / No birth date on record: the withdrawal age (${minAge} here) cannot be checked`, details);
  }
  if (whose === 'relative') {
    throw new AppError('WITHDRAW_AGE', `时间只能转赠给年满${minAge}岁的亲属支取，对方现年${age}岁 / Time may be given only to a relative aged ${minAge} or over to withdraw; they are ${age}`, details);
  }
  throw new AppError('WITHDRAW_AGE', `年满${minAge}岁方可支取储蓄的时间，您（或被服务人）现年${age}岁 / Stored time may be withdrawn from age ${minAge}; the person served is ${age}`, details);
}

/** Checks that the person served may have stored time withdrawn for them, by the policy of the region where it is spent. */
export async function assertMayWithdraw(ctx: AppContext, db: DbOrTx, o: { userId: string; regionPath: string }): Promise<void> {
  const person = await repo.findUserBrief(db, o.userId);
  if (!person) throw notFound('用户 user');
  const now = ctx.clock.now();
  checkWithdrawAge(toPolicyView(await effectivePolicy(db, o.regionPath, now)), person, now, 'self');
}
