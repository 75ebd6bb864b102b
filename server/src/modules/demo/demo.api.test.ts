import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { isValidIdNumber } from '@shared/lib/id-number';
import { ROOT } from '../../lib/paths';
import { DEMO_PASSWORD, loadDemo } from './index';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  expect(await loadDemo(t.app.ctx)).toEqual({ created: true });
}, 120_000);
afterAll(async () => t.close());

async function countBy(table: string, column: string): Promise<Record<string, number>> {
  const r = await t.database.db.execute(sql.raw(`select ${column} as k, count(*)::int as n from ${table} group by ${column}`));
  return Object.fromEntries((r as unknown as { rows: Array<{ k: string; n: number }> }).rows.map((x) => [x.k, x.n]));
}

describe('the demo city', () => {
  it('has activities upcoming, running, past and settled, with pending, rejected and draft ones for the desk', async () => {
    const now = t.clock.now();
    const r = await t.database.db.execute(sql`select status, settled_at is not null as settled, starts_at > ${now} as upcoming, ends_at < ${now} as past from activities`);
    const rows = (r as unknown as { rows: Array<{ status: string; settled: boolean; upcoming: boolean; past: boolean }> }).rows;
    const published = rows.filter((a) => a.status === 'published');
    expect(published.some((a) => a.upcoming)).toBe(true);
    expect(published.some((a) => !a.upcoming && !a.past)).toBe(true);
    expect(published.some((a) => a.past && !a.settled)).toBe(true);
    expect(rows.some((a) => a.past && a.settled)).toBe(true);
    expect(new Set(rows.map((a) => a.status))).toEqual(expect.objectContaining(new Set(['published', 'pending_review', 'rejected', 'draft'])));
    // the region admin's desk lists them through the API
    const admin = await t.client().login('13800000002', DEMO_PASSWORD);
    const pending = await admin.get<{ total: number }>('/api/v1/activities?status=pending_review');
    expect(pending.status).toBe(200);
    expect(pending.body.total).toBe(1);
  });

  it('has service records with hours and points, and notifications', async () => {
    const records = await countBy('service_records', 'status');
    expect(Object.values(records).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
    const volunteer = await t.client().login('13800000006', DEMO_PASSWORD);
    const mine = await volunteer.get<{ items: Array<{ creditedMinutes: number | null; points: number | null }> }>('/api/v1/me/service-records');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThanOrEqual(2);
    expect(mine.body.items.every((x) => (x.creditedMinutes ?? 0) > 0)).toBe(true);
    const inbox = await volunteer.get<{ total: number }>('/api/v1/me/notifications');
    expect(inbox.status).toBe(200);
    expect(inbox.body.total).toBeGreaterThan(0);
  });

  it('has requests in every state', async () => {
    expect(Object.keys(await countBy('service_requests', 'status')).sort()).toEqual(['accepted', 'cancelled', 'dispatched', 'ordered', 'rated', 'served', 'serving']);
  });

  it('has wishes open, claimed and fulfilled', async () => {
    expect(await countBy('wishes', 'status')).toMatchObject({ open: 2, claimed: 1, fulfilled: 1 });
  });

  it('has supermarket orders waiting and picked up', async () => {
    expect(await countBy('market_redemptions', 'status')).toMatchObject({ reserved: 1, fulfilled: 1 });
  });

  it('has public-welfare posts: workers placed through the procedure, weeks of attendance, a confirmed month, flags and a notice up', async () => {
    expect(await countBy('welfare_placements', 'status')).toEqual({ active: 3, in_procedure: 1 });
    expect(await countBy('welfare_placement_steps', 'step')).toMatchObject({ application: 4, public_notice: 4, start: 3 });
    const flags = await countBy('welfare_flags', 'kind');
    expect(flags).toMatchObject({ absent_days: expect.any(Number), outside_fence: 1, closed_day_attendance: 1 });
    const worker = await t.client().login('13800000008', DEMO_PASSWORD);
    const mine = await worker.get<{ days: string[]; post: { title: string } }>('/api/v1/me/welfare-post');
    expect(mine.body.post.title).toBe('凤台社区环境保洁岗');
    const notices = await t.client().get<{ items: Array<{ open: boolean }> }>('/api/v1/public/welfare-notices?regionCode=140502');
    expect(notices.body.items.some((n) => n.open)).toBe(true);
    const supervisor = await t.client().login('13800000004', DEMO_PASSWORD);
    const posts = await supervisor.get<{ items: Array<{ id: string; title: string; placedCount: number }> }>('/api/v1/welfare-posts');
    expect(posts.body.items.find((p) => p.title === '凤台社区环境保洁岗')?.placedCount).toBe(2);
  });

  it('is loaded once: a second run changes nothing', async () => {
    const before = await countBy('activities', 'status');
    expect(await loadDemo(t.app.ctx)).toEqual({ created: false });
    expect(await countBy('activities', 'status')).toEqual(before);
  });

  it("the README's sample ID numbers pass their own check digit", () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const numbers = readme.match(/\b\d{17}[\dX]\b/g) ?? [];
    expect(numbers.length).toBeGreaterThanOrEqual(7);
    for (const n of numbers) expect(isValidIdNumber(n), n).toBe(true);
  });
});
