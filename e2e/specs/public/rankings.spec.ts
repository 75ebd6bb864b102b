import { describe, expect, it } from 'vitest';
import { useDemoCity } from '../../support/demo-city';
import { docScreenshot } from '../../support/browser';
import { call } from '../../support/page-call';

const ORG_ADMIN = '13800000004'; // 陈志强, admin of 凤台社区志愿服务队
const VOLUNTEER = '13800000006'; // 周红梅: no consent to public display
const ELDER = '13800000007'; // 孙木林: consents below

const city = useDemoCity();

type Entry = { name: string; masked: boolean; hours: number; participations: number };

/** A ranking after adding `add` (by name) to the rows read before: highest first. */
function after(before: Entry[], metric: 'hours' | 'participations', add: Record<string, Partial<Entry> & { masked?: boolean }>): Entry[] {
  const rows = new Map(before.map((e) => [e.name, { ...e }]));
  for (const [name, d] of Object.entries(add)) {
    const e = rows.get(name) ?? { name, masked: d.masked ?? false, hours: 0, participations: 0 };
    rows.set(name, { ...e, hours: Math.round((e.hours + (d.hours ?? 0)) * 10) / 10, participations: e.participations + (d.participations ?? 0) });
  }
  return [...rows.values()].sort((a, b) => b[metric] - a[metric]);
}

/** The names in order, and no two sharing a figure (else their order is not the test's to say). */
function names(rows: Entry[], metric: 'hours' | 'participations'): string[] {
  for (let i = 1; i < rows.length; i++) if (rows[i]![metric] === rows[i - 1]![metric]) return rows.map((r) => r.name).sort();
  return rows.map((r) => r.name);
}

describe('the rankings (排行榜)', () => {
  it('logged out on a phone: the region’s ranking names the consenting volunteer and masks the other; the volunteer sees her own place', async () => {
    // two volunteers of 凤台社区志愿服务队 with service recorded today (补录 by the team's admin); one consents to be named
    const admin = await city.loginAs('desktop', ORG_ADMIN);
    const orgs = await call<{ items: { id: string; name: string }[] }>(admin, 'GET', `/orgs?q=${encodeURIComponent('凤台社区志愿服务队')}`);
    const org = orgs.body.items.find((o) => o.name === '凤台社区志愿服务队')!;
    const zhou = await city.loginAs('phone', VOLUNTEER);
    const sun = await city.loginAs('desktop', ELDER);
    expect((await call(sun, 'POST', '/me/consents/public-display')).status).toBe(200);
    // the demo city has given both some service already: read the rankings before, expect them plus what is added here
    const read = async (q: string) => (await call<{ items: Entry[] }>(admin, 'GET', `/rankings?${q}`)).body.items;
    const yearHours = await read('regionCode=140502');
    const monthTimes = await read('regionCode=140502&period=month&metric=participations');
    const monthTeams = await read('regionCode=140502&period=month&metric=participations&kind=teams');
    const communityHours = await read('regionCode=140502001001&limit=100');
    const cityHours = await read('regionCode=140500&limit=100');
    // five to three hours ago: a time the demo's activities and requests leave free for both
    const start = Date.now() - 5 * 3600_000;
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
    // 周红梅 with two hours more, masked; 孙木林 with one more, by name
    const ZHOU = '周*梅';
    const SUN = '孙木林';
    const hoursAfter = after(yearHours, 'hours', { [ZHOU]: { hours: 2, participations: 1, masked: true }, [SUN]: { hours: 1, participations: 1 } });
    await expect.poll(() => page.getByTestId('ranking-name').allInnerTexts(), { timeout: 15_000 }).toEqual(names(hoursAfter, 'hours'));
    const texts = await rows.allInnerTexts();
    const zhouRow = texts.findIndex((t) => t.includes(ZHOU));
    const sunRow = texts.findIndex((t) => t.includes(SUN));
    expect(await rows.nth(zhouRow).getAttribute('data-masked')).toBe('true');
    expect(await rows.nth(sunRow).getAttribute('data-masked')).toBe('false');
    expect(await rows.nth(zhouRow).getByTestId('ranking-value').innerText()).toBe(`${hoursAfter.find((e) => e.name === ZHOU)!.hours} 小时`);
    expect(await rows.nth(sunRow).getByTestId('ranking-value').innerText()).toBe(`${hoursAfter.find((e) => e.name === SUN)!.hours} 小时`);
    expect(await page.getByTestId('portal-rankings').innerText()).not.toContain('周红梅');
    await docScreenshot(page, 'portal-rankings-phone');

    // by participations, this month: one more each
    await page.getByTestId('ranking-period').getByText('月度').click();
    await page.getByTestId('ranking-metric').getByText('参与人次').click();
    const timesAfter = after(monthTimes, 'participations', { [ZHOU]: { participations: 1, masked: true }, [SUN]: { participations: 1 } });
    await expect.poll(() => page.getByTestId('ranking-value').allInnerTexts(), { timeout: 15_000 }).toEqual(timesAfter.map((e) => `${e.participations} 人次`));
    // the teams of 城区: the team that recorded it, two more
    await page.getByTestId('ranking-kind').getByText('志愿服务队伍').click();
    const teamsAfter = after(monthTeams, 'participations', { 凤台社区志愿服务队: { participations: 2 } });
    await expect.poll(() => page.getByTestId('ranking-name').allInnerTexts(), { timeout: 15_000 }).toEqual(names(teamsAfter, 'participations'));
    await expect.poll(() => page.getByTestId('ranking-value').allInnerTexts(), { timeout: 15_000 }).toEqual(teamsAfter.map((e) => `${e.participations} 人次`));

    // 我的排名 on 周红梅's phone: her place in the city, the district and her community (1 + those with more hours)
    const place = (rows: Entry[]) => {
      const mine = rows.find((e) => e.name === ZHOU)!;
      return 1 + rows.filter((e) => e.hours > mine.hours).length;
    };
    const add = { [ZHOU]: { hours: 2, masked: true }, [SUN]: { hours: 1 } };
    await zhou.goto('/rankings');
    await zhou.getByTestId('my-rankings-page').waitFor({ timeout: 20_000 });
    await expect.poll(() => zhou.getByTestId('my-ranking-community').innerText(), { timeout: 15_000 }).toContain(`第 ${place(after(communityHours, 'hours', { [ZHOU]: add[ZHOU]! }))} 名`); // 孙木林 lives in 五龙河西社区
    expect(await zhou.getByTestId('my-ranking-district').innerText()).toContain(`第 ${place(hoursAfter)} 名`);
    expect(await zhou.getByTestId('my-ranking-city').innerText()).toContain(`第 ${place(after(cityHours, 'hours', add))} 名`);
    await docScreenshot(zhou, 'my-rankings-phone');
  });
});
