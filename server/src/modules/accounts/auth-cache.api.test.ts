import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app';
import { buildTestApp, TestClient, type TestApp } from '../../../test/build-test-app';
import { makeStation, makeUser } from '../../../test/factories';

/**
 * Two server processes on one database, as behind a load balancer: what one of them remembers
 * about a signed-in person is dropped when the other (or anyone, straight in the database)
 * takes their power away.
 */
let t: TestApp;
let other: FastifyInstance;

beforeAll(async () => {
  t = await buildTestApp();
  other = await buildApp(t.app.ctx.config, { database: t.database, clock: t.clock, logger: false });
  await other.ready();
});
afterAll(async () => {
  await other.close();
  await t.close();
});

/** The same browser (its cookies) talking to the second process. */
function onOther(c: TestClient): TestClient {
  const twin = new TestClient(other);
  for (const [k, v] of c.cookies) twin.cookies.set(k, v);
  return twin;
}

async function eventually(check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 3000) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the second process still answers from what it remembered');
}

describe('signed-in people remembered between requests', () => {
  it('a revoked grant, a logout and a suspension reach the other process promptly', async () => {
    const admin = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
    const station = await makeStation(t, admin);
    const staff = await makeUser(t, { grants: [{ role: 'station_admin', stationId: station.id }] });
    const cAdmin = await t.client().login(admin.phone);
    const cStaff = await t.client().login(staff.phone);
    const twin = onOther(cStaff);
    expect((await twin.get('/api/v1/grants')).status).toBe(200);
    expect((await twin.get('/api/v1/grants')).status).toBe(200); // now remembered there
    expect(other.ctx.authCache.size()).toBeGreaterThan(0);

    const grantId = (await cAdmin.get(`/api/v1/grants?userId=${staff.id}`)).body.items[0].id;
    expect((await cAdmin.delete(`/api/v1/grants/${grantId}`)).status).toBe(204);
    const ms = await eventually(async () => (await twin.get('/api/v1/grants')).status === 403);
    expect(ms).toBeLessThan(3000);
    const refused = await twin.get('/api/v1/grants');
    expect(refused.body.error.code).toBe('FORBIDDEN');

    expect((await twin.get('/api/v1/me')).status).toBe(200);
    expect((await cStaff.post('/api/v1/auth/logout')).status).toBeLessThan(300);
    await eventually(async () => (await twin.get('/api/v1/me')).status === 401);

    const v = await makeUser(t);
    const cv = onOther(await t.client().login(v.phone));
    expect((await cv.get('/api/v1/me')).status).toBe(200);
    await t.app.ctx.db.execute(sql`update users set status = 'suspended' where id = ${v.id}`);
    await eventually(async () => (await cv.get('/api/v1/me')).status === 401);
    const gone = await cv.get('/api/v1/me');
    expect(gone.body.error.code).toBe('UNAUTHENTICATED');
  });
});
