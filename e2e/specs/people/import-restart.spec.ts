import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { composeIdNumber } from '@shared/lib/id-number';
import { desktopContext, launchBrowser, screenshot } from '../../support/browser';
import { spawnServer, startServer, type RunningServer } from '../../support/server';
import { DEMO_PASSWORD } from '../../support/demo-city';

const CITY_ADMIN = '13800000001'; // 李文明, region admin of 晋城市

/**
 * An Excel import through a crash, on the embedded database: the office uploads a list, the
 * server is killed (SIGKILL) while it works on it, and started again on the same data folder. The
 * page, still open on the import, shows it finished — resumed from the stored file, every person
 * once. A second import whose stored file is gone shows why it stopped: 服务重启，导入未完成，请重新上传.
 */
let browser: Browser;
let server: RunningServer;
let dataDir: string;
beforeAll(async () => {
  server = await startServer({ demo: true });
  dataDir = server.dataDir;
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function makeFile(rows: number, seq: number): Promise<{ buffer: Buffer }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('志愿者');
  ws.addRow(['姓名', '身份证号', '手机号', '所属社区']);
  for (let i = 0; i < rows; i++) {
    const birth = new Date(Date.UTC(1955, 0, 1) + (i % 12_000) * 86_400_000).toISOString().slice(0, 10);
    const phone = `17${seq}${String(10_000_000 + i).slice(-8)}`;
    ws.addRow([`重启${i}`, composeIdNumber('140525', birth, seq * 10 + Math.floor(i / 12_000)), phone, '凤台社区']);
  }
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}

async function openImports(url: string): Promise<Page> {
  const page = await (await desktopContext(browser, url)).newPage();
  await page.goto('/login');
  await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
  await page.getByTestId('login-phone').fill(CITY_ADMIN);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
  await page.goto('/console/imports');
  await page.getByTestId('imports-page').waitFor({ timeout: 30_000 });
  return page;
}

/** Uploads through the page; answers the import's id (the page's address carries it). */
async function upload(page: Page, file: Buffer, name: string): Promise<string> {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  await page.getByTestId('imports-start').click();
  await page.waitForURL((u) => u.searchParams.has('job'), { timeout: 60_000 });
  return new URL(page.url()).searchParams.get('job')!;
}

/**
 * Polls the import from the page until the server is busy with it, then kills the server. A poll
 * that has not answered within 400 ms is the sign: the server is checking the rows (its event
 * loop busy) or writing them (the embedded database's one connection held by the transaction).
 */
async function killWhileWriting(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const j = await page.evaluate(
      async (jobId) =>
        Promise.race([
          fetch(`/api/v1/imports/${jobId}`).then(async (r) => (await r.json()) as { status: string; phase: string }),
          new Promise<{ status: string; phase: string }>((r) => setTimeout(() => r({ status: 'running', phase: 'writing' }), 400)),
        ]),
      id,
    );
    expect(j.status).toBe('running');
    if (j.phase === 'writing') break; // busy: checking or writing
    await new Promise((r) => setTimeout(r, 30));
  }
  await server.kill('SIGKILL');
}

describe('an import through a server crash', () => {
  it('is resumed after the restart and shows every person written once; one whose file is gone says why', async () => {
    const first = await makeFile(12_000, 5);
    let page = await openImports(server.url);
    const id = await upload(page, first.buffer, '名单.xlsx');
    await killWhileWriting(page, id);
    expect(fs.existsSync(path.join(dataDir, 'uploads', 'imports', `${id}.xlsx`))).toBe(true);

    server = await spawnServer(dataDir, { keepData: true });
    page = await openImports(server.url);
    await page.goto(`/console/imports?job=${id}`);
    await expect.poll(async () => page.getByTestId('imports-created').innerText().catch(() => ''), { timeout: 120_000, interval: 500 }).toContain('12000');
    expect(await page.getByTestId('imports-matched').innerText()).toContain('0');
    await screenshot(page, 'import-resumed-after-restart');

    // the second: its stored file is lost with the crash (another disk, a cleaned folder)
    const second = await makeFile(12_000, 6);
    await page.goto('/console/imports');
    const id2 = await upload(page, second.buffer, '名单二.xlsx');
    await killWhileWriting(page, id2);
    fs.rmSync(path.join(dataDir, 'uploads', 'imports', `${id2}.xlsx`));
    server = await spawnServer(dataDir, { keepData: true });
    page = await openImports(server.url);
    await page.goto(`/console/imports?job=${id2}`);
    const outcome = page.getByTestId('imports-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.innerText()).toContain('服务重启，导入未完成，请重新上传');
    expect(await page.getByTestId('imports-phase').innerText()).toBeTruthy();
    await screenshot(page, 'import-failed-after-restart');
  }, 600_000);
});
