/**
 * 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit
 * sequence (odd: male, even: female) and a check character. The address code is not
 * checked against today's division list, because codes change.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'format' | 'birth_date' | 'check_digit';

export interface IdNumberInfo {
  normalized: string;
  birthDate: string; // YYYY-MM-DD
  sex: 'M' | 'F';
  addressCode: string;
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Validates a number; answers its facts, or the reason it is wrong. */
export function parseIdNumber(raw: string, today: Date = new Date()): IdNumberInfo | { problem: IdNumberProblem } {
  const s = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return { problem: 'format' };
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (
    y < 1900 ||
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d ||
    date.getTime() > today.getTime()
  ) {
    return { problem: 'birth_date' };
  }
  if (idNumberCheckChar(s.slice(0, 17)) !== s[17]) return { problem: 'check_digit' };
  return {
    normalized: s,
    birthDate: `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`,
    sex: Number(s[16]) % 2 === 1 ? 'M' : 'F',
    addressCode: s.slice(0, 6),
  };
}

export function isValidIdNumber(raw: string): boolean {
  return !('problem' in parseIdNumber(raw));
}

/**
 * `110*************2X`: the only form in which an ID number ever leaves the server. The first 3
 * and the last 2 characters only: the hidden 13 hold the rest of the address code, the whole
 * birth date and most of the sequence, so even with the birth date and the district beside it
 * no number that the check character accepts can be rebuilt with confidence.
 */
export function maskIdNumber(s: string): string {
  return `${s.slice(0, 3)}${'*'.repeat(Math.max(0, s.length - 5))}${s.slice(-2)}`;
}

/** Age in whole years on a given day. */
export function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = on.getUTCFullYear() - y;
  const beforeBirthday = on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, { zh: string; en: string }> = {
  format: { zh: '身份证号应为18位，最后一位可以是X', en: 'An ID number has 18 characters; the last may be X' },
  birth_date: { zh: '身份证号中的出生日期无效', en: 'The birth date in the ID number is invalid' },
  check_digit: { zh: '身份证号校验位不正确，请核对', en: 'The check digit of the ID number is wrong' },
};

/** Builds a valid number from its parts (demo data, tests, benchmarks). */
export function composeIdNumber(addressCode: string, birthDate: string, sequence: number): string {
  const first17 = `${addressCode}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
