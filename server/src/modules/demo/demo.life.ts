import type { AppContext, Actor } from '../../context';
import { systemActor } from '../../context';
import { loadActorGrants } from '../access/index';
import { checkIn, checkOut, checkinCode, createActivity, reviewActivity, settle, signUp, submitActivity } from '../activities/index';
import { accept, cancel, checkIn as requestCheckIn, checkOut as requestCheckOut, dispatch, orderService, rate } from '../requests/index';
import { claimWish, confirmWish, deliverWish, registerWish } from '../wishes/index';
import { fulfil, redeem } from '../market/index';

/**
 * The demo city's life: activities upcoming, running, past and settled (with pending, rejected and
 * draft ones for the review desk), requests in every state, wishes open, claimed and fulfilled,
 * supermarket orders waiting and picked up — each through its module's own service, the past ones
 * with the clock set back to when they happened, so every page has something true on it.
 */
export interface DemoPeople {
  ids: Record<string, string>;
  orgIds: string[];
  stationIds: string[];
  /** The demo shelf's goods: id by name. */
  goods: Record<string, string>;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const FENGTAI = { regionCode: '140502001001', address: '晋城市城区东街街道凤台社区党群服务中心', lat: 35.4985, lng: 112.86 };
const WULONG = { regionCode: '140502002001', address: '晋城市城区西街街道五龙河西社区3号楼2单元', lat: 35.4962, lng: 112.8355 };

/** The service context with its clock stopped at `at`: what the services record happened then. */
function when(ctx: AppContext, at: Date): AppContext {
  return { ...ctx, clock: { now: () => new Date(at) } };
}

/** The hour `days` from now (rounded to the hour), so demo times read naturally. */
function hourFromNow(ctx: AppContext, days: number, hour = 0): Date {
  const t = ctx.clock.now().getTime() + days * DAY + hour * HOUR;
  return new Date(Math.floor(t / HOUR) * HOUR);
}

async function actorOf(ctx: AppContext, userId: string, name: string): Promise<Actor> {
  return { ...systemActor(), userId, name, grants: await loadActorGrants(ctx.db, userId) };
}

type Draft = { title: string; category: 'elderly' | 'environment' | 'health' | 'community_governance'; description: string; startsAt: Date; hours: number; capacity: number };

export async function loadDemoLife(ctx: AppContext, p: DemoPeople): Promise<void> {
  const { ids } = p;
  const orgAdmin = await actorOf(ctx, ids.orgAdmin!, '陈志强');
  const reviewer = await actorOf(ctx, ids.districtAdmin!, '王建国');
  const stationAdmin = await actorOf(ctx, ids.stationAdmin!, '赵秀英');
  const volunteer = await actorOf(ctx, ids.volunteer!, '周红梅');
  const elder = await actorOf(ctx, ids.elder!, '孙木林');
  const orgId = p.orgIds[0]!;

  /** Drafted `lead` before its start; submitted and reviewed as the decision says. */
  const activity = async (d: Draft, decision: 'approve' | 'reject' | 'pending' | 'draft', leadDays = 5) => {
    // drafted `leadDays` before its start, and never later than two hours ago (nothing happens in the future)
    const drafted = new Date(Math.min(d.startsAt.getTime() - leadDays * DAY, ctx.clock.now().getTime() - 2 * HOUR));
    const c = when(ctx, drafted);
    const a = await createActivity(c, orgAdmin, { orgId, ...FENGTAI, stationId: p.stationIds[0]!, title: d.title, category: d.category, description: d.description, startsAt: d.startsAt.toISOString(), endsAt: new Date(d.startsAt.getTime() + d.hours * HOUR).toISOString(), capacity: d.capacity, geofenceMeters: 500 });
    if (decision === 'draft') return a.id;
    await submitActivity(c, orgAdmin, a.id);
    if (decision === 'pending') return a.id;
    await reviewActivity(when(ctx, new Date(drafted.getTime() + 2 * HOUR)), reviewer, a.id, decision, decision === 'reject' ? '请补充活动的安全措施和负责人联系方式' : undefined);
    return a.id;
  };
  const site = { lat: FENGTAI.lat, lng: FENGTAI.lng };
  const attend = async (id: string, people: Actor[], start: Date, hours: number) => {
    for (const v of people) await signUp(when(ctx, new Date(start.getTime() - 2 * DAY)), v, id);
    const inAt = when(ctx, new Date(start.getTime() - 10 * 60_000));
    for (const v of people) await checkIn(inAt, v, id, { token: (await checkinCode(inAt, orgAdmin, id)).token, ...site });
    const outAt = new Date(start.getTime() + hours * HOUR);
    if (outAt > ctx.clock.now()) return;
    const out = when(ctx, outAt);
    for (const v of people) await checkOut(out, v, id, { token: (await checkinCode(out, orgAdmin, id)).token, ...site });
  };

  // settled, ten days ago: records credited (hours and points), notifications sent
  const settledStart = hourFromNow(ctx, -10, 9);
  const settledId = await activity({ title: '凤台社区敬老院陪伴服务', category: 'elderly', description: '陪敬老院的老人聊天、读报、理发。', startsAt: settledStart, hours: 3, capacity: 20 }, 'approve');
  await attend(settledId, [volunteer, elder], settledStart, 3);
  await settle(when(ctx, new Date(settledStart.getTime() + DAY)), orgAdmin, settledId, [{ userId: volunteer.userId }, { userId: elder.userId }], { count: 35, category: 'elders' });
  // past, two days ago, not settled yet: the organiser's settlement desk has it
  const pastStart = hourFromNow(ctx, -2, 14);
  const pastId = await activity({ title: '五龙河清洁家园行动', category: 'environment', description: '沿五龙河捡拾垃圾、清理小广告。', startsAt: pastStart, hours: 2, capacity: 30 }, 'approve');
  await attend(pastId, [volunteer], pastStart, 2);
  // running now: checked in, not yet out; the kiosk shows who is still missing
  const runningStart = hourFromNow(ctx, 0, -1);
  const runningId = await activity({ title: '社区义诊：量血压、测血糖', category: 'health', description: '与社区卫生服务站一起为居民义诊。', startsAt: runningStart, hours: 4, capacity: 10 }, 'approve');
  await attend(runningId, [volunteer], runningStart, 4);
  await signUp(when(ctx, new Date(runningStart.getTime() - DAY)), elder, runningId);
  // upcoming: published with a sign-up, waiting for review, rejected (history), and a draft
  const nextStart = hourFromNow(ctx, 3, 9);
  const nextId = await activity({ title: '重阳节包饺子·陪老人过节', category: 'elderly', description: '和社区的独居老人一起包饺子。', startsAt: nextStart, hours: 3, capacity: 15 }, 'approve', 2);
  await signUp(when(ctx, hourFromNow(ctx, -1)), volunteer, nextId);
  await activity({ title: '文明交通劝导', category: 'community_governance', description: '在凤台街路口劝导行人文明过马路。', startsAt: hourFromNow(ctx, 5, 8), hours: 2, capacity: 12 }, 'pending', 1);
  await activity({ title: '楼道安全隐患排查', category: 'community_governance', description: '排查楼道堆物与电动车充电隐患。', startsAt: hourFromNow(ctx, 6, 9), hours: 3, capacity: 8 }, 'reject', 2);
  await activity({ title: '冬季送温暖入户走访', category: 'elderly', description: '为困难老人送去棉衣和米面油。', startsAt: hourFromNow(ctx, 12, 9), hours: 4, capacity: 20 }, 'draft', 1);

  await loadDemoRequests(ctx, { elder, volunteer, reviewer });
  await loadDemoWishes(ctx, { staff: reviewer, volunteer });
  await loadDemoOrders(ctx, { stationAdmin, volunteer, goods: p.goods });
}

/** One request in each state: ordered, dispatched, accepted, serving, served, rated, cancelled. */
async function loadDemoRequests(ctx: AppContext, a: { elder: Actor; volunteer: Actor; reviewer: Actor }) {
  const start = hourFromNow(ctx, -1, 9);
  const order = (description: string, category: 'elderly' | 'health' | 'community_governance', at: Date) =>
    orderService(when(ctx, at), a.elder, { category, description, ...WULONG, contactName: '孙木林', contactPhone: '13800000007' });
  const dueAt = hourFromNow(ctx, 2, 18).toISOString();
  const steps = ['ordered', 'dispatched', 'accepted', 'serving', 'served', 'rated', 'cancelled'] as const;
  const texts = ['帮忙更换厨房的灯泡', '陪同去社区医院复查血压', '帮忙买一周的米面蔬菜', '帮忙打扫卫生、整理衣柜', '教我用手机视频通话', '修理漏水的水龙头', '陪同去银行办理业务'];
  for (const [i, status] of steps.entries()) {
    const at = new Date(start.getTime() + i * HOUR);
    const r = await order(texts[i]!, i % 2 ? 'health' : 'elderly', at);
    if (status === 'ordered') continue;
    if (status === 'cancelled') {
      await cancel(when(ctx, new Date(at.getTime() + 20 * 60_000)), a.elder, r.id, '家人已经帮忙办好了');
      continue;
    }
    await dispatch(when(ctx, new Date(at.getTime() + 10 * 60_000)), a.reviewer, r.id, { userId: a.volunteer.userId, dueAt, note: '就近派给凤台社区的志愿者' });
    if (status === 'dispatched') continue;
    await accept(when(ctx, new Date(at.getTime() + 20 * 60_000)), a.volunteer, r.id, undefined);
    if (status === 'accepted') continue;
    await requestCheckIn(when(ctx, new Date(at.getTime() + 40 * 60_000)), a.volunteer, r.id, { lat: WULONG.lat, lng: WULONG.lng });
    if (status === 'serving') continue;
    await requestCheckOut(when(ctx, new Date(at.getTime() + 100 * 60_000)), a.volunteer, r.id, { lat: WULONG.lat, lng: WULONG.lng });
    if (status === 'served') continue;
    await rate(when(ctx, new Date(at.getTime() + 3 * HOUR)), a.elder, r.id, { happened: true, stars: 5, comment: '小周很耐心，谢谢！' });
  }
}

/** Wishes open on the wall, one claimed, one fulfilled (claimed, delivered, confirmed by staff). */
async function loadDemoWishes(ctx: AppContext, a: { staff: Actor; volunteer: Actor }) {
  const at = hourFromNow(ctx, -6, 10);
  const wish = (title: string, story: string, valueYuan: number, name: string) =>
    registerWish(when(ctx, at), a.staff, { title, story, valueYuan, regionCode: FENGTAI.regionCode, beneficiaryName: name, beneficiaryAddress: '凤台社区' });
  await wish('想要一套新的课外读物', '四年级的小宇喜欢读书，家里只有几本旧书。', 80, '李小宇');
  await wish('冬天需要一床厚棉被', '独居的张奶奶家里的被子已经用了十多年。', 150, '张桂兰');
  const claimed = await wish('想要一个助听器的电池', '王大爷的助听器电池快用完了。', 40, '王守义');
  await claimWish(when(ctx, new Date(at.getTime() + DAY)), a.volunteer, claimed.id, { claimantType: 'volunteer' });
  const done = await wish('想要一个新书包', '小雨的书包背带断了。', 60, '赵小雨');
  await claimWish(when(ctx, new Date(at.getTime() + DAY)), a.volunteer, done.id, { claimantType: 'volunteer' });
  await deliverWish(when(ctx, new Date(at.getTime() + 2 * DAY)), a.volunteer, done.id, { note: '书包已送到小雨家，她很喜欢。' });
  await confirmWish(when(ctx, new Date(at.getTime() + 3 * DAY)), a.staff, done.id);
}

/** Two supermarket orders: one waiting at the counter (pickup code), one picked up. */
async function loadDemoOrders(ctx: AppContext, a: { stationAdmin: Actor; volunteer: Actor; goods: Record<string, string> }) {
  const picked = await redeem(when(ctx, hourFromNow(ctx, -3, 10)), a.volunteer, { productId: a.goods['大米 5kg']!, quantity: 1, clientKey: 'demo-order-rice-0001' });
  await fulfil(when(ctx, hourFromNow(ctx, -3, 15)), a.stationAdmin, picked.id, picked.pickupCode!);
  await redeem(when(ctx, hourFromNow(ctx, 0, -2)), a.volunteer, { productId: a.goods['洗衣液']!, quantity: 1, clientKey: 'demo-order-soap-0001' });
}
