import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { useDemoCity } from '../../support/demo-city';

const CITY_ADMIN = '13800000001'; // 李文明, region admin of 晋城市
const REGION_ADMIN = '13800000002'; // 王建国, region admin of 城区
const VOLUNTEER = '13800000006'; // 周红梅
const ELDER = '13800000007'; // 孙木林, 78

const city = useDemoCity();

/** Minutes as 首页 shows them in Chinese: 0分钟, 4小时, 4小时30分钟. */
function zhMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}分钟`;
  return m === 0 ? `${h}小时` : `${h}小时${m}分钟`;
}
const { loginAs } = city;

describe('the time bank: passbook, family, transfer, policy', () => {
  it('shows real balances and both passbooks, declares a relative, staff verify it, gives points once, the policy reads its defaults', async () => {
    // the volunteer: 首页 shows her real balances (the demo city gives her points and some service time: read them first)
    const vol = await loginAs('phone', VOLUNTEER);
    const start = await vol.evaluate(async () => (await (await fetch('/api/v1/me/passbook?ledger=points')).json()) as { balances: { points: number; time: number }; total: number });
    const startTime = await vol.evaluate(async () => (await (await fetch('/api/v1/me/passbook?ledger=time')).json()) as { balances: { points: number; time: number }; total: number });
    expect(startTime.balances).toEqual(start.balances);
    expect(startTime.total === 0).toBe(start.balances.time === 0);
    await vol.goto('/');
    await vol.getByTestId('balance-points').waitFor({ timeout: 15_000 });
    await expect.poll(() => vol.getByTestId('balance-points').innerText(), { timeout: 10_000 }).toContain(String(start.balances.points));
    expect(await vol.getByTestId('balance-time').innerText()).toContain(zhMinutes(start.balances.time));
    await screenshot(vol, 'ledger-home');

    await vol.goto('/me');
    await vol.getByTestId('me-ledger').waitFor();
    await vol.getByTestId('me-entry-passbook').click();
    await vol.getByTestId('passbook-page').waitFor();
    if (start.total === 0) {
      await vol.getByTestId('passbook-empty').waitFor({ timeout: 15_000 });
      expect(await vol.getByTestId('passbook-empty').innerText()).toContain('还没有积分记录');
    } else {
      await vol.getByTestId('passbook-entry').first().waitFor({ timeout: 15_000 });
      expect(await vol.getByTestId('passbook-entry-amount').first().innerText()).toMatch(/^[+-]/);
    }
    expect(await vol.getByTestId('passbook-pdf').getAttribute('href')).toBe('/api/v1/me/passbook.pdf?ledger=points');
    await screenshot(vol, 'ledger-passbook-points');
    // the time tab: her entries, or (nothing yet) what to do next
    await vol.getByTestId('passbook-tab-time').click();
    if (startTime.total === 0) {
      await vol.getByTestId('passbook-empty').waitFor({ timeout: 15_000 });
      expect(await vol.getByTestId('passbook-empty').innerText()).toContain('还没有时间记录');
      expect(await vol.getByTestId('passbook-empty').innerText()).toContain('去看看活动');
    } else {
      await expect.poll(() => vol.getByTestId('passbook-entry-amount').first().innerText().catch(() => ''), { timeout: 15_000 }).toMatch(/^[+-]\d.*(分钟|小时)$/);
      expect(await vol.getByTestId('passbook-empty').count()).toBe(0);
    }
    expect(await vol.getByTestId('passbook-xlsx').getAttribute('href')).toBe('/api/v1/me/passbook.xlsx?ledger=time');
    await screenshot(vol, startTime.total === 0 ? 'ledger-passbook-time-empty' : 'ledger-passbook-time');
    const xlsx = await vol.evaluate(async () => {
      const r = await fetch('/api/v1/me/passbook.xlsx?ledger=time');
      return { status: r.status, type: r.headers.get('content-type') };
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toContain('spreadsheetml');

    // no verified relative yet: the transfer page says what to do next
    await vol.goto('/transfer');
    await vol.getByTestId('transfer-no-relatives').waitFor({ timeout: 15_000 });

    // the elder's volunteer number, as a relative would know it (read here through staff)
    const staff = await loginAs('desktop', REGION_ADMIN);
    const elder = await staff.evaluate(async (phone) => {
      const r = await fetch(`/api/v1/volunteers?q=${phone}`);
      const page = (await r.json()) as { items: { phone: string; volunteerNo: string; name: string }[] };
      return page.items.find((p) => p.phone === phone)!;
    }, ELDER);
    expect(elder.volunteerNo).toBeTruthy();

    // the volunteer declares the elder as her grandparent: a wrong number first, then the right one
    await vol.goto('/relatives');
    await vol.getByTestId('relatives-empty').waitFor({ timeout: 15_000 });
    await vol.getByTestId('relative-phone').fill(ELDER);
    await vol.getByTestId('relative-volunteer-no').fill('ZZ999999');
    await vol.getByTestId('relative-find').click();
    await expect.poll(() => vol.getByTestId('relative-problem').innerText(), { timeout: 10_000 }).toContain('没有找到');
    await vol.getByTestId('relative-volunteer-no').fill(elder.volunteerNo);
    await vol.getByTestId('relative-find').click();
    await expect.poll(() => vol.getByTestId('relative-found').innerText(), { timeout: 10_000 }).toContain('孙*林');
    await vol.getByTestId('relative-relation').click();
    await vol.locator('.ant-select-item-option', { hasText: '祖父母' }).first().click();
    await vol.getByTestId('relative-submit').click();
    await expect.poll(() => vol.getByTestId('relative-status').first().innerText(), { timeout: 10_000 }).toBe('待核验');
    expect(await vol.getByTestId('relative-row').first().innerText()).toContain('孙木林');
    await screenshot(vol, 'ledger-relatives-pending');

    // the region admin verifies it in the console
    await staff.goto('/console/relatives');
    await staff.getByTestId('review-table').waitFor({ timeout: 15_000 });
    await expect.poll(() => staff.getByTestId('review-relation').first().innerText(), { timeout: 10_000 }).toContain('孙木林 是 周红梅 的祖父母');
    await screenshot(staff, 'ledger-console-relatives');
    await staff.getByTestId('review-verify').first().click();
    await staff.getByTestId('review-verify-confirm').click();
    await staff.locator('.ant-message', { hasText: '已核验通过' }).waitFor({ timeout: 10_000 });

    // the policy page: 城区 inherits the defaults, 10 points an hour, up to the half hour
    await staff.goto('/console/policies');
    await staff.getByTestId('policy-effective').waitFor({ timeout: 15_000 });
    expect(await staff.getByTestId('policy-points-per-hour').innerText()).toBe('10');
    expect(await staff.getByTestId('policy-rounding').innerText()).toContain('向上取整到半小时');
    expect(await staff.getByTestId('policy-source').innerText()).toContain('系统默认值');
    expect(await staff.getByTestId('policy-not-retro').innerText()).toContain('不会追溯');
    await screenshot(staff, 'ledger-console-policy');

    // now the relative can be chosen; giving more time than she has is refused in plain words before anything is sent
    await vol.goto('/relatives');
    await expect.poll(() => vol.getByTestId('relative-status').first().innerText(), { timeout: 10_000 }).toBe('已核验');
    await vol.goto('/transfer');
    await vol.getByTestId('transfer-form').waitFor({ timeout: 15_000 });
    await vol.getByTestId('transfer-to').click();
    await vol.locator('.ant-select-item-option', { hasText: '孙木林' }).first().click();
    await vol.getByTestId('transfer-hours').fill(String(Math.floor(start.balances.time / 60) + 1));
    await vol.getByTestId('transfer-submit').click();
    const minutesItem = vol.locator('.ant-form-item', { has: vol.getByTestId('transfer-minutes') });
    await expect.poll(() => minutesItem.locator('.ant-form-item-explain').innerText(), { timeout: 10_000 }).toContain('超过了你的可用余额');
    await vol.waitForTimeout(500); // let the message finish appearing before the picture
    await screenshot(vol, 'ledger-transfer-refused');

    if (start.balances.points >= 20) {
      // a real gift of points: the confirm names amount and person; a double tap writes once
      await vol.getByTestId('transfer-ledger-points').click();
      await vol.getByTestId('transfer-points').fill('20');
      await vol.getByTestId('transfer-submit').click();
      await expect.poll(() => vol.getByTestId('transfer-confirm-body').innerText(), { timeout: 10_000 }).toContain('把 20积分 转给 孙木林');
      await screenshot(vol, 'ledger-transfer-confirm');
      await vol.getByTestId('transfer-confirm').dblclick();
      await vol.locator('.ant-message', { hasText: '已转给 孙木林' }).waitFor({ timeout: 10_000 });
      const after = await vol.evaluate(async () => (await (await fetch('/api/v1/me/passbook?ledger=points')).json()) as { balances: { points: number }; items: { amount: number; kind: string }[] });
      expect(after.balances.points).toBe(start.balances.points - 20);
      expect(after.items.filter((i) => i.kind === 'family_transfer')).toHaveLength(1);
      await vol.goto('/passbook');
      await expect.poll(() => vol.getByTestId('passbook-entry-amount').first().innerText(), { timeout: 10_000 }).toBe('-20积分');
      expect(await vol.getByTestId('passbook-entry').first().innerText()).toContain('亲属转赠');
      await screenshot(vol, 'ledger-passbook-after-transfer');
    }

    // the city admin opens the ledger check: a verdict, or the plain reason it is only for the top region
    const city = await loginAs('desktop', CITY_ADMIN);
    await city.goto('/console/ledger-verify');
    await city.getByTestId('verify-not-run').waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
      await screenshot(city, 'ledger-debug');
      throw e;
    });
    await city.getByTestId('verify-run').click();
    await city.locator('[data-testid="verify-result"], [data-testid="verify-forbidden"]').first().waitFor({ timeout: 20_000 });
    await screenshot(city, 'ledger-console-verify');
  });
});
