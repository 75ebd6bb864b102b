import type { Actor, AppContext } from '../../context';
import { systemActor } from '../../context';
import { withTx } from '../../db/client';
import { cjkFont } from '../../lib/cjk-font';
import { makeRotatingToken } from '../../lib/rotating-token';
import { chinaDate } from '../../lib/working-days';
import { composeIdNumber } from '@shared/lib/id-number';
import { createPerson } from '../accounts/index';
import { grantBySystem, loadActorGrants } from '../access/index';
import { postCheckIn, confirmMonth, markClosed, recordPostAttendance } from './attendance.service';
import { computeFlags } from './checks.service';
import { doStep, apply } from './placements.service';
import { announcePost, createPost, registerHardship, setPlan } from './posts.service';

/**
 * The demo city's public-welfare posts (公益性岗位) in 东街街道: a plan, three posts, three workers
 * placed through the whole procedure some weeks ago, a fourth person on public notice now, every
 * working day since the start checked in by phone (with a few days missed, one scan from far away
 * and one on a closed day), last month confirmed by the supervising unit, and the checks run.
 * Played through the module's own services with the clock set back.
 */

const DAY = 86_400_000;
const SITE = { regionCode: '140502001001', address: '晋城市城区东街街道凤台社区文化广场', lat: 35.4985, lng: 112.86 };

/** The demo's posts accounts (listed in the README). */
export const DEMO_POSTS_ACCOUNTS = [
  { key: 'worker', phone: '13800000008', name: '王翠兰', birth: '1968-07-09', seq: 102, role: 'public-welfare worker (凤台社区环境保洁岗)' },
  { key: 'worker2', phone: '13800000009', name: '李二虎', birth: '1966-03-21', seq: 111, role: 'public-welfare worker' },
  { key: 'worker3', phone: '13800000010', name: '张桂芝', birth: '1970-12-02', seq: 122, role: 'public-welfare worker (no smartphone: days recorded by the supervisor)' },
  { key: 'townAdmin', phone: '13800000011', name: '刘晓东', birth: '1985-05-16', seq: 131, role: 'region_admin (东街街道): town review, the register' },
  { key: 'applicant', phone: '13800000012', name: '赵小燕', birth: '1979-08-30', seq: 142, role: 'applicant on public notice' },
] as const;

function at(ctx: AppContext, when: Date): AppContext {
  return { ...ctx, clock: { now: () => new Date(when) } };
}

/** 09:00 China time `days` before today. */
function daysAgo(ctx: AppContext, days: number, hour = 9): Date {
  const today = chinaDate(ctx.clock.now());
  return new Date(Date.parse(`${today}T00:00:00+08:00`) - days * DAY + hour * 3600_000);
}

async function actorOf(ctx: AppContext, userId: string, name: string): Promise<Actor> {
  return { ...systemActor(), userId, name, grants: await loadActorGrants(ctx.db, userId) };
}

/** A small PDF standing in for a scanned document. */
async function demoPdf(title: string, lines: string[]): Promise<{ fileName: string; contentBase64: string }> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A5', margin: 40, info: { Title: title }, font: (await cjkFont()) as unknown as string });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(16).text(title, { align: 'center' }).moveDown();
  doc.fontSize(10);
  for (const l of lines) doc.text(l).moveDown(0.5);
  doc.text('（演示数据 / demo document）');
  doc.end();
  return { fileName: `${title}.pdf`, contentBase64: (await done).toString('base64') };
}

export async function loadDemoPosts(ctx: AppContext, o: { districtAdminId: string; orgAdminId: string; orgId: string }): Promise<void> {
  const ids: Record<string, string> = {};
  await withTx(ctx.db, async (tx) => {
    for (const a of DEMO_POSTS_ACCOUNTS) {
      ids[a.key] = await createPerson(ctx, tx, { phone: a.phone, name: a.name, password: 'Aixin@2026', regionCode: '140502001001', idNumber: composeIdNumber('140502', a.birth, a.seq), termsVersion: 'demo' }, null);
    }
    await grantBySystem(ctx, tx, { userId: ids.townAdmin!, role: 'region_admin', regionCode: '140502001' });
  });
  const town = await actorOf(ctx, ids.townAdmin!, '刘晓东');
  const district = await actorOf(ctx, o.districtAdminId, '王建国');
  const boss = await actorOf(ctx, o.orgAdminId, '陈志强');
  const year = Number(chinaDate(ctx.clock.now()).slice(0, 4));
  const t0 = daysAgo(ctx, 75);
  await setPlan(at(ctx, t0), district, { regionCode: '140502001', year, ruralPlanned: 2, urbanPlanned: 4 });
  const post = (title: string, category: 'cleaning' | 'patrol' | 'greening', extra: Record<string, unknown> = {}) =>
    createPost(at(ctx, t0), district, { title, kind: 'urban', category, ...SITE, geofenceMeters: 300, startTime: '07:00', endTime: '11:00', payMinFen: 150000, payMaxFen: 180000, supervisorOrgId: o.orgId, description: '每日清扫社区主干道、广场，清运垃圾桶周边杂物', ...extra });
  const cleaning = await post('凤台社区环境保洁岗', 'cleaning');
  const patrol = await post('东街治安巡逻岗', 'patrol', { startTime: '19:00', endTime: '22:00', description: '夜间巡逻，协助社区网格员排查隐患', lat: 35.4972, lng: 112.8581 });
  await post('东街绿化养护岗', 'greening', { description: '养护街道游园绿地' });
  for (const p of [cleaning, patrol]) {
    await announcePost(at(ctx, t0), district, p.id, { note: '张贴于社区公示栏', document: await demoPdf(`${p.title}招聘公告`, ['招聘对象：本街道登记在册的就业困难人员', '报名时间：公告之日起7日内', '报名地点：东街街道便民服务中心']) });
  }
  const applicants = [
    { key: 'worker', post: cleaning.id },
    { key: 'worker2', post: patrol.id },
    { key: 'worker3', post: cleaning.id },
    { key: 'applicant', post: cleaning.id },
  ];
  const placements: Record<string, string> = {};
  for (const [i, a] of applicants.entries()) {
    const name = DEMO_POSTS_ACCOUNTS.find((x) => x.key === a.key)!.name;
    await registerHardship(at(ctx, t0), town, { userId: ids[a.key]!, regionCode: '140502001001', category: i === 1 ? 'zero_employment' : 'low_income', evidence: i === 1 ? '零就业家庭认定书（东街〔2026〕12号）' : '城乡低保证（晋城低保字第0231号）' });
    const recent = a.key === 'applicant';
    const base = recent ? daysAgo(ctx, 9) : daysAgo(ctx, 70);
    const pl = await apply(at(ctx, base), town, a.post, { userId: ids[a.key]!, note: '本人提交申请表、身份证、低保证复印件' });
    placements[a.key] = pl.id;
    await doStep(at(ctx, new Date(base.getTime() + 2 * DAY)), town, pl.id, { step: 'democratic_review', note: '凤台社区两委及居民代表11人参加，全票通过', document: await demoPdf('民主评议记录', [`评议对象：${name}`, '参加人数：11人', '评议结果：同意']) });
    await doStep(at(ctx, new Date(base.getTime() + 3 * DAY)), town, pl.id, { step: 'town_review', note: '街道审核通过' });
    // the applicant's notice went up today: it is on the portal now
    const noticeAt = recent ? daysAgo(ctx, 0, 8) : new Date(base.getTime() + 4 * DAY);
    await doStep(at(ctx, noticeAt), town, pl.id, { step: 'public_notice', noticeWorkingDays: 5, note: '在社区公示栏和网上公示', document: await demoPdf('公益性岗位拟安置人员公示', [`拟安置人员：${name}`, '公示期：5个工作日', '监督电话：0356-2021234']) });
    if (recent) continue;
    const approvedAt = new Date(base.getTime() + 14 * DAY);
    await doStep(at(ctx, approvedAt), district, pl.id, { step: 'county_approval', note: '区人社局审批同意' });
    await doStep(at(ctx, new Date(approvedAt.getTime() + DAY)), boss, pl.id, { step: 'agreement', note: '签订公益性岗位协议，期限一年', document: await demoPdf('公益性岗位协议', [`甲方：凤台社区志愿服务队`, `乙方：${name}`, '期限：一年']) });
    await doStep(at(ctx, new Date(approvedAt.getTime() + 2 * DAY)), boss, pl.id, { step: 'training', note: '岗前安全培训2小时' });
    await doStep(at(ctx, new Date(approvedAt.getTime() + 3 * DAY)), boss, pl.id, { step: 'start', startDate: chinaDate(new Date(approvedAt.getTime() + 3 * DAY)) });
  }

  // a month and more of attendance: every working day by phone at the post, but 李二虎 missed some
  // days, scanned once from far away, and 王翠兰 scanned on a day the post was closed for snow
  const closedDay = chinaDate(daysAgo(ctx, 20));
  const workers = [
    { key: 'worker', name: '王翠兰', post: cleaning, lat: SITE.lat, lng: SITE.lng, skip: new Set<number>() },
    { key: 'worker2', name: '李二虎', post: patrol, lat: 35.4972, lng: 112.8581, skip: new Set([6, 13, 14, 22]) },
  ];
  let farDone = false;
  for (let d = 50; d >= 1; d--) {
    const when = daysAgo(ctx, d, 7);
    const wd = new Date(when.getTime() + 8 * 3600_000).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    for (const w of workers) {
      if (w.skip.has(d)) continue;
      const actor = await actorOf(ctx, ids[w.key]!, w.name);
      const token = makeRotatingToken(ctx.keys.tokens, `welfare-post:${w.post.id}`, when).token;
      const far = w.key === 'worker2' && d <= 10 && !farDone;
      try {
        await postCheckIn(at(ctx, when), actor, w.post.id, { token, lat: far ? 35.512 : w.lat, lng: w.lng });
        if (far) farDone = true;
      } catch {
        // before the start: not yet at the post
      }
    }
  }
  // 张桂芝 has no smartphone: the supervisor records her days at the post (代签, audited)
  for (let d = 50; d >= 1; d--) {
    const day = chinaDate(daysAgo(ctx, d));
    const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (wd === 0 || wd === 6 || d === 15 || day === closedDay) continue;
    try {
      await recordPostAttendance(at(ctx, daysAgo(ctx, d, 17)), boss, cleaning.id, { userId: ids.worker3!, day, note: '无智能手机，管理员现场点名' });
    } catch {
      // before the start
    }
  }
  await markClosed(at(ctx, daysAgo(ctx, 20, 6)), boss, cleaning.id, { day: closedDay, reason: '大雪停工' });
  const lastMonth = chinaDate(new Date(Date.parse(`${chinaDate(ctx.clock.now()).slice(0, 7)}-01T00:00:00+08:00`) - DAY)).slice(0, 7);
  for (const p of [cleaning, patrol]) {
    await confirmMonth(ctx, boss, p.id, { month: lastMonth, note: '已核对考勤表' });
  }
  for (const month of [lastMonth, chinaDate(ctx.clock.now()).slice(0, 7)]) {
    await computeFlags(ctx, district, { month, regionCode: '140502001' });
  }
}
