import crypto from 'node:crypto';

/**
 * Keys derived from AIXIN_SECRET with HKDF, one per purpose, so that a key used to sign QR
 * tokens can never decrypt an ID number.
 */
export interface Keys {
  idEncryption: Buffer; // AES-256-GCM
  idHash: Buffer; // HMAC-SHA256 for uniqueness of ID numbers
  tokens: Buffer; // HMAC for short-lived signed tokens (QR check-in)
  devices: Buffer; // HMAC signing the device cookie (a locked phone still opens on a known device)
  claimCodes: Buffer; // HMAC of one-time claim codes (only the hash is stored)
  writePositions: Buffer; // AES-256-GCM of the read-your-writes cookie (the primary's WAL position is not shown)
}

export function deriveKeys(secret: string): Keys {
  const ikm = Buffer.from(secret, 'utf8');
  const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', ikm, Buffer.from('aixin'), Buffer.from(info), 32));
  return {
    idEncryption: derive('id-number-encryption-v1'),
    idHash: derive('id-number-hash-v1'),
    tokens: derive('signed-tokens-v1'),
    devices: derive('device-cookies-v1'),
    claimCodes: derive('claim-codes-v1'),
    writePositions: derive('write-positions-v1'),
  };
}

/** `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function encryptText(key: Buffer, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ['v1', iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
}

export function decryptText(key: Buffer, sealed: string): string {
  const [v, iv, tag, ct] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unknown ciphertext format');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

export function keyedHash(key: Buffer, value: string): string {
  return crypto.createHmac('sha256', key).update(value).digest('hex');
}

export function sha256Hex(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function timingSafeEqualStr(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}
