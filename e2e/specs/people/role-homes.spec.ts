import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { docScreenshot } from '../../support/browser';
import { useDemoCity, type Device } from '../../support/demo-city';

/**
 * Issue 18: every role's home, in Chinese and in English, on the device that role uses. Each home
 * must load with something true on it, without a raw translation key, an ISO time or (in Chinese)
 * an English sentence. The screenshots go to e2e/artifacts; with AIXIN_DOCS_SCREENSHOTS=1 they are
 * copied to docs/screenshots/ (the files the closing note shows).
 */
const ROLES: Array<{ key: string; phone: string; device: Device; home: 'console-dashboard' | 'home-page' | 'partner-verify-page' }> = [
  { key: 'city-admin', phone: '13800000001', device: 'desktop', home: 'console-dashboard' },
  { key: 'district-admin', phone: '13800000002', device: 'desktop', home: 'console-dashboard' },
  { key: 'station-keeper', phone: '13800000003', device: 'desktop', home: 'console-dashboard' },
  { key: 'org-admin', phone: '13800000004', device: 'desktop', home: 'console-dashboard' },
  { key: 'partner', phone: '13800000005', device: 'phone', home: 'partner-verify-page' },
  { key: 'volunteer', phone: '13800000006', device: 'phone', home: 'home-page' },
  { key: 'elder', phone: '13800000007', device: 'phone', home: 'home-page' },
];
const LANGS = ['zh-CN', 'en'] as const;

const city = useDemoCity();

async function homeOf(phone: string, device: Device, lang: (typeof LANGS)[number]): Promise<Page> {
  const context = await city.newContext(device);
  await context.addInitScript((l) => localStorage.setItem('aixin.lang', l), lang);
  const page = await context.newPage();
  await page.goto('/login');
  await city.login(page, phone);
  return page;
}

describe('each role’s home, in Chinese and in English (issue 18)', () => {
  for (const lang of LANGS) {
    it(`${lang}: staff land at their desk, a partner's staff at the card check, volunteers at the phone home; nothing raw on any of them`, async () => {
      for (const role of ROLES) {
        const page = await homeOf(role.phone, role.device, lang);
        if (role.home === 'console-dashboard') await page.waitForURL((u) => u.pathname.startsWith('/console'), { timeout: 20_000 });
        await page.getByTestId(role.home).waitFor({ timeout: 20_000 });
        await page.waitForLoadState('networkidle');
        // no skeleton left spinning
        await expect.poll(() => page.locator('.ant-skeleton-active, .ant-spin-spinning').count(), { timeout: 15_000 }).toBe(0);
        const text = await page.locator('body').innerText();
        expect(text, `${role.key} ${lang}: a raw i18n key`).not.toMatch(/\b[a-z]+\.[a-z]+[A-Z]?\w*\.[a-z]\w*\b/);
        expect(text, `${role.key} ${lang}: an ISO time`).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
        if (lang === 'zh-CN') expect(text, `${role.key}: English words in the Chinese UI`).not.toMatch(/\b(the|and|of|your|with)\b/i);
        else expect(text, `${role.key}: the English UI is in English`).toContain({ 'console-dashboard': 'Dashboard', 'home-page': 'Home', 'partner-verify-page': 'Check' }[role.home]);
        await docScreenshot(page, `home-${role.key}-${lang === 'zh-CN' ? 'zh' : 'en'}`);
        await page.context().close();
      }
    });
  }
});
