import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { useDemoCity } from '../../support/demo-city';
import { composeIdNumber } from '@shared/lib/id-number';

const REGION_ADMIN = '13800000002'; // 王建国, region admin of 城区
const VOLUNTEER = '13800000006'; // 周红梅
const ORG_ADMIN = '13800000004'; // 陈志强
const ORG_NAME = '凤台社区银龄理发志愿服务队';

const city = useDemoCity();
const { loginAs, pickRegion } = city;

describe('an organisation is registered, approved, joined; the volunteer shows in the staff list', () => {
  it('goes from registration to an accepted member, each person in their own browser', async () => {
    // 1. the org admin registers a new organisation from the phone app (我的 → 登记组织)
    const orgAdmin = await loginAs('phone', ORG_ADMIN);
    await orgAdmin.goto('/me');
    await orgAdmin.getByTestId('me-people').waitFor();
    await screenshot(orgAdmin, 'people-me-entries');
    await orgAdmin.getByTestId('me-entry-register-org').click();
    await orgAdmin.getByTestId('org-form').waitFor();
    await orgAdmin.getByTestId('org-name').fill(ORG_NAME);
    await orgAdmin.getByTestId('org-type').click();
    await orgAdmin.locator('.ant-select-item-option', { hasText: '社区志愿服务队' }).first().click();
    // the chosen type shows and its list is closed before the region is picked
    await orgAdmin.getByTestId('org-type').getByText('社区志愿服务队').waitFor();
    await orgAdmin.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await pickRegion(orgAdmin, 'org-region', ['山西省', '晋城市', '城区', '东街街道', '凤台社区']);
    await orgAdmin.getByTestId('org-contact-name').fill('陈志强');
    await orgAdmin.getByTestId('org-contact-phone').fill('13800000004');
    await orgAdmin.getByTestId('org-description').fill('每月第一个周六上门为高龄老人理发。');
    await screenshot(orgAdmin, 'people-org-register');
    await orgAdmin.getByTestId('org-submit').click();
    await orgAdmin.getByTestId('org-created').waitFor({ timeout: 15_000 });
    expect(await orgAdmin.getByTestId('org-created').innerText()).toContain('待审核');

    // 2. the region admin approves it in the review queue (desktop console)
    const regionAdmin = await loginAs('desktop', REGION_ADMIN);
    await regionAdmin.goto('/console/orgs');
    const queueRow = regionAdmin.getByTestId('orgs-queue-table').locator('tr', { hasText: ORG_NAME });
    await queueRow.waitFor({ timeout: 15_000 });
    await screenshot(regionAdmin, 'people-org-review');
    await queueRow.getByTestId('org-approve').click();
    await expect.poll(() => regionAdmin.getByTestId('orgs-queue-table').locator('tr', { hasText: ORG_NAME }).count(), { timeout: 10_000 }).toBe(0);

    // 3. a volunteer finds it and asks to join (phone)
    const volunteer = await loginAs('phone', VOLUNTEER);
    await volunteer.goto('/join');
    await volunteer.getByTestId('join-search').locator('input').fill('银龄理发');
    await volunteer.getByTestId('join-search').locator('input').press('Enter');
    await volunteer.getByTestId('join-org').filter({ hasText: ORG_NAME }).click();
    await volunteer.getByTestId('join-org-name').waitFor();
    await volunteer.getByTestId('join-message').fill('退休理发师，周末有空');
    await volunteer.getByTestId('join-submit').click();
    await expect.poll(() => volunteer.getByTestId('join-state').innerText(), { timeout: 10_000 }).toContain('已申请');
    await screenshot(volunteer, 'people-join-requested');
    await volunteer.goto('/my-orgs');
    await volunteer.getByTestId('membership-row').filter({ hasText: ORG_NAME }).waitFor();
    expect(await volunteer.getByTestId('membership-row').filter({ hasText: ORG_NAME }).innerText()).toContain('申请中');

    // 4. the org admin accepts the request in the console
    const orgAdminDesk = await loginAs('desktop', ORG_ADMIN);
    await orgAdminDesk.goto('/console/my-orgs');
    const card = orgAdminDesk.getByTestId('my-org-card').filter({ hasText: ORG_NAME });
    await card.waitFor({ timeout: 15_000 });
    await card.getByTestId('my-org-open').click();
    await orgAdminDesk.getByTestId('org-detail').waitFor();
    const requestRow = orgAdminDesk.getByTestId('members-table-requested').locator('tr', { hasText: '周红梅' });
    await requestRow.waitFor({ timeout: 10_000 });
    expect(await requestRow.innerText()).toContain('退休理发师');
    await screenshot(orgAdminDesk, 'people-org-requests');
    await requestRow.getByTestId('member-approve').click();
    await expect.poll(() => orgAdminDesk.getByTestId('members-table-requested').locator('tr', { hasText: '周红梅' }).count(), { timeout: 10_000 }).toBe(0);
    await orgAdminDesk.getByTestId('members-tab-active').click();
    await orgAdminDesk.getByTestId('members-table-active').locator('tr', { hasText: '周红梅' }).waitFor({ timeout: 10_000 });

    await volunteer.reload();
    await expect.poll(() => volunteer.getByTestId('membership-row').filter({ hasText: ORG_NAME }).innerText(), { timeout: 10_000 }).toContain('成员');
    await screenshot(volunteer, 'people-my-orgs');

    // 5. the region admin's volunteer list shows her, with the ID number masked
    await regionAdmin.goto('/console/volunteers');
    await regionAdmin.getByTestId('volunteers-filter-q').fill('周红梅');
    await regionAdmin.getByTestId('volunteers-search').click();
    const row = regionAdmin.getByTestId('volunteers-table').locator('tbody tr', { hasText: '周红梅' });
    await row.waitFor({ timeout: 10_000 });
    const masked = await row.getByTestId('volunteer-id').innerText();
    expect(masked).toMatch(/^140\*{13}[\dX]{2}$/);
    await screenshot(regionAdmin, 'people-volunteers');
    await row.getByTestId('volunteer-open').click();
    await regionAdmin.getByTestId('volunteer-detail-id').waitFor();
    expect(await regionAdmin.getByTestId('volunteer-detail-id').innerText()).toBe(masked);
    await screenshot(regionAdmin, 'people-volunteer-drawer');

    // the volunteer's own record page
    await volunteer.goto('/profile');
    await volunteer.getByTestId('profile-volunteer-no').waitFor();
    expect(await volunteer.getByTestId('profile-id-number').innerText()).toBe(masked);
    await screenshot(volunteer, 'people-profile');
  });
});

describe('an elder registered at the counter claims the account with the printed code', () => {
  it('staff register her, print a one-time code; she claims the account on her phone and is logged in', async () => {
    const ELDER = { name: '李桂兰', phone: '13912348801', idNumber: composeIdNumber('140502', '1950-03-08', 51) };
    // staff register the elder on her behalf (the console's form is covered by the API tests)
    const regionAdmin = await loginAs('desktop', REGION_ADMIN);
    const csrf = (await regionAdmin.context().cookies()).find((c) => c.name === 'aixin_csrf')?.value ?? '';
    const made = await regionAdmin.request.post('/api/v1/volunteers', {
      data: { ...ELDER, regionCode: '140502001001', consentMethod: 'paper' },
      headers: { 'x-csrf-token': csrf },
    });
    expect(made.status()).toBe(201);

    // the region admin opens her record and issues the claim code, shown once
    await regionAdmin.goto('/console/volunteers');
    await regionAdmin.getByTestId('volunteers-filter-q').fill(ELDER.name);
    await regionAdmin.getByTestId('volunteers-search').click();
    const row = regionAdmin.getByTestId('volunteers-table').locator('tbody tr', { hasText: ELDER.name });
    await row.waitFor({ timeout: 10_000 });
    await row.getByTestId('volunteer-open').click();
    await regionAdmin.getByTestId('claim-code-issue').click();
    const code = (await regionAdmin.getByTestId('claim-code-value').innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-?[A-Z0-9]{4}$/);
    await screenshot(regionAdmin, 'people-claim-code');

    // on her phone: the login page leads to the claim page; a wrong code is refused, the right one logs her in
    const context = await city.newContext('phone');
    const phone = await context.newPage();
    await phone.goto('/login');
    await phone.getByTestId('to-claim').click();
    await phone.getByTestId('claim-form').waitFor();
    await phone.getByTestId('claim-phone').fill(ELDER.phone);
    await phone.getByTestId('claim-id-number').fill(ELDER.idNumber);
    await phone.getByTestId('claim-name').fill(ELDER.name);
    await phone.getByTestId('claim-code').fill('WRONG-CODE');
    await phone.getByTestId('claim-password').fill('Guilan2026');
    await phone.getByTestId('claim-submit').click();
    await phone.getByTestId('claim-error').waitFor({ timeout: 10_000 });
    await screenshot(phone, 'people-claim-refused');
    await phone.getByTestId('claim-code').fill(code);
    await phone.getByTestId('claim-submit').click();
    await phone.getByTestId('home-page').waitFor({ timeout: 20_000 });
    expect(await phone.getByTestId('home-greeting').innerText()).toContain(ELDER.name);
    expect(await phone.content()).not.toContain(ELDER.idNumber);
  });
});
