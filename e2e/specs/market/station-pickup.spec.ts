import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../../support/browser';
import { useDemoCity } from '../../support/demo-city';

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
      return ((await r.json()) as { items: Array<{ id: string; pickupCode: string; productName?: string }> }).items;
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
  });
});
