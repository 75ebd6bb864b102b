import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { DEMO_PASSWORD, useDemoCity } from '../../support/demo-city';
import { apiCall } from '../../support/api-call';

const REGION_ADMIN = '13800000002'; // 王建国, region admin of 城区
const VOLUNTEER = '13800000006'; // 周红梅
const ELDER = '13800000007'; // 孙木林
const ORG_ADMIN = '13800000004'; // 陈志强

const city = useDemoCity();
const { newContext, loginAs } = city;

async function resetWith(phone: string, code: string, password: string) {
  const page = await (await newContext('phone')).newPage();
  await page.goto('/login');
  await page.getByTestId('login-form').waitFor({ timeout: 20_000 });
  await page.getByTestId('to-reset').click();
  await page.getByTestId('reset-page').waitFor({ timeout: 15_000 });
  await page.getByTestId('reset-phone').fill(phone);
  await page.getByTestId('reset-code').fill(code);
  await page.getByTestId('reset-password').fill(password);
  return page;
}

describe('accounts people can keep (issue 18, journey 7)', () => {
  it('forgot the password: the station issues a one-time code; the reset page sets a new one; the old one stops working', async () => {
    const admin = await loginAs('desktop', REGION_ADMIN);
    await admin.goto('/console/volunteers');
    await admin.getByTestId('volunteers-filter-q').fill('周红梅');
    await admin.getByTestId('volunteers-search').click();
    const row = admin.getByTestId('volunteers-table').locator('tbody tr', { hasText: '周红梅' });
    await row.waitFor({ timeout: 15_000 });
    // where people are listed, their service time and points are shown (the demo gave her weeks of service)
    expect(await row.getByTestId('volunteer-hours').innerText()).toMatch(/\d+(小时|分钟)/);
    expect(await row.getByTestId('volunteer-points').innerText()).toMatch(/^[\d,]+$/);
    await row.getByTestId('volunteer-open').click();
    await admin.getByTestId('reset-code-issue').click();
    const code = (await admin.getByTestId('reset-code-value').innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await screenshot(admin, 'reset-code-issued-at-station');

    const page = await resetWith(VOLUNTEER, code, 'NewPassw0rd!');
    await screenshot(page, 'reset-page');
    await page.getByTestId('reset-submit').click();
    await page.waitForURL((u) => u.pathname === '/', { timeout: 20_000 });
    await page.getByTestId('home-page').waitFor({ timeout: 15_000 });

    // the same code a second time: refused, said plainly
    const again = await resetWith(VOLUNTEER, code, 'Another0ne!');
    await again.getByTestId('reset-submit').click();
    await again.getByTestId('reset-error').waitFor({ timeout: 15_000 });
    expect(await again.getByTestId('reset-error').innerText()).toContain('验证码');
    await screenshot(again, 'reset-page-refused');

    // the old password no longer opens the account
    const old = await (await newContext('phone')).newPage();
    await old.goto('/login');
    await old.getByTestId('login-form').waitFor({ timeout: 20_000 });
    await old.getByTestId('login-phone').fill(VOLUNTEER);
    await old.getByTestId('login-password').fill(DEMO_PASSWORD);
    await old.getByTestId('login-submit').click();
    await old.getByTestId('login-error').waitFor({ timeout: 15_000 });
  });

  it('a verified relative issues the code from 我的家人; the elder resets with it', async () => {
    const elder = await loginAs('phone', ELDER);
    const elderId = (await apiCall(elder, 'GET', '/me')).body.user.id as string;
    // 周红梅, with the password she set in the test above
    const relPage = await (await newContext('phone')).newPage();
    await relPage.goto('/login');
    await relPage.getByTestId('login-form').waitFor({ timeout: 20_000 });
    await relPage.getByTestId('login-phone').fill(VOLUNTEER);
    await relPage.getByTestId('login-password').fill('NewPassw0rd!');
    await relPage.getByTestId('login-submit').click();
    await relPage.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
    const link = await apiCall(relPage, 'POST', '/relatives', { relativeUserId: elderId, relation: 'parent' });
    expect(link.status).toBe(201);
    const admin = await loginAs('desktop', REGION_ADMIN);
    expect((await apiCall(admin, 'POST', `/relatives/${link.body.id}/verify`)).status).toBe(200);

    await relPage.goto('/relatives');
    await relPage.getByTestId('relatives-page').waitFor({ timeout: 15_000 });
    await relPage.getByTestId('relative-reset-issue').click();
    const code = (await relPage.getByTestId('relative-reset-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await screenshot(relPage, 'reset-code-from-relative');

    const page = await resetWith(ELDER, code, 'Sunmulin2026');
    await page.getByTestId('reset-submit').click();
    await page.waitForURL((u) => u.pathname === '/', { timeout: 20_000 });
    await page.getByTestId('home-page').waitFor({ timeout: 15_000 });

    // whoever typed the code, the account is held: the passbook says why and who issued the code,
    // and nothing goes to the issuer (周红梅) until staff other than her check the elder in person
    await page.goto('/passbook');
    await page.getByTestId('recovery-notice').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('recovery-notice').innerText()).toContain('周红梅');
    await screenshot(page, 'passbook-recovery-hold');
    const relId = (await apiCall(relPage, 'GET', '/me')).body.user.id as string;
    const give = await apiCall(page, 'POST', '/transfers', { toUserId: relId, ledger: 'points', amount: 1, idempotencyKey: crypto.randomUUID() });
    expect(give.status).toBe(403);
    expect(give.body.error.code).toBe('RECOVERY_HOLD');

    await admin.goto('/console/volunteers');
    await admin.getByTestId('volunteers-filter-q').fill('孙木林');
    await admin.getByTestId('volunteers-search').click();
    const row = admin.getByTestId('volunteers-table').locator('tbody tr', { hasText: '孙木林' });
    await row.waitFor({ timeout: 15_000 });
    await row.getByTestId('volunteer-open').click();
    await admin.getByTestId('recovery-card').waitFor({ timeout: 15_000 });
    expect(await admin.getByTestId('recovery-item').first().innerText()).toContain('周红梅');
    await admin.getByTestId('recovery-confirm').click();
    await admin.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => admin.getByTestId('recovery-item').first().innerText(), { timeout: 15_000 }).toContain('当面核验');
    await screenshot(admin, 'recovery-confirmed-at-counter');
    await page.reload();
    await page.getByTestId('passbook-page').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('recovery-notice').count(), { timeout: 10_000 }).toBe(0);
  });

  it('the terms and the privacy notice are real pages, Chinese first, linked from the login page', async () => {
    const page = await (await newContext('phone')).newPage();
    await page.goto('/login');
    await page.getByTestId('legal-links').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('to-privacy').getAttribute('href')).toBe('/privacy');
    await page.goto('/privacy');
    await page.getByTestId('legal-privacy').waitFor({ timeout: 15_000 });
    const text = await page.getByTestId('legal-privacy').innerText();
    for (const words of ['个人信息保护说明', '身份证号', '公开展示', '撤回']) expect(text).toContain(words);
    await screenshot(page, 'legal-privacy');
    await page.goto('/terms');
    await page.getByTestId('legal-terms').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('legal-terms').innerText()).toContain('用户服务协议');
  });

  it('the device list keeps one row per device: signing in again on the same phone replaces its row', async () => {
    const page = await loginAs('phone', ORG_ADMIN);
    // signing in again from the same phone (its device cookie), without logging out
    for (let i = 0; i < 2; i++) expect((await apiCall(page, 'POST', '/auth/login', { phone: ORG_ADMIN, password: DEMO_PASSWORD })).status).toBe(200);
    await page.goto('/me');
    await page.getByTestId('me-sessions').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('session-row').count(), { timeout: 10_000 }).toBe(1);
    // another phone is another row
    await loginAs('phone', ORG_ADMIN);
    await page.reload();
    await expect.poll(() => page.getByTestId('session-row').count(), { timeout: 10_000 }).toBe(2);
    await screenshot(page, 'me-devices');
  });
});
