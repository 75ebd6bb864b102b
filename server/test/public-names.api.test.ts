import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { cityCodeOf } from '@shared/lib/region-code';
import { buildTestApp, type TestApp, type TestClient } from './build-test-app';
import { makeUser, type MadeUser } from './factories';
import { starAnnouncements, volunteerProfiles } from '../src/db/schema/index';
import { newId } from '../src/lib/ids';

/**
 * Names only with consent (issue 18 point 2): every route served without login that carries a
 * person's name shows it only when that person consented to public display (lib/public-name.ts);
 * otherwise 爱心志愿者 (the wish wall) or 周*梅 (the star notice).
 */
let t: TestApp;
let staff: TestClient;
let zhou: MadeUser;
let zhouC: TestClient;

beforeAll(async () => {
  t = await buildTestApp();
  const s = await makeUser(t, { regionCode: '140502001001', grants: [{ role: 'region_admin', regionCode: '140502001001' }] });
  staff = await t.client().login(s.phone);
  zhou = await makeUser(t, { name: '周红梅' });
  zhouC = await t.client().login(zhou.phone);
});
afterAll(async () => t.close());

async function consent(on: boolean) {
  const r = on ? await zhouC.post('/api/v1/me/consents/public-display') : await zhouC.delete('/api/v1/me/consents/public-display');
  expect(r.status).toBe(200);
  const [p] = await t.app.ctx.db.select({ on: volunteerProfiles.publicDisplay }).from(volunteerProfiles).where(eq(volunteerProfiles.userId, zhou.id));
  expect(p!.on).toBe(on);
}

describe('a person’s name in public answers', () => {
  it('the wish wall and a wish: 爱心志愿者 without consent, the name with it, for the claimant and staff always', async () => {
    const w = await staff.post('/api/v1/wishes', { title: '一双棉鞋', story: '冬天需要一双棉鞋', valueYuan: 80, regionCode: '140502001001', beneficiaryName: '王奶奶' });
    expect(w.status).toBe(201);
    const claim = await zhouC.post(`/api/v1/wishes/${w.body.id}/claim`, { claimantType: 'volunteer' });
    expect(claim.status).toBe(201);
    expect(claim.body.claimantName).toBe('周红梅'); // the claimant sees her own name

    const anon = t.client();
    const other = await t.client().login((await makeUser(t)).phone);
    for (const c of [anon, other]) {
      const wall = await c.get('/api/v1/wishes?regionCode=140502');
      expect(wall.status).toBe(200);
      expect(wall.body.items.find((x: { id: string }) => x.id === w.body.id).claimantName).toBe('爱心志愿者');
      expect(JSON.stringify(wall.body)).not.toContain('周红梅');
      const one = await c.get(`/api/v1/wishes/${w.body.id}`);
      expect(one.status).toBe(200);
      expect(one.body.claimantName).toBe('爱心志愿者');
    }
    const asStaff = await staff.get(`/api/v1/wishes/${w.body.id}`);
    expect(asStaff.body).toMatchObject({ claimantName: '周红梅', claim: { claimantName: '周红梅' } });

    await consent(true);
    expect((await anon.get(`/api/v1/wishes/${w.body.id}`)).body.claimantName).toBe('周红梅');
    expect((await anon.get('/api/v1/wishes?regionCode=140502')).body.items.find((x: { id: string }) => x.id === w.body.id).claimantName).toBe('周红梅');
    await consent(false);
    expect((await anon.get(`/api/v1/wishes/${w.body.id}`)).body.claimantName).toBe('爱心志愿者');
  });

  it('an organisation or company claiming is named: it is not a person', async () => {
    const w = await staff.post('/api/v1/wishes', { title: '一箱图书', story: '社区书屋需要图书', valueYuan: 200, regionCode: '140502001001', beneficiaryName: '书屋' });
    const c = await t.client().login((await makeUser(t)).phone);
    expect((await c.post(`/api/v1/wishes/${w.body.id}/claim`, { claimantType: 'company', claimantName: '晋城爱心企业' })).status).toBe(201);
    expect((await t.client().get(`/api/v1/wishes/${w.body.id}`)).body.claimantName).toBe('晋城爱心企业');
  });

  it('the star notice board: 周*梅 without consent, the name with it', async () => {
    const now = t.clock.now();
    const id = newId();
    await t.app.ctx.db.insert(starAnnouncements).values({ id, cityCode: cityCodeOf(zhou.regionCode), userId: zhou.id, regionCode: zhou.regionCode, level: 1, minutes: 60, announcedAt: now, noticeEndsAt: new Date(now.getTime() + 7 * 86_400_000), status: 'pending' });
    const board = async () => {
      const r = await t.client().get('/api/v1/stars/announcements?regionCode=140502');
      expect(r.status).toBe(200);
      return r.body.items.find((x: { id: string }) => x.id === id).name as string;
    };
    expect(await board()).toBe('周*梅');
    await consent(true);
    expect(await board()).toBe('周红梅');
    await consent(false);
    expect(await board()).toBe('周*梅');
  });
});
