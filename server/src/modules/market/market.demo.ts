import { systemActor, type AppContext } from '../../context';
import { loadActorGrants } from '../access/index';
import { transfer } from '../ledger/index';
import { createProduct } from './market.service';

/** The demo shelf of a station (goods given by 爱心企业) and some points for a volunteer, so the demo is alive; answers each good's id by name. */
export async function loadDemoShelf(ctx: AppContext, o: { stationId: string; stationAdminId: string; volunteerId: string; cityRegionCode: string }): Promise<Record<string, string>> {
  const admin = { ...systemActor(), userId: o.stationAdminId, name: '赵秀英', grants: await loadActorGrants(ctx.db, o.stationAdminId) };
  const goods = [
    { name: '电饭煲', pointsPrice: 800, stock: 3, category: '家电', donor: { name: '晋城爱心电器有限公司', type: 'company' as const }, lowStockThreshold: 1 },
    { name: '大米 5kg', pointsPrice: 120, stock: 20, category: '粮油', donor: { name: '晋城爱心粮油公司', type: 'company' as const }, monthlyLimitPerPerson: 2, lowStockThreshold: 5 },
    { name: '洗衣液', pointsPrice: 60, stock: 15, category: '日用品', donor: { name: '凤台社区爱心超市', type: 'company' as const }, lowStockThreshold: 3 },
    { name: '保温杯', pointsPrice: 90, stock: 2, category: '日用品', donor: { name: '王女士', type: 'person' as const }, lowStockThreshold: 3 },
  ];
  const ids: Record<string, string> = {};
  for (const g of goods) ids[g.name] = (await createProduct(ctx, admin, o.stationId, g)).id;
  await transfer(ctx, null, {
    ledger: 'points',
    from: { system: 'issuance', regionCode: o.cityRegionCode },
    to: { userId: o.volunteerId },
    amount: 1000,
    code: 'adjustment',
    actorId: null,
    memo: '演示数据',
    idempotencyKey: `demo:points:${o.volunteerId}`,
  });
  return ids;
}
