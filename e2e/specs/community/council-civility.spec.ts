import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { useDemoCity } from '../../support/demo-city';

const VOLUNTEER = '13800000006'; // 周红梅: lives in 凤台社区, heads a rated household, named on the red board
const DISTRICT_ADMIN = '13800000002'; // 王建国: the community's staff in the demo

const city = useDemoCity();
const { loginAs } = city;

describe('the residents’ council and the civility board', () => {
  it('a resident raises and supports topics on a phone and follows the overdue follow-up; sees her rating and the board entry naming her', async () => {
    const vol = await loginAs('phone', VOLUNTEER);
    await vol.goto('/me');
    await vol.getByTestId('me-entry-council').click();
    await vol.getByTestId('council-topic').first().waitFor({ timeout: 15_000 });
    const leak = vol.getByTestId('council-topic').filter({ hasText: '3号楼地下室又开始漏水了' });
    expect(await leak.getByTestId('council-topic-status').innerText()).toBe('跟进中');
    await leak.getByTestId('council-overdue').waitFor();
    expect(await leak.getByTestId('council-decision').innerText()).toContain('物业王经理');
    // support a neighbour's topic once
    const charging = vol.getByTestId('council-topic').filter({ hasText: '小区缺少电动车充电桩' });
    await charging.getByTestId('council-support').click();
    await expect.poll(() => charging.getByTestId('council-supports').innerText(), { timeout: 10_000 }).toBe('1 人支持');
    expect(await charging.getByTestId('council-support').isDisabled()).toBe(true);
    // raise a new topic
    await vol.getByTestId('council-title').fill('单元门禁经常坏');
    await vol.getByTestId('council-description').fill('老人进出单元门很不方便，希望尽快修好');
    await vol.getByTestId('council-submit').click();
    await vol.getByTestId('council-topic').filter({ hasText: '单元门禁经常坏' }).waitFor({ timeout: 10_000 });
    await vol.setViewportSize({ width: 375, height: 812 });
    await expect.poll(() => vol.evaluate(() => document.documentElement.scrollWidth), { timeout: 5_000 }).toBeLessThanOrEqual(375);
    await screenshot(vol, 'council-phone');

    await vol.goto('/civility');
    await vol.getByTestId('civility-rating').first().waitFor({ timeout: 15_000 });
    expect(await vol.getByTestId('civility-rating').first().innerText()).toContain('10 星');
    expect(await vol.getByTestId('civility-consent').first().getAttribute('aria-checked')).toBe('true');
    expect(await vol.getByTestId('civility-entry').first().innerText()).toContain('拾金不昧');
    await screenshot(vol, 'civility-phone');

    // a logged-out visitor sees the reviewed entries and the household that consented, masked
    const visitor = await (await city.newContext('phone')).newPage();
    await visitor.goto('/portal/board');
    await visitor.getByTestId('portal-board-entry').first().waitFor({ timeout: 20_000 });
    expect(await visitor.getByTestId('portal-board-entry').first().innerText()).toContain('拾金不昧');
    await visitor.getByTestId('portal-civility-rating').first().waitFor({ timeout: 10_000 });
    const households = await visitor.getByTestId('portal-civility-rating').allInnerTexts();
    expect(households.join('|')).toContain('周*梅家');
    expect(households.join('|')).not.toContain('张');
    expect(await visitor.locator('body').innerText()).not.toContain('东街3号楼');
  });

  it('the community’s staff see the overdue follow-up at a desk; the civility console opens', async () => {
    const admin = await loginAs('desktop', DISTRICT_ADMIN);
    await admin.goto('/console/council');
    await admin.getByTestId('council-topic').first().waitFor({ timeout: 15_000 });
    await admin.getByRole('tab', { name: /逾期跟进/ }).click();
    await admin.getByTestId('council-overdue-list').waitFor({ timeout: 10_000 });
    expect(await admin.getByTestId('council-overdue-list').innerText()).toContain('物业王经理');
    await screenshot(admin, 'council-console');
    await admin.goto('/console/civility');
    await admin.getByTestId('civility-console').waitFor({ timeout: 15_000 });
  });
});
