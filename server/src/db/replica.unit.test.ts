import { describe, expect, it } from 'vitest';
import { chooseRead, DEFAULT_MAX_LAG_BYTES, formatLsn, isReplicaFailure, parseLsn, ReadRouter, type ReplicaState } from './replica';
import type pg from 'pg';
import type { Db } from './client';

const up = (replay: string, receive = replay): ReplicaState => ({ reachable: true, replayLsn: parseLsn(replay), receiveLsn: parseLsn(receive) });

describe('WAL positions', () => {
  it('reads and writes PostgreSQL’s X/Y form, comparing across the high word', () => {
    expect(parseLsn('0/3000000')).toBe(0x3000000n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(formatLsn(parseLsn('16/B374D848')!)).toBe('16/B374D848');
    // 1/0 is after 0/FFFFFFFF (a plain string comparison would say otherwise)
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
    expect(parseLsn('A/1')! > parseLsn('9/FFFFFFFF')!).toBe(true);
  });
  it('refuses anything else (a forged or broken cookie counts as none)', () => {
    for (const bad of ['', '0', '0/', '/1', 'G/1', '0/1/2', '123456789/0', "0/1' or 1=1", null, undefined]) expect(parseLsn(bad)).toBeNull();
  });
});

describe('where a read goes', () => {
  it('to the primary when there is no replica, it is down or not a standby', () => {
    expect(chooseRead(null, null)).toEqual({ use: 'primary', reason: 'no-replica' });
    expect(chooseRead({ reachable: false, replayLsn: null, receiveLsn: null }, null)).toEqual({ use: 'primary', reason: 'replica-down' });
    expect(chooseRead({ reachable: true, replayLsn: null, receiveLsn: null }, null)).toEqual({ use: 'primary', reason: 'not-standby' });
  });
  it('an anonymous reader (no write of theirs) reads the replica', () => {
    expect(chooseRead(up('0/5000000'), null)).toEqual({ use: 'replica', reason: 'replica' });
  });
  it('a person whose write the replica has not replayed reads the primary; once replayed (or exactly at it), the replica', () => {
    const wrote = parseLsn('0/5000100');
    expect(chooseRead(up('0/5000000', '0/5000200'), wrote)).toEqual({ use: 'primary', reason: 'not-replayed' });
    expect(chooseRead(up('0/5000100'), wrote)).toEqual({ use: 'replica', reason: 'replica' });
    expect(chooseRead(up('0/6000000'), wrote)).toEqual({ use: 'replica', reason: 'replica' });
    // across the high word
    expect(chooseRead(up('0/FFFFFFFF'), parseLsn('1/10'))).toEqual({ use: 'primary', reason: 'not-replayed' });
  });
  it('a replica with more than the allowed WAL left to replay serves nobody', () => {
    const replay = 0x10000000n;
    const lagging: ReplicaState = { reachable: true, replayLsn: replay, receiveLsn: replay + DEFAULT_MAX_LAG_BYTES + 1n };
    expect(chooseRead(lagging, null)).toEqual({ use: 'primary', reason: 'lagging' });
    expect(chooseRead({ ...lagging, receiveLsn: replay + DEFAULT_MAX_LAG_BYTES }, null).use).toBe('replica');
    // the primary's own position, as this process saw it after a write, counts too (a replica that stopped receiving)
    expect(chooseRead(up(formatLsn(replay)), null, replay + DEFAULT_MAX_LAG_BYTES + 1n)).toEqual({ use: 'primary', reason: 'lagging' });
    expect(chooseRead(up(formatLsn(replay)), null, replay + 1000n, 100n)).toEqual({ use: 'primary', reason: 'lagging' });
  });
});

describe('replica failures', () => {
  it('connection losses, shutdowns and recovery conflicts fall back; a bad query does not', () => {
    expect(isReplicaFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5441'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isReplicaFailure(new Error('failed query', { cause: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) }))).toBe(true);
    expect(isReplicaFailure(Object.assign(new Error('canceling statement due to conflict with recovery'), { code: '40001' }))).toBe(true);
    expect(isReplicaFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isReplicaFailure(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isReplicaFailure(new Error('not found'))).toBe(false);
  });
});

describe('the router', () => {
  const silent = { warn: () => undefined, info: () => undefined };
  function fakeReplica(answer: () => { replay: string | null; receive: string | null }) {
    let calls = 0;
    const pool = {
      query: async () => {
        calls += 1;
        return { rows: [answer()] };
      },
    } as unknown as pg.Pool;
    return { pool, calls: () => calls };
  }
  const primary = {} as Db;

  it('asks the replica its position at most once per refresh period, sharing one question among concurrent reads', async () => {
    const r = fakeReplica(() => ({ replay: '0/100', receive: '0/100' }));
    const router = new ReadRouter(primary, {} as Db, r.pool, silent, { refreshMs: 60_000 });
    const choices = await Promise.all([router.choose(null), router.choose(null), router.choose(parseLsn('0/100'))]);
    expect(choices.map((c) => c.use)).toEqual(['replica', 'replica', 'replica']);
    expect(r.calls()).toBe(1);
    expect((await router.choose(parseLsn('0/101'))).reason).toBe('not-replayed');
    expect(router.served).toMatchObject({ replica: 3, 'not-replayed': 1 });
  });

  it('an unreachable replica is left alone for the down period, then tried again', async () => {
    let fail = true;
    let calls = 0;
    const pool = {
      query: async () => {
        calls += 1;
        if (fail) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        return { rows: [{ replay: '0/200', receive: '0/200' }] };
      },
    } as unknown as pg.Pool;
    const warnings: string[] = [];
    const router = new ReadRouter(primary, {} as Db, pool, { warn: (_o, m) => warnings.push(m), info: () => undefined }, { refreshMs: 0, downMs: 60_000 });
    expect((await router.choose(null)).reason).toBe('replica-down');
    expect((await router.choose(null)).reason).toBe('replica-down');
    expect(calls).toBe(1);
    expect(warnings).toHaveLength(1);
    fail = false;
    // past the down period: the read that notices goes to the primary at once, the check runs behind it
    expect((await router.replicaState(Date.now() + 61_000)).reachable).toBe(false);
    expect(calls).toBe(2);
    await new Promise((r) => setTimeout(r, 0));
    expect((await router.choose(null)).use).toBe('replica');
  });
});
