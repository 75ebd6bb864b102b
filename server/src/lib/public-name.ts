import { maskName } from '@shared/lib/person-name';

/** What a page served without login calls a person who has not consented to be named. */
export const ANONYMOUS_VOLUNTEER = '爱心志愿者';

/**
 * The one rule for a person's name in anything served without login (条例 art. 20–21, PIPL
 * art. 25): the name only with the person's consent to public display; otherwise either
 * masked (周*梅, where a notice must stay recognisable to the person) or 爱心志愿者.
 * Names of organisations and companies are not personal data and do not pass through here.
 */
export function publicPersonName(name: string, consented: boolean | null | undefined, otherwise: 'masked' | 'anonymous' = 'masked'): string {
  if (consented === true) return name;
  return otherwise === 'masked' ? maskName(name) : ANONYMOUS_VOLUNTEER;
}
