import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { screenshot } from '../../support/browser';
import { useDemoCity } from '../../support/demo-city';

const GRID_WORKER = '13800000021'; // 刘丽萍, grid worker of 凤台第一片区
const ELDER = '13800000022'; // 王桂兰, living alone in 凤台小区1号楼
const CITY_ADMIN = '13800000001';
const BUILDING_1 = { latitude: 35.4985, longitude: 112.86 };
const FAR = { latitude: 35.51, longitude: 112.88 };

const city = useDemoCity();
const { loginAs } = city;

describe('a grid worker’s visit on the phone', () => {
  it('sees today’s and overdue visits, records one at the door inside the geofence, and turns the need into a request', async () => {
    const phone = await loginAs('phone', GRID_WORKER, { at: FAR });
    await phone.goto('/me');
    await phone.getByTestId('me-entry-grid').click();
    await phone.getByTestId('grid-home').waitFor({ timeout: 15_000 });
    const overdue = phone.getByTestId('grid-overdue').getByTestId('grid-visit-row');
    await expect.poll(() => overdue.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await phone.getByTestId('grid-today').getByTestId('grid-visit-row').count()).toBeGreaterThan(0);
    expect(Number(await phone.getByTestId('grid-count-pension').locator('.ant-statistic-content-value').innerText())).toBeGreaterThan(0);
    const wang = overdue.filter({ hasText: '王**' });
    expect(await wang.innerText()).toContain('1号楼');
    await screenshot(phone, 'care-grid-home');

    // the drive's list on the same page: one resident marked as helped at home, on their behalf
    const rows = phone.getByTestId('grid-pension-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const open = await rows.count();
    await rows.first().getByTestId('pension-helped').click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(open - 1);

    // at the door but 2 km away: refused with the distance; at the building: recorded
    await wang.getByTestId('grid-visit-open').click();
    await phone.getByTestId('visit-form').waitFor();
    expect(await phone.getByTestId('visit-place').innerText()).toContain('1号楼');
    await phone.getByTestId('visit-findings').fill('老人精神不错；卫生间水管漏水，地面湿滑，需要维修');
    await phone.getByTestId('visit-follow-up').click();
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#5d6d7e' } }).png().toBuffer();
    await phone.getByTestId('visit-photo').setInputFiles({ name: 'bathroom.png', mimeType: 'image/png', buffer: png });
    await phone.getByTestId('visit-submit').click();
    const err = phone.getByTestId('visit-error');
    await err.waitFor({ timeout: 15_000 });
    expect(await err.innerText()).toMatch(/米/);
    await phone.context().setGeolocation(BUILDING_1);
    await phone.getByTestId('visit-submit').click();
    await phone.getByTestId('visit-recorded').waitFor({ timeout: 15_000 });
    expect(await phone.getByTestId('visit-recorded').getAttribute('data-has-photo')).toBe('true');
    await screenshot(phone, 'care-visit-recorded');

    // the need becomes a residents' request on her behalf, linked to the visit
    await phone.getByTestId('visit-request').waitFor();
    await phone.getByTestId('visit-request-description').fill('卫生间水管漏水，请安排维修');
    await phone.getByTestId('visit-request-submit').click();
    await phone.getByTestId('visit-request-done').waitFor({ timeout: 15_000 });

    // back home: 王桂兰 is no longer overdue
    await phone.goto('/grid');
    await phone.getByTestId('grid-home').waitFor();
    await expect.poll(() => phone.getByTestId('grid-overdue').getByTestId('grid-visit-row').filter({ hasText: '王**' }).count(), { timeout: 10_000 }).toBe(0);
    expect(Number(await phone.getByTestId('grid-count-done').locator('.ant-statistic-content-value').innerText())).toBeGreaterThanOrEqual(1);

    // 王桂兰 sees the request among hers, entered for her
    const elder = await loginAs('phone', ELDER);
    await elder.goto('/requests');
    await expect.poll(async () => (await elder.locator('body').innerText()).includes('卫生间水管漏水，请安排维修'), { timeout: 15_000 }).toBe(true);

    // the community console shows the read of her household by the grid worker
    const admin = await loginAs('desktop', CITY_ADMIN);
    await admin.goto('/console/care');
    await admin.getByTestId('care-page').waitFor({ timeout: 15_000 });
    await city.pickRegion(admin, 'care-community', ['晋城市', '城区', '东街街道', '凤台社区']);
    await admin.getByRole('tab', { name: '住户' }).click();
    await admin.getByTestId('care-household-open').first().waitFor({ timeout: 15_000 });
    // opening a household is itself logged: the read log in the drawer shows this very read
    await admin.getByTestId('care-household-open').nth(0).click();
    const detail = admin.getByTestId('care-household-detail');
    await detail.waitFor({ timeout: 15_000 });
    const firstAddress = await detail.locator('strong').first().innerText();
    await expect.poll(async () => admin.getByTestId('care-reads').innerText(), { timeout: 10_000 }).toContain('李文明 · 查看详情');
    await admin.locator('.ant-drawer-close').click();
    await detail.waitFor({ state: 'detached', timeout: 10_000 });
    // another household never shows the first one's answer while it loads (its answer is held back a moment)
    await admin.route('**/api/v1/care/households/*', async (route) => {
      await new Promise((r) => setTimeout(r, 1_500));
      await route.continue();
    });
    await admin.getByTestId('care-household-open').nth(1).click();
    await admin.locator('.ant-drawer-body').waitFor({ timeout: 5_000 });
    expect(await detail.count()).toBe(0);
    await detail.waitFor({ timeout: 15_000 });
    await admin.unroute('**/api/v1/care/households/*');
    expect(await detail.locator('strong').first().innerText()).not.toBe(firstAddress);
    await admin.locator('.ant-drawer-close').click();
    await detail.waitFor({ state: 'detached', timeout: 10_000 });
    // community staff register a household by hand
    await admin.getByTestId('care-add-household').click();
    const dialog = admin.getByRole('dialog').filter({ hasText: '登记住户' });
    await dialog.locator('.ant-select').first().click();
    await admin.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '凤台小区 · 2号楼' }).click();
    await dialog.getByLabel('门牌号').fill('606');
    await dialog.getByLabel('户主').fill('郭大娘');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await admin.locator('.ant-message').getByText('已保存').waitFor({ timeout: 10_000 });
    await admin.getByRole('tab', { name: '工作进度' }).click();
    await admin.getByTestId('care-drive-progress').waitFor({ timeout: 15_000 });
    // those not yet authenticated become door-to-door visits in one step
    await admin.getByTestId('care-drive-visits').click();
    await admin.locator('.ant-message').getByText(/已生成 \d+ 个上门走访/).waitFor({ timeout: 10_000 });
    await screenshot(admin, 'care-console-progress');
  }, 180_000);
});
