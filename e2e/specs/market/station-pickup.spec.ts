import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../../support/browser';
import { useDemoCity } from '../../support/demo-city';
import { apiCall } from '../../support/api-call';

const STATION_ADMIN = '13800000003'; // 赵秀英, station admin of 凤台社区志愿服务站
const VOLUNTEER = '13800000006'; // 周红梅: the demo left her order for 洗衣液 waiting at the counter

const city = useDemoCity();

async function fitsWidth(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('the counter on a phone (390 × 844)', () => {
  it('the station keeper opens the console on her phone, finds the order by its typed pickup code and hands it over', async () => {
    // the volunteer's waiting order and its code, as her phone shows them
    const vol = await city.loginAs('phone', VOLUNTEER);
    const waiting = await vol.evaluate(async () => {
      const r = await fetch('/api/v1/me/redemptions?status=reserved');
      return ((await r.json()) as { items: Array<{ id: string; pickupCode: string; productName?: string; stationId: string }> }).items;
    });
    expect(waiting).toHaveLength(1);
    const order = waiting[0]!;

    // the keeper: logs in on a phone and lands at the console, whose menu is folded away
    const keeper = await city.loginAs('phone', STATION_ADMIN);
    await keeper.waitForURL((u) => u.pathname.startsWith('/console'), { timeout: 20_000 });
    await keeper.getByTestId('console-layout').waitFor();
    expect((await keeper.getByTestId('console-sider').boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
    await fitsWidth(keeper);
    await screenshot(keeper, 'pickup-console-home-390');
    // the menu opens from its trigger and leads to 爱心超市
    await keeper.locator('.ant-layout-sider-zero-width-trigger').click();
    await keeper.getByTestId('console-menu').waitFor({ state: 'visible' });
    await screenshot(keeper, 'pickup-console-menu-390');
    await keeper.getByTestId('console-menu').getByText('爱心超市').click();
    await keeper.waitForURL(/\/console\/market/, { timeout: 15_000 });
    await expect.poll(async () => (await keeper.getByTestId('console-sider').boundingBox())?.width ?? 0, { timeout: 5_000 }).toBeLessThanOrEqual(1);

    // the pickup counter: a wrong code first, then the right one typed
    await keeper.getByTestId('market-tab-pickup').click();
    await keeper.getByTestId('market-pickup-input').fill('000000');
    await keeper.getByTestId('market-pickup-find').click();
    await keeper.getByTestId('market-pickup-problem').waitFor({ timeout: 15_000 });
    await keeper.getByTestId('market-pickup-input').fill(order.pickupCode);
    await keeper.getByTestId('market-pickup-find').click();
    await keeper.getByTestId('market-pickup-confirm').waitFor({ timeout: 15_000 });
    await fitsWidth(keeper);
    await screenshot(keeper, 'pickup-found-390');
    await keeper.getByTestId('market-pickup-confirm').click();
    await keeper.getByText('已核销，积分已扣除').waitFor({ timeout: 15_000 });

    // the effect: her order is picked up, nothing waits any more
    const after = await vol.evaluate(async (id) => {
      const r = await fetch(`/api/v1/redemptions/${id}`);
      return { status: r.status, body: (await r.json()) as { status: string; pickupCode: string | null } };
    }, order.id);
    expect(after.status).toBe(200);
    expect(after.body.status).toBe('fulfilled');
    const again = await vol.evaluate(async () => ((await (await fetch('/api/v1/me/redemptions?status=reserved')).json()) as { items: unknown[] }).items.length);
    expect(again).toBe(0);

    // a second order, shown as the QR on her phone; the keeper scans it with the phone's camera.
    // The camera is a canvas showing that QR (headless Chromium has none); the reader is the real
    // one — ZXing's WebAssembly from this site, as on a phone whose browser lacks BarcodeDetector.
    const cheapest = await apiCall(vol, 'GET', `/stations/${order.stationId}/products?pageSize=100`);
    expect(cheapest.status).toBe(200);
    const product = (cheapest.body.items as Array<{ id: string; pointsPrice: number; stock: number }>).filter((p) => p.stock > 0).sort((a, b) => a.pointsPrice - b.pointsPrice)[0]!;
    const second = await apiCall(vol, 'POST', '/redemptions', { productId: product.id, quantity: 1 });
    expect(second.status).toBe(201);
    expect(second.body.pickupQr).toMatch(/^data:image\/png;base64,/);
    await keeper.evaluate((qr) => {
      const w = window as unknown as { __fakeQr: string };
      w.__fakeQr = qr;
      navigator.mediaDevices.getUserMedia = async () => {
        const img = new Image();
        img.src = w.__fakeQr;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = 480;
        c.height = 480;
        const g = c.getContext('2d')!;
        const draw = () => {
          g.fillStyle = '#fff';
          g.fillRect(0, 0, 480, 480);
          g.drawImage(img, 60, 60, 360, 360);
        };
        draw();
        setInterval(draw, 100);
        return c.captureStream(10);
      };
    }, second.body.pickupQr as string);
    await keeper.getByTestId('market-pickup-input').fill('');
    await keeper.getByTestId('market-pickup-scan').click();
    await keeper.getByTestId('market-pickup-confirm').waitFor({ timeout: 30_000 });
    expect(await keeper.getByTestId('market-pickup-input').inputValue()).toContain(second.body.id);
    await screenshot(keeper, 'pickup-scanned-390');
    await keeper.getByTestId('market-pickup-confirm').click();
    await keeper.getByText('已核销，积分已扣除').waitFor({ timeout: 15_000 });
    const scanned = await apiCall(vol, 'GET', `/redemptions/${second.body.id}`);
    expect(scanned.body.status).toBe('fulfilled');
  });
});
