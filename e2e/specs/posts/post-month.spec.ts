import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { useDemoCity } from '../../support/demo-city';

const SUPERVISOR = '13800000004'; // 陈志强, org admin of 凤台社区志愿服务队, the post's supervising unit
const WORKER = '13800000008'; // 王翠兰, placed on 凤台社区环境保洁岗 (the demo played her weeks at the post)
const POST = '凤台社区环境保洁岗';
const AT_THE_POST = { latitude: 35.4986, longitude: 112.8601 };

const city = useDemoCity();
const { loginAs } = city;

describe('a public-welfare worker’s month', () => {
  it('checks in by phone at the post’s kiosk, the supervisor records a day by hand and confirms the month, the report shows the days', async () => {
    // the supervisor opens the post and its QR kiosk on the console
    const sup = await loginAs('desktop', SUPERVISOR);
    await sup.goto('/console/welfare-posts');
    await sup.getByTestId('welfare-post-open').filter({ hasText: POST }).click();
    await sup.getByTestId('welfare-post-detail').waitFor({ timeout: 15_000 });
    expect(await sup.getByTestId('welfare-post-title').innerText()).toBe(POST);
    await sup.getByTestId('welfare-kiosk-open').click();
    await sup.getByTestId('welfare-kiosk-qr').waitFor({ timeout: 15_000 });
    expect(await sup.getByTestId('welfare-kiosk-title').innerText()).toBe(POST);
    const url = (await sup.getByTestId('welfare-kiosk-url').getAttribute('data-url'))!;
    expect(url).toMatch(/\/welfare-checkin\/[0-9a-f-]+\?t=\d+\./);
    await screenshot(sup, 'welfare-kiosk');

    // the worker, on her phone at the post: 我的 → 我的公益岗位 shows her days this month, not yet today
    const worker = await loginAs('phone', WORKER, { at: AT_THE_POST });
    await worker.goto('/me');
    await worker.getByTestId('me-entry-welfare-post').click();
    await worker.getByTestId('welfare-post-page').waitFor({ timeout: 15_000 });
    expect(await worker.getByTestId('welfare-post-name').innerText()).toBe(POST);
    const before = Number(await worker.getByTestId('welfare-days').getAttribute('data-days'));
    expect(await worker.getByTestId('welfare-today').innerText()).toBe('今天还没有签到');

    // she scans the kiosk (its link), sees the distance and checks in with one tap
    await worker.goto(new URL(url).pathname + new URL(url).search);
    await worker.getByTestId('welfare-checkin-page').waitFor({ timeout: 15_000 });
    expect(await worker.getByTestId('welfare-checkin-post').innerText()).toBe(POST);
    await expect.poll(() => worker.getByTestId('welfare-checkin-distance').innerText(), { timeout: 15_000 }).toMatch(/距岗位约 \d+ 米（签到范围 300 米）/);
    await screenshot(worker, 'welfare-checkin-phone');
    await worker.getByTestId('welfare-checkin-button').click();
    await expect.poll(() => worker.getByTestId('welfare-checkin-result').innerText(), { timeout: 15_000 }).toBe('签到成功');
    await worker.getByTestId('welfare-checkin-to-mine').click();
    await expect.poll(async () => Number(await worker.getByTestId('welfare-days').getAttribute('data-days')), { timeout: 15_000 }).toBe(before + 1);
    expect(await worker.getByTestId('welfare-today').innerText()).toBe('今天已签到');
    await screenshot(worker, 'welfare-my-post');
    // the kiosk counts her
    await expect.poll(() => sup.getByTestId('welfare-kiosk-present').innerText(), { timeout: 15_000 }).toMatch(/今日已签到: 1 \/ 2/);

    // back on the post's page: 张桂芝 has no smartphone, so the supervisor records her day by hand
    await sup.goto(new URL(sup.url()).pathname.replace(/\/kiosk$/, ''));
    await sup.getByTestId('welfare-post-detail').waitFor({ timeout: 15_000 });
    const row = (name: string) => sup.getByTestId('month-row').filter({ hasText: name });
    await row('王翠兰').waitFor({ timeout: 15_000 });
    expect(Number(await row('王翠兰').getByTestId('month-days').innerText())).toBe(before + 1);
    const zhangBefore = Number(await row('张桂芝').getByTestId('month-days').innerText());
    await sup.getByTestId('record-worker').click();
    await sup.locator('.ant-select-item-option', { hasText: '张桂芝' }).click();
    await sup.getByPlaceholder('说明').fill('无智能手机，现场点名');
    await sup.getByRole('button', { name: '代登记考勤' }).click();
    await expect.poll(async () => Number(await row('张桂芝').getByTestId('month-days').innerText()), { timeout: 15_000 }).toBe(zhangBefore + 1);

    // the supervisor confirms the month
    await sup.getByTestId('month-confirm').click();
    await sup.getByTestId('month-confirmed').waitFor({ timeout: 15_000 });
    expect(await sup.getByTestId('month-confirmed').innerText()).toContain('已由 陈志强');

    // the report shows her days present and confirmed, and the Excel file is there for the payroll
    const line = sup.getByTestId('welfare-report').getByTestId('report-row').filter({ hasText: '王翠兰' });
    await expect.poll(async () => line.getByTestId('report-days').innerText().catch(() => ''), { timeout: 15_000 }).toBe(String(before + 1));
    expect(await line.getByTestId('report-confirmed').innerText()).toBe(String(before + 1));
    const zhang = sup.getByTestId('welfare-report').getByTestId('report-row').filter({ hasText: '张桂芝' });
    expect(await zhang.getByTestId('report-confirmed').innerText()).toBe(String(zhangBefore + 1));
    const xlsx = await sup.evaluate(async (href) => {
      const r = await fetch(href);
      return { status: r.status, type: r.headers.get('content-type') };
    }, (await sup.getByTestId('report-export').getAttribute('href'))!);
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toContain('spreadsheetml');
    await screenshot(sup, 'welfare-post-month');
  });

  it('registers a person in hardship, applies on her behalf and records the democratic review with its minutes', async () => {
    const admin = await loginAs('desktop', '13800000002'); // 王建国, region admin of 城区
    await admin.goto('/console/welfare-posts');
    await admin.getByRole('tab', { name: '困难人员名册' }).click();
    await admin.getByTestId('register-phone').fill('13800000006'); // 周红梅, living in 凤台社区
    await admin.getByTestId('register-evidence').fill('城乡低保证（晋城低保字第0566号）');
    await admin.getByTestId('register-save').click();
    const entry = admin.getByTestId('register-row').filter({ hasText: '周红梅' });
    await entry.waitFor({ timeout: 15_000 });
    expect(await entry.innerText()).toContain('低保对象');
    await entry.getByTestId('register-apply').click();
    // under load a click can land while the dropdown is still opening: choose until the post shows as chosen
    for (let attempt = 0; attempt < 3; attempt++) {
      await admin.locator('.ant-modal .ant-select').click();
      await admin.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: POST }).click();
      const chosen = await admin.locator('.ant-modal .ant-select-selection-item').innerText({ timeout: 3000 }).catch(() => '');
      if (chosen.includes(POST)) break;
    }
    await admin.locator('.ant-modal-footer .ant-btn-primary:not([disabled])').click();
    await admin.getByText('已办理').first().waitFor({ timeout: 15_000 });

    await admin.getByRole('tab', { name: '安置程序' }).click();
    const row = admin.getByRole('row').filter({ hasText: '周红梅' });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.innerText()).toContain('办理中');
    await row.getByTestId('placement-act').click();
    await admin.locator('.ant-modal textarea').fill('凤台社区两委及居民代表9人参加，同意');
    await admin.locator('.ant-modal input[type=file]').setInputFiles({ name: '民主评议记录.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await admin.locator('.ant-modal-footer .ant-btn-primary').click();
    // the step is recorded: the next one offered is the town review
    await expect.poll(() => row.getByTestId('placement-act').innerText(), { timeout: 15_000 }).toBe('办理：乡镇审核');
    await screenshot(admin, 'welfare-placements');
  });

  it('shows the public notice on the portal and takes an objection', async () => {
    const ctx = await city.newContext('phone');
    const page = await ctx.newPage();
    await page.goto('/portal/welfare-notices?region=140502');
    await page.getByTestId('welfare-notice-link').first().click();
    await page.getByTestId('portal-welfare-notice').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('portal-welfare-notice').innerText()).toContain('赵*燕');
    await page.getByTestId('objection-content').fill('此人家中有稳定收入，请核实');
    await page.getByTestId('objection-send').click();
    await page.getByTestId('objection-sent').waitFor({ timeout: 15_000 });
    await screenshot(page, 'welfare-notice-portal');
  });
});
