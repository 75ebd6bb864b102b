/**
 * Text that can be stored and hashed exactly: well-formed Unicode (no lone UTF-16 surrogate, which
 * PostgreSQL would silently store as U+FFFD) and no NUL character (which PostgreSQL refuses).
 */
const LONE_SURROGATE = /\p{Cs}/u;

export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** Why a string cannot be accepted, or null when it can. */
export function textProblem(s: string): 'lone_surrogate' | 'nul' | null {
  if (s.includes('\u0000')) return 'nul';
  if (!isWellFormedText(s)) return 'lone_surrogate';
  return null;
}
