import { idNumberCheckChar } from './id-number';

/**
 * The public volunteer number (志愿者编号): the 6-digit district code, an 8-digit sequence and
 * a check character (ISO 7064 MOD 11-2, as in the ID number). It identifies a volunteer on
 * certificates and when records move between systems, without revealing the ID number.
 */
export function composeVolunteerNo(districtCode: string, sequence: number): string {
  const body = districtCode.slice(0, 6) + String(sequence).padStart(8, '0');
  // the ID number's weights cover 17 digits; pad the 14-digit body on the left
  return body + idNumberCheckChar(body.padStart(17, '0'));
}

export function isValidVolunteerNo(s: string): boolean {
  if (!/^\d{14}[\dX]$/.test(s)) return false;
  return idNumberCheckChar(s.slice(0, 14).padStart(17, '0')) === s[14];
}
