import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './server';
import { desktopContext, launchBrowser, phoneContext } from './browser';

/** The demo accounts' password (README.md lists the accounts). */
export const DEMO_PASSWORD = 'Aixin@2026';

export type Device = 'phone' | 'desktop';

export interface DemoCity {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A fresh browser (its own cookies), closed after the file; optionally located somewhere. */
  newContext(kind: Device, opts?: { at?: { latitude: number; longitude: number } }): Promise<BrowserContext>;
  /** Fills the login form on the page it is on (the page must show it). */
  login(page: Page, phone: string): Promise<void>;
  /** A new browser, logged in as a demo account. */
  loginAs(kind: Device, phone: string, opts?: { at?: { latitude: number; longitude: number } }): Promise<Page>;
  /** Picks a path in an antd region cascader, root first. */
  pickRegion(page: Page, testId: string, names: string[]): Promise<void>;
}

/**
 * The real server on the demo city (its own data folder) and Debian's Chromium, for one spec
 * file: registers the hooks that start and stop them.
 */
export function useDemoCity(): DemoCity {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  const city: DemoCity = {
    get server() {
      if (!server) throw new Error('the demo server is not started yet');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not started yet');
      return browser;
    },
    async newContext(kind, opts = {}) {
      const context = kind === 'phone' ? await phoneContext(city.browser, city.server.url) : await desktopContext(city.browser, city.server.url);
      contexts.push(context);
      if (opts.at) {
        await context.grantPermissions(['geolocation'], { origin: city.server.url });
        await context.setGeolocation(opts.at);
      }
      return context;
    },
    async login(page, phone) {
      await page.getByTestId('login-form').waitFor({ timeout: 20_000 });
      await page.getByTestId('login-phone').fill(phone);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
    },
    async loginAs(kind, phone, opts) {
      const page = await (await city.newContext(kind, opts)).newPage();
      await page.goto('/login');
      await city.login(page, phone);
      return page;
    },
    async pickRegion(page, testId, names) {
      await page.getByTestId(testId).click();
      const menus = page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu');
      for (const [level, name] of names.entries()) {
        const item = menus.nth(level).locator('.ant-cascader-menu-item', { hasText: new RegExp(`^${name}$`) }).first();
        await item.click();
        if (level === names.length - 1) break;
        // the next column is loaded on demand: on a busy machine a click can land while the column
        // is still loading and be dropped, so click again until the column shows
        for (let attempt = 0; attempt < 5; attempt++) {
          if (await menus.nth(level + 1).locator('.ant-cascader-menu-item').first().isVisible()) break;
          await page.waitForTimeout(1000);
          if (!(await menus.nth(level + 1).locator('.ant-cascader-menu-item').first().isVisible())) await item.click();
        }
      }
      await page.keyboard.press('Escape');
    },
  };
  return city;
}
