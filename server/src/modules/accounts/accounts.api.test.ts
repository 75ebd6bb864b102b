import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { buildTestApp, KNOWN_ID_NUMBERS, TEST_SECRET, type TestApp } from '../../../test/build-test-app';
import { makeUser, nextPerson, PASSWORD } from '../../../test/factories';
import { users, personIdentities, sessions } from '../../db/schema/index';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ rateLimits: { loginFailuresBeforeLock: 5, loginLockMinutes: 15 } });
});
afterAll(async () => t.close());

const countUsers = async () => (await t.app.ctx.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;

function registration(over: Record<string, unknown> = {}) {
  const p = nextPerson();
  return { phone: p.phone, password: PASSWORD, name: '周红梅', idNumber: p.idNumber, regionCode: '140502001001', consentVersion: '2026-11', ...over };
}

describe('registration', () => {
  it('registers with a valid ID number, logs in, derives birth date and sex, stores the number encrypted', async () => {
    const c = t.client();
    const body = registration({ idNumber: undefined });
    const idNumber = '11010519491231002X'; // the example from GB 11643 that passes
    KNOWN_ID_NUMBERS.add(idNumber);
    const r = await c.post('/api/v1/auth/register', { ...body, idNumber });
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ name: '周红梅', idNumberMasked: '110*************2X', birthDate: '1949-12-31', sex: 'F', regionName: '凤台社区' });
    expect(c.hasSession).toBe(true);
    const me = await c.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user.phone).toBe(body.phone);
    expect(me.body.grants).toEqual([]);
    const [row] = await t.app.ctx.db.select().from(users).where(eq(users.id, r.body.user.id));
    expect(row!.idNumberEnc).not.toContain('11010519491231');
    expect(row!.termsVersion).toBe('2026-11');
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    const ids = await t.app.ctx.db.select().from(personIdentities).where(eq(personIdentities.userId, r.body.user.id));
    expect(ids).toHaveLength(1);
  });

  it('refuses a second account for the same person, whatever the phone (ALREADY_REGISTERED)', async () => {
    const first = registration();
    expect((await t.client().post('/api/v1/auth/register', first)).status).toBe(201);
    const before = await countUsers();
    const again = await t.client().post('/api/v1/auth/register', { ...first, phone: nextPerson().phone });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_REGISTERED');
    // lower-case x is the same person
    expect(await countUsers()).toBe(before);
  });

  it('refuses a phone number that is already registered', async () => {
    const first = registration();
    await t.client().post('/api/v1/auth/register', first);
    const r = await t.client().post('/api/v1/auth/register', { ...registration(), phone: first.phone });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('ALREADY_REGISTERED');
  });

  it('answers INVALID_ID_NUMBER with the reason next to the field, and stores nothing', async () => {
    const before = await countUsers();
    const good = registration().idNumber;
    const badCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const r = await t.client().post('/api/v1/auth/register', registration({ idNumber: badCheck }));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('INVALID_ID_NUMBER');
    expect(r.body.error.message).toContain('身份证');
    expect(r.body.error.details.fields.idNumber).toContain('校验位');
    expect(await countUsers()).toBe(before);
  });

  it('answers INVALID_PHONE for a bad mobile number', async () => {
    const r = await t.client().post('/api/v1/auth/register', registration({ phone: '12345' }));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('INVALID_PHONE');
    expect(Object.keys(r.body.error.details.fields)).toEqual(['phone']);
  });

  it('names every bad field when several are wrong (VALIDATION_FAILED)', async () => {
    const r = await t.client().post('/api/v1/auth/register', { phone: '1', password: 'x', name: '', idNumber: '123', regionCode: 'abc' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(r.body.error.details.fields).sort()).toEqual(['idNumber', 'name', 'password', 'phone', 'regionCode']);
    expect(r.body.error.message).toMatch(/ \/ /); // Chinese / English
  });

  it('refuses an unknown region', async () => {
    const r = await t.client().post('/api/v1/auth/register', registration({ regionCode: '999999' }));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.details.fields.regionCode).toBeTruthy();
  });
});

describe('login, lockout, logout, sessions', () => {
  it('logs in; a wrong password is BAD_CREDENTIALS; five failures lock the phone even for the right password', async () => {
    const u = await makeUser(t);
    const c = t.client();
    for (let i = 0; i < 4; i++) {
      const r = await c.post('/api/v1/auth/login', { phone: u.phone, password: 'wrong-password' });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('BAD_CREDENTIALS');
      expect(r.body.error.details.attemptsLeft).toBe(4 - i);
    }
    const fifth = await c.post('/api/v1/auth/login', { phone: u.phone, password: 'wrong-password' });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('RATE_LIMITED');
    const right = await c.post('/api/v1/auth/login', { phone: u.phone, password: PASSWORD });
    expect(right.status).toBe(429);
    expect(right.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(right.headers['retry-after']).toBeDefined();
    expect(c.hasSession).toBe(false);
    t.clock.advanceMinutes(16);
    const later = await c.post('/api/v1/auth/login', { phone: u.phone, password: PASSWORD });
    expect(later.status).toBe(200);
    expect(c.hasSession).toBe(true);
  });

  it('an unknown phone is BAD_CREDENTIALS too (no hint that it is unknown)', async () => {
    const r = await t.client().post('/api/v1/auth/login', { phone: '13311112222', password: 'whatever1' });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('BAD_CREDENTIALS');
  });

  it('refuses a state-changing call without the CSRF header (403 CSRF_FAILED) and changes nothing', async () => {
    const u = await makeUser(t);
    const c = await t.client().login(u.phone);
    c.sendCsrf = false;
    const r = await c.post('/api/v1/auth/logout');
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('CSRF_FAILED');
    const wrong = await c.post('/api/v1/auth/logout', {}, { 'x-csrf-token': 'not-the-token' });
    expect(wrong.status).toBe(403);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    c.sendCsrf = true;
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    const after = await c.get('/api/v1/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('keeps the session in an httpOnly SameSite cookie and the CSRF token readable', async () => {
    const u = await makeUser(t);
    const r = await t.client().post('/api/v1/auth/login', { phone: u.phone, password: PASSWORD });
    const set = ([] as string[]).concat(r.headers['set-cookie'] as string[]);
    const session = set.find((s) => s.startsWith('aixin_session='))!;
    const csrf = set.find((s) => s.startsWith('aixin_csrf='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
  });

  it('sessions survive a restart of the server (they live in the database)', async () => {
    const u = await makeUser(t);
    const c = await t.client().login(u.phone);
    const config = loadConfig({}, { secret: TEST_SECRET, serveWeb: false, dataDir: '/tmp/aixin-test-data' });
    const second = await buildApp(config, { database: t.database, clock: t.clock, logger: false });
    try {
      const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const r = await second.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
      expect(r.statusCode).toBe(200);
      expect(r.json().user.id).toBe(u.id);
    } finally {
      await second.close();
    }
  });

  it('lists my sessions and revokes another one', async () => {
    const u = await makeUser(t);
    const phone = await t.client().login(u.phone);
    const laptop = await t.client().login(u.phone);
    const list = await laptop.get('/api/v1/me/sessions');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const other = list.body.items.find((s: { current: boolean }) => !s.current);
    expect((await laptop.delete(`/api/v1/me/sessions/${other.id}`)).status).toBe(204);
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    const [row] = await t.app.ctx.db.select().from(sessions).where(eq(sessions.id, other.id));
    expect(row!.revokedAt).not.toBeNull();
  });

  it('rate-limits login attempts per address (429 RATE_LIMITED)', async () => {
    const strict = await buildTestApp({ rateLimits: { loginPerIpPerMinute: 3 } });
    try {
      const c = strict.client();
      for (let i = 0; i < 3; i++) expect((await c.post('/api/v1/auth/login', { phone: '13311112222', password: 'x' })).status).toBe(401);
      const r = await c.post('/api/v1/auth/login', { phone: '13311112222', password: 'x' });
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe('RATE_LIMITED');
      strict.clock.advanceMinutes(2);
      expect((await c.post('/api/v1/auth/login', { phone: '13311112222', password: 'x' })).status).toBe(401);
    } finally {
      await strict.close();
    }
  });

  it('rate-limits registrations per address', async () => {
    const strict = await buildTestApp({ rateLimits: { registerPerIpPerHour: 2 } });
    try {
      for (let i = 0; i < 2; i++) expect((await strict.client().post('/api/v1/auth/register', registration())).status).toBe(201);
      const r = await strict.client().post('/api/v1/auth/register', registration());
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe('RATE_LIMITED');
    } finally {
      await strict.close();
    }
  });
});

describe('people search', () => {
  it('region admins find people in their subtree only, with masked ID numbers', async () => {
    const admin = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
    const inside = await makeUser(t, { name: '搜索甲', regionCode: '140502002001' });
    const outside = await makeUser(t, { name: '搜索乙', regionCode: '140522100001' });
    const c = await t.client().login(admin.phone);
    const r = await c.get('/api/v1/users?q=' + encodeURIComponent('搜索'));
    expect(r.status).toBe(200);
    const ids = r.body.items.map((u: { id: string }) => u.id);
    expect(ids).toContain(inside.id);
    expect(ids).not.toContain(outside.id);
    expect(r.body.items[0].idNumberMasked).toMatch(/^\d{3}\*{13}[\dX]{2}$/);
    const volunteer = await t.client().login(inside.phone);
    const refused = await volunteer.get('/api/v1/users?q=a');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
  });
});
