import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeUser } from '../../../test/factories';
import { wishClaims, wishes } from '../../db/schema/index';
import { lapseClaims } from './index';
import sharp from 'sharp';

let t: TestApp;
let staff: TestClient;
const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

beforeAll(async () => {
  t = await buildTestApp();
  const s = await makeUser(t, { regionCode: '140502001001', grants: [{ role: 'region_admin', regionCode: '140502001001' }] });
  staff = await t.client().login(s.phone);
});
afterAll(async () => t.close());

async function register(title = '一个书包') {
  const r = await staff.post('/api/v1/wishes', { title, story: '孩子上学需要新书包', valueYuan: 120, regionCode: '140502001001', beneficiaryName: '李小明', beneficiaryPhone: '13912345678', claimDays: 7 });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

describe('micro-wishes', () => {
  it('registration → public wall without the person → claim → deliver with a photo → confirmed; figures counted', async () => {
    const id = await register();
    const wall = await t.client().get('/api/v1/wishes?regionCode=140502');
    const item = wall.body.items.find((w: { id: string }) => w.id === id);
    expect(item).toMatchObject({ title: '一个书包', status: 'open', regionName: '凤台社区' });
    expect(JSON.stringify(wall.body)).not.toContain('李小明');
    expect(JSON.stringify(wall.body)).not.toContain('13912345678');
    const v = await makeUser(t, { name: '党员张' });
    const vc = await t.client().login(v.phone);
    const claim = await vc.post(`/api/v1/wishes/${id}/claim`, { claimantType: 'party_member' });
    expect(claim.status).toBe(201);
    expect(claim.body).toMatchObject({ status: 'claimed', claimantName: '党员张' });
    expect((await staff.post(`/api/v1/wishes/${id}/confirm`)).status).toBe(409);
    const other = await t.client().login((await makeUser(t)).phone);
    expect((await other.post(`/api/v1/wishes/${id}/deliver`, { note: '冒领' })).status).toBe(403);
    const del = await vc.post(`/api/v1/wishes/${id}/deliver`, { note: '已送到孩子家中', photoBase64: PNG_1x1 });
    expect(del.body.status).toBe('delivered');
    const ok = await staff.post(`/api/v1/wishes/${id}/confirm`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'fulfilled', beneficiaryName: '李小明', claim: { hasPhoto: true, deliveryNote: '已送到孩子家中' } });
    const photo = await staff.get(`/api/v1/wishes/${id}/photo`);
    expect(photo.status).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    // re-encoded (lib/images.ts): the same picture, not the same bytes
    const sent = await sharp(Buffer.from(PNG_1x1, 'base64')).raw().toBuffer();
    expect((await sharp(photo.raw.rawPayload).raw().toBuffer()).equals(sent)).toBe(true);
    expect((await t.client().get(`/api/v1/wishes/${id}/photo`)).status).toBe(401);
    expect((await other.get(`/api/v1/wishes/${id}/photo`)).status).toBe(404);
    const stats = await t.client().get('/api/v1/wishes/stats?regionCode=140502');
    expect(stats.body).toMatchObject({ fulfilled: 1, valueYuanFulfilled: 120 });
    expect(stats.body.collected).toBeGreaterThanOrEqual(1);
  });

  it('two claims at once: exactly one wins, enforced by the database', async () => {
    const id = await register('一件棉衣');
    const people = await Promise.all([makeUser(t), makeUser(t), makeUser(t)]);
    const clients = await Promise.all(people.map((p) => t.client().login(p.phone)));
    const results = await Promise.all(clients.map((c) => c.post(`/api/v1/wishes/${id}/claim`, { claimantType: 'volunteer' })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'CONFLICT')).toBe(true);
    expect(await t.app.ctx.db.select().from(wishClaims).where(eq(wishClaims.wishId, id))).toHaveLength(1);
  });

  it('a claim not delivered in time lapses and the wish returns to the wall', async () => {
    const id = await register('一套文具');
    const vc = await t.client().login((await makeUser(t)).phone);
    await vc.post(`/api/v1/wishes/${id}/claim`, { claimantType: 'volunteer' });
    t.clock.advanceMinutes(8 * 24 * 60);
    expect(await lapseClaims(t.app.ctx)).toBeGreaterThanOrEqual(1);
    const [w] = await t.app.ctx.db.select().from(wishes).where(eq(wishes.id, id));
    expect(w!.status).toBe('open');
    const again = await (await t.client().login((await makeUser(t)).phone)).post(`/api/v1/wishes/${id}/claim`, { claimantType: 'company', claimantName: '晋城爱心企业' });
    expect(again.status).toBe(201);
    t.clock.set('2026-11-24T09:00:00+08:00');
  });

  it('only staff of the region register wishes and see who they are for', async () => {
    const v = await t.client().login((await makeUser(t)).phone);
    const r = await v.post('/api/v1/wishes', { title: '冒名登记', story: '冒名登记的心愿', valueYuan: 1, regionCode: '140502001001', beneficiaryName: '某人' });
    expect(r.status).toBe(403);
  });
});
