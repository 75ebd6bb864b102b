import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeUser, type MadeUser } from '../../../test/factories';
import { testEngine } from '../../../test/engine';
import { organizations } from '../../db/schema/index';
import { MAX_ORG_DEPTH } from './org-tree';

/** Issue 10, point 17: organisation parents form a tree inside the regions, of bounded depth, changed under a lock. */
let t: TestApp;
let admin: MadeUser;
let c: TestClient;
let seq = 0;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await makeUser(t, { regionCode: '140500', grants: [{ role: 'region_admin', regionCode: '140500' }] });
  c = await t.client().login(admin.phone);
});
afterAll(async () => t.close());

async function org(regionCode: string, parentId?: string): Promise<string> {
  const r = await c.post('/api/v1/orgs', { name: `树形测试服务队${++seq}`, type: 'community_team', regionCode, ...(parentId ? { parentId } : {}) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}
async function parentOf(id: string) {
  const [o] = await t.app.ctx.db.select({ parentId: organizations.parentId }).from(organizations).where(eq(organizations.id, id));
  return o!.parentId;
}
function expectParentRefused(r: { status: number; body: any }, words: RegExp) {
  expect(r.status).toBe(400);
  expect(r.body.error.code).toBe('VALIDATION_FAILED');
  expect(r.body.error.details.fields.parentId).toMatch(words);
  expect(r.body.error.message).toMatch(/ \/ /);
}

describe('organisation parents', () => {
  it('cannot form a cycle: an organisation is never its own parent nor placed under one below it', async () => {
    // one region, so that only the cycle can be the reason
    const a = await org('140502');
    const b = await org('140502', a);
    const cc = await org('140502', b);
    expectParentRefused(await c.patch(`/api/v1/orgs/${a}`, { parentId: cc }), /below it|下级/);
    expectParentRefused(await c.patch(`/api/v1/orgs/${a}`, { parentId: b }), /below it|下级/);
    expectParentRefused(await c.patch(`/api/v1/orgs/${b}`, { parentId: b }), /itself|本组织/);
    expect(await parentOf(a)).toBeNull();
    expect(await parentOf(b)).toBe(a);
    // a legal move still works: cc goes directly under a
    const ok = await c.patch(`/api/v1/orgs/${cc}`, { parentId: a });
    expect(ok.status).toBe(200);
    expect(ok.body.parentId).toBe(a);
  });

  it('cannot cross regions: the child’s region lies inside the parent’s region subtree', async () => {
    const chengqu = await org('140502');
    const community = await org('140502001001');
    // another district under a district's organisation; a district's team under a community's
    const before = (await t.app.ctx.db.select().from(organizations)).length;
    expectParentRefused(await c.post('/api/v1/orgs', { name: '阳城县某服务队', type: 'community_team', regionCode: '140522', parentId: chengqu }), /region|地区/);
    expectParentRefused(await c.post('/api/v1/orgs', { name: '城区某服务队', type: 'community_team', regionCode: '140502', parentId: community }), /region|地区/);
    expect((await t.app.ctx.db.select().from(organizations)).length).toBe(before);
    const yangcheng = await org('140522');
    expectParentRefused(await c.patch(`/api/v1/orgs/${yangcheng}`, { parentId: chengqu }), /region|地区/);
    expect(await parentOf(yangcheng)).toBeNull();
    expect((await c.post('/api/v1/orgs', { name: '凤台社区分队', type: 'community_team', regionCode: '140502001001', parentId: chengqu })).status).toBe(201);
  });

  it(`is at most ${MAX_ORG_DEPTH} levels deep, counting the subtree of an organisation that moves`, async () => {
    const chain = [await org('140500')];
    for (let i = 1; i < MAX_ORG_DEPTH; i++) chain.push(await org('140502', chain[i - 1]));
    expectParentRefused(await c.post('/api/v1/orgs', { name: '第六级服务队', type: 'community_team', regionCode: '140502', parentId: chain[MAX_ORG_DEPTH - 1] }), /levels|层级/);
    // a two-level subtree may not go under the fourth level
    const top = await org('140502');
    const below = await org('140502', top);
    expectParentRefused(await c.patch(`/api/v1/orgs/${top}`, { parentId: chain[MAX_ORG_DEPTH - 2]! }), /levels|层级/);
    expect(await parentOf(top)).toBeNull();
    expect(await parentOf(below)).toBe(top);
    expect((await c.patch(`/api/v1/orgs/${top}`, { parentId: chain[MAX_ORG_DEPTH - 3]! })).status).toBe(200);
  });

  it.skipIf(testEngine() !== 'postgres')('two moves at once cannot close a cycle together (the tree is locked while a parent changes)', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await org('140502');
      const b = await org('140502');
      const c2 = await t.client().login(admin.phone);
      const [ra, rb] = await Promise.all([c.patch(`/api/v1/orgs/${a}`, { parentId: b }), c2.patch(`/api/v1/orgs/${b}`, { parentId: a })]);
      expect([ra.status, rb.status].sort()).toEqual([200, 400]);
      const pa = await parentOf(a);
      const pb = await parentOf(b);
      expect(pa === b && pb === a).toBe(false);
      expect([pa, pb].filter(Boolean)).toHaveLength(1);
    }
  });
});
