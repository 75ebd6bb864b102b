import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeOrg, makeUser, type MadeUser } from '../../../test/factories';
import { activities } from '../../db/schema/index';

let t: TestApp;
let orgAdmin: MadeUser;
let admin: TestClient;
let reviewer: TestClient;
let orgId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  orgAdmin = await makeUser(t, { name: '陈志强' });
  orgId = (await makeOrg(t, orgAdmin, { approvedBy: district })).id;
  admin = await t.client().login(orgAdmin.phone);
  reviewer = await t.client().login(district.phone);
});
afterAll(async () => t.close());

async function draft(): Promise<string> {
  const c = await admin.post('/api/v1/activities', {
    orgId,
    title: '陪伴老人读报',
    category: 'elderly',
    description: '陪社区老人读报聊天',
    regionCode: '140502001001',
    address: '凤台社区党群服务中心',
    lat: 35.4985,
    lng: 112.86,
    startsAt: '2026-11-25T09:00:00+08:00',
    endsAt: '2026-11-25T11:00:00+08:00',
    capacity: 5,
  });
  expect(c.status).toBe(201);
  return c.body.id;
}

describe('the public portal’s view of activities', () => {
  it('names no person in charge to a reader without a session; signed-in readers and the database keep the name', async () => {
    const id = await draft();
    // a draft is not public at all
    const hidden = await t.client().get(`/api/v1/activities/${id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('NOT_FOUND');
    expect((await admin.post(`/api/v1/activities/${id}/submit`)).status).toBe(200);
    expect((await reviewer.post(`/api/v1/activities/${id}/review`, { decision: 'approve' })).body.status).toBe('published');

    const one = await t.client().get(`/api/v1/activities/${id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id, title: '陪伴老人读报', personInCharge: '' });
    const list = await t.client().get('/api/v1/activities?regionCode=140502');
    expect(list.status).toBe(200);
    const listed = list.body.items.find((a: { id: string }) => a.id === id);
    expect(listed).toMatchObject({ personInCharge: '' });
    // the name appears nowhere in what the public receives
    expect(JSON.stringify(one.body) + JSON.stringify(list.body)).not.toContain('陈志强');

    const volunteer = await t.client().login((await makeUser(t)).phone);
    expect((await volunteer.get(`/api/v1/activities/${id}`)).body.personInCharge).toBe('陈志强');
    const [row] = await t.app.ctx.db.select({ personInCharge: activities.personInCharge }).from(activities).where(eq(activities.id, id));
    expect(row?.personInCharge).toBe('陈志强');
  });
});
