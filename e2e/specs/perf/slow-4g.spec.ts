import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, screenshot } from '../../support/browser';
import { DEMO_PASSWORD, useDemoCity } from '../../support/demo-city';

const VOLUNTEER = '13800000006'; // 周红梅

/** Lighthouse's slow 4G: 1.6 Mbps down, 750 kbps up, 150 ms round trip. */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

const city = useDemoCity();

interface Load {
  ms: number;
  requests: number;
  bytes: number;
}

/** A page of a fresh context (a cold cache) on the slow network; counts what crossed the wire. */
async function throttledPage(context: BrowserContext): Promise<{ page: Page; wire: () => { requests: number; bytes: number } }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  let requests = 0;
  let bytes = 0;
  const urls = new Map<string, string>();
  const t0 = Date.now();
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    requests += 1;
    bytes += e.encodedDataLength;
    if (process.env.AIXIN_PERF_TRACE) fs.appendFileSync(process.env.AIXIN_PERF_TRACE, `${Date.now() - t0} ${e.encodedDataLength} ${urls.get(e.requestId)}\n`);
  });
  return { page, wire: () => ({ requests, bytes }) };
}

async function timed(page: Page, wire: () => { requests: number; bytes: number }, url: string, ready: (p: Page) => Promise<unknown>): Promise<Load> {
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  return { ms: Date.now() - t0, ...wire() };
}

describe('fast on a slow phone', () => {
  it('serves compressed, long-cached assets and a revalidated index.html', async () => {
    const base = city.server.url;
    const html = await fetch(`${base}/login`, { headers: { accept: 'text/html' } });
    expect(html.status).toBe(200);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const entry = /src="(\/assets\/index-[^"]+\.js)"/.exec(await html.text())?.[1];
    expect(entry).toBeTruthy();
    const br = await fetch(`${base}${entry}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const gz = await fetch(`${base}${entry}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const plain = await fetch(`${base}${entry}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number(plain.headers.get('content-length'))).toBeGreaterThan(Number(br.headers.get('content-length')) * 2);
  });

  it('on slow 4G with a cold cache: the login page is usable < 3 s, the passbook < 4 s', async () => {
    // the login page: the form can be filled and sent
    const first = await throttledPage(await city.newContext('phone'));
    const login = await timed(first.page, first.wire, '/login', async (p) => {
      await p.getByTestId('login-phone').waitFor({ state: 'visible', timeout: 20_000 });
      await p.getByTestId('login-submit').waitFor({ state: 'visible' });
    });
    await screenshot(first.page, 'perf-slow-4g-login');
    // the passbook, signed in, opened cold: its balances and first entries on screen
    const context = await city.newContext('phone');
    const signIn = await context.request.post(`${city.server.url}/api/v1/auth/login`, { data: { phone: VOLUNTEER, password: DEMO_PASSWORD } });
    expect(signIn.status()).toBe(200);
    const second = await throttledPage(context);
    const passbook = await timed(second.page, second.wire, '/passbook', async (p) => {
      await p.getByTestId('passbook-list').locator('[data-testid="passbook-entry"]').first().waitFor({ state: 'visible', timeout: 20_000 });
    });
    await screenshot(second.page, 'perf-slow-4g-passbook');
    const figures = { network: 'slow 4G (1.6 Mbps down, 750 kbps up, 150 ms RTT), cold cache, 390 × 844', login, passbook };
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'slow-4g.json'), JSON.stringify(figures, null, 2));
    // the figures are in e2e/artifacts/slow-4g.json, and in the message of a failed check
    const said = `slow 4G: login usable ${login.ms} ms (${login.requests} requests, ${Math.round(login.bytes / 1024)} kB); passbook ${passbook.ms} ms (${passbook.requests} requests, ${Math.round(passbook.bytes / 1024)} kB)`;
    expect(login.ms, said).toBeLessThan(3000);
    expect(passbook.ms, said).toBeLessThan(4000);
  });
});
