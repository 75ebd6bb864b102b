import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts');

/** What the browser refused under the server's Content-Security-Policy, in any page of any spec. */
export const CSP_VIOLATIONS: string[] = [];

/**
 * Debian's Chromium, headless, with the flags this sandbox needs (no background networking).
 * Closing it fails the spec file if any page broke the Content-Security-Policy (a refused
 * script, style, image or connection): the UI must work under the policy it is served with.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const close = browser.close.bind(browser);
  browser.close = async (...args: Parameters<Browser['close']>) => {
    await close(...args);
    if (CSP_VIOLATIONS.length) throw new Error(`the UI broke its Content-Security-Policy:\n${[...new Set(CSP_VIOLATIONS)].slice(0, 5).join('\n')}`);
  };
  return browser;
}

function watchCsp(context: BrowserContext): BrowserContext {
  context.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) CSP_VIOLATIONS.push(msg.text());
  });
  return context;
}

export async function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return watchCsp(await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' }));
}

export async function desktopContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return watchCsp(await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The screenshots the docs show (docs/screenshots/): taken into e2e/artifacts, copied to the docs only with AIXIN_DOCS_SCREENSHOTS=1. */
export const DOCS_SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
export async function docScreenshot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  if (process.env.AIXIN_DOCS_SCREENSHOTS !== '1') return;
  fs.mkdirSync(DOCS_SHOTS, { recursive: true });
  fs.copyFileSync(path.join(ARTIFACTS, `${name}.png`), path.join(DOCS_SHOTS, `${name}.png`));
}
