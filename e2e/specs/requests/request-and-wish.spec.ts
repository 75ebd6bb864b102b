import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { rateFiveStars } from '../../support/rate';
import { useDemoCity } from '../../support/demo-city';

const REGION_ADMIN = '13800000002'; // 王建国, region admin of 城区
const ORG_ADMIN = '13800000004'; // 陈志强, admin of 凤台社区志愿服务队
const VOLUNTEER = '13800000006'; // 周红梅
const ELDER = '13800000007'; // 孙木林, 78
const FENGTAI = { latitude: 35.4985, longitude: 112.86 };
// a 1×1 PNG, as a phone's photo would be read
const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const city = useDemoCity();
const { newContext, loginAs, pickRegion } = city;

describe('四单工作法 and 微心愿 in the browser', () => {
  it('one request from 点单 to 评单: order (phone), dispatch with suggestions (desktop), accept, check in and out, rate 5 stars', async () => {
    const description = `帮忙打扫卫生 e2e-${Date.now()}`;
    // 孙木林 asks for help on his phone
    const elder = await loginAs('phone', ELDER, { at: FENGTAI });
    await elder.goto('/me');
    await elder.getByTestId('me-entry-help').click();
    await elder.getByTestId('help-page').waitFor();
    // locating, the contact and paying with time are folded under 更多 for a resident
    await elder.getByTestId('request-more').locator('.ant-collapse-header').click();
    await elder.getByTestId('request-balance').waitFor();
    // nothing chosen: the reasons stand next to the fields
    await elder.getByTestId('request-submit').click();
    const catItem = elder.locator('.ant-form-item', { has: elder.getByTestId('request-category') });
    await expect.poll(() => catItem.locator('.ant-form-item-explain').innerText(), { timeout: 10_000 }).toContain('请选择服务类别');
    await elder.getByTestId('category-elderly').click();
    await elder.getByTestId('request-description').fill(description);
    // his own community is filled in; this time the help is needed elsewhere
    await elder.getByTestId('request-other-place').click();
    await pickRegion(elder, 'request-region', ['山西省', '晋城市', '城区', '东街街道', '凤台社区']);
    await elder.getByTestId('request-address').fill('凤台社区3号楼2单元101');
    await elder.getByTestId('request-locate').click();
    await elder.getByTestId('request-located').waitFor({ timeout: 15_000 });
    await screenshot(elder, 'requests-help-form');
    await elder.getByTestId('request-submit').click();
    await elder.getByTestId('requests-page').waitFor({ timeout: 15_000 });
    const mine = elder.locator('[data-testid=my-request]', { hasText: description });
    await mine.waitFor({ timeout: 15_000 });
    expect(await mine.getByTestId('request-status').innerText()).toBe('待派单');
    await screenshot(elder, 'requests-mine-ordered');

    // 王建国 dispatches it from 派单中心 after reading the suggestions and their reasons
    const admin = await loginAs('desktop', REGION_ADMIN);
    // the console home lists the work waiting: this order is waiting for dispatch
    await admin.goto('/console');
    await admin.getByTestId('work-dispatch').waitFor({ timeout: 20_000 });
    await expect.poll(async () => Number((await admin.getByTestId('work-dispatch').locator('.ant-statistic-content-value').innerText()).replace(/\D/g, '') || 0), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await screenshot(admin, 'console-work-waiting');
    await admin.getByTestId('work-dispatch').click();
    await admin.waitForURL((u) => u.pathname === '/console/dispatch', { timeout: 15_000 });
    await admin.getByTestId('dispatch-page').waitFor({ timeout: 20_000 });
    const row = admin.locator('[data-testid=dispatch-row]', { hasText: description });
    await row.waitFor({ timeout: 15_000 });
    await row.getByTestId('dispatch-open').click();
    await admin.getByTestId('dispatch-detail').waitFor({ timeout: 15_000 });
    const sug = admin.locator('[data-testid=suggestion]', { hasText: '凤台社区志愿服务队' });
    await sug.waitFor({ timeout: 15_000 });
    expect(await sug.getByTestId('suggestion-why').innerText()).toContain('服务类别含“助老”');
    await screenshot(admin, 'requests-dispatch-drawer');
    await sug.getByTestId('suggestion-choose').click();
    await admin.getByTestId('dispatch-submit').click();
    await expect.poll(() => admin.getByTestId('dispatch-detail').getByTestId('request-status').first().innerText(), { timeout: 15_000 }).toBe('待接单');

    // 陈志强 accepts naming himself, then checks in and out at the address
    const lead = await loginAs('phone', ORG_ADMIN, { at: FENGTAI });
    await lead.goto('/requests/assigned');
    const job = lead.locator('[data-testid=assigned-request]', { hasText: description });
    await job.waitFor({ timeout: 15_000 });
    await job.getByTestId('assigned-accept').click();
    await lead.getByTestId('accept-form').waitFor();
    const me = lead.locator('[data-testid=accept-helper]', { hasText: '陈志强' });
    await me.waitFor();
    expect(await me.locator('input').isChecked()).toBe(true);
    await screenshot(lead, 'requests-accept');
    await lead.getByTestId('accept-submit').click();
    await expect.poll(() => job.getByTestId('request-status').innerText(), { timeout: 15_000 }).toBe('已接单');
    await job.getByTestId('assigned-checkin').click();
    await expect.poll(() => job.getByTestId('request-status').innerText(), { timeout: 15_000 }).toBe('服务中');
    await job.getByTestId('assigned-checkout').click();
    await expect.poll(() => job.getByTestId('request-status').innerText(), { timeout: 15_000 }).toBe('待评价');
    await screenshot(lead, 'requests-assigned-served');

    // 孙木林 rates it 5 stars
    await elder.reload();
    await mine.waitFor({ timeout: 15_000 });
    expect(await mine.getByTestId('request-status').innerText()).toBe('待评价');
    await mine.getByTestId('my-request-rate').click();
    await rateFiveStars(elder, '非常感谢，打扫得很干净');
    await expect.poll(() => mine.getByTestId('request-status').innerText(), { timeout: 15_000 }).toBe('已完成');
    await mine.getByTestId('my-request-history-toggle').click();
    await mine.getByTestId('request-history').waitFor({ timeout: 15_000 });
    const actions = await mine.getByTestId('history-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(['order', 'dispatch', 'accept', 'checkin', 'checkout', 'rate']);
    const historyText = await mine.getByTestId('request-history').innerText();
    for (const word of ['点单', '派单', '接单', '到达签到', '服务签退', '评价', '王建国', '陈志强']) expect(historyText).toContain(word);
    await screenshot(elder, 'requests-mine-rated');
  });

  it('one wish from registration to fulfilment: register, the public wall without the person, claim, deliver, confirm', async () => {
    const title = `一个新书包 ${Date.now() % 100000}`;
    const admin = await loginAs('desktop', REGION_ADMIN);
    await admin.goto('/console/wishes');
    await admin.getByTestId('console-wishes-page').waitFor({ timeout: 20_000 });
    await admin.getByTestId('wish-register').click();
    await admin.getByTestId('wish-form').waitFor();
    await admin.getByTestId('wish-title-input').fill(title);
    await admin.getByTestId('wish-story-input').fill('孩子今年上三年级，书包已经破了，想要一个新书包。');
    await admin.getByTestId('wish-value-input').fill('120');
    await pickRegion(admin, 'wish-region', ['城区', '东街街道', '凤台社区']);
    await admin.getByTestId('wish-beneficiary-input').fill('李小明');
    await admin.getByTestId('wish-beneficiary-phone').fill('13912345678');
    await admin.getByTestId('wish-submit').click();
    const row = admin.locator('[data-testid=wish-row]', { hasText: title });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.innerText()).toContain('李小明');
    expect(await row.getByTestId('wish-status').innerText()).toBe('待认领');

    // anyone, without login: the wall shows the wish but never who it is for
    const anon = await newContext('phone');
    const wall = await anon.newPage();
    await wall.goto('/wishes');
    await wall.getByTestId('public-wishes-page').waitFor({ timeout: 20_000 });
    const card = wall.locator('[data-testid=wish-card]', { hasText: title });
    await card.waitFor({ timeout: 15_000 });
    expect(await card.innerText()).toContain('¥120');
    expect(await card.innerText()).toContain('凤台社区');
    expect(await wall.content()).not.toContain('李小明');
    expect(await wall.content()).not.toContain('13912345678');
    expect(await card.getByTestId('public-wish-claim').isVisible()).toBe(true);
    await screenshot(wall, 'wishes-public-wall');

    // 周红梅 claims it and delivers it with a note and a photo
    const vol = await loginAs('phone', VOLUNTEER);
    await vol.goto('/me');
    await vol.getByTestId('me-entry-wishes').click();
    await vol.getByTestId('wishes-page').waitFor();
    const open = vol.locator('[data-testid=wish-card]', { hasText: title });
    await open.waitFor({ timeout: 15_000 });
    await open.getByTestId('wish-claim').click();
    await vol.getByTestId('claim-form').waitFor();
    await vol.getByTestId('claim-submit').click();
    const claimed = vol.locator('[data-testid=wish-card]', { hasText: title });
    await claimed.getByTestId('wish-deliver').waitFor({ timeout: 15_000 });
    expect(await claimed.innerText()).toContain('周红梅');
    await claimed.getByTestId('wish-deliver').click();
    await vol.getByTestId('deliver-form').waitFor();
    await vol.getByTestId('deliver-note').fill('已送到孩子家中，孩子很喜欢');
    await vol.getByTestId('deliver-photo').setInputFiles({ name: 'bag.png', mimeType: 'image/png', buffer: PNG_1x1 });
    await screenshot(vol, 'wishes-deliver');
    await vol.getByTestId('deliver-submit').click();
    await vol.getByTestId('deliver-form').waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
    await expect.poll(() => claimed.getByTestId('wish-status').innerText(), { timeout: 15_000 }).toBe('已送达');

    // 王建国 sees the delivery note and confirms it fulfilled; the figures count it
    await admin.reload();
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('wish-delivery-note').innerText()).toContain('已送到孩子家中');
    await row.getByTestId('wish-confirm').click();
    await admin.getByTestId('wish-confirm-ok').click();
    await expect.poll(() => row.getByTestId('wish-status').innerText(), { timeout: 15_000 }).toBe('已实现');
    await expect.poll(async () => Number((await admin.getByTestId('wish-stat-fulfilled').innerText()).replace(/\D/g, '')), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await screenshot(admin, 'wishes-console-fulfilled');
    await wall.reload();
    await expect.poll(async () => Number((await wall.getByTestId('wish-stat-fulfilled').innerText()).replace(/\D/g, '')), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(await wall.locator('[data-testid=wish-card]', { hasText: title }).getByTestId('wish-status').innerText()).toBe('已实现');
    await screenshot(wall, 'wishes-public-fulfilled');
  });
});
