import crypto from 'node:crypto';
import { timingSafeEqualStr } from './crypto';

/**
 * Rotating QR tokens (`<window>.<mac>`) for check-in kiosks: signed with the server's token key,
 * tied to a scope (`checkin:<activityId>`, `welfare-post:<postId>`) and a one-minute window. A
 * token is good in its window and the next one (60–120 s), so a forwarded photo soon stops working.
 */
export const TOKEN_WINDOW_MS = 60_000;

function mac(key: Buffer, scope: string, windowIndex: number): string {
  return crypto.createHmac('sha256', key).update(`${scope}:${windowIndex}`).digest('base64url').slice(0, 22);
}

export function makeRotatingToken(key: Buffer, scope: string, at: Date): { token: string; expiresAt: Date } {
  const w = Math.floor(at.getTime() / TOKEN_WINDOW_MS);
  return { token: `${w}.${mac(key, scope, w)}`, expiresAt: new Date((w + 2) * TOKEN_WINDOW_MS) };
}

/** 'ok', 'invalid' (not signed for this scope) or 'expired' (signed, but an older window). */
export function rotatingTokenState(key: Buffer, scope: string, token: string, at: Date): 'ok' | 'invalid' | 'expired' {
  const [wRaw, sig] = token.split('.');
  const w = Number(wRaw);
  const current = Math.floor(at.getTime() / TOKEN_WINDOW_MS);
  const valid = Number.isInteger(w) && !!sig && timingSafeEqualStr(sig, mac(key, scope, w));
  if (!valid) return 'invalid';
  return w === current || w === current - 1 ? 'ok' : 'expired';
}
