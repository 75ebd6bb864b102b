import { describe, expect, it } from 'vitest';
import { AuthCache, type CachedAuth } from './auth-cache';

const entry = (userId: string): CachedAuth => ({
  session: { id: 's', userId, csrfToken: 'c', expiresAt: new Date(Date.now() + 3600_000), lastSeenAt: new Date() },
  user: { id: userId, name: 'n', regionCode: '140502', status: 'active' },
  grants: [],
  dormantGrants: [],
});

describe('the signed-in people cache', () => {
  it('remembers only while listening, forgets a person or everyone, and for at most its lifetime', () => {
    let now = 0;
    const c = new AuthCache(1000, 100, () => now);
    c.put('t1', c.stamp(), entry('u1'));
    expect(c.get('t1')).toBeUndefined(); // not listening: nothing kept
    c.listening = true;
    c.put('t1', c.stamp(), entry('u1'));
    c.put('t2', c.stamp(), entry('u2'));
    expect(c.get('t1')?.user.id).toBe('u1');
    c.evict('u1');
    expect(c.get('t1')).toBeUndefined();
    expect(c.get('t2')?.user.id).toBe('u2');
    now = 1001;
    expect(c.get('t2')).toBeUndefined(); // lived its time
    c.put('t3', c.stamp(), entry('u3'));
    c.evict('*');
    expect(c.get('t3')).toBeUndefined();
  });

  it('never stores a load that began before an eviction of the same person', () => {
    const c = new AuthCache();
    c.listening = true;
    const stamp = c.stamp(); // a request starts loading u1 …
    c.evict('u1'); // … the grant is revoked and announced meanwhile …
    c.put('t1', stamp, entry('u1')); // … and the stale load is not kept
    expect(c.get('t1')).toBeUndefined();
    c.put('t1', c.stamp(), entry('u1'));
    expect(c.get('t1')).toBeDefined();
  });

  it('holds no more than its size, dropping the oldest', () => {
    const c = new AuthCache(60_000, 2);
    c.listening = true;
    c.put('a', c.stamp(), entry('a'));
    c.put('b', c.stamp(), entry('b'));
    c.put('c', c.stamp(), entry('c'));
    expect(c.size()).toBe(2);
    expect(c.get('a')).toBeUndefined();
    expect(c.get('c')).toBeDefined();
  });
});
