/** A fresh idempotency key: a UUID (crypto.randomUUID, or random bytes where it is missing, e.g. plain http). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
  else for (let i = 0; i < b.length; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Holds one idempotency key per submission: asking again with the same values (a retry after a
 * lost answer, a double tap) answers the same key, so the server writes once; other values get
 * a new key; `done()` after a success makes the next submission a new one.
 */
export function createKeyKeeper(make: () => string = newIdempotencyKey) {
  let current: { key: string; fingerprint: string } | null = null;
  return {
    keyFor(values: unknown): string {
      const fingerprint = JSON.stringify(values);
      if (!current || current.fingerprint !== fingerprint) current = { key: make(), fingerprint };
      return current.key;
    },
    done(): void {
      current = null;
    },
  };
}
