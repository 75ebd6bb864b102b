import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../../support/browser';
import { useDemoCity } from '../../support/demo-city';
import { apiCall as call } from '../../support/api-call';

const VOLUNTEER = '13800000006'; // 周红梅
const ORG_ADMIN = '13800000004'; // 陈志强, org admin of 凤台社区志愿服务队
const REGION_ADMIN = '13800000002'; // 王建国, region admin of 城区

const city = useDemoCity();
const { loginAs } = city;

const TITLE = '2026年度城区最美志愿者评选';

async function openCampaign(page: Page) {
  await page.goto('/console/awards');
  await page.getByTestId('awards-page').waitFor({ timeout: 20_000 });
  await page.locator('[data-testid=campaign-row]', { hasText: TITLE }).getByTestId('campaign-open').click();
  await page.getByTestId('campaign-detail').waitFor();
}

describe('an award campaign: nominated, approved, voted, published on the honour wall', () => {
  it('shows the winner on the honour wall to a visitor who is logged out', async () => {
    // the region admin starts the campaign in the console (no minimum hours)
    const region = await loginAs('desktop', REGION_ADMIN);
    await region.goto('/console/awards');
    await region.getByTestId('awards-page').waitFor({ timeout: 20_000 });
    await region.getByTestId('campaign-create').click();
    await region.getByTestId('campaign-form').waitFor();
    await region.getByTestId('campaign-title-input').fill(TITLE);
    await region.getByTestId('campaign-min-hours').fill('0');
    await region.getByTestId('campaign-submit').click();
    await region.getByTestId('campaign-detail').waitFor({ timeout: 15_000 });
    await expect.poll(() => region.getByTestId('campaign-detail').getByTestId('campaign-phase').first().innerText(), { timeout: 10_000 }).toBe('提名中');

    // the organisation nominates its member 周红梅 with reasons and a link
    const volunteer = await loginAs('phone', VOLUNTEER);
    const me = await call(volunteer, 'GET', '/me');
    const orgAdmin = await loginAs('desktop', ORG_ADMIN);
    const orgs = await call(orgAdmin, 'GET', `/orgs?q=${encodeURIComponent('凤台社区志愿服务队')}`);
    const added = await call(orgAdmin, 'POST', `/orgs/${orgs.body.items[0].id as string}/members`, { userId: me.body.user.id });
    expect([201, 409]).toContain(added.status);
    await openCampaign(orgAdmin);
    await orgAdmin.getByTestId('nominate-card').waitFor();
    await orgAdmin.getByTestId('nominate-org').click();
    await orgAdmin.locator('.ant-select-item-option', { hasText: /^凤台社区志愿服务队$/ }).click();
    await orgAdmin.getByTestId('nominate-subject').click();
    await orgAdmin.locator('.ant-select-item-option', { hasText: '周红梅' }).first().click();
    await orgAdmin.getByTestId('nominate-reasons').fill('坚持每周为独居老人送餐理发，三年从未间断，群众交口称赞。');
    await orgAdmin.getByTestId('nominate-evidence').fill('https://news.example.cn/2026/zhou-hongmei');
    // and a photo as an evidence file
    const { default: sharp } = await import('sharp');
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#e8443a' } }).png().toBuffer();
    await orgAdmin.locator('[data-testid=nominate-card] input[type=file]').setInputFiles({ name: '送餐照片.png', mimeType: 'image/png', buffer: photo });
    await orgAdmin.getByText('送餐照片.png').waitFor({ timeout: 10_000 });
    await orgAdmin.getByTestId('nominate-submit').click();
    await expect.poll(() => orgAdmin.getByTestId('nominations-panel').innerText(), { timeout: 15_000 }).toContain('周红梅');
    expect(await orgAdmin.getByTestId('nomination-status').first().innerText()).toContain('待审核');
    expect(await orgAdmin.getByTestId('nominate-problem').count(), await orgAdmin.locator('[data-testid=nominate-problem]').allInnerTexts().then((x) => x.join())).toBe(0);
    await screenshot(orgAdmin, 'awards-console-nominate');

    // the region approves, then closes the nominations and opens the vote
    await openCampaign(region);
    // the reviewer opens the evidence photo from the nomination
    const evidenceLink = region.getByTestId('nomination-evidence').filter({ hasText: '送餐照片' });
    await evidenceLink.waitFor({ timeout: 15_000 });
    const evidenceHref = (await evidenceLink.getAttribute('href'))!;
    const file = await region.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, type: r.headers.get('content-type'), bytes: (await r.arrayBuffer()).byteLength };
    }, evidenceHref);
    expect(file).toMatchObject({ status: 200, type: 'image/png' });
    expect(file.bytes).toBeGreaterThan(50);
    await region.getByTestId('approve-nomination').first().click();
    await expect.poll(() => region.getByTestId('nomination-status').first().innerText(), { timeout: 15_000 }).toContain('已通过');
    await region.getByTestId('open-voting').click();
    await expect.poll(() => region.getByTestId('campaign-detail').getByTestId('campaign-phase').first().innerText(), { timeout: 15_000 }).toBe('投票中');

    // another volunteer votes on the phone, on the portal's campaign page
    const voter = await loginAs('phone', ORG_ADMIN);
    await voter.goto('/portal/honours');
    await voter.locator('[data-testid=portal-campaign-card]', { hasText: TITLE }).click();
    await voter.getByTestId('candidate-card').first().waitFor({ timeout: 15_000 });
    await voter.getByTestId('vote-button').first().click();
    await expect.poll(() => voter.getByTestId('candidate-votes').first().innerText(), { timeout: 15_000 }).toBe('1 票');
    expect(await voter.getByTestId('vote-button').first().innerText()).toContain('今日已投');
    await screenshot(voter, 'awards-portal-vote-phone');

    // the region closes the vote, picks the winner and publishes
    await openCampaign(region);
    await region.getByTestId('close-voting').click();
    await region.getByTestId('winner-check').first().waitFor({ timeout: 15_000 });
    await region.getByTestId('winner-check').first().click();
    await region.getByTestId('publish-results').click();
    await expect.poll(() => region.getByTestId('campaign-detail').getByTestId('campaign-phase').first().innerText(), { timeout: 15_000 }).toBe('已公布');

    // logged out, the honour wall shows the award (the name masked without consent to public display)
    const anon = await (await city.newContext('phone')).newPage();
    await anon.goto('/portal/honours');
    const entry = anon.getByTestId('honour-entry').first();
    await entry.waitFor({ timeout: 20_000 });
    expect(await entry.innerText()).toContain('最美志愿者');
    expect(await entry.getByTestId('honour-name').innerText()).toMatch(/^周.?梅$|^周\*梅$|^周红梅$/);
    expect(await entry.innerText()).toContain(TITLE);
    await screenshot(anon, 'awards-honour-wall-phone');

    // the award is on the volunteer's record, with its honour certificate
    await volunteer.goto('/records');
    await volunteer.getByTestId('my-award').first().waitFor({ timeout: 15_000 });
    expect(await volunteer.getByTestId('my-award').first().innerText()).toContain('最美志愿者');
    // its honour certificate, verified logged out on the same page as a service certificate
    await volunteer.goto('/stars');
    const cert = volunteer.locator('[data-testid=cert-item]', { hasText: '荣誉证书' }).first();
    await cert.waitFor({ timeout: 15_000 });
    const href = (await cert.getByTestId('cert-verify-link').getAttribute('href'))!;
    await anon.goto(href);
    await expect.poll(() => anon.getByTestId('verify-status').innerText(), { timeout: 15_000 }).toContain('证明有效');
    expect(await anon.getByTestId('verify-award').innerText()).toBe('最美志愿者');
    await screenshot(anon, 'awards-honour-certificate-verify');
  });
});
