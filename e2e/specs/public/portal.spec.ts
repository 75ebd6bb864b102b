import { describe, expect, it } from 'vitest';
import { useDemoCity } from '../../support/demo-city';
import { docScreenshot } from '../../support/browser';
import { call } from '../../support/page-call';

const ORG_ADMIN = '13800000004'; // 陈志强, admin of 凤台社区志愿服务队
const REGION_ADMIN = '13800000002'; // 王建国, region admin of 城区

const city = useDemoCity();

const shot = docScreenshot;

/** A published activity in 凤台社区 tomorrow: drafted and submitted by its org admin, approved by the district's admin. */
async function publishActivity(title: string): Promise<string> {
  const admin = await city.loginAs('desktop', ORG_ADMIN);
  const orgs = await call<{ items: { id: string; name: string }[] }>(admin, 'GET', `/orgs?q=${encodeURIComponent('凤台社区志愿服务队')}`);
  const org = orgs.body.items.find((o) => o.name === '凤台社区志愿服务队');
  expect(org).toBeTruthy();
  const start = new Date(Date.now() + 24 * 3600_000);
  const created = await call<{ id: string }>(admin, 'POST', '/activities', {
    orgId: org!.id,
    title,
    category: 'elderly',
    description: '陪社区老人聊天、读报，帮忙整理房间。',
    regionCode: '140502001001',
    address: '凤台社区党群服务中心二楼',
    lat: 35.4985,
    lng: 112.86,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    capacity: 12,
    personInCharge: '陈志强',
  });
  expect(created.status).toBe(201);
  expect((await call(admin, 'POST', `/activities/${created.body.id}/submit`)).status).toBe(200);
  const reviewer = await city.loginAs('desktop', REGION_ADMIN);
  const reviewed = await call<{ status: string }>(reviewer, 'POST', `/activities/${created.body.id}/review`, { decision: 'approve' });
  expect(reviewed.body.status).toBe('published');
  return created.body.id;
}

describe('the public portal, logged out, on a phone', () => {
  it('opens from /, drills from the city into a district, opens an activity and the station map', async () => {
    const title = `陪伴老人读报 ${Date.now() % 100000}`;
    const activityId = await publishActivity(title);

    const page = await (await city.newContext('phone')).newPage();
    await page.goto('/');
    await page.waitForURL((u) => u.pathname === '/portal', { timeout: 20_000 });
    await page.getByTestId('portal-home').waitFor({ timeout: 20_000 });
    // the portal opens at the demo city (the province above holds only it)
    await expect.poll(() => page.getByTestId('region-current').innerText(), { timeout: 15_000 }).toBe('晋城市');
    expect(await page.getByTestId('portal-brand').innerText()).toContain('晋城市');
    // the figures: live numbers with the statistics API, an empty state (no crash) on a server without it
    await page.locator('[data-testid=figures], [data-testid=stats-unavailable]').first().waitFor({ timeout: 20_000 });
    // the coming activity is listed on the home page
    await page.locator('[data-testid=activity-card]', { hasText: title }).waitFor({ timeout: 15_000 });
    await shot(page, 'portal-home-phone');

    // what the community makes public is reachable from the home page on a phone: the post notices
    await page.getByTestId('portal-link-notices').click();
    await page.getByTestId('portal-welfare-notices').waitFor({ timeout: 15_000 });
    await page.getByTestId('welfare-notice-link').first().waitFor({ timeout: 15_000 });
    await page.goBack();
    await page.getByTestId('portal-home').waitFor({ timeout: 15_000 });

    // drill down: city → 城区
    await page.getByTestId('region-down').click();
    await page.locator('.ant-select-item-option', { hasText: /^城区$/ }).click();
    await expect.poll(() => page.getByTestId('region-current').innerText(), { timeout: 15_000 }).toBe('城区');
    expect(new URL(page.url()).searchParams.get('region')).toBe('140502');
    // and further: 城区 → 东街街道, then back up with the trail
    await page.getByTestId('region-down').click();
    await page.locator('.ant-select-item-option', { hasText: /^东街街道$/ }).click();
    await expect.poll(() => page.getByTestId('region-current').innerText(), { timeout: 15_000 }).toBe('东街街道');
    await page.getByTestId('region-up-140502').click();
    await expect.poll(() => page.getByTestId('region-current').innerText(), { timeout: 15_000 }).toBe('城区');

    // activities of 城区: search, open one
    await page.getByTestId('portal-tab-activities').click();
    await page.getByTestId('portal-activities').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('region')).toBe('140502');
    await page.getByTestId('portal-activities-search').locator('input').fill(title.split(' ')[1]!);
    await page.getByTestId('portal-activities-search').locator('input').press('Enter');
    const card = page.locator('[data-testid=activity-card]', { hasText: title });
    await card.waitFor({ timeout: 15_000 });
    // the last list stays on screen while the search loads: wait for the search's answer
    await expect.poll(() => page.locator('[data-testid=activity-card]').count(), { timeout: 15_000 }).toBe(1);
    await card.click();
    await page.waitForURL((u) => u.pathname === `/portal/activities/${activityId}`, { timeout: 15_000 });
    expect(await page.getByTestId('portal-activity-title').innerText()).toBe(title);
    expect(await page.getByTestId('portal-activity-org').innerText()).toBe('凤台社区志愿服务队');
    // the place on the district's outline
    await expect.poll(() => page.getByTestId('station-map').getAttribute('data-map'), { timeout: 15_000 }).toBe('aixin-140502');
    // no volunteer's name without consent: the person in charge is not shown to the public
    expect(await page.getByTestId('portal-activity').innerText()).not.toContain('陈志强');
    await shot(page, 'portal-activity-phone');
    // signing up needs a login, and comes back to the activity
    await page.getByTestId('portal-activity-signup').click();
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === `/activities/${activityId}`, { timeout: 15_000 });
    await page.goBack();

    // the organiser's public profile lists the activity
    await page.getByTestId('portal-activity-org').click();
    await page.getByTestId('portal-org').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('portal-org-name').innerText()).toBe('凤台社区志愿服务队');
    await page.locator('[data-testid=activity-card]', { hasText: title }).waitFor({ timeout: 15_000 });

    // the stations of 城区 over its outline
    await page.goto('/portal/stations?region=140502');
    await page.getByTestId('portal-stations').waitFor({ timeout: 15_000 });
    const map = page.getByTestId('station-map');
    await expect.poll(() => map.getAttribute('data-points'), { timeout: 15_000 }).toBe('4');
    await expect.poll(() => map.getAttribute('data-map'), { timeout: 15_000 }).toBe('aixin-140502');
    expect(await page.getByTestId('portal-station-card').count()).toBe(4);
    expect(await map.locator('canvas').count()).toBeGreaterThan(0);
    await shot(page, 'portal-stations-phone');

    // the whole city's map holds the same stations
    await page.goto('/portal/stations?region=140500');
    await expect.poll(() => page.getByTestId('station-map').getAttribute('data-map'), { timeout: 15_000 }).toBe('aixin-140500');
    // a tap on a district of the city map drills into it: 陵川县 lies in the east, about mid-height
    await page.waitForTimeout(500);
    const box = (await page.getByTestId('station-map').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.47);
    await expect.poll(() => page.getByTestId('region-current').innerText(), { timeout: 15_000 }).toBe('陵川县');
    await expect.poll(() => page.getByTestId('portal-stations-empty').isVisible(), { timeout: 15_000 }).toBe(true);

    // the wish wall is one tab away, and leads back
    await page.getByTestId('portal-tab-wishes').click();
    await page.getByTestId('public-wishes-page').waitFor({ timeout: 15_000 });
    await page.getByTestId('public-wishes-portal').click();
    await page.getByTestId('portal-home').waitFor({ timeout: 15_000 });
  });

  it('the district office’s 数据统计 page: its region, the Excel export and the monthly report of each region', async () => {
    const admin = await city.loginAs('desktop', REGION_ADMIN);
    await admin.goto('/console');
    await admin.getByTestId('console-menu').getByText('数据统计', { exact: true }).click();
    await admin.waitForURL((u) => u.pathname === '/console/stats', { timeout: 15_000 });
    await admin.getByTestId('console-stats').waitFor({ timeout: 20_000 });
    expect(await admin.getByTestId('stats-region').innerText()).toContain('城区');
    const exportUrl = new URL((await admin.getByTestId('stats-export').getAttribute('href'))!, city.server.url);
    expect(exportUrl.pathname).toBe('/api/v1/stats/export.xlsx');
    expect(exportUrl.searchParams.get('regionCode')).toBe('140502');
    expect(exportUrl.searchParams.get('from')).toBe(`${new Date().getFullYear()}-01-01`);
    const reportUrl = new URL((await admin.getByTestId('stats-report').getAttribute('href'))!, city.server.url);
    expect(reportUrl.pathname).toBe('/api/v1/stats/report.pdf');
    expect(reportUrl.searchParams.get('regionCode')).toBe('140502');
    expect(reportUrl.searchParams.get('month')).toMatch(/^\d{4}-\d{2}$/);
    // figures once the statistics API answers, an empty state (not a crash) before
    await admin.locator('[data-testid=figures], [data-testid=stats-unavailable]').first().waitFor({ timeout: 20_000 });
    await shot(admin, 'console-stats-desk');
  });

  it('shows the live figures and the charts of the city’s districts', async () => {
    const page = await (await city.newContext('phone')).newPage();
    await page.goto('/portal');
    const live = await page.evaluate(async () => (await fetch('/api/v1/stats/overview')).status);
    expect(live).toBe(200);
    await page.getByTestId('figures').waitFor({ timeout: 20_000 });
    // the seven demo accounts are registered volunteers; four stations; three active teams (队: no 服务组织 among them)
    expect(Number(await page.getByTestId('figure-volunteers').getAttribute('data-value'))).toBeGreaterThanOrEqual(7);
    expect(Number(await page.getByTestId('figure-stations').getAttribute('data-value'))).toBe(4);
    expect(Number(await page.getByTestId('figure-teams').getAttribute('data-value'))).toBe(3);
    expect(Number(await page.getByTestId('figure-organizations').getAttribute('data-value'))).toBe(0);
    await page.locator('[data-testid=chart-regions], [data-testid=card-regions-empty]').first().waitFor({ timeout: 15_000 });
    await page.locator('[data-testid=chart-trend], [data-testid=card-trend-empty]').first().waitFor({ timeout: 15_000 });
    await shot(page, 'portal-figures-phone');
  });
});
