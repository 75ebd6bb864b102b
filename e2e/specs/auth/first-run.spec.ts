import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../support/server';
import { desktopContext, launchBrowser, phoneContext, screenshot } from '../../support/browser';

/** A fresh installation, no admin yet: the login page says how the first one is made. */
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

describe('the first run', () => {
  it('the login page (phone, Chinese; desk) names AIXIN_ADMIN_* and `npx aixin admin create`', async () => {
    const phone = await (await phoneContext(browser, server.url)).newPage();
    await phone.goto('/login');
    const hint = phone.getByTestId('login-needs-admin');
    await expect.poll(() => hint.isVisible(), { timeout: 15_000 }).toBe(true);
    const text = await hint.innerText();
    expect(text).toContain('还没有管理员账号');
    expect(text).toContain('AIXIN_ADMIN_PHONE');
    expect(text).toContain('npx aixin admin create');
    // nothing wider than the phone
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'first-run-login-phone');

    const desk = await (await desktopContext(browser, server.url)).newPage();
    await desk.goto('/login');
    await expect.poll(() => desk.getByTestId('login-needs-admin').isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(desk, 'first-run-login-desk');
    // English is fetched when chosen (it is not in the first download), and remembered on this device
    const englishFiles: string[] = [];
    desk.on('request', (r) => {
      if (/\/assets\/en-[^/]+\.js$/.test(r.url())) englishFiles.push(r.url());
    });
    await desk.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => desk.getByTestId('login-needs-admin').innerText(), { timeout: 10_000 }).toContain('there is no administrator yet');
    expect(englishFiles).toHaveLength(1);
    await desk.reload();
    await expect.poll(() => desk.getByTestId('login-needs-admin').innerText(), { timeout: 15_000 }).toContain('there is no administrator yet');
  });
});
