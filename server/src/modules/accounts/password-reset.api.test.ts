import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeStation, makeUser, type MadeUser } from '../../../test/factories';
import { auditLog, claimCodes, notifications, sessions } from '../../db/schema/index';

/** Issue 18 point 7: a password reset without SMS, and one row per device in the device list. */
let t: TestApp;
let regionAdmin: MadeUser;
let staff: TestClient;
const NEW = 'NewPassw0rd!';

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set('2026-11-24T09:00:00+08:00');
  regionAdmin = await makeUser(t, { name: '社区李', regionCode: '140502001001', grants: [{ role: 'region_admin', regionCode: '140502001001' }] });
  staff = await t.client().login(regionAdmin.phone);
});
afterAll(async () => t.close());

const live = async (userId: string) => t.app.ctx.db.select().from(sessions).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
const audits = async (objectId: string) => (await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, objectId))).map((a) => a.action);
const reset = (c: TestClient, phone: string, code: string, password = NEW) => c.post('/api/v1/auth/password-reset', { phone, code, password });

describe('password reset with a code from the station', () => {
  it('staff issue a 30-minute code (hashed, audited, told); the person sets a new password, every old session ends; the code is spent', async () => {
    const elder = await makeUser(t, { name: '孙木林', birthDate: '1948-02-02' });
    await t.client().login(elder.phone); // a session on another device, left open
    expect(await live(elder.id)).toHaveLength(1);
    const issued = await staff.post(`/api/v1/users/${elder.id}/reset-code`);
    expect(issued.status).toBe(201);
    expect(issued.headers['cache-control']).toBe('no-store');
    expect(issued.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(new Date(issued.body.expiresAt).getTime() - t.clock.now().getTime()).toBe(30 * 60_000);
    const [stored] = await t.app.ctx.db.select().from(claimCodes).where(eq(claimCodes.userId, elder.id));
    expect(stored!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(issued.body.code.replace('-', ''));
    expect(await audits(elder.id)).toContain('account.reset_code.issue');
    expect((await t.app.ctx.db.select().from(notifications).where(eq(notifications.userId, elder.id))).map((n) => n.kind)).toContain('account_security');

    const page = t.client();
    const ok = await reset(page, elder.phone, issued.body.code.toLowerCase());
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(elder.id);
    expect(page.hasSession).toBe(true);
    const after = await live(elder.id);
    expect(after).toHaveLength(1); // only the reset page's own new session
    expect(await audits(elder.id)).toContain('account.password.reset');
    expect(await t.app.ctx.db.select().from(claimCodes).where(eq(claimCodes.userId, elder.id))).toHaveLength(0);
    const again = await reset(t.client(), elder.phone, issued.body.code, 'Another0ne!');
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('BAD_CREDENTIALS');
    expect((await t.client().post('/api/v1/auth/login', { phone: elder.phone, password: 'Passw0rd!' })).status).toBe(401);
    expect((await t.client().post('/api/v1/auth/login', { phone: elder.phone, password: NEW })).status).toBe(200);
  });

  it('a code lives 30 minutes and a few wrong tries spend it', async () => {
    const p = await makeUser(t);
    const a = await staff.post(`/api/v1/users/${p.id}/reset-code`);
    t.clock.advanceMinutes(31);
    const late = await reset(t.client(), p.phone, a.body.code);
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('BAD_CREDENTIALS');
    t.clock.set('2026-11-24T11:00:00+08:00');
    const b = await staff.post(`/api/v1/users/${p.id}/reset-code`);
    // four wrong tries, then (after the phone's 15-minute lock window) a fifth: the code is used up
    for (let i = 0; i < 4; i++) expect((await reset(t.client(), p.phone, 'AAAA-AAAA')).status).toBe(401);
    t.clock.advanceMinutes(16);
    expect((await reset(t.client(), p.phone, 'AAAA-AAAA')).status).toBe(401);
    const [row] = await t.app.ctx.db.select().from(claimCodes).where(eq(claimCodes.userId, p.id));
    expect(row!.attempts).toBe(5);
    const spent = await reset(t.client(), p.phone, b.body.code);
    expect(spent.status).toBe(401);
    expect(spent.body.error.code).toBe('BAD_CREDENTIALS');
    expect((await t.client().post('/api/v1/auth/login', { phone: p.phone, password: NEW })).status).toBe(401);
  });

  it('who may issue: region staff in scope and the keeper of a station serving the person; not others, not for oneself; five a day', async () => {
    const p = await makeUser(t);
    const outside = await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
    const refused = await (await t.client().login(outside.phone)).post(`/api/v1/users/${p.id}/reset-code`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const vol = await (await t.client().login((await makeUser(t)).phone)).post(`/api/v1/users/${p.id}/reset-code`);
    expect(vol.status).toBe(403);
    const self = await staff.post(`/api/v1/users/${regionAdmin.id}/reset-code`);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_BENEFIT');
    const station = await makeStation(t, regionAdmin);
    const keeper = await makeUser(t, { grants: [{ role: 'station_admin', stationId: station.id, regionCode: '140502001001' }] });
    const kc = await t.client().login(keeper.phone);
    expect((await kc.post(`/api/v1/users/${p.id}/reset-code`)).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await staff.post(`/api/v1/users/${p.id}/reset-code`)).status).toBe(201);
    const sixth = await staff.post(`/api/v1/users/${p.id}/reset-code`);
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('RATE_LIMITED');
    expect((await audits(p.id)).filter((a) => a === 'account.reset_code.issue')).toHaveLength(5);
  });
});

describe('password reset confirmed by a verified relative', () => {
  it('only after staff verified the relation; audited as the relative’s', async () => {
    const elder = await makeUser(t, { name: '孙木林', birthDate: '1948-02-02' });
    const son = await makeUser(t, { name: '孙建国', birthDate: '1975-03-03' });
    const sc = await t.client().login(son.phone);
    const early = await sc.post(`/api/v1/me/relatives/${elder.id}/reset-code`);
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('RELATION_NOT_VERIFIED');
    expect(await t.app.ctx.db.select().from(claimCodes).where(eq(claimCodes.userId, elder.id))).toHaveLength(0);
    const link = await sc.post('/api/v1/relatives', { relativeUserId: elder.id, relation: 'parent' });
    expect((await staff.post(`/api/v1/relatives/${link.body.id}/verify`)).status).toBe(200);
    const code = await sc.post(`/api/v1/me/relatives/${elder.id}/reset-code`);
    expect(code.status).toBe(201);
    const [a] = (await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, elder.id))).filter((x) => x.action === 'account.reset_code.issue_by_relative');
    expect(a!.actorId).toBe(son.id);
    expect((await reset(t.client(), elder.phone, code.body.code)).status).toBe(200);
  });
});

describe('the device list', () => {
  it('keeps one row per device: signing in again on the same device ends its earlier session', async () => {
    const p = await makeUser(t);
    const phone = await t.client().login(p.phone);
    await phone.login(p.phone);
    await phone.login(p.phone);
    const laptop = await t.client().login(p.phone);
    const list = await laptop.get('/api/v1/me/sessions');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const rows = await live(p.id);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.deviceId)).size).toBe(2);
    expect((await phone.get('/api/v1/me')).status).toBe(200); // the phone's newest session still works
  });
});
