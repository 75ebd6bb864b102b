import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from './build-test-app';
import { grants } from '../src/db/schema/index';
import { ensureFirstAdmin } from '../src/bootstrap';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { AIXIN_ADMIN_PHONE: '13900009999', AIXIN_ADMIN_PASSWORD: 'first-admin-pass' } });
});
afterAll(async () => t.close());

describe('first start', () => {
  it('creates the admin named by AIXIN_ADMIN_PHONE / AIXIN_ADMIN_PASSWORD: a region admin at the root region', async () => {
    const c = t.client();
    const login = await c.post('/api/v1/auth/login', { phone: '13900009999', password: 'first-admin-pass' });
    expect(login.status).toBe(200);
    const me = await c.get('/api/v1/me');
    expect(me.body.grants).toEqual([expect.objectContaining({ role: 'region_admin', regionCode: '140000', regionName: '山西省' })]);
    // a restart with an admin present creates nobody and grants nothing more
    await ensureFirstAdmin(t.app.ctx);
    const rows = await t.app.ctx.db.select().from(grants).where(eq(grants.userId, login.body.user.id));
    expect(rows).toHaveLength(1);
  });
});
