import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeUser, type MadeUser } from '../../../test/factories';
import { dbError } from '../../../test/expect-db';

let t: TestApp;
let city: MadeUser;
let district: MadeUser;
let yangcheng: MadeUser;
beforeAll(async () => {
  t = await buildTestApp();
  city = await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  yangcheng = await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
  // one staff action in 城区, one in 阳城县
  const a = await makeUser(t);
  const b = await makeUser(t, { regionCode: '140522100001' });
  await (await t.client().login(district.phone)).post('/api/v1/grants', { userId: a.id, role: 'partner', regionCode: '140502001' });
  await (await t.client().login(yangcheng.phone)).post('/api/v1/grants', { userId: b.id, role: 'partner', regionCode: '140522100' });
});
afterAll(async () => t.close());

describe('audit log', () => {
  it('region admins read the entries of their subtree only', async () => {
    const mine = await (await t.client().login(district.phone)).get('/api/v1/audit');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    for (const e of mine.body.items) expect(e.regionCode.startsWith('140502')).toBe(true);
    const all = await (await t.client().login(city.phone)).get('/api/v1/audit?objectType=grant');
    const regions = all.body.items.map((e: { regionCode: string }) => e.regionCode);
    expect(regions).toEqual(expect.arrayContaining(['140502001', '140522100']));
    expect(all.body.items[0]).toMatchObject({ action: 'grant.create', objectType: 'grant', actorName: expect.any(String) });
  });

  it('filters by a region inside my scope and refuses one outside', async () => {
    const c = await t.client().login(district.phone);
    const inside = await c.get('/api/v1/audit?regionCode=140502001');
    expect(inside.status).toBe(200);
    expect(inside.body.total).toBe(1);
    const outside = await c.get('/api/v1/audit?regionCode=140522');
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('FORBIDDEN');
  });

  it('names what each entry is about, read with the page: the object, its region, the person acted for', async () => {
    const c = await t.client().login(district.phone);
    const r = await c.get<{ items: Array<Record<string, unknown>> }>('/api/v1/audit?objectType=grant');
    expect(r.status).toBe(200);
    const [entry] = r.body.items;
    const [who] = (await t.app.ctx.db.execute(sql`select u.name from grants g join users u on u.id = g.user_id where g.id = ${entry!.objectId as string}`)).rows as Array<{ name: string }>;
    const [where] = (await t.app.ctx.db.execute(sql`select name from regions where code = '140502001'`)).rows as Array<{ name: string }>;
    expect(entry).toMatchObject({ action: 'grant.create', objectName: who!.name, regionCode: '140502001', regionName: where!.name, actorName: district.name });
    expect(who!.name).toMatch(/^测试/);
    // an object that is gone, or an id that is not a uuid, reads as no name (never an error)
    const none = await c.get<{ items: unknown[] }>('/api/v1/audit?objectType=activity');
    expect(none.status).toBe(200);
    expect(none.body.items).toEqual([]);
  });

  it('volunteers cannot read it', async () => {
    const v = await makeUser(t);
    const r = await (await t.client().login(v.phone)).get('/api/v1/audit');
    expect(r.status).toBe(403);
    expect((await t.client().get('/api/v1/audit')).status).toBe(401);
  });

  it('the database refuses to change or delete an audit entry', async () => {
    expect(await dbError(t.app.ctx.db.execute(sql`update audit_log set action = 'forged'`))).toMatch(/append-only/);
    expect(await dbError(t.app.ctx.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
    const [row] = (await t.app.ctx.db.execute(sql`select count(*)::int as n from audit_log where action = 'forged'`)).rows as Array<{ n: number }>;
    expect(row!.n).toBe(0);
  });
});
