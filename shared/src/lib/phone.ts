/** Mainland mobile numbers: 11 digits starting 13–19. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

export function isValidPhone(s: string): boolean {
  return PHONE_PATTERN.test(s);
}

/** `138****5678` for those who may not see the number in full. */
export function maskPhone(s: string): string {
  return s.length === 11 ? `${s.slice(0, 3)}****${s.slice(7)}` : '****';
}
