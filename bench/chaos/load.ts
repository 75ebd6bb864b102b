/**
 * The chaos test's load, in its own process (`node --import tsx bench/chaos/load.ts SPEC`): a few
 * workers send check-ins, settlements, family transfers, redemptions and paid service requests
 * (spends with idempotency keys; one in ten hung up on after 20 ms–1.5 s (PGlite answers late: its queries run on the event loop), its reply lost) until SIGTERM,
 * while the server is killed and restarted under them.
 * Every request and what became of it is appended to the journal as one JSON line:
 * `ack` (2xx, with the id answered), `refused` (4xx: nothing may remain of it) or `lost` (no reply).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Cast } from './fixtures';

export interface LoadSpec {
  url: string;
  journal: string;
  cast: Cast;
  workers: number;
}

export interface Entry {
  op: 'checkin' | 'settle' | 'family_transfer' | 'redemption' | 'service_request';
  path: string;
  /** Index of the session in [orgAdmin, districtAdmin, ...young, ...elders]. */
  who: number;
  body: unknown;
  key?: string;
  outcome: 'ack' | 'refused' | 'lost' | 'error';
  status?: number;
  id?: string;
  code?: string;
}

/** A JSON answer, read loosely: the load only picks ids and error codes out of it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export function sessionsOf(cast: Cast) {
  return [cast.orgAdmin, cast.districtAdmin, ...cast.young, ...cast.elders];
}

/** One request as the browser sends it; `lost` when no reply came (refused connection, reset, timeout). */
export async function send(url: string, s: { cookie: string; csrf: string }, method: string, path: string, body?: unknown, key?: string, giveUpAfterMs = 15_000) {
  try {
    const r = await fetch(url + path, {
      method,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(key ? { 'idempotency-key': key } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(giveUpAfterMs),
    });
    const text = await r.text();
    let json: Json = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: r.status, json, replayed: r.headers.get('idempotent-replayed') === 'true', unsent: false };
  } catch (err) {
    // refused connection: the server was down, the request never left; anything else: the reply was lost
    if ((err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') return { status: 0, json: null, replayed: false, unsent: true };
    return null;
  }
}

export function idOf(op: Entry['op'], json: Json): string | undefined {
  if (!json) return undefined;
  if (op === 'checkin') return json.attendance?.id;
  if (op === 'settle') return json.records?.length ? String(json.records.length) : undefined;
  return json.id ?? json.redemption?.id ?? json.transfer?.id;
}

async function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
  const { cast, url } = spec;
  const people = sessionsOf(cast);
  const out = fs.openSync(spec.journal, 'a');
  const journal = (e: Entry) => fs.writeSync(out, JSON.stringify(e) + '\n');
  let stopping = false;
  process.once('SIGTERM', () => (stopping = true));
  let token = '';
  let tokenAt = 0;
  const checkedIn = new Set<number>();
  const settled = new Set<number>();
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const youngAt = (i: number) => 2 + i;
  const elderAt = (i: number) => 2 + cast.young.length + i;

  async function once(): Promise<void> {
    const r = Math.random();
    let e: Omit<Entry, 'outcome'>;
    if (r < 0.2 && checkedIn.size < cast.young.length + cast.elders.length) {
      if (!token || Date.now() - tokenAt > 10_000) {
        const c = await send(url, cast.orgAdmin, 'GET', `/api/v1/activities/${cast.runningActivity}/checkin-code`);
        if (c?.status === 200) [token, tokenAt] = [c.json.token, Date.now()];
        if (!token) return;
      }
      const i = pick([...Array(cast.young.length + cast.elders.length).keys()].filter((x) => !checkedIn.has(x)));
      checkedIn.add(i);
      e = { op: 'checkin', path: `/api/v1/activities/${cast.runningActivity}/checkin`, who: 2 + i, body: { token, lat: 35.4986, lng: 112.8601 } };
    } else if (r < 0.27 && settled.size < cast.toSettle.length) {
      const i = pick([...cast.toSettle.keys()].filter((x) => !settled.has(x)));
      settled.add(i);
      const a = cast.toSettle[i]!;
      e = { op: 'settle', path: `/api/v1/activities/${a.id}/settle`, who: 0, body: { entries: a.userIds.map((userId) => ({ userId })) } };
    } else if (r < 0.55) {
      const i = Math.floor(Math.random() * cast.young.length);
      e = { op: 'family_transfer', path: '/api/v1/transfers', who: youngAt(i), body: { toUserId: cast.elders[i]!.userId, ledger: 'time', amount: 1 + Math.floor(Math.random() * 5), memo: '混沌', idempotencyKey: crypto.randomUUID() } };
    } else if (r < 0.8) {
      const who = Math.random() < 0.5 ? youngAt(Math.floor(Math.random() * cast.young.length)) : elderAt(Math.floor(Math.random() * cast.elders.length));
      e = { op: 'redemption', path: '/api/v1/redemptions', who, body: { productId: pick(cast.products), quantity: 1 }, key: crypto.randomUUID() };
    } else {
      const i = Math.floor(Math.random() * cast.elders.length);
      e = { op: 'service_request', path: '/api/v1/service-requests', who: elderAt(i), body: { category: 'elderly', description: '混沌测试：上门陪护', regionCode: '140502001001', address: '凤台社区9号楼', payMinutes: 5 }, key: crypto.randomUUID() };
    }
    const body = e.body as { idempotencyKey?: string };
    const key = e.key ?? body.idempotencyKey;
    // one spend in ten: the client stops waiting after 20 ms–1.5 s (PGlite answers late: its queries run on the event loop), so its reply is lost though the write may have committed
    const hangUp = key && Math.random() < 0.1 ? 20 + Math.random() * 1500 : 15_000;
    const res = await send(url, people[e.who]!, 'POST', e.path, e.body, e.key, hangUp);
    if (res?.unsent) {
      // never sent (the server is down): pick it again later, wait for the restart
      if (e.op === 'checkin') checkedIn.delete(e.who - 2);
      if (e.op === 'settle') settled.delete(cast.toSettle.findIndex((a) => e.path.includes(a.id)));
      await new Promise((r) => setTimeout(r, 250));
      return;
    }
    if (!res) journal({ ...e, ...(key ? { key } : {}), outcome: 'lost' });
    else if (res.status < 300) journal({ ...e, ...(key ? { key } : {}), outcome: 'ack', status: res.status, ...(idOf(e.op, res.json) ? { id: idOf(e.op, res.json)! } : {}) });
    else journal({ ...e, ...(key ? { key } : {}), outcome: res.status < 500 ? 'refused' : 'error', status: res.status, code: res.json?.error?.code });
    if (e.op === 'checkin' && res?.status === 422 && /TOKEN/.test(res.json?.error?.code ?? '')) token = '';
  }

  await Promise.all(
    Array.from({ length: spec.workers }, async () => {
      while (!stopping) {
        await once();
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
      }
    }),
  );
  fs.closeSync(out);
}

if (process.argv[1]?.endsWith('load.ts')) await main();
