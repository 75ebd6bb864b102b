import type { Actor, AppContext } from '../../context';
import { chinaDate } from '../../lib/working-days';
import { addStaff, createBenefit, createPartner } from './partners.service';

/** The demo city's partners (激励方案): the bus company (with the demo partner account on its staff) and a scenic spot. */
export async function loadDemoPartners(ctx: AppContext, cityAdmin: Actor, o: { partnerUserId: string; cityRegionCode: string }) {
  const validFrom = chinaDate(ctx.clock.now());
  const bus = await createPartner(ctx, cityAdmin, { name: '晋城公交集团', sector: 'transport', regionCode: o.cityRegionCode, contact: '0356-2196111' });
  await addStaff(ctx, cityAdmin, bus.id, o.partnerUserId);
  await createBenefit(ctx, cityAdmin, bus.id, { title: '免费乘坐市内公交', description: '三星及以上志愿者凭权益卡免费乘坐市内公交线路', minStars: 3, limitPeriod: 'day', limitCount: 2, validFrom });
  const spot = await createPartner(ctx, cityAdmin, { name: '皇城相府景区', sector: 'tourism', regionCode: o.cityRegionCode, contact: '0356-4180555' });
  await createBenefit(ctx, cityAdmin, spot.id, { title: '门票八折', description: '一星及以上志愿者凭权益卡购票享八折', minStars: 1, limitPeriod: 'month', limitCount: 1, validFrom });
}
