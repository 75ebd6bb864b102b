import { and, eq, lt } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { loginDevices } from '../../db/schema/index';
import { keyedHash, randomToken, timingSafeEqualStr } from '../../lib/crypto';

/**
 * Device cookies (OWASP "device cookies"): a successful login leaves a signed, httpOnly cookie
 * naming the device, and the device is remembered for that person. A phone number locked by
 * someone else's wrong guesses still opens with the right password from a device its owner
 * signed in from before: such a device has its own failure counter.
 */
export const DEVICE_COOKIE = 'aixin_device';
export const DEVICE_COOKIE_DAYS = 365;

function signature(ctx: AppContext, deviceId: string): string {
  return keyedHash(ctx.keys.devices, deviceId).slice(0, 32);
}

/** `<device id>.<signature>`. */
export function signDevice(ctx: AppContext, deviceId: string): string {
  return `${deviceId}.${signature(ctx, deviceId)}`;
}

/** The device id of a cookie whose signature holds, or null. */
export function readDevice(ctx: AppContext, cookie: string | null | undefined): string | null {
  if (!cookie) return null;
  const [id, sig, ...rest] = cookie.split('.');
  if (!id || !sig || rest.length || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) return null;
  return timingSafeEqualStr(sig, signature(ctx, id)) ? id : null;
}

export function newDeviceId(): string {
  return randomToken(16);
}

export async function isKnownDevice(db: DbOrTx, userId: string, deviceId: string): Promise<boolean> {
  const [r] = await db.select({ id: loginDevices.deviceId }).from(loginDevices).where(and(eq(loginDevices.userId, userId), eq(loginDevices.deviceId, deviceId))).limit(1);
  return !!r;
}

export async function rememberDevice(db: DbOrTx, userId: string, deviceId: string, now: Date): Promise<void> {
  await db
    .insert(loginDevices)
    .values({ userId, deviceId, createdAt: now, lastSeenAt: now })
    .onConflictDoUpdate({ target: [loginDevices.userId, loginDevices.deviceId], set: { lastSeenAt: now } });
}

/** Forgets devices not seen for as long as their cookie lives. */
export async function purgeDevices(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db
    .delete(loginDevices)
    .where(lt(loginDevices.lastSeenAt, new Date(now.getTime() - DEVICE_COOKIE_DAYS * 86_400_000)))
    .returning({ id: loginDevices.deviceId });
  return rows.length;
}
