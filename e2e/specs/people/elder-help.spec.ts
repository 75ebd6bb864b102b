import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { useDemoCity } from '../../support/demo-city';
import { apiCall, fitsWidth } from '../../support/api-call';
import { rateFiveStars } from '../../support/rate';

const REGION_ADMIN = '13800000002'; // 王建国, region admin of 城区
const ORG_ADMIN = '13800000004'; // 陈志强, admin of 凤台社区志愿服务队
const ELDER = '13800000007'; // 孙木林, 78, 五龙河西社区

const { loginAs } = useDemoCity();

describe('an elder asks for help and hears back (issue 18, journey 1)', () => {
  it('large text offered at 78; the big 求助 button; a short form; dispatched, accepted, arrived, done — each in his inbox', async () => {
    const description = `帮忙换一下厨房的灯泡 e2e-${Date.now() % 100000}`;
    const elder = await loginAs('phone', ELDER);
    await elder.getByTestId('home-page').waitFor({ timeout: 20_000 });

    // large text is offered once, and is really large
    await elder.getByTestId('large-text-offer').waitFor({ timeout: 15_000 });
    await screenshot(elder, 'elder-large-text-offer');
    await elder.getByTestId('large-text-yes').click();
    await elder.getByTestId('large-text-offer').waitFor({ state: 'detached', timeout: 10_000 });
    const bodySize = await elder.evaluate(() => parseFloat(getComputedStyle(document.querySelector('[data-testid=home-page] .ant-typography.ant-typography-secondary') ?? document.body).fontSize));
    expect(bodySize).toBeGreaterThanOrEqual(20);
    expect(await fitsWidth(elder)).toBe(true);
    await screenshot(elder, 'elder-home-large');

    // the big button, a short form: his community known, resident kinds of help only, "when" in words
    await elder.getByTestId('home-ask-help').click();
    await elder.getByTestId('help-page').waitFor({ timeout: 15_000 });
    expect(await elder.getByTestId('request-home-region').innerText()).toContain('五龙河西社区');
    expect(await elder.getByTestId('category-major_events').count()).toBe(0);
    expect(await elder.getByTestId('category-traffic').count()).toBe(0);
    expect(await elder.getByTestId('request-contact-phone').isVisible()).toBe(false); // folded under 更多
    await elder.getByTestId('category-elderly').click();
    await elder.getByTestId('request-description').fill(description);
    await elder.getByTestId('request-address').fill('五龙河西社区6号楼1单元302');
    await elder.getByTestId('when-tomorrow').click();
    expect(await fitsWidth(elder)).toBe(true);
    await screenshot(elder, 'elder-help-form-large');
    await elder.getByTestId('request-submit').click();
    await elder.getByTestId('requests-page').waitFor({ timeout: 15_000 });
    const mine = elder.locator('[data-testid=my-request]', { hasText: description });
    await mine.waitFor({ timeout: 15_000 });
    const id = (await mine.getAttribute('data-id'))!;

    // the region office dispatches to 凤台社区志愿服务队 (its first suggestion for 助老)
    const admin = await loginAs('desktop', REGION_ADMIN);
    const sug = await apiCall(admin, 'GET', `/service-requests/${id}/suggestions`);
    expect(sug.status).toBe(200);
    const team = sug.body.items.find((s: { orgName: string }) => s.orgName === '凤台社区志愿服务队') ?? sug.body.items[0];
    const due = new Date(Date.now() + 2 * 86_400_000).toISOString();
    expect((await apiCall(admin, 'POST', `/service-requests/${id}/dispatch`, { orgId: team.orgId, dueAt: due })).status).toBe(200);

    // the team: a number to call, accepts, arrives, finishes
    const lead = await loginAs('phone', ORG_ADMIN);
    expect((await apiCall(lead, 'PATCH', `/orgs/${team.orgId}`, { contactPhone: '0356-2021234' })).status).toBe(200);
    expect((await apiCall(lead, 'POST', `/service-requests/${id}/accept`, {})).status).toBe(200);
    await elder.reload();
    await mine.waitFor({ timeout: 15_000 });
    const call = mine.getByTestId('my-request-team-phone');
    await call.waitFor({ timeout: 10_000 });
    expect(await call.getAttribute('href')).toBe('tel:03562021234');
    await screenshot(elder, 'elder-request-accepted-large');
    expect((await apiCall(lead, 'POST', `/service-requests/${id}/checkin`, {})).status).toBe(200);
    expect((await apiCall(lead, 'POST', `/service-requests/${id}/checkout`, {})).status).toBe(200);

    // his inbox: every step, in words, with China times and nothing cut off
    await elder.goto('/notifications');
    await elder.getByTestId('notifications-page').waitFor({ timeout: 15_000 });
    await expect.poll(() => elder.getByTestId('notification').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    const inbox = await elder.getByTestId('notifications-page').innerText();
    for (const step of ['您的求助已派单', '志愿者已接单，正准备上门', '志愿者已到达，服务开始', '服务已完成，请确认']) expect(inbox).toContain(step);
    expect(inbox).toContain('凤台社区志愿服务队');
    expect(inbox).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(await fitsWidth(elder)).toBe(true);
    await screenshot(elder, 'elder-notifications-large');

    // he rates it from 我的求助: done
    await elder.getByTestId('notification').filter({ hasText: '服务已完成，请确认' }).first().click();
    await elder.getByTestId('requests-page').waitFor({ timeout: 15_000 });
    await mine.getByTestId('my-request-rate').click();
    await rateFiveStars(elder);
    await expect.poll(() => mine.getByTestId('request-status').innerText(), { timeout: 15_000 }).toBe('已完成');
    await screenshot(elder, 'elder-request-done-large');
  });
});
