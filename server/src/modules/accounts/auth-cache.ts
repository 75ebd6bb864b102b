import type { ActorGrant } from '../../context';

/**
 * Signed-in people, remembered between requests: a session's user and grants would otherwise
 * cost two queries on every request (a check-in is two more). Revocation stays prompt:
 * - the database announces every change that takes power away or changes who a person is
 *   (a session revoked, a grant given or taken, a person's name, region or status, an
 *   organisation's status) on the channel `aixin_auth` (triggers of migration 0018), and every
 *   server process drops what it remembers of that person, or of everyone;
 * - the process that makes such a change also drops it itself as soon as the change is committed;
 * - an entry lives at most `ttlMs` whatever happens, and none is kept while the listener is
 *   not connected.
 * A load that started before an eviction is never stored (each load and eviction is stamped
 * from one counter).
 */
export interface CachedAuth {
  session: { id: string; userId: string; csrfToken: string; expiresAt: Date; lastSeenAt: Date };
  user: { id: string; name: string; regionCode: string; status: string };
  grants: ActorGrant[];
  dormantGrants: ActorGrant[];
}

interface Entry {
  value: CachedAuth;
  stamp: number;
  storedAtMs: number;
}

export const AUTH_CHANNEL = 'aixin_auth';

export class AuthCache {
  private readonly entries = new Map<string, Entry>();
  private readonly evictedAt = new Map<string, number>();
  private allEvictedAt = 0;
  private seq = 0;
  /** False while the change listener is not connected: nothing is remembered then. */
  listening = false;

  constructor(
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 20_000,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** A stamp to take before loading: `put` refuses it if an eviction came after. */
  stamp(): number {
    return ++this.seq;
  }

  get(tokenHash: string): CachedAuth | undefined {
    const e = this.entries.get(tokenHash);
    if (!e) return undefined;
    if (!this.listening || this.nowMs() - e.storedAtMs > this.ttlMs || e.stamp <= this.allEvictedAt || e.stamp <= (this.evictedAt.get(e.value.user.id) ?? 0)) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return e.value;
  }

  put(tokenHash: string, stamp: number, value: CachedAuth): void {
    if (!this.listening || stamp <= this.allEvictedAt || stamp <= (this.evictedAt.get(value.user.id) ?? 0)) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(tokenHash, { value, stamp, storedAtMs: this.nowMs() });
  }

  /** After a session was touched: the remembered copy carries the new time. */
  touched(tokenHash: string, at: Date): void {
    const e = this.entries.get(tokenHash);
    if (e) e.value.session.lastSeenAt = at;
  }

  /** Forget a person (`'*'`: everyone). */
  evict(userId: string): void {
    const s = ++this.seq;
    if (userId === '*') {
      this.allEvictedAt = s;
      this.entries.clear();
      this.evictedAt.clear();
      return;
    }
    this.evictedAt.set(userId, s);
    if (this.evictedAt.size > this.maxEntries) {
      // older marks only matter for entries stored before them; dropping everything is the safe way to forget them
      this.allEvictedAt = s;
      this.entries.clear();
      this.evictedAt.clear();
    }
  }

  size(): number {
    return this.entries.size;
  }
}
