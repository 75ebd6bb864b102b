import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { composeIdNumber } from '@shared/lib/id-number';
import { startServer, type RunningServer } from '../../support/server';
import { launchBrowser, phoneContext, screenshot } from '../../support/browser';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function pickRegion(page: Page, names: string[]) {
  await page.getByTestId('register-region').click();
  for (const name of names) {
    await page.locator('.ant-cascader-menu-item', { hasText: new RegExp(`^${name}$`) }).first().click();
  }
  await page.keyboard.press('Escape');
}

describe('a volunteer registers, logs out and logs in again (phone, Chinese)', () => {
  it('shows why a bad ID number is refused next to the field, then registers and sees their own page', async () => {
    const context = await phoneContext(browser, server.url);
    const page = await context.newPage();
    await page.goto('/register');
    await page.getByTestId('register-name').fill('周红梅');
    const good = composeIdNumber('140502', '1990-04-18', 82);
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    await page.getByTestId('register-id-number').fill(bad);
    await page.getByTestId('register-id-number').blur();
    const idItem = page.locator('.ant-form-item', { has: page.getByTestId('register-id-number') });
    await expect.poll(() => idItem.locator('.ant-form-item-explain').innerText(), { timeout: 10_000 }).toContain('校验位');
    await screenshot(page, 'register-bad-id');

    await page.getByTestId('register-id-number').fill(good);
    await page.getByTestId('register-id-number').blur();
    await expect.poll(() => page.getByTestId('register-id-derived').innerText(), { timeout: 10_000 }).toContain('1990');
    await page.getByTestId('register-phone').fill('13912340001');
    await page.getByTestId('register-password').fill('Passw0rd!');
    await page.getByTestId('register-confirm').fill('Passw0rd!');
    await pickRegion(page, ['山西省', '晋城市', '城区', '东街街道', '凤台社区']);
    await page.getByTestId('register-consent').check();
    await page.getByTestId('register-submit').click();
    await page.getByTestId('home-page').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('home-greeting').innerText()).toContain('周红梅');

    await page.goto('/me');
    await page.getByTestId('me-page').waitFor();
    expect(await page.getByTestId('me-name').innerText()).toBe('周红梅');
    expect(await page.getByTestId('me-id-number').innerText()).toBe(`${good.slice(0, 3)}*************${good.slice(-2)}`);
    expect(await page.content()).not.toContain(good);
    await screenshot(page, 'me-page');

    await page.getByTestId('logout').click();
    await page.getByTestId('logout-confirm').click();
    await page.getByTestId('login-form').waitFor({ timeout: 10_000 });

    await page.goto('/me');
    await page.getByTestId('login-form').waitFor();
    await page.getByTestId('login-phone').fill('13912340001');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').innerText(), { timeout: 10_000 }).toMatch(/密码/);
    await page.getByTestId('login-password').fill('Passw0rd!');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('me-page').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('me-name').innerText()).toBe('周红梅');
    expect(await page.locator('html').getAttribute('lang')).toMatch(/zh/);
    expect(await page.getByTestId('me-page').innerText()).toContain('退出登录');
    await context.close();
  });
});
