import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { makeUser, nextPerson, type MadeUser } from '../../test/factories';
import { idempotencyKeys, importJobs, users } from '../db/schema/index';
import { newId } from '../lib/ids';
import { localDiskStorage } from '../lib/storage';
import { InProcessQueue } from './in-process';
import { defineJob } from './queue';
import { startJobs } from './index';
import { enqueue, enqueueIfServing } from './define';
import { RESTARTED_MESSAGE, runImportJob } from '../modules/volunteers/index';

let t: TestApp;
let district: MadeUser;
let admin: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  admin = await t.client().login(district.phone);
});
afterAll(async () => t.close());

// a job of this test only: fails on its first run when asked to, records each run
const runs: Array<{ key: string; attempt: number }> = [];
defineJob<{ key: string; failFirst?: boolean }>(
  'test-flaky',
  async (_ctx, data, run) => {
    runs.push({ key: data.key, attempt: run.attempt });
    if (data.failFirst && run.attempt === 0) throw new Error('first run fails');
  },
  { retryLimit: 2 },
);

async function xlsx(rows: Array<Record<string, string>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('志愿者');
  const headers = ['姓名', '身份证号', '手机号', '所属社区'];
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const people = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => {
    const p = nextPerson('1980-03-02');
    return { 姓名: `${tag}${i}`, 身份证号: p.idNumber, 手机号: p.phone, 所属社区: '凤台社区' };
  });
const countByPhones = async (phones: string[]) => (await t.app.ctx.db.select({ id: users.id }).from(users).where(inArray(users.phone, phones))).length;
const uploads = () => localDiskStorage(path.join(t.app.ctx.config.dataDir, 'uploads'));

/** An import row as a crash leaves it: 'running', no job anywhere; with its file stored or not. */
async function orphanImport(file: Buffer | null) {
  const id = newId();
  if (file) await uploads().put(`imports/${id}.xlsx`, file);
  await t.app.ctx.db.insert(importJobs).values({ id, cityCode: '1405', kind: 'volunteers', status: 'running', phase: 'importing', fileName: 'left.xlsx', regionCode: '140502', mode: 'all_or_nothing', createdBy: district.id, createdAt: t.clock.now() });
  return id;
}
async function waitFinished(id: string) {
  for (let i = 0; i < 300; i++) {
    const [row] = await t.app.ctx.db.select().from(importJobs).where(eq(importJobs.id, id));
    if (row!.status !== 'running') return row!;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error('import still running');
}

describe('the in-process runner (PGlite)', () => {
  it('runs a scheduled sweep at a matching minute: idempotency keys past 30 days are purged, fresh ones kept', async () => {
    const actor = district.id;
    const old = newId();
    const fresh = newId();
    const now = t.clock.now();
    await t.app.ctx.db.insert(idempotencyKeys).values([
      { actorId: actor, key: old, scope: 'redemption', requestHash: 'a'.repeat(64), createdAt: new Date(now.getTime() - 31 * 86_400_000) },
      { actorId: actor, key: fresh, scope: 'redemption', requestHash: 'b'.repeat(64), createdAt: now },
    ]);
    const q = new InProcessQueue(t.app.ctx, { jobs: ['sweep'] });
    // not started: nothing runs; a minute that matches '* * * * *' starts it
    expect(q.runDue(new Date('2026-11-24T01:05:00Z'))).toEqual(['sweep']);
    await q.idle();
    const left = await t.app.ctx.db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(inArray(idempotencyKeys.key, [old, fresh]));
    expect(left.map((r) => r.key)).toEqual([fresh]);
    await q.stop();
  });

  it('retries an enqueued job that throws, and keeps one waiting job per singletonKey', async () => {
    const q = new InProcessQueue(t.app.ctx, { retryDelayMs: 5 });
    await q.start();
    expect(await q.enqueue('test-flaky', { key: 'a', failFirst: true })).toBeTruthy();
    await q.idle();
    expect(runs.filter((r) => r.key === 'a')).toEqual([
      { key: 'a', attempt: 0 },
      { key: 'a', attempt: 1 },
    ]);
    // two asks with one key while the first waits (delayed): one run
    expect(await q.enqueue('test-flaky', { key: 'b' }, { singletonKey: 'b', startAfterSeconds: 0.05 })).toBeTruthy();
    expect(await q.enqueue('test-flaky', { key: 'b' }, { singletonKey: 'b' })).toBeNull();
    await q.idle();
    expect(runs.filter((r) => r.key === 'b')).toHaveLength(1);
    await q.stop();
    await expect(q.enqueue('test-flaky', { key: 'c' })).rejects.toThrow(/stopped/);
  });
});

describe('where a queue runs', () => {
  it('work the request also does is asked of a started queue only (the settlement credits), never of the runner made on first use', async () => {
    const ctx = { ...t.app.ctx, db: Object.create(t.app.ctx.db) as typeof t.app.ctx.db };
    expect(await enqueueIfServing(ctx, 'test-flaky', { key: 'x' })).toBeNull();
    expect(await enqueue(ctx, 'test-flaky', { key: 'y' })).toBeTruthy(); // makes the first-use runner
    expect(await enqueueIfServing(ctx, 'test-flaky', { key: 'z' })).toBeNull();
    const jobs = await startJobs(ctx);
    try {
      expect(await enqueueIfServing(ctx, 'test-flaky', { key: 'w' })).toBeTruthy();
      await (jobs.queue as InProcessQueue).idle();
      expect(runs.filter((r) => ['x', 'y', 'z', 'w'].includes(r.key)).map((r) => r.key)).toEqual(['y', 'w']);
    } finally {
      await jobs.stop();
    }
  });
});

describe('imports that survive a stop', () => {
  it('at start, an import left running without its file is failed with the reason, one with its file is resumed and written once', async () => {
    const lost = await orphanImport(null);
    const rows = people(3, '续传');
    const kept = await orphanImport(await xlsx(rows));
    const jobs = await startJobs(t.app.ctx);
    try {
      expect(jobs.queue.engine).toBe('in-process');
      const failed = await waitFinished(lost);
      expect(failed).toMatchObject({ status: 'failed', phase: 'finished', message: RESTARTED_MESSAGE, createdCount: 0 });
      // the page shows the reason
      const shown = await admin.get(`/api/v1/imports/${lost}`);
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({ status: 'failed', message: RESTARTED_MESSAGE });
      const done = await waitFinished(kept);
      expect(done).toMatchObject({ status: 'done', createdCount: 3, matchedCount: 0 });
      expect(await countByPhones(rows.map((r) => r.手机号))).toBe(3);
      await (jobs.queue as InProcessQueue).idle();
      // the stored file is deleted once the import is finished
      expect(await uploads().get(`imports/${kept}.xlsx`)).toBeNull();
      // a second run of the finished job (a retry after a crash) changes nothing
      await runImportJob(t.app.ctx, { importId: kept });
      expect(await countByPhones(rows.map((r) => r.手机号))).toBe(3);
      const [again] = await t.app.ctx.db.select().from(importJobs).where(eq(importJobs.id, kept));
      expect(again).toMatchObject({ status: 'done', createdCount: 3 });
    } finally {
      await jobs.stop();
    }
  });

  it('an upload runs as a job: two runs at once write the people once', async () => {
    const rows = people(4, '并发');
    const file = await xlsx(rows);
    const id = await orphanImport(file);
    await Promise.all([runImportJob(t.app.ctx, { importId: id }), runImportJob(t.app.ctx, { importId: id })]);
    expect(await waitFinished(id)).toMatchObject({ status: 'done', createdCount: 4 });
    expect(await countByPhones(rows.map((r) => r.手机号))).toBe(4);
    // through the route, with the server's queue started
    const jobs = await startJobs(t.app.ctx);
    try {
      const more = people(2, '上传');
      const r = await admin.request('POST', '/api/v1/imports/volunteers?regionCode=140502&fileName=x.xlsx', await xlsx(more), { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      expect(r.status).toBe(202);
      expect(await waitFinished(r.body.id)).toMatchObject({ status: 'done', createdCount: 2 });
      expect(await countByPhones(more.map((m) => m.手机号))).toBe(2);
    } finally {
      await jobs.stop();
    }
  });

  it('an uploader who lost the region before the job ran: failed with the reason, nothing written', async () => {
    const other = await makeUser(t, { regionCode: '140502' });
    const rows = people(1, '无权');
    const id = newId();
    await uploads().put(`imports/${id}.xlsx`, await xlsx(rows));
    await t.app.ctx.db.insert(importJobs).values({ id, cityCode: '1405', kind: 'volunteers', status: 'running', phase: 'checking', fileName: 'x.xlsx', regionCode: '140502', mode: 'all_or_nothing', createdBy: other.id, createdAt: t.clock.now() });
    await runImportJob(t.app.ctx, { importId: id });
    expect(await waitFinished(id)).toMatchObject({ status: 'failed', message: expect.stringContaining('导入权限') });
    expect(await countByPhones(rows.map((r) => r.手机号))).toBe(0);
  });
});
