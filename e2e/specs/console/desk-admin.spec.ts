import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../../support/browser';
import { DEMO_PASSWORD, useDemoCity } from '../../support/demo-city';

const REGION_ADMIN = '13800000002'; // 王建国, region admin of 城区

const city = useDemoCity();

/** A 1440 × 900 desk, logged in through the form as a newcomer would. */
async function desk(phone: string): Promise<Page> {
  const context = await city.browser.newContext({ baseURL: city.server.url, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
  await page.getByTestId('login-phone').fill(phone);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  return page;
}

/** Nothing on the page is wider than the window (no sideways scrolling at the desk). */
async function fitsWidth(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('the region desk', () => {
  it("lands at the console, lists and filters every activity of the region with its history, opens one, and reads the audit log as sentences", async () => {
    const page = await desk(REGION_ADMIN);
    // staff land at their desk
    await page.waitForURL((u) => u.pathname.startsWith('/console'), { timeout: 30_000 });

    await page.goto('/console/activities');
    await page.getByTestId('desk-activities').waitFor({ timeout: 30_000 });
    await page.getByTestId('activity-row').first().waitFor({ timeout: 20_000 });
    const rows = await page.getByTestId('activity-row').count();
    expect(rows).toBeGreaterThanOrEqual(7);
    const text = await page.getByTestId('desk-activities').innerText();
    for (const status of ['已发布', '待审核', '已驳回', '草稿']) expect(text).toContain(status);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await fitsWidth(page);
    await screenshot(page, 'desk-activities-1440');

    // the history of rejected ones, with the review note
    await page.getByTestId('desk-status').click();
    await page.locator('.ant-select-item-option', { hasText: '已驳回' }).first().click();
    await page.getByTestId('desk-search').click();
    await expect.poll(() => page.getByTestId('activity-row').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('desk-reason').innerText()).toContain('安全措施');

    // text and category filters
    await page.getByTestId('desk-status').locator('.ant-select-clear').click({ force: true });
    await page.getByTestId('desk-q').fill('五龙河');
    await page.getByTestId('desk-search').click();
    await expect.poll(() => page.getByTestId('activity-row').first().innerText(), { timeout: 15_000 }).toContain('五龙河清洁家园行动');
    expect(await page.getByTestId('activity-row').count()).toBe(1);

    // open it: the detail page of a past activity
    await page.getByTestId('activity-row').first().click();
    await page.waitForURL(/\/console\/activities\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await expect.poll(() => page.locator('body').innerText(), { timeout: 15_000 }).toContain('五龙河清洁家园行动');
    await screenshot(page, 'desk-activity-detail-1440');

    // the audit log: sentences naming people and objects, never codes or ids
    await page.goto('/console/audit');
    await page.getByTestId('audit-sentence').first().waitFor({ timeout: 20_000 });
    // the demo's other modules write many entries: the desk narrows the log to activities
    await page.getByTestId('audit-object-type').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: /^活动$/ }).click();
    await page.getByTestId('audit-search').click();
    await expect
      .poll(async () => (await page.getByTestId('audit-sentence').allInnerTexts()).some((s) => /王建国 (审核通过了|退回了) 活动「.+」/.test(s)), { timeout: 15_000 })
      .toBe(true);
    const table = await page.getByTestId('audit-table').innerText();
    expect(table).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(table).not.toMatch(/\b[a-z_]+\.[a-z_]+\b/);
    expect(table).not.toMatch(/\b1405\d{2,}\b/);
    expect(table).toContain('社区');
    await fitsWidth(page);
    await screenshot(page, 'desk-audit-1440');
  });

  it('an organiser sets an activity’s place by “use my location” or by a click on the city map, not by typing coordinates', async () => {
    const page = await city.loginAs('desktop', '13800000004', { at: { latitude: 35.4985, longitude: 112.86 } }); // 陈志强, org admin
    await page.goto('/console/activities/new');
    await page.getByTestId('activity-use-location').click();
    await expect.poll(async () => Number(await page.getByTestId('activity-lat').inputValue()), { timeout: 15_000 }).toBeCloseTo(35.4985, 3);
    expect(Number(await page.getByTestId('activity-lng').inputValue())).toBeCloseTo(112.86, 3);
    await page.getByTestId('activity-pick-on-map').click();
    const map = page.getByTestId('activity-map');
    await map.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1500);
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
    await expect.poll(async () => Number(await page.getByTestId('activity-lng').inputValue()), { timeout: 10_000 }).not.toBeCloseTo(112.86, 3);
    const lat = Number(await page.getByTestId('activity-lat').inputValue());
    const lng = Number(await page.getByTestId('activity-lng').inputValue());
    // inside the 晋城市 outline's box (111.93–113.62 °E, 35.19–36.06 °N)
    expect(lat).toBeGreaterThan(35.19);
    expect(lat).toBeLessThan(36.06);
    expect(lng).toBeGreaterThan(111.93);
    expect(lng).toBeLessThan(113.62);
    await screenshot(page, 'desk-activity-place-map-1440');
  });
});
