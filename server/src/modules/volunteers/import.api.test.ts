import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { buildTestApp, KNOWN_ID_NUMBERS, type TestApp, type TestClient } from '../../../test/build-test-app';
import { makeUser, nextPerson, type MadeUser } from '../../../test/factories';
import { users, volunteerProfiles } from '../../db/schema/index';
import { composeIdNumber } from '@shared/lib/id-number';

let t: TestApp;
let district: MadeUser;
let admin: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  district = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  admin = await t.client().login(district.phone);
});
afterAll(async () => t.close());

async function xlsx(rows: Array<Record<string, string>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('志愿者');
  const headers = ['姓名', '身份证号', '手机号', '所属社区', '技能'];
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function person(i: number, community = '凤台社区') {
  const p = nextPerson('1985-06-15');
  return { 姓名: `导入${i}`, 身份证号: p.idNumber, 手机号: p.phone, 所属社区: community, 技能: '理发、义诊' };
}

async function importFile(file: Buffer, mode = 'all_or_nothing') {
  const r = await admin.request('POST', `/api/v1/imports/volunteers?regionCode=140502&mode=${mode}&fileName=test.xlsx`, file, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  expect(r.status).toBe(202);
  for (let i = 0; i < 200; i++) {
    const j = await admin.get(`/api/v1/imports/${r.body.id}`);
    if (j.body.status !== 'running') return j.body;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('import did not finish');
}

const countByPhones = async (phones: string[]) => (await t.app.ctx.db.select({ id: users.id }).from(users).where(inArray(users.phone, phones))).length;

describe('Excel import of volunteers', () => {
  it('imports a clean file: everyone gets an account and a volunteer number, registered by the staff member', async () => {
    const rows = [person(1), person(2, '五龙河西社区'), person(3, '140502008001')];
    const job = await importFile(await xlsx(rows));
    expect(job).toMatchObject({ status: 'done', phase: 'finished', totalRows: 3, processedRows: 3, createdCount: 3, matchedCount: 0, errorCount: 0 });
    const made = await t.app.ctx.db.select().from(users).where(inArray(users.phone, rows.map((r) => r.手机号)));
    expect(made.map((u) => u.regionCode).sort()).toEqual(['140502001001', '140502002001', '140502008001']);
    const [profile] = await t.app.ctx.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, made[0]!.id));
    expect(profile).toMatchObject({ registeredBy: district.id, consentMethod: 'paper', skills: ['理发', '义诊'] });
  });

  it('rejects the whole file when one row is bad and reports that row with its reason', async () => {
    const rows = [person(4), person(5), person(6)];
    const bad = rows[1]!;
    bad.身份证号 = bad.身份证号.slice(0, 17) + (bad.身份证号[17] === '1' ? '2' : '1');
    const job = await importFile(await xlsx(rows));
    expect(job.status).toBe('failed');
    expect(job.createdCount).toBe(0);
    expect(job.errors).toEqual([{ row: 3, field: '身份证号', reason: expect.stringContaining('校验位') }]);
    expect(await countByPhones(rows.map((r) => r.手机号))).toBe(0);
  });

  it('with skip_bad, writes the good rows and reports the bad ones', async () => {
    const rows = [person(7), person(8, '不存在社区')];
    const job = await importFile(await xlsx(rows), 'skip_bad');
    expect(job).toMatchObject({ status: 'done', createdCount: 1, errorCount: 1 });
    expect(job.errors[0]).toMatchObject({ row: 3, field: '所属社区' });
  });

  it('matches people already registered instead of creating them twice; duplicates inside the file are reported', async () => {
    const existing = await makeUser(t, { name: '已注册' });
    const rows = [{ 姓名: '已注册', 身份证号: existing.idNumber, 手机号: existing.phone, 所属社区: '凤台社区', 技能: '摄影' }, person(9)];
    const job = await importFile(await xlsx(rows));
    expect(job.errors).toEqual([]);
    expect(job).toMatchObject({ status: 'done', createdCount: 1, matchedCount: 1 });
    const [p] = await t.app.ctx.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, existing.id));
    expect(p!.skills).toContain('摄影');
    const again = await importFile(await xlsx(rows));
    expect(again).toMatchObject({ status: 'done', createdCount: 0, matchedCount: 2 });
    const dupId = person(10);
    const twin = { ...person(11), 身份证号: dupId.身份证号 };
    const dup = await importFile(await xlsx([dupId, twin]));
    expect(dup.status).toBe('failed');
    expect(dup.errors[0]).toMatchObject({ row: 3, reason: expect.stringContaining('第2行') });
  });

  it('refuses minors, phones of other people, missing columns and files that are not Excel', async () => {
    const minorId = composeIdNumber('140502', '2015-01-01', 77);
    KNOWN_ID_NUMBERS.add(minorId);
    const other = await makeUser(t);
    const job = await importFile(await xlsx([{ ...person(12), 身份证号: minorId }, { ...person(13), 手机号: other.phone }]));
    expect(job.errors.map((e: { field: string }) => e.field)).toEqual(['身份证号', '手机号']);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['名字', '电话']);
    const missing = await importFile(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(missing).toMatchObject({ status: 'failed', message: expect.stringContaining('身份证号') });
    const garbage = await importFile(Buffer.from('not an excel file'));
    expect(garbage).toMatchObject({ status: 'failed', message: expect.stringContaining('.xlsx') });
  });

  it('only region admins of the region import', async () => {
    const v = await t.client().login((await makeUser(t)).phone);
    const r = await v.request('POST', '/api/v1/imports/volunteers?regionCode=140502', await xlsx([person(14)]), { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
  });
});
