import { describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import { screenshot } from '../../support/browser';
import { useDemoCity } from '../../support/demo-city';
import { apiCall as call } from '../../support/api-call';
import { pdfText } from '../../../server/test/pdf-text';

const VOLUNTEER = '13800000006'; // 周红梅
const ORG_ADMIN = '13800000004'; // 陈志强, org admin of 凤台社区志愿服务队
const REGION_ADMIN = '13800000002'; // 王建国, region admin of 城区

const city = useDemoCity();
const { loginAs } = city;

describe('a service certificate is downloaded, verified logged out, and revoked by a correction', () => {
  it('shows valid, then revoked after staff correct the record', async () => {
    // the volunteer's confirmed hours so far (the demo city gives her some history)
    const volunteer = await loginAs('phone', VOLUNTEER);
    const me = await call(volunteer, 'GET', '/me');
    const before = await call(volunteer, 'GET', '/me/stars');
    expect(before.status).toBe(200);
    const h = Math.floor((before.body.minutes as number) / 60);
    const ladder = [h + 1, h + 2, h + 3];
    // the district sets its star ladder in the console: 1, 2, 3 stars at one, two, three hours above what she has
    const regionAdmin = await loginAs('desktop', REGION_ADMIN);
    await regionAdmin.goto('/console/star-ladder');
    await regionAdmin.getByTestId('ladder-thresholds').waitFor({ timeout: 15_000 });
    expect(await regionAdmin.getByTestId('ladder-thresholds').innerText()).toBe('100 / 300 / 600 / 1000 / 1500');
    await regionAdmin.getByTestId('ladder-thresholds-input').fill(ladder.join(', '));
    await regionAdmin.getByTestId('ladder-save').click();
    await expect.poll(() => regionAdmin.getByTestId('ladder-thresholds').innerText(), { timeout: 10_000 }).toBe(ladder.join(' / '));
    await screenshot(regionAdmin, 'honours-console-ladder');

    // staff record two hours of service done yesterday for the volunteer (补录, with evidence)
    const orgAdmin = await loginAs('desktop', ORG_ADMIN);
    const orgs = await call(orgAdmin, 'GET', `/orgs?q=${encodeURIComponent('凤台社区志愿服务队')}`);
    const orgId = orgs.body.items[0].id as string;
    const added = await call(orgAdmin, 'POST', `/orgs/${orgId}/members`, { userId: me.body.user.id });
    expect([201, 409]).toContain(added.status);
    const start = new Date(Date.now() - 26 * 3600_000);
    const record = await call(orgAdmin, 'POST', '/service-records', {
      volunteerId: me.body.user.id,
      orgId,
      startedAt: start.toISOString(),
      endedAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
      content: '为独居老人上门理发',
      evidenceNote: '社区签到表与照片',
    });
    expect(record.status).toBe(201);

    // the volunteer asks for a certificate of this year on the phone and downloads it
    await volunteer.goto('/me');
    await volunteer.getByTestId('me-honours').waitFor();
    await volunteer.goto('/stars');
    await volunteer.getByTestId('stars-card').waitFor({ timeout: 15_000 });
    // two more hours reach 2 stars on the district's ladder: announced (公示) before it is granted
    const after = await call(volunteer, 'GET', '/me/stars');
    expect(after.body.minutes).toBe(before.body.minutes + 120);
    expect(await volunteer.getByTestId('stars-card').innerText()).toContain('2星志愿者公示中');
    await volunteer.getByTestId('cert-request').click();
    const item = volunteer.getByTestId('cert-item').first();
    await item.waitFor({ timeout: 15_000 });
    expect(await item.getByTestId('cert-status').innerText()).toContain('有效');
    await screenshot(volunteer, 'honours-stars-certificates');
    const [download] = await Promise.all([volunteer.waitForEvent('download'), item.getByTestId('cert-pdf').click()]);
    const pdf = await fs.readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('周红梅');
    expect(text).toMatch(/累计服务时长 \d+(\.\d)? 小时/);

    // anyone, logged out, opens the verify link
    const href = (await item.getByTestId('cert-verify-link').getAttribute('href'))!;
    const anon = await (await city.newContext('phone')).newPage();
    await anon.goto(href);
    await expect.poll(() => anon.getByTestId('verify-status').innerText(), { timeout: 15_000 }).toContain('证明有效');
    expect(await anon.getByTestId('verify-name').innerText()).toBe('周*梅');
    await screenshot(anon, 'honours-verify-valid');

    // the volunteer disputes the record; the organisation corrects it
    const dispute = await call(volunteer, 'POST', `/service-records/${record.body.serviceRecord.id}/disputes`, { reason: '实际只服务了一小时' });
    expect(dispute.status).toBe(201);
    const answer = await call(orgAdmin, 'POST', `/disputes/${dispute.body.id}/answer`, { decision: 'correct', answer: '核实签到表，更正为60分钟', minutes: 60 });
    expect(answer.status).toBe(200);

    await anon.reload();
    await expect.poll(() => anon.getByTestId('verify-status').innerText(), { timeout: 15_000 }).toContain('已作废');
    await screenshot(anon, 'honours-verify-revoked');
    await volunteer.reload();
    await expect.poll(() => volunteer.getByTestId('cert-item').first().getByTestId('cert-status').innerText(), { timeout: 15_000 }).toContain('已作废');
  });
});
