import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../../support/browser';
import { useDemoCity } from '../../support/demo-city';

const CITY_ADMIN = '13800000001'; // 李文明, region admin of 晋城市
const PARTNER = '13800000005'; // 晋城公交集团's account
const VOLUNTEER = '13800000006'; // 周红梅

const city = useDemoCity();
const { loginAs } = city;

/** A second use straight from the partner's signed-in page (the page's button is disabled by then). */
async function postUse(page: Page, partnerId: string, body: unknown): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ([p, b]) => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('aixin_csrf='))?.split('=')[1] ?? '';
      const r = await fetch(`/api/v1/partners/${p}/uses`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) }, body: JSON.stringify(b) });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    [partnerId, body] as const,
  );
}

describe('a partner benefit: the volunteer shows the card, the partner checks it and logs the use', () => {
  it('logs one use a day and refuses the second with the reason', async () => {
    // the city's admin opens the demo's bus company (its staff: the partner account) and adds a once-a-day ride for everyone
    const admin = await loginAs('desktop', CITY_ADMIN);
    await admin.goto('/console/partners');
    await admin.getByTestId('partner-open').filter({ hasText: '晋城公交集团' }).click();
    const drawer = admin.getByTestId('partner-drawer');
    await drawer.getByTestId('partner-staff-row').first().waitFor({ timeout: 15_000 });
    expect(await drawer.getByTestId('partner-staff-row').innerText()).toContain('晋城公交集团');
    await expect.poll(() => drawer.getByTestId('partner-benefit-row').count(), { timeout: 10_000 }).toBe(1);
    await drawer.getByTestId('benefit-title').fill('爱心乘车日');
    await drawer.getByTestId('benefit-min-stars').fill('0');
    await drawer.getByTestId('benefit-save').click();
    await expect.poll(() => drawer.getByTestId('partner-benefit-row').count(), { timeout: 10_000 }).toBe(2);
    expect(await drawer.getByTestId('partner-benefit-row').filter({ hasText: '爱心乘车日' }).innerText()).toContain('每人每天 1 次');
    await screenshot(admin, 'partners-console');

    // the volunteer opens 权益卡 from 我的: a QR code, the code under it, the ride available
    const volunteer = await loginAs('phone', VOLUNTEER);
    await volunteer.goto('/me');
    await volunteer.getByTestId('me-entry-benefits').click();
    const codeEl = volunteer.getByTestId('benefit-card-code');
    await codeEl.waitFor({ timeout: 15_000 });
    const code = (await codeEl.getAttribute('data-code'))!;
    expect(code).toMatch(/^\d{14}[\dX]\d{6}$/);
    await volunteer.getByTestId('benefit-card-qr').waitFor();
    const ride = volunteer.getByTestId('benefit-row').filter({ hasText: '爱心乘车日' });
    expect(await ride.getAttribute('data-applies')).toBe('true');
    // the demo's free rides need 3 stars: shown with the reason
    const free = volunteer.getByTestId('benefit-row').filter({ hasText: '免费乘坐市内公交' });
    expect(await free.getAttribute('data-applies')).toBe('false');
    expect(await free.getByTestId('benefit-reason').innerText()).toBe('星级不够（需3星及以上）');
    await screenshot(volunteer, 'partners-benefit-card');

    // the bus company's staff member types the code on the phone, sees the masked name and the ride, logs it
    // a partner's staff lands at the card check, their desk
    const partner = await loginAs('phone', PARTNER);
    await partner.waitForURL((u) => u.pathname === '/partner', { timeout: 20_000 });
    await partner.getByTestId('partner-verify-page').waitFor({ timeout: 15_000 });
    await partner.getByTestId('verify-code').fill(code);
    await partner.getByTestId('verify-check').click();
    await partner.getByTestId('verify-result').waitFor({ timeout: 15_000 });
    expect(await partner.getByTestId('verify-name').innerText()).toBe('周*梅');
    const row = partner.getByTestId('benefit-row').filter({ hasText: '爱心乘车日' });
    expect(await row.getAttribute('data-applies')).toBe('true');
    await row.getByTestId('verify-log-use').click();
    await expect.poll(() => partner.getByTestId('use-row').count(), { timeout: 10_000 }).toBe(1);
    // checked again after the use: the same day it no longer applies, and says why
    await expect.poll(() => row.getAttribute('data-applies'), { timeout: 10_000 }).toBe('false');
    expect(await row.getByTestId('benefit-reason').innerText()).toBe('已达到使用次数上限');
    expect(await row.getByTestId('verify-log-use').isDisabled()).toBe(true);
    await screenshot(partner, 'partners-verify');

    // a second use the same day is refused by the server with the reason
    const mine = await partner.evaluate(async () => (await (await fetch('/api/v1/me/partners')).json()) as { items: Array<{ id: string }> });
    const benefits = await partner.evaluate(async (id) => (await (await fetch(`/api/v1/partners/${id}/benefits`)).json()) as { items: Array<{ id: string; title: string }> }, mine.items[0]!.id);
    const fresh = (await (await volunteer.reload(), codeEl.getAttribute('data-code')))!;
    const second = await postUse(partner, mine.items[0]!.id, { code: fresh, benefitId: benefits.items.find((b) => b.title === '爱心乘车日')!.id });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'BENEFIT_NOT_AVAILABLE', details: { reason: 'limit_reached' } });

    // the city's report counts the one use
    await admin.goto('/console/partner-report');
    const line = admin.getByRole('row').filter({ hasText: '爱心乘车日' });
    await line.waitFor({ timeout: 15_000 });
    expect(await line.innerText()).toMatch(/晋城公交集团\s+爱心乘车日\s+1\s+1/);
    await screenshot(admin, 'partners-report');

    // and the bus company reads its own uses from the verify page: its partner, no region to pick
    await partner.getByTestId('verify-to-report').click();
    await partner.getByTestId('partner-report-partner').waitFor({ timeout: 15_000 });
    const own = partner.getByRole('row').filter({ hasText: '爱心乘车日' });
    await own.waitFor({ timeout: 15_000 });
    expect(await own.innerText()).toMatch(/爱心乘车日\s+1\s+1/);
    await screenshot(partner, 'partners-report-own-phone');
  });
});
