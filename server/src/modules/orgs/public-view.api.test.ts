import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeUser } from '../../../test/factories';
import { organizations } from '../../db/schema/index';
import { sheetText } from '../../../test/xlsx';

let t: TestApp;
afterAll(async () => t.close());

beforeAll(async () => {
  t = await buildTestApp();
});

describe('the public portal’s view of organisations', () => {
  it('shows no contact person or phone to a reader without a session (nor in the Excel export); signed-in readers and the record keep them', async () => {
    const district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
    const founder = await makeUser(t, { regionCode: '140502002001' });
    const fc = await t.client().login(founder.phone);
    const created = await fc.post('/api/v1/orgs', { name: '五龙河西社区读报队', type: 'community_team', regionCode: '140502002001', contactName: '张三丰', contactPhone: '0356-2021234' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // pending: not public at all
    const hidden = await t.client().get(`/api/v1/orgs/${id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('NOT_FOUND');
    expect((await (await t.client().login(district.phone)).post(`/api/v1/orgs/${id}/review`, { decision: 'approve' })).status).toBe(200);

    const one = await t.client().get(`/api/v1/orgs/${id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id, name: '五龙河西社区读报队', status: 'active', contactName: null, contactPhone: null });
    const list = await t.client().get('/api/v1/orgs?regionCode=140502');
    expect(list.status).toBe(200);
    expect(list.body.items.find((o: { id: string }) => o.id === id)).toMatchObject({ contactName: null, contactPhone: null });
    const sheet = await t.client().get('/api/v1/orgs.xlsx?regionCode=140502');
    expect(sheet.status).toBe(200);
    const text = await sheetText(sheet.raw as unknown as { rawPayload: Buffer });
    expect(text).toContain('五龙河西社区读报队');
    expect(JSON.stringify(one.body) + JSON.stringify(list.body) + text).not.toMatch(/张三丰|2021234/);

    const reader = await t.client().login((await makeUser(t)).phone);
    expect((await reader.get(`/api/v1/orgs/${id}`)).body).toMatchObject({ contactName: '张三丰', contactPhone: '0356-2021234' });
    const [row] = await t.app.ctx.db.select({ contactName: organizations.contactName }).from(organizations).where(eq(organizations.id, id));
    expect(row?.contactName).toBe('张三丰');
  });
});
