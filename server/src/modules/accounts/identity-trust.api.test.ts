import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { sheetText } from '../../../test/xlsx';
import { idNumberCheckChar } from '@shared/lib/id-number';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeOrg, makeStation, makeUser, nextPerson, type MadeUser } from '../../../test/factories';
import { verify as argonVerify } from '@node-rs/argon2';
import { auditLog, claimCodes, grants, loginDevices, organizations, rateLimits, sessions, users } from '../../db/schema/index';
import { testEngine } from '../../../test/engine';
import { purgeStaleSignInRows } from './index';
import { loadConfig, parseTrustProxy } from '../../config';

let t: TestApp;
let district: MadeUser;
beforeAll(async () => {
  t = await buildTestApp();
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
});
afterAll(async () => t.close());

/**
 * How many ID numbers the GB 11643 check character accepts that agree with what a reader sees:
 * the masked number, and beside it (when served) the birth date and the district code.
 * Infinity when more than six digits stay unknown (a million candidates and more).
 */
function rebuildCandidates(masked: string, birthDate: string | null, addressCode: string | null): number {
  const known = [...masked];
  if (known.length !== 18) return Infinity;
  if (birthDate) [...birthDate.replace(/-/g, '')].forEach((c, i) => (known[6 + i] = c));
  if (addressCode) [...addressCode].forEach((c, i) => (known[i] = c));
  const unknown = known.slice(0, 17).map((c, i) => (c === '*' ? i : -1)).filter((i) => i >= 0);
  if (unknown.length > 6) return Infinity;
  let n = 0;
  for (let v = 0; v < 10 ** unknown.length; v++) {
    const digits = [...known];
    const s = String(v).padStart(unknown.length, '0');
    unknown.forEach((pos, k) => (digits[pos] = s[k]!));
    const first17 = digits.slice(0, 17).join('');
    if (known[17] === '*' ? true : idNumberCheckChar(first17) === known[17]) n++;
  }
  return n;
}

/** Every masked ID number in a text shows at most 5 characters and none of the birth date. */
function expectMaskedOnly(text: string, idNumber: string) {
  expect(text).not.toContain(idNumber);
  expect(text).not.toContain(idNumber.slice(6, 14));
  const masks = text.match(/[0-9X*]{18}/g)?.filter((m) => m.includes('*')) ?? [];
  for (const m of masks) expect([...m].filter((c) => c !== '*').length).toBeLessThanOrEqual(5);
  return masks;
}

/** Rows of a raw query, whichever driver answered. */
async function query<T>(app: TestApp, q: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await app.app.ctx.db.execute(q)) as unknown;
  return (typeof r === 'object' && r !== null && 'rows' in r ? (r as { rows: T[] }).rows : (r as T[]));
}

describe('1. a masked ID number cannot be rebuilt', () => {
  it('shows the first 3 and last 2 characters everywhere; birth date only to the person and staff in scope; no answer, export or audit entry allows a rebuild', async () => {
    const admin = await district.actor();
    expect(admin.grants).toHaveLength(1);
    const c = await t.client().login(district.phone);
    const p = nextPerson('1985-03-09');
    const made = await c.post('/api/v1/volunteers', { name: '代注册甲', idNumber: p.idNumber, phone: p.phone, regionCode: '140502001001', consentMethod: 'paper' });
    expect(made.status).toBe(201);
    const masked = `${p.idNumber.slice(0, 3)}*************${p.idNumber.slice(-2)}`;
    expect(made.body.idNumberMasked).toBe(masked);
    const [row] = await t.app.ctx.db.select().from(users).where(eq(users.id, made.body.userId));
    expect(row!.idNumberMasked).toBe(masked);
    // staff in scope see the birth date; even with it and the district, about ten numbers fit
    expect(made.body.birthDate).toBe('1985-03-09');
    expect(rebuildCandidates(made.body.idNumberMasked, made.body.birthDate, '140502')).toBeGreaterThanOrEqual(5);
    expect(rebuildCandidates(`${p.idNumber.slice(0, 6)}********${p.idNumber.slice(-4)}`, made.body.birthDate, null)).toBe(1); // the old mask
    expectMaskedOnly(JSON.stringify(made.body), p.idNumber);

    const one = await c.get(`/api/v1/volunteers/${made.body.userId}`);
    expect(one.status).toBe(200);
    expectMaskedOnly(JSON.stringify(one.body), p.idNumber);
    const list = await c.get('/api/v1/volunteers?q=' + encodeURIComponent('代注册甲'));
    expect(list.body.items[0].idNumberMasked).toBe(masked);

    // the export travels: age, not birth date
    const x = await c.get('/api/v1/volunteers.xlsx?q=' + encodeURIComponent('代注册甲'));
    expect(x.status).toBe(200);
    const text = await sheetText(x.raw as unknown as { rawPayload: Buffer });
    expect(text).toContain(masked);
    expect(text).not.toContain('1985-03-09');
    expect(text).toContain('年龄');
    expectMaskedOnly(text, p.idNumber);

    // the audit entry: masked, no birth date
    const [entry] = await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, made.body.userId));
    const after = entry!.after as Record<string, unknown>;
    expect(after.idNumberMasked).toBe(masked);
    expect(after).not.toHaveProperty('birthDate');
    expect(after.age).toEqual(expect.any(Number));
    expectMaskedOnly(JSON.stringify(entry), p.idNumber);
    const audit = await c.get(`/api/v1/audit?objectId=${made.body.userId}`);
    expect(audit.status).toBe(200);
    expect(audit.body.items.length).toBeGreaterThan(0);
    expectMaskedOnly(JSON.stringify(audit.body), p.idNumber);

    // staff lookup by phone: masked name, masked phone, age only
    const found = await c.get(`/api/v1/users?q=${p.phone}`);
    expect(found.status).toBe(200);
    expect(found.body.items[0]).toMatchObject({ name: '代**甲', phone: `${p.phone.slice(0, 3)}****${p.phone.slice(7)}`, idNumberMasked: masked, birthDate: null, age: expect.any(Number) });
    expect(rebuildCandidates(found.body.items[0].idNumberMasked, null, '140502')).toBe(Infinity);

    // an organisation's member list and its export
    const founder = await makeUser(t);
    const org = await makeOrg(t, founder, { approvedBy: district });
    const oc = await t.client().login(founder.phone);
    expect((await oc.post(`/api/v1/orgs/${org.id}/members`, { userId: made.body.userId })).status).toBe(201);
    const members = await oc.get(`/api/v1/orgs/${org.id}/members`);
    expect(members.body.items.map((m: { idNumberMasked: string }) => m.idNumberMasked)).toContain(masked);
    expectMaskedOnly(JSON.stringify(members.body), p.idNumber);
    const mx = await oc.get(`/api/v1/orgs/${org.id}/members.xlsx`);
    expect(mx.status).toBe(200);
    const mtext = await sheetText(mx.raw as unknown as { rawPayload: Buffer });
    expect(mtext).toContain(masked);
    expectMaskedOnly(mtext, p.idNumber);

    // the relatives queue names both people by their masks
    const parent = await makeUser(t);
    const pc = await t.client().login(parent.phone);
    expect((await pc.post('/api/v1/relatives', { relativeUserId: made.body.userId, relation: 'child' })).status).toBe(201);
    const queue = await c.get('/api/v1/relatives?status=pending');
    expect(queue.status).toBe(200);
    const link = queue.body.items.find((l: { relativeIdNumberMasked: string }) => l.relativeIdNumberMasked === masked);
    expect(link).toBeTruthy();
    expect(link.userIdNumberMasked).toBe(`${parent.idNumber.slice(0, 3)}*************${parent.idNumber.slice(-2)}`);
    expectMaskedOnly(JSON.stringify(queue.body), p.idNumber);
    expectMaskedOnly(JSON.stringify(queue.body), parent.idNumber);
  });

  it('the person sees their own birth date; a registered user answer carries the new mask', async () => {
    const p = nextPerson('1970-01-02');
    const c = t.client();
    const r = await c.post('/api/v1/auth/register', { phone: p.phone, password: 'Passw0rd!', name: '本人乙', idNumber: p.idNumber, regionCode: '140502001001' });
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ idNumberMasked: `${p.idNumber.slice(0, 3)}*************${p.idNumber.slice(-2)}`, birthDate: '1970-01-02' });
    expectMaskedOnly(JSON.stringify((await c.get('/api/v1/me')).body), p.idNumber);
  });

  it('the migration re-masks stored values and old audit entries from the old mask', async () => {
    const u = await makeUser(t);
    const old = `${u.idNumber.slice(0, 6)}********${u.idNumber.slice(-4)}`;
    await t.app.ctx.db.update(users).set({ idNumberMasked: old }).where(eq(users.id, u.id));
    const entryId = crypto.randomUUID();
    await t.app.ctx.db.insert(auditLog).values({ id: entryId, cityCode: '1405', at: t.clock.now(), actorId: district.id, action: 'volunteer.correct', objectType: 'volunteer', objectId: u.id, regionCode: '140502', before: { name: 'x', idNumberMasked: old, birthDate: '1990-05-17' }, after: { name: 'y', idNumberMasked: old, birthDate: '1990-05-17' } });
    const fs = await import('node:fs');
    const dir = new URL('../../../drizzle/', import.meta.url);
    const file = fs.readdirSync(dir).find((f) => f.endsWith('_identity_trust.sql'))!;
    const migration = fs.readFileSync(new URL(file, dir), 'utf8');
    const handWritten = migration.slice(migration.indexOf('-- hand-written (identity)'));
    for (const statement of handWritten.split('--> statement-breakpoint')) await t.app.ctx.db.execute(sql.raw(statement.replace(/^--.*$/gm, '')));
    const remasked = `${u.idNumber.slice(0, 3)}*************${u.idNumber.slice(-2)}`;
    const [row] = await t.app.ctx.db.select({ m: users.idNumberMasked }).from(users).where(eq(users.id, u.id));
    expect(row!.m).toBe(remasked);
    const [entry] = await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.id, entryId));
    expect(entry!.before).toEqual({ name: 'x', idNumberMasked: remasked });
    expect(entry!.after).toEqual({ name: 'y', idNumberMasked: remasked });
    // the log is append-only again
    await expect(t.app.ctx.db.update(auditLog).set({ action: 'x' }).where(eq(auditLog.id, entryId))).rejects.toThrow();
  });
});

describe('2. grants of an organisation that is not active give no power', () => {
  it('the creator of a pending organisation edits its application and nothing else: no members, no people lookup', async () => {
    const founder = await makeUser(t);
    const member = await makeUser(t, { name: '想加入' });
    const c = await t.client().login(founder.phone);
    const org = await c.post('/api/v1/orgs', { name: '待审核服务队', type: 'community_team', regionCode: '140502001001' });
    expect(org.status).toBe(201);
    expect(org.body.status).toBe('pending');
    // the grant exists, but is dormant
    const held = await t.app.ctx.db.select().from(grants).where(eq(grants.userId, founder.id));
    expect(held.map((g) => g.role)).toEqual(['org_admin']);
    // reads and edits the application
    expect((await c.get(`/api/v1/orgs/${org.body.id}`)).status).toBe(200);
    const edit = await c.patch(`/api/v1/orgs/${org.body.id}`, { description: '补充材料' });
    expect(edit.status).toBe(200);
    const [o] = await t.app.ctx.db.select().from(organizations).where(eq(organizations.id, org.body.id));
    expect(o!.description).toBe('补充材料');
    // nothing else
    const add = await c.post(`/api/v1/orgs/${org.body.id}/members`, { userId: member.id });
    expect(add.status).toBe(403);
    expect(add.body.error.code).toBe('FORBIDDEN');
    const members = await c.get(`/api/v1/orgs/${org.body.id}/members`);
    expect(members.status).toBe(403);
    const lookup = await c.get(`/api/v1/users?q=${member.phone}`);
    expect(lookup.status).toBe(403);
    expect(lookup.body.error.code).toBe('FORBIDDEN');
    expect(lookup.body.error.message).toContain('Only active staff');
    // once approved, the same grant gives the organisation's powers
    const admin = await t.client().login(district.phone);
    expect((await admin.post(`/api/v1/orgs/${org.body.id}/review`, { decision: 'approve' })).status).toBe(200);
    expect((await c.post(`/api/v1/orgs/${org.body.id}/members`, { userId: member.id })).status).toBe(201);
    const found = await c.get(`/api/v1/users?q=${member.phone}`);
    expect(found.status).toBe(200);
    expect(found.body.items[0]).toMatchObject({ id: member.id, name: '想*入', phone: `${member.phone.slice(0, 3)}****${member.phone.slice(7)}`, birthDate: null });
    // suspended: powerless again
    expect((await admin.post(`/api/v1/orgs/${org.body.id}/state`, { action: 'suspend', reason: '暂停整顿' })).status).toBe(200);
    expect((await c.get(`/api/v1/orgs/${org.body.id}/members`)).status).toBe(403);
    expect((await c.get(`/api/v1/users?q=${member.phone}`)).status).toBe(403);
  });

  it('GET /users is rate-limited per staff member (429 RATE_LIMITED), and volunteers are refused', async () => {
    const strict = await buildTestApp({ rateLimits: { peopleLookupPerMinute: 3 } });
    try {
      const admin = await makeUser(strict, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
      const c = await strict.client().login(admin.phone);
      for (let i = 0; i < 3; i++) expect((await c.get('/api/v1/users?q=139')).status).toBe(200);
      const r = await c.get('/api/v1/users?q=139');
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe('RATE_LIMITED');
      const [row] = await query<{ count: number }>(strict, sql`select count from rate_limits where key = ${'people-lookup:user:' + admin.id}`);
      expect(Number(row!.count)).toBe(4);
      strict.clock.advanceMinutes(2);
      expect((await c.get('/api/v1/users?q=139')).status).toBe(200);
      const volunteer = await makeUser(strict);
      const v = await (await strict.client().login(volunteer.phone)).get('/api/v1/users?q=139');
      expect(v.status).toBe(403);
    } finally {
      await strict.close();
    }
  });
});

describe('5. proxy trust is configuration', () => {
  it('parses AIXIN_TRUST_PROXY: off by default, true, a hop count, addresses and CIDRs', () => {
    expect(loadConfig({}, { secret: 'x'.repeat(32), dataDir: '/tmp/aixin-test-data' }).trustProxy).toBe(false);
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(() => parseTrustProxy('nginx')).toThrow(/AIXIN_TRUST_PROXY/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/AIXIN_TRUST_PROXY/);
  });

  async function loginFrom(app: TestApp, phone: string, forwardedFor: string) {
    return app.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': forwardedFor }, payload: { phone, password: 'wrong-password' } });
  }

  it('ignores X-Forwarded-For by default: a client cannot escape the per-address limit by forging it', async () => {
    const strict = await buildTestApp({ rateLimits: { loginPerIpPerMinute: 2, loginFailuresBeforeLock: 1000 } });
    try {
      expect((await loginFrom(strict, '13311112222', '1.1.1.1')).statusCode).toBe(401);
      expect((await loginFrom(strict, '13311112222', '2.2.2.2')).statusCode).toBe(401);
      const third = await loginFrom(strict, '13311112222', '3.3.3.3');
      expect(third.statusCode).toBe(429);
      expect(third.json().error.code).toBe('RATE_LIMITED');
      const keys = await query<{ key: string }>(strict, sql`select key from rate_limits where key like 'login:ip:%'`);
      expect(keys.map((r) => r.key)).toEqual(['login:ip:10.1.2.3']);
    } finally {
      await strict.close();
    }
  });

  it('honours X-Forwarded-For from a configured proxy', async () => {
    const proxied = await buildTestApp({ rateLimits: { loginPerIpPerMinute: 2, loginFailuresBeforeLock: 1000 }, env: { AIXIN_TRUST_PROXY: '10.0.0.0/8' } });
    try {
      expect(proxied.app.ctx.config.trustProxy).toEqual(['10.0.0.0/8']);
      for (const ip of ['1.1.1.1', '2.2.2.2', '3.3.3.3']) expect((await loginFrom(proxied, '13311112222', ip)).statusCode).toBe(401);
      const keys = await query<{ key: string }>(proxied, sql`select key from rate_limits where key like 'login:ip:%' order by key`);
      expect(keys.map((r) => r.key)).toEqual(['login:ip:1.1.1.1', 'login:ip:2.2.2.2', 'login:ip:3.3.3.3']);
      // a forged address from a peer that is not a trusted proxy is still ignored
      const direct = await proxied.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '203.0.113.9', headers: { 'x-forwarded-for': '1.1.1.1' }, payload: { phone: '13311112222', password: 'x' } });
      expect(direct.statusCode).toBe(401);
      const [n] = await query<{ count: number }>(proxied, sql`select count from rate_limits where key = 'login:ip:203.0.113.9'`);
      expect(Number(n!.count)).toBe(1);
    } finally {
      await proxied.close();
    }
  });

  it('with a hop count, believes that many proxies and no more', async () => {
    const hops = await buildTestApp({ env: { AIXIN_TRUST_PROXY: '1' } });
    try {
      const u = await makeUser(hops);
      const r = await hops.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.9.9', headers: { 'x-forwarded-for': '6.6.6.6, 7.7.7.7' }, payload: { phone: u.phone, password: 'Passw0rd!' } });
      expect(r.statusCode).toBe(200);
      const [s] = await hops.app.ctx.db.select({ ip: sessions.ip }).from(sessions).where(eq(sessions.userId, u.id));
      expect(s!.ip).toBe('7.7.7.7');
    } finally {
      await hops.close();
    }
  });
});

describe('3. claiming an account registered on someone’s behalf needs a one-time claim code', () => {
  async function registerElder(app: TestApp, staffPhone: string, name = '孙木林') {
    const p = nextPerson('1948-02-02');
    const staff = await app.client().login(staffPhone);
    const r = await staff.post('/api/v1/volunteers', { name, idNumber: p.idNumber, phone: p.phone, regionCode: '140502002001', consentMethod: 'verbal' });
    expect(r.status).toBe(201);
    return { p, staff, userId: r.body.userId as string, name };
  }

  it('the phone, ID number and name alone are not enough; staff issue a code (hashed, audited without it); it works once', async () => {
    const { p, staff, userId, name } = await registerElder(t, district.phone);
    const details = { phone: p.phone, idNumber: p.idNumber, name, password: 'NewPass123' };
    const noCode = await t.client().post('/api/v1/auth/claim', details);
    expect(noCode.status).toBe(400);
    expect(noCode.body.error.details.fields.claimCode).toBeTruthy();
    const notIssued = await t.client().post('/api/v1/auth/claim', { ...details, claimCode: 'ABCD-EFGH' });
    expect(notIssued.status).toBe(401);
    expect(notIssued.body.error.code).toBe('BAD_CREDENTIALS');

    const issued = await staff.post(`/api/v1/users/${userId}/claim-code`);
    expect(issued.status).toBe(201);
    expect(issued.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(issued.headers['cache-control']).toBe('no-store');
    expect(new Date(issued.body.expiresAt).getTime() - t.clock.now().getTime()).toBe(7 * 86_400_000);
    const [stored] = await t.app.ctx.db.select().from(claimCodes).where(eq(claimCodes.userId, userId));
    expect(stored!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(issued.body.code.replace('-', ''));
    const entries = await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'account.claim_code.issue'));
    const entry = entries.find((e) => e.objectId === userId)!;
    expect(entry.actorId).toBe(district.id);
    expect(JSON.stringify(entry)).not.toContain(issued.body.code.replace('-', ''));

    // a new code replaces the old one
    const second = await staff.post(`/api/v1/users/${userId}/claim-code`);
    expect(second.status).toBe(201);
    const old = await t.client().post('/api/v1/auth/claim', { ...details, claimCode: issued.body.code });
    expect(old.status).toBe(401);
    const c = t.client();
    const ok = await c.post('/api/v1/auth/claim', { ...details, claimCode: second.body.code.toLowerCase().replace('-', ' ') });
    expect(ok.status).toBe(200);
    expect(c.hasSession).toBe(true);
    expect(await t.app.ctx.db.select().from(claimCodes).where(eq(claimCodes.userId, userId))).toHaveLength(0);
    const [u] = await t.app.ctx.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, userId));
    expect(u!.h).toMatch(/^\$argon2id\$/);
    // spent, and the account now has a password
    expect((await t.client().post('/api/v1/auth/claim', { ...details, password: 'Other12345', claimCode: second.body.code })).status).toBe(401);
    const claimedAlready = await staff.post(`/api/v1/users/${userId}/claim-code`);
    expect(claimedAlready.status).toBe(409);
    expect(claimedAlready.body.error.code).toBe('INVALID_STATE');
  });

  it('a code expires, and is spent after its allowed wrong tries', async () => {
    const strict = await buildTestApp({ rateLimits: { claimCodeMaxAttempts: 3, loginFailuresBeforeLock: 20 } });
    try {
      const admin = await makeUser(strict, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
      const a = await registerElder(strict, admin.phone, '甲老人');
      const details = { phone: a.p.phone, idNumber: a.p.idNumber, name: a.name, password: 'NewPass123' };
      const code = (await a.staff.post(`/api/v1/users/${a.userId}/claim-code`)).body.code as string;
      for (let i = 0; i < 3; i++) expect((await strict.client().post('/api/v1/auth/claim', { ...details, claimCode: 'WRNG-CODE' })).status).toBe(401);
      const [row] = await strict.app.ctx.db.select().from(claimCodes).where(eq(claimCodes.userId, a.userId));
      expect(row!.attempts).toBe(3);
      const late = await strict.client().post('/api/v1/auth/claim', { ...details, claimCode: code });
      expect(late.status).toBe(401);
      expect(late.body.error.code).toBe('BAD_CREDENTIALS');

      const b = await registerElder(strict, admin.phone, '乙老人');
      const codeB = (await b.staff.post(`/api/v1/users/${b.userId}/claim-code`)).body.code as string;
      strict.clock.advanceMinutes(7 * 24 * 60 + 1);
      const expired = await strict.client().post('/api/v1/auth/claim', { phone: b.p.phone, idNumber: b.p.idNumber, name: b.name, password: 'NewPass123', claimCode: codeB });
      expect(expired.status).toBe(401);
      const [u] = await strict.app.ctx.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, b.userId));
      expect(u!.h).toBeNull();
    } finally {
      await strict.close();
    }
  });

  it('the station admin who registered the person issues the code; another station admin may not', async () => {
    const station = await makeStation(t, district);
    const registrar = await makeUser(t, { grants: [{ role: 'station_admin', stationId: station.id }] });
    const colleague = await makeUser(t, { grants: [{ role: 'station_admin', stationId: station.id }] });
    const p = nextPerson('1950-06-06');
    const rc = await t.client().login(registrar.phone);
    const r = await rc.post('/api/v1/volunteers', { name: '丁老人', idNumber: p.idNumber, phone: p.phone, regionCode: '140502001001', consentMethod: 'paper', stationId: station.id });
    expect(r.status).toBe(201);
    const refused = await (await t.client().login(colleague.phone)).post(`/api/v1/users/${r.body.userId}/claim-code`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const ok = await rc.post(`/api/v1/users/${r.body.userId}/claim-code`);
    expect(ok.status).toBe(201);
    const [row] = await t.app.ctx.db.select().from(claimCodes).where(eq(claimCodes.userId, r.body.userId));
    expect(row!.issuedBy).toBe(registrar.id);
  });

  it('only staff in scope (or the registering staff member) issue codes', async () => {
    const { userId } = await registerElder(t, district.phone, '丙老人');
    const other = await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
    const refused = await (await t.client().login(other.phone)).post(`/api/v1/users/${userId}/claim-code`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const volunteer = await makeUser(t);
    expect((await (await t.client().login(volunteer.phone)).post(`/api/v1/users/${userId}/claim-code`)).status).toBe(403);
    expect(await t.app.ctx.db.select().from(claimCodes).where(eq(claimCodes.userId, userId))).toHaveLength(0);
  });
});

describe('4. login limits hold under concurrency and cannot be used against the owner', () => {
  it.skipIf(testEngine() !== 'postgres')('100 parallel wrong passwords for one phone check at most the configured number', async () => {
    const u = await makeUser(t);
    const results = await Promise.all(Array.from({ length: 100 }, () => t.client().post('/api/v1/auth/login', { phone: u.phone, password: 'wrong-password' })));
    const checked = results.filter((r) => r.status === 401);
    const refused = results.filter((r) => r.status === 429);
    expect(checked.length + refused.length).toBe(100);
    expect(refused.every((r) => r.body.error.code === 'RATE_LIMITED')).toBe(true);
    // the fifth checked one locks (429 too): at most four answer BAD_CREDENTIALS
    expect(checked.length).toBeLessThanOrEqual(4);
    expect(checked.every((r) => r.body.error.code === 'BAD_CREDENTIALS')).toBe(true);
    const [row] = await query<{ count: number; locked_until: Date | null }>(t, sql`select count, locked_until from rate_limits where key = ${'login-fail:' + u.phone}`);
    expect(Number(row!.count)).toBe(100);
    expect(row!.locked_until).not.toBeNull();
  });

  it('a locked phone still accepts the right password from a device that signed in before (signed httpOnly device cookie)', async () => {
    const u = await makeUser(t);
    const owner = t.client();
    const first = await owner.post('/api/v1/auth/login', { phone: u.phone, password: 'Passw0rd!' });
    expect(first.status).toBe(200);
    const device = ([] as string[]).concat(first.headers['set-cookie'] as string[]).find((s) => s.startsWith('aixin_device='))!;
    expect(device).toMatch(/HttpOnly/i);
    expect(device).toMatch(/Path=\/api\/v1\/auth/);
    const [known] = await t.app.ctx.db.select().from(loginDevices).where(eq(loginDevices.userId, u.id));
    expect(owner.cookies.get('aixin_device')).toContain(known!.deviceId);
    expect((await owner.post('/api/v1/auth/logout')).status).toBe(204);

    const stranger = t.client();
    for (let i = 0; i < 4; i++) expect((await stranger.post('/api/v1/auth/login', { phone: u.phone, password: 'guess-' + i })).status).toBe(401);
    expect((await stranger.post('/api/v1/auth/login', { phone: u.phone, password: 'guess-5' })).status).toBe(429);
    const strangerRight = await stranger.post('/api/v1/auth/login', { phone: u.phone, password: 'Passw0rd!' });
    expect(strangerRight.status).toBe(429);
    expect(strangerRight.body.error.code).toBe('RATE_LIMITED');
    // a forged device cookie is a stranger's
    const forger = t.client();
    forger.cookies.set('aixin_device', `${known!.deviceId}.${'0'.repeat(32)}`);
    expect((await forger.post('/api/v1/auth/login', { phone: u.phone, password: 'Passw0rd!' })).status).toBe(429);
    // a genuine cookie of someone else's device too
    const other = await makeUser(t);
    const otherDevice = t.client();
    await otherDevice.login(other.phone);
    expect((await otherDevice.post('/api/v1/auth/login', { phone: u.phone, password: 'Passw0rd!' })).status).toBe(429);

    const again = await owner.post('/api/v1/auth/login', { phone: u.phone, password: 'Passw0rd!' });
    expect(again.status).toBe(200);
    expect(owner.hasSession).toBe(true);
    // the phone stays locked for strangers
    const [lock] = await query<{ locked_until: Date | null }>(t, sql`select locked_until from rate_limits where key = ${'login-fail:' + u.phone}`);
    expect(lock!.locked_until).not.toBeNull();
    // the known device has its own counter: wrong guesses from it lock it too
    for (let i = 0; i < 4; i++) expect((await owner.post('/api/v1/auth/login', { phone: u.phone, password: 'typo-' + i })).status).toBe(401);
    expect((await owner.post('/api/v1/auth/login', { phone: u.phone, password: 'typo-5' })).status).toBe(429);
    expect((await owner.post('/api/v1/auth/login', { phone: u.phone, password: 'Passw0rd!' })).status).toBe(429);
  });
});

describe('6. password change, and the sweeper', () => {
  it('changing the password ends every other session and keeps this one', async () => {
    const u = await makeUser(t);
    const phone = await t.client().login(u.phone);
    const laptop = await t.client().login(u.phone);
    const r = await laptop.post('/api/v1/auth/password', { oldPassword: 'Passw0rd!', newPassword: 'BrandNew123' });
    expect(r.status).toBe(204);
    expect((await laptop.get('/api/v1/me')).status).toBe(200);
    const gone = await phone.get('/api/v1/me');
    expect(gone.status).toBe(401);
    expect(gone.body.error.code).toBe('UNAUTHENTICATED');
    const rows = await t.app.ctx.db.select().from(sessions).where(eq(sessions.userId, u.id));
    expect(rows.filter((s) => s.revokedAt === null)).toHaveLength(1);
    expect((await t.client().post('/api/v1/auth/login', { phone: u.phone, password: 'BrandNew123' })).status).toBe(200);
  });

  it('wrong current passwords are limited (429 RATE_LIMITED), the right one included while locked', async () => {
    const u = await makeUser(t);
    const c = await t.client().login(u.phone);
    for (let i = 0; i < 4; i++) {
      const r = await c.post('/api/v1/auth/password', { oldPassword: 'wrong-' + i, newPassword: 'BrandNew123' });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('BAD_CREDENTIALS');
      expect(r.body.error.details.attemptsLeft).toBe(4 - i);
    }
    const fifth = await c.post('/api/v1/auth/password', { oldPassword: 'wrong-5', newPassword: 'BrandNew123' });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('RATE_LIMITED');
    const right = await c.post('/api/v1/auth/password', { oldPassword: 'Passw0rd!', newPassword: 'BrandNew123' });
    expect(right.status).toBe(429);
    const [row] = await t.app.ctx.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, u.id));
    expect(await argonVerify(row!.h!, 'Passw0rd!')).toBe(true);
    t.clock.advanceMinutes(16);
    expect((await c.post('/api/v1/auth/password', { oldPassword: 'Passw0rd!', newPassword: 'BrandNew123' })).status).toBe(204);
  });

  it('the sweeper’s purge deletes expired sessions, old rate-limit rows and expired claim codes, and keeps live ones', async () => {
    const u = await makeUser(t);
    const live = await t.client().login(u.phone);
    const now = t.clock.now();
    const day = 86_400_000;
    await t.app.ctx.db.insert(sessions).values({ tokenHash: 'e'.repeat(64), id: crypto.randomUUID(), userId: u.id, csrfToken: 'x', createdAt: new Date(now.getTime() - 40 * day), lastSeenAt: new Date(now.getTime() - 40 * day), expiresAt: new Date(now.getTime() - day) });
    await t.app.ctx.db.insert(rateLimits).values([
      { key: 'test:old', count: 3, windowStart: new Date(now.getTime() - 2 * day) },
      { key: 'test:old-but-locked', count: 3, windowStart: new Date(now.getTime() - 2 * day), lockedUntil: new Date(now.getTime() + day) },
      { key: 'test:fresh', count: 1, windowStart: now },
    ]);
    await t.app.ctx.db.insert(claimCodes).values({ userId: u.id, codeHash: 'c'.repeat(64), expiresAt: new Date(now.getTime() - 1000), issuedBy: district.id, issuedAt: new Date(now.getTime() - 8 * day) });
    const purged = await purgeStaleSignInRows(t.app.ctx);
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    expect(purged.rateLimits).toBeGreaterThanOrEqual(1);
    expect(purged.claimCodes).toBeGreaterThanOrEqual(1);
    expect(await t.app.ctx.db.select().from(sessions).where(eq(sessions.tokenHash, 'e'.repeat(64)))).toHaveLength(0);
    const keys = (await t.app.ctx.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
    expect(keys).not.toContain('test:old');
    expect(keys).toContain('test:old-but-locked');
    expect(keys).toContain('test:fresh');
    expect(await t.app.ctx.db.select().from(claimCodes).where(eq(claimCodes.userId, u.id))).toHaveLength(0);
    expect((await live.get('/api/v1/me')).status).toBe(200);
  });
});
