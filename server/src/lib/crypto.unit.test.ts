import { describe, expect, it } from 'vitest';
import { decryptText, deriveKeys, encryptText, keyedHash } from './crypto';

describe('ID-number encryption', () => {
  const keys = deriveKeys('a-secret-of-at-least-thirty-two-characters');
  it('round-trips with AES-GCM and a fresh IV each time', () => {
    const a = encryptText(keys.idEncryption, '11010519491231002X');
    const b = encryptText(keys.idEncryption, '11010519491231002X');
    expect(a).not.toBe(b);
    expect(decryptText(keys.idEncryption, a)).toBe('11010519491231002X');
  });
  it('detects tampering and a wrong key', () => {
    const sealed = encryptText(keys.idEncryption, '11010519491231002X');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptText(keys.idEncryption, parts.join('.'))).toThrow();
    const other = deriveKeys('another-secret-of-at-least-thirty-two-chars');
    expect(() => decryptText(other.idEncryption, sealed)).toThrow();
  });
  it('uses separate keys per purpose; the keyed hash is stable', () => {
    expect(keys.idHash.equals(keys.idEncryption)).toBe(false);
    expect(keyedHash(keys.idHash, 'x')).toBe(keyedHash(keys.idHash, 'x'));
    expect(keyedHash(keys.idHash, 'x')).toHaveLength(64);
  });
});
