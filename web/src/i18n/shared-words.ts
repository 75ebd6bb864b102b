import { ERROR_CODES, type ErrorCode } from '@shared/errors';
import { ROLE_LABELS, REGION_LEVEL_LABELS, type Role } from '@shared/constants';
import { ID_NUMBER_MESSAGES, type IdNumberProblem } from '@shared/lib/id-number';

type Side = 'zh' | 'en';

function pick<K extends string>(table: Record<K, { zh: string; en: string }>, side: Side): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of Object.keys(table) as K[]) out[k] = table[k][side];
  return out;
}

/**
 * Words the server and the web share, taken from shared/src so they never drift: error
 * codes, roles, region levels and the reasons an ID number is wrong.
 */
export function sharedWords(side: Side) {
  return {
    errors: pick<ErrorCode>(ERROR_CODES, side),
    roles: pick<Role>(ROLE_LABELS, side),
    idNumber: pick<IdNumberProblem>(ID_NUMBER_MESSAGES, side),
    regionLevels: Object.fromEntries(Object.entries(REGION_LEVEL_LABELS).map(([k, v]) => [k, v[side]])) as Record<string, string>,
  };
}
