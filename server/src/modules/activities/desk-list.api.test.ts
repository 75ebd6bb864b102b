import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { makeUser } from '../../../test/factories';
import { DEMO_PASSWORD, loadDemo } from '../demo/index';

interface Row {
  id: string;
  title: string;
  status: string;
  startsAt: string;
  category: string;
  orgId: string;
  reviewReason?: string | null;
}
interface Page {
  items: Row[];
  total: number;
  nextCursor?: string | null;
}

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await loadDemo(t.app.ctx);
}, 120_000);
afterAll(async () => t.close());

const district = () => t.client().login('13800000002', DEMO_PASSWORD); // 王建国, region admin of 城区

describe("the region desk's activity list", () => {
  it('lists every activity of the region in every status, newest first, page by page on a keyset cursor', async () => {
    const c = await district();
    const seen: Row[] = [];
    let after: string | null | undefined;
    for (let i = 0; i < 10; i++) {
      const r = await c.get<Page>(`/api/v1/activities?regionCode=140502&sort=start_desc&pageSize=3${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(r.status).toBe(200);
      seen.push(...r.body.items);
      after = r.body.nextCursor;
      if (!after) break;
    }
    const [db] = (await t.app.ctx.db.execute(sql`select count(*)::int as n from activities where region_code like '140502%'`)).rows as Array<{ n: number }>;
    expect(seen.length).toBe(db!.n);
    expect(new Set(seen.map((a) => a.id)).size).toBe(seen.length);
    const starts = seen.map((a) => a.startsAt);
    expect(starts).toEqual([...starts].sort().reverse());
    expect(new Set(seen.map((a) => a.status))).toEqual(new Set(['published', 'pending_review', 'rejected', 'draft']));
  });

  it('filters by status, category, organisation, dates and text; a rejected one keeps its reason', async () => {
    const c = await district();
    const rejected = await c.get<Page>('/api/v1/activities?regionCode=140502&status=rejected');
    expect(rejected.status).toBe(200);
    expect(rejected.body.items).toHaveLength(1);
    expect(rejected.body.items[0]!.reviewReason).toContain('安全措施');
    const health = await c.get<Page>('/api/v1/activities?regionCode=140502&category=health&sort=start_desc');
    expect(health.body.items.map((a) => a.title)).toEqual(['社区义诊：量血压、测血糖']);
    const text = await c.get<Page>(`/api/v1/activities?regionCode=140502&q=${encodeURIComponent('五龙河')}`);
    expect(text.body.items.map((a) => a.title)).toEqual(['五龙河清洁家园行动']);
    const orgId = rejected.body.items[0]!.orgId;
    const byOrg = await c.get<Page>(`/api/v1/activities?regionCode=140502&orgId=${orgId}`);
    expect(byOrg.status, JSON.stringify(byOrg.body)).toBe(200);
    const [db] = (await t.app.ctx.db.execute(sql`select count(*)::int as n from activities where org_id = ${orgId}`)).rows as Array<{ n: number }>;
    expect(byOrg.body.total).toBe(db!.n);
    const now = t.clock.now().getTime();
    const past = await c.get<Page>(`/api/v1/activities?regionCode=140502&to=${encodeURIComponent(new Date(now - 86_400_000).toISOString())}&sort=start_desc`);
    expect(past.body.items.length).toBeGreaterThanOrEqual(2);
    for (const a of past.body.items) expect(new Date(a.startsAt).getTime()).toBeLessThan(now);
  });

  it('refuses another region’s admin and a volunteer the unpublished ones, and a malformed cursor', async () => {
    const yangcheng = await makeUser(t, { regionCode: '140522', grants: [{ role: 'region_admin', regionCode: '140522' }] });
    const other = await (await t.client().login(yangcheng.phone)).get<{ error: { code: string } }>('/api/v1/activities?regionCode=140502&status=draft');
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    const vol = await (await t.client().login('13800000006', DEMO_PASSWORD)).get<{ error: { code: string } }>('/api/v1/activities?regionCode=140502&status=rejected');
    expect(vol.status).toBe(403);
    expect(vol.body.error.code).toBe('FORBIDDEN');
    const bad = await (await district()).get<{ error: { code: string } }>('/api/v1/activities?regionCode=140502&after=nonsense');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});
