import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../../support/browser';
import { composeIdNumber } from '@shared/lib/id-number';
import { useDemoCity } from '../../support/demo-city';

const ORG_ADMIN = '13800000004'; // 陈志强, org admin of 凤台社区志愿服务队
const REGION_ADMIN = '13800000002'; // 王建国, region admin of 城区
// a volunteer the spec registers itself: the demo's 周红梅 is already signed up for (and checked in
// at) the demo activity running now, and an activity open for check-in now would overlap it
const NEWCOMER = { name: '刘晓燕', phone: '13912347706', idNumber: composeIdNumber('140502', '1992-07-09', 63), regionCode: '140502001001' };
const SITE = { latitude: 35.4912, longitude: 112.8526 };

const city = useDemoCity();
const { newContext, loginAs, pickRegion } = city;

async function typeDate(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId).locator('input').first();
  const target = (await input.count()) ? input : page.getByTestId(testId);
  await target.click();
  await target.fill(value);
  await target.press('Enter');
  await page.keyboard.press('Escape');
}

const pad = (n: number) => String(n).padStart(2, '0');
const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

async function kioskUrl(kiosk: Page): Promise<string> {
  await kiosk.getByTestId('kiosk-url').waitFor({ timeout: 20_000 });
  const url = await kiosk.getByTestId('kiosk-url').getAttribute('data-url');
  expect(url).toMatch(/\/checkin\/[0-9a-f-]+\?t=/);
  return url!;
}

describe('an activity from draft to credited hours', () => {
  it('is created, approved, signed up for, checked in and out by QR, settled, and shows in the volunteer’s records', async () => {
    const title = `助老理发进社区 ${Date.now() % 100000}`;
    // started a few minutes ago (the server accepts an activity that has not ended yet), ends about two
    // hours later: check-in is open and the roster can be settled at once, with no waiting on the clock
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000);
    const end = new Date(start.getTime() + 2 * 3600_000);

    // 1. the org admin drafts and submits the activity in the console
    const admin = await loginAs('desktop', ORG_ADMIN);
    await admin.goto('/console/activities');
    await admin.getByTestId('console-activities').waitFor({ timeout: 20_000 });
    await admin.getByTestId('activity-new').click();
    await admin.getByTestId('activity-form').waitFor();
    await admin.getByTestId('activity-org').click();
    await admin.locator('.ant-select-item-option', { hasText: /^凤台社区志愿服务队$/ }).click();
    await admin.getByTestId('activity-title-input').fill(title);
    await admin.getByTestId('activity-category').click();
    await admin.locator('.ant-select-item-option', { hasText: /^助老$/ }).click();
    await admin.getByTestId('activity-description').fill('为社区高龄老人上门理发，请自带围布。');
    await admin.getByTestId('activity-person').fill('陈志强');
    await admin.getByTestId('activity-capacity-input').fill('10');
    await typeDate(admin, 'activity-starts', local(start));
    await typeDate(admin, 'activity-ends', local(end));
    await pickRegion(admin, 'activity-region', ['山西省', '晋城市', '城区', '东街街道', '凤台社区']);
    await admin.getByTestId('activity-address').fill('凤台社区党群服务中心一楼');
    await admin.getByTestId('activity-lat').fill(String(SITE.latitude));
    await admin.getByTestId('activity-lng').fill(String(SITE.longitude));
    // a risky activity without insurance: the server's reason shows by the field, and nothing typed is lost
    await admin.getByTestId('activity-risky').check();
    await admin.getByTestId('activity-save-submit').click();
    const insuredItem = admin.locator('.ant-form-item', { has: admin.getByTestId('activity-insured') });
    await expect.poll(() => insuredItem.locator('.ant-form-item-explain').innerText().catch(() => ''), { timeout: 15_000 }).toMatch(/保险/);
    expect(await admin.getByTestId('activity-title-input').inputValue()).toBe(title);
    await admin.getByTestId('activity-risky').uncheck();
    await admin.getByTestId('activity-save-submit').click();
    await admin.getByTestId('console-activity-detail').waitFor({ timeout: 20_000 });
    await expect.poll(() => admin.getByTestId('activity-status').first().innerText(), { timeout: 10_000 }).toBe('待审核');
    const activityId = new URL(admin.url()).pathname.split('/').pop()!;

    // 2. the region admin approves it from the review queue
    const region = await loginAs('desktop', REGION_ADMIN);
    await region.goto('/console/activity-review');
    await region.getByTestId('review-page').waitFor({ timeout: 20_000 });
    const row = region.getByTestId('review-row').filter({ hasText: title });
    await row.waitFor({ timeout: 15_000 });
    await screenshot(region, 'activity-review-queue');
    await row.getByTestId('review-approve').click();
    await expect.poll(() => region.getByTestId('review-row').filter({ hasText: title }).count(), { timeout: 15_000 }).toBe(0);

    // 3. the volunteer (phone, at the site) finds it and signs up
    const phone = await newContext('phone');
    await phone.grantPermissions(['geolocation'], { origin: city.server.url });
    await phone.setGeolocation({ ...SITE, accuracy: 10 });
    const vol = await phone.newPage();
    await vol.goto('/login');
    await vol.getByTestId('login-form').waitFor({ timeout: 20_000 });
    const registered = await vol.evaluate(async (body) => {
      const r = await fetch('/api/v1/auth/register', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return r.status;
    }, { ...NEWCOMER, password: 'Passw0rd!2026' });
    expect(registered).toBe(201);
    const before = await vol.evaluate(async () => (await (await fetch('/api/v1/me/passbook')).json()) as { balances: { points: number; time: number } });
    await vol.goto('/activities');
    await vol.getByTestId('activity-card').filter({ hasText: title }).click();
    await vol.getByTestId('activity-detail').waitFor({ timeout: 15_000 });
    await vol.getByTestId('activity-signup').click();
    await expect.poll(() => vol.getByTestId('activity-notice').innerText(), { timeout: 10_000 }).toContain('报名成功');
    await vol.goto('/');
    await expect.poll(() => vol.getByTestId('home-next-title').innerText(), { timeout: 15_000 }).toBe(title);

    // 4. the org admin opens the QR kiosk; the volunteer opens its link and checks in
    await admin.reload();
    await expect.poll(() => admin.getByTestId('activity-status').first().innerText(), { timeout: 15_000 }).toBe('已发布');
    await admin.getByTestId('activity-kiosk').click();
    await admin.getByTestId('kiosk-page').waitFor({ timeout: 15_000 });
    await admin.getByTestId('kiosk-qr').waitFor({ timeout: 15_000 });
    expect(await admin.getByTestId('kiosk-title').innerText()).toBe(title);
    const url1 = await kioskUrl(admin);
    expect(url1.startsWith(city.server.url)).toBe(true);
    await vol.goto(url1);
    await vol.getByTestId('checkin-page').waitFor({ timeout: 15_000 });
    expect(await vol.getByTestId('checkin-activity').innerText()).toBe(title);
    await expect.poll(() => vol.getByTestId('checkin-distance').innerText(), { timeout: 15_000 }).toMatch(/距活动地点约 \d+ 米/);
    await screenshot(vol, 'checkin-phone');
    await vol.getByTestId('checkin-button').click();
    await expect.poll(() => vol.getByTestId('checkin-result-title').innerText(), { timeout: 15_000 }).toBe('签到成功');
    await screenshot(vol, 'checkin-phone-success');
    await expect.poll(() => admin.getByTestId('kiosk-checked-in').innerText(), { timeout: 15_000 }).toBe('1');
    await screenshot(admin, 'kiosk-desktop');

    // 5. ... and checks out the same way (scan again: the page offers 签退 once it finds the check-in)
    const url2 = await kioskUrl(admin);
    await vol.goto(url2);
    await vol.getByTestId('checkin-button').click();
    await vol.getByTestId('checkout-button').waitFor({ timeout: 15_000 });
    await vol.getByTestId('checkout-button').click();
    await expect.poll(() => vol.getByTestId('checkin-result-title').innerText(), { timeout: 15_000 }).toContain('签退成功');
    await expect.poll(() => admin.getByTestId('kiosk-checked-out').innerText(), { timeout: 15_000 }).toBe('1');

    // 6. the org admin settles the roster once the activity has started (60 minutes, with a reason)
    const wait = start.getTime() + 2_000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await admin.goto(`/console/activities/${activityId}`);
    await admin.getByTestId('console-activity-detail').waitFor({ timeout: 15_000 });
    await admin.getByTestId('tab-roster').click();
    await expect.poll(() => admin.getByTestId('roster-name').first().innerText(), { timeout: 15_000 }).toBe(NEWCOMER.name);
    await admin.getByTestId('tab-settle').click();
    await admin.getByTestId('settle-minutes').first().waitFor({ timeout: 15_000 });
    await admin.locator('input[data-testid="settle-minutes"], [data-testid="settle-minutes"] input').first().fill('60');
    await admin.getByTestId('settle-submit').click();
    await expect.poll(() => admin.getByTestId('settle-problem').first().innerText(), { timeout: 10_000 }).toContain('原因');
    await admin.getByTestId('settle-reason').first().fill('测试结算');
    // the people it served (受益人数), recorded with the settlement and shown on the activity
    await admin.locator('input[data-testid="settle-served-count"], [data-testid="settle-served-count"] input').first().fill('15');
    await admin.getByTestId('settle-submit').click();
    await admin.getByTestId('settle-all-done').waitFor({ timeout: 15_000 });
    const served = await admin.evaluate(async (id) => ((await (await fetch(`/api/v1/activities/${id}`)).json()) as { beneficiaries: unknown }).beneficiaries, activityId);
    expect(served).toEqual({ count: 15, category: 'residents' });
    await expect.poll(() => admin.getByTestId('console-activity-detail').innerText(), { timeout: 10_000 }).toContain('15 人（社区居民）');
    await admin.getByTestId('tab-records').click();
    await expect.poll(() => admin.getByTestId('record-row-name').first().innerText(), { timeout: 15_000 }).toBe(NEWCOMER.name);

    // 7. the volunteer sees the record and the credit
    await vol.goto('/records');
    const card = vol.getByTestId('record-card').filter({ hasText: title });
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getByTestId('record-credited').innerText()).toContain('60');
    await screenshot(vol, 'records-phone');
    const after = await vol.evaluate(async () => (await (await fetch('/api/v1/me/passbook')).json()) as { balances: { points: number; time: number } });
    expect(after.balances.time + after.balances.points).toBeGreaterThan(before.balances.time + before.balances.points);
    await vol.goto('/notifications');
    await vol.getByTestId('notifications-page').waitFor();
    await expect.poll(() => vol.getByTestId('notification').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  }, 360_000);
});
