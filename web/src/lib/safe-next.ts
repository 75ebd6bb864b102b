/**
 * The page to go to after logging in, from `?next=`. Only a path inside this site is
 * accepted (never `//host` or `https://…`, which would send the person elsewhere).
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (next.startsWith('/login') || next.startsWith('/register')) return fallback;
  return next;
}

/** `/login?next=…` for the page the person tried to open. */
export function loginPath(from: string): string {
  return from && from !== '/' ? `/login?next=${encodeURIComponent(from)}` : '/login';
}
