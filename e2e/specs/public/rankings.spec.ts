import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDemoCity } from '../../support/demo-city';
import { call } from '../../support/page-call';

const ORG_ADMIN = '13800000004'; // 陈志强, admin of 凤台社区志愿服务队
const VOLUNTEER = '13800000006'; // 周红梅: no consent to public display
const ELDER = '13800000007'; // 孙木林: consents below
const SHOTS = path.resolve(import.meta.dirname, '../../../docs/screenshots');

const city = useDemoCity();

describe('the rankings (排行榜)', () => {
  it('logged out on a phone: the region’s ranking names the consenting volunteer and masks the other; the volunteer sees her own place', async () => {
    // two volunteers of 凤台社区志愿服务队 with service recorded today (补录 by the team's admin); one consents to be named
    const admin = await city.loginAs('desktop', ORG_ADMIN);
    const orgs = await call<{ items: { id: string; name: string }[] }>(admin, 'GET', `/orgs?q=${encodeURIComponent('凤台社区志愿服务队')}`);
    const org = orgs.body.items.find((o) => o.name === '凤台社区志愿服务队')!;
    const zhou = await city.loginAs('phone', VOLUNTEER);
    const sun = await city.loginAs('desktop', ELDER);
    expect((await call(sun, 'POST', '/me/consents/public-display')).status).toBe(200);
    const start = Date.now() - 3 * 3600_000;
    for (const [who, minutes] of [
      [zhou, 120],
      [sun, 60],
    ] as const) {
      const me = await call<{ user: { id: string } }>(who, 'GET', '/me');
      expect((await call(admin, 'POST', `/orgs/${org.id}/members`, { userId: me.body.user.id })).status).toBeLessThan(300);
      const rec = await call<{ serviceRecord: { status: string } }>(admin, 'POST', '/service-records', {
        volunteerId: me.body.user.id,
        orgId: org.id,
        startedAt: new Date(start).toISOString(),
        endedAt: new Date(start + minutes * 60_000).toISOString(),
        content: '陪社区老人聊天、读报',
        evidenceNote: '社区签到表',
      });
      expect(rec.status).toBe(201);
      expect(rec.body.serviceRecord.status).toBe('confirmed');
    }

    const page = await (await city.newContext('phone')).newPage();
    await page.goto('/portal?region=140502');
    await page.getByTestId('portal-tab-rankings').click();
    await page.getByTestId('portal-rankings').waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('region')).toBe('140502');
    const rows = page.getByTestId('ranking-row');
    await rows.first().waitFor({ timeout: 15_000 });
    // 周红梅 first (2 h), masked; 孙木林 second (1 h), by name
    await expect.poll(() => rows.allInnerTexts(), { timeout: 15_000 }).toEqual([expect.stringContaining('周*梅'), expect.stringContaining('孙木林')]);
    expect(await rows.nth(0).getAttribute('data-masked')).toBe('true');
    expect(await rows.nth(1).getAttribute('data-masked')).toBe('false');
    expect(await rows.nth(0).getByTestId('ranking-value').innerText()).toContain('2');
    expect(await page.getByTestId('portal-rankings').innerText()).not.toContain('周红梅');
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'portal-rankings-phone.png'), fullPage: true });

    // by participations, this month: a tie, both first
    await page.getByTestId('ranking-period').getByText('月度').click();
    await page.getByTestId('ranking-metric').getByText('参与人次').click();
    await expect.poll(() => page.getByTestId('ranking-value').allInnerTexts(), { timeout: 15_000 }).toEqual(['1 人次', '1 人次']);
    // the teams of 城区: the team that recorded it
    await page.getByTestId('ranking-kind').getByText('志愿服务队伍').click();
    await expect.poll(() => page.getByTestId('ranking-name').allInnerTexts(), { timeout: 15_000 }).toEqual(['凤台社区志愿服务队']);

    // 我的排名 on 周红梅's phone: first in the city, the district and her community
    await zhou.goto('/rankings');
    await zhou.getByTestId('my-rankings-page').waitFor({ timeout: 20_000 });
    await expect.poll(() => zhou.getByTestId('my-ranking-community').innerText(), { timeout: 15_000 }).toContain('第 1 名');
    expect(await zhou.getByTestId('my-ranking-city').innerText()).toContain('第 1 名');
    await zhou.screenshot({ path: path.join(SHOTS, 'my-rankings-phone.png'), fullPage: true });
  });
});
