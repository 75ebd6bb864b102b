import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { useDemoCity } from '../../support/demo-city';

const city = useDemoCity();
const { loginAs } = city;

describe('love supermarket: a volunteer redeems, the station confirms the pickup by code', () => {
  it('orders a rice cooker for 800 points, shows the code, staff confirm it, the passbook shows the debit', async () => {
    // 周红梅, volunteer at 凤台社区 (the demo gives her points, and some history: read her balance first)
    const phone = await loginAs('phone', '13800000006');
    const PRICE = 800; // the demo shelf's rice cooker
    const before = await phone.evaluate(async () => (await (await fetch('/api/v1/me/passbook?ledger=points')).json()) as { balances: { points: number } });
    expect(before.balances.points).toBeGreaterThanOrEqual(PRICE);
    const left = before.balances.points - PRICE;
    await phone.goto('/market');
    await phone.getByTestId('market-page').waitFor();
    const cooker = phone.getByTestId('market-product').filter({ hasText: '电饭煲' });
    await cooker.waitFor({ timeout: 15_000 });
    await screenshot(phone, 'market-shelf');
    await cooker.click();
    await phone.getByTestId('market-confirm').waitFor();
    // the figure shown is exactly what is left (antd may group thousands with commas)
    await expect.poll(async () => (await phone.getByTestId('market-balance-after').innerText()).replace(/,/g, '').trim(), { timeout: 10_000 }).toMatch(new RegExp(`\\D${left}$`));
    await screenshot(phone, 'market-confirm');
    await phone.getByTestId('market-confirm').click();
    const codeEl = phone.getByTestId('market-pickup-code').first();
    await codeEl.waitFor({ timeout: 15_000 });
    const code = (await codeEl.innerText()).trim();
    expect(code).toMatch(/^\d{6}$/);
    await phone.getByTestId('market-pickup-qr').first().waitFor();
    await screenshot(phone, 'market-my-order');

    // 赵秀英, station admin of 凤台社区志愿服务站
    const desk = await loginAs('desktop', '13800000003');
    await desk.goto('/console/market');
    await desk.getByTestId('market-console').waitFor({ timeout: 20_000 });
    await desk.getByTestId('market-tab-pickup').click();
    await desk.getByTestId('market-pickup-input').fill('000000' === code ? '111111' : '000000');
    await desk.getByTestId('market-pickup-find').click();
    await desk.getByTestId('market-pickup-problem').waitFor();
    await desk.getByTestId('market-pickup-input').fill(code);
    await desk.getByTestId('market-pickup-find').click();
    await desk.getByTestId('market-found-order').waitFor();
    expect(await desk.getByTestId('market-found-order').innerText()).toContain('周红梅');
    await screenshot(desk, 'market-pickup');
    await desk.getByTestId('market-pickup-confirm').click();
    await desk.getByTestId('market-found-order').waitFor({ state: 'detached', timeout: 10_000 });

    // the passbook: the price out, nothing else
    const pb = await phone.evaluate(async () => (await fetch('/api/v1/me/passbook?ledger=points')).json());
    expect(pb.balances.points).toBe(left);
    expect(pb.items.some((i: { kind: string; amount: number }) => i.kind === 'redeemed' && i.amount === -PRICE)).toBe(true);
    await phone.reload();
    await phone.getByTestId('market-tab-orders').click();
    await expect.poll(() => phone.getByTestId('market-my-order').first().innerText(), { timeout: 10_000 }).toContain('已取货');
    await screenshot(phone, 'market-fulfilled');
  }, 120_000);
});
