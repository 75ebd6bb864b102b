import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../../support/browser';
import { useDemoCity } from '../../support/demo-city';

const STATION_ADMIN = '13800000003'; // 赵秀英: records sales at the demo charity sale's stalls
const DISTRICT_ADMIN = '13800000002'; // 王建国: region admin of 城区, who set the sale up

const city = useDemoCity();
const { loginAs } = city;

const fenOf = async (page: Page, testId: string) => Number(await page.getByTestId(testId).getAttribute('data-fen'));

describe('a charity sale: a sale recorded at the stall, the public account to the fen', () => {
  it('the recorder adds a sale on a phone; a logged-out visitor reads the account balancing to the fen', async () => {
    // the recorder opens 义卖记账 from 我的: the demo sale has raised the seed's 3,092.50 yuan
    const rec = await loginAs('phone', STATION_ADMIN);
    await rec.goto('/me');
    await rec.getByTestId('me-entry-charity').click();
    await rec.getByTestId('charity-app-event').first().click();
    await rec.getByTestId('charity-sale-form').waitFor({ timeout: 15_000 });
    expect(await fenOf(rec, 'charity-totals-raised')).toBe(309_250);
    expect(await rec.getByTestId('charity-totals-raised').innerText()).toContain('3,092.50');

    // two comics at 5.00 each; the buyer gives 12.50
    await rec.locator('label.ant-radio-button-wrapper', { hasText: '一号家庭摊位' }).click();
    await rec.getByTestId('charity-sale-item').click();
    await rec.locator('.ant-select-item-option', { hasText: '漫画书' }).first().click();
    await rec.getByTestId('charity-sale-quantity').fill('2');
    await expect.poll(() => rec.getByTestId('charity-sale-amount').getAttribute('placeholder'), { timeout: 5_000 }).toBe('10.00');
    // a mistyped amount is refused next to the field, not rounded
    await rec.getByTestId('charity-sale-amount').fill('12.505');
    await rec.getByTestId('charity-sale-submit').click();
    await rec.getByText('请填写金额，最多两位小数，如 12.50').first().waitFor({ timeout: 5_000 });
    await rec.getByTestId('charity-sale-amount').fill('12.5');
    await rec.getByTestId('charity-sale-submit').click();
    await expect.poll(() => fenOf(rec, 'charity-totals-raised'), { timeout: 15_000 }).toBe(310_500);
    expect(await rec.getByTestId('charity-totals-held').innerText()).toContain('1,105.00');
    await expect.poll(() => rec.getByTestId('charity-sale-row').first().innerText(), { timeout: 10_000 }).toContain('¥12.50');
    // nothing spills sideways on a 375 px phone
    await rec.setViewportSize({ width: 375, height: 812 });
    await expect.poll(() => rec.evaluate(() => document.documentElement.scrollWidth), { timeout: 5_000 }).toBeLessThanOrEqual(375);
    await screenshot(rec, 'charity-till-phone');

    // a visitor who is not logged in opens the portal's charity page and the sale's public account
    const visitorCtx = await city.newContext('phone');
    const visitor = await visitorCtx.newPage();
    await visitor.goto('/portal/charity');
    await visitor.getByTestId('portal-charity-event').first().waitFor({ timeout: 20_000 });
    expect(await fenOf(visitor, 'charity-region-totals-raised')).toBe(310_500);
    await visitor.getByTestId('portal-charity-event').filter({ hasText: '小义卖' }).click();
    await visitor.getByTestId('charity-account-totals').waitFor({ timeout: 15_000 });
    expect(await fenOf(visitor, 'charity-account-totals-raised')).toBe(310_500);
    expect(await fenOf(visitor, 'charity-account-totals-disbursed')).toBe(200_000);
    expect(await fenOf(visitor, 'charity-account-totals-held')).toBe(110_500);
    expect(await visitor.getByTestId('charity-account-totals').innerText()).toMatch(/3,105\.00[\s\S]*2,000\.00[\s\S]*1,105\.00/);
    await visitor.getByTestId('charity-account-balances').waitFor();
    const stalls = await visitor.getByTestId('charity-account-stalls').innerText();
    expect(stalls).toContain('一号家庭摊位');
    const disb = await visitor.getByTestId('charity-account-disbursements').innerText();
    expect(disb).toContain('2,000.00');
    expect(disb).toContain('FT-2026-001');
    // no child, guardian or recorder named in public
    const text = await visitor.locator('body').innerText();
    for (const name of ['小雨', '乐乐', '周红梅', '陈志强', '赵秀英']) expect(text, name).not.toContain(name);
    await visitor.setViewportSize({ width: 375, height: 812 });
    await expect.poll(() => visitor.evaluate(() => document.documentElement.scrollWidth), { timeout: 5_000 }).toBeLessThanOrEqual(375);
    await screenshot(visitor, 'charity-public-account-phone');
  });

  it('at a desk, the district admin cannot pay out more than is held, and is told what is held', async () => {
    const admin = await loginAs('desktop', DISTRICT_ADMIN);
    await admin.goto('/console/charity');
    await admin.getByTestId('charity-open').first().click();
    const drawer = admin.getByTestId('charity-drawer');
    await drawer.getByTestId('charity-totals').waitFor({ timeout: 15_000 });
    const held = Number(await drawer.getByTestId('charity-totals-held').getAttribute('data-fen'));
    expect(held).toBeGreaterThanOrEqual(109_250);
    await drawer.getByRole('tab', { name: '善款去向' }).click();
    const form = drawer.getByTestId('charity-payout-form');
    await form.getByLabel('受助对象', { exact: true }).fill('社区困难家庭');
    await form.getByLabel('用途').fill('冬季慰问');
    await form.getByLabel('拨付金额（元）').fill('99999.99');
    await form.getByLabel('收据编号').fill('FT-2026-002');
    await form.locator('button[type=submit]').click();
    await drawer.getByTestId('charity-payout-error').waitFor({ timeout: 10_000 });
    expect(await drawer.getByTestId('charity-payout-error').innerText()).toContain('结余');
    expect(Number(await drawer.getByTestId('charity-totals-held').getAttribute('data-fen'))).toBe(held);
    // the demo's payout has no scan yet: she attaches the shop's receipt as a PDF, and it is listed with her name
    const payout = drawer.getByTestId('charity-payouts').locator('.ant-list-item').filter({ hasText: 'FT-2026-001' });
    await payout.getByText('未附票据扫描件').waitFor();
    await payout.locator('input[type=file]').setInputFiles({ name: '超市购物发票.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await payout.getByTestId('charity-receipt').filter({ hasText: '超市购物发票' }).waitFor({ timeout: 10_000 });
    await screenshot(admin, 'charity-console');
    // the public account says the payout has its scan (the file itself stays with staff)
    await admin.goto('/portal/charity');
    await admin.getByTestId('portal-charity-event').filter({ hasText: '小义卖' }).click();
    await admin.getByTestId('charity-account-receipt-files').first().waitFor({ timeout: 15_000 });
    expect(await admin.getByTestId('charity-account-receipt-files').first().innerText()).toContain('票据 1 份');
  });
});
