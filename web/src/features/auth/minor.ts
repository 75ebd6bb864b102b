import { ageOn } from '@shared/lib/id-number';

export type AgeRule = 'adult' | 'needs_guardian' | 'too_young';

/**
 * What registering needs at this age, as the server's rule (accounts.service
 * checkMinorRules): under 14 only staff register the person; 14–17 name a guardian who
 * consents; 18 and over register alone.
 */
export function ageRule(birthDate: string, today: Date = new Date()): AgeRule {
  const age = ageOn(birthDate, today);
  if (age < 14) return 'too_young';
  if (age < 18) return 'needs_guardian';
  return 'adult';
}
