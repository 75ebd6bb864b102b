import type { Actor, AppContext } from '../../context';
import { addItem, addRecorder, addSeller, addStall, createEvent, recordDisbursement, recordSale, reverseSale } from './charity.service';

/** The seed's total: 共募捐慈善资金3092.5元. */
export const DEMO_CHARITY_TOTAL_FEN = 309_250;

/**
 * The demo city's charity sale, after the seed “小义卖，大爱心” (峨眉山市胜利街道东胜社区): held in
 * 凤台社区 (the demo city has no 峨眉山), with the seed's organisers, family stalls where children
 * and their parents sell comics, candied haws and toys, the community's public ring-toss stall,
 * sales summing to 3,092.50 yuan (one mistaken line reversed), and one disbursement. The station
 * admin records sales at the stalls; the district admin set it up.
 */
export async function loadDemoCharity(ctx: AppContext, admin: Actor, o: { recorderId: string; guardianIds: string[]; regionCode: string }) {
  const now = ctx.clock.now().getTime();
  const day = 86_400_000;
  let e = await createEvent(ctx, admin, {
    title: '“小义卖，大爱心”慈善义卖',
    description: '孩子与父母精心准备了漫画书、手工糖葫芦、手工玩具等物品，社区设置公益摊位以趣味套圈吸引家长与学生参与。善款用于帮助社区内的困难群体。',
    regionCode: o.regionCode,
    place: '凤台社区党群服务中心广场',
    organisers: ['市民政局', '凤台社区居委会', '晨光社会工作服务中心', '中心幼儿园'],
    startsAt: new Date(now - 2 * day).toISOString(),
    endsAt: new Date(now + 5 * day).toISOString(),
  });
  await addRecorder(ctx, admin, e.id, o.recorderId);
  e = await addStall(ctx, admin, e.id, { name: '一号家庭摊位', kind: 'family' });
  e = await addStall(ctx, admin, e.id, { name: '二号家庭摊位', kind: 'family' });
  e = await addStall(ctx, admin, e.id, { name: '社区公益摊位（趣味套圈）', kind: 'public' });
  const [yu, le, ring] = e.stalls.map((s) => s.id) as [string, string, string];
  e = await addSeller(ctx, admin, e.id, { stallId: yu, name: '小雨', isMinor: true, guardianUserId: o.guardianIds[0]! });
  e = await addSeller(ctx, admin, e.id, { stallId: le, name: '乐乐', isMinor: true, guardianUserId: o.guardianIds[1] ?? o.guardianIds[0]! });
  e = await addItem(ctx, admin, e.id, { stallId: yu, name: '漫画书', priceFen: 500 });
  e = await addItem(ctx, admin, e.id, { stallId: yu, name: '手工玩具', priceFen: 1000 });
  e = await addItem(ctx, admin, e.id, { stallId: le, name: '手工糖葫芦', priceFen: 350 });
  e = await addItem(ctx, admin, e.id, { stallId: ring, name: '套圈（10个）', priceFen: 200 });
  const item = (name: string) => e.items.find((i) => i.name === name)!;
  const seller = (name: string) => e.sellers.find((s) => s.name === name)!.id;
  const lines: Array<{ stallId: string; itemId?: string; sellerId?: string; quantity: number; amountFen?: number; note?: string }> = [
    { stallId: yu, itemId: item('漫画书').id, sellerId: seller('小雨'), quantity: 12 }, // 60.00
    { stallId: yu, itemId: item('漫画书').id, sellerId: seller('小雨'), quantity: 30, amountFen: 18_000, note: '家长多给' }, // 180.00
    { stallId: yu, itemId: item('手工玩具').id, sellerId: seller('小雨'), quantity: 15 }, // 150.00
    { stallId: yu, itemId: item('手工玩具').id, sellerId: seller('小雨'), quantity: 20, amountFen: 25_000 }, // 250.00
    { stallId: le, itemId: item('手工糖葫芦').id, sellerId: seller('乐乐'), quantity: 40 }, // 140.00
    { stallId: le, itemId: item('手工糖葫芦').id, sellerId: seller('乐乐'), quantity: 50 }, // 175.00
    { stallId: ring, itemId: item('套圈（10个）').id, quantity: 200 }, // 400.00
    { stallId: ring, itemId: item('套圈（10个）').id, quantity: 300 }, // 600.00
    { stallId: ring, quantity: 1, amountFen: 113_750, note: '家长爱心认购' }, // 1,137.50
  ];
  let total = 0;
  for (const l of lines) total = (await recordSale(ctx, admin, e.id, l)).totals.raisedFen;
  // a line entered twice by mistake, then taken back
  const twice = await recordSale(ctx, admin, e.id, { stallId: le, itemId: item('手工糖葫芦').id, sellerId: seller('乐乐'), quantity: 10 });
  total = (await reverseSale(ctx, admin, twice.sale.id, '重复录入')).totals.raisedFen;
  if (total !== DEMO_CHARITY_TOTAL_FEN) throw new Error(`demo charity total ${total} ≠ ${DEMO_CHARITY_TOTAL_FEN}`);
  await recordDisbursement(ctx, admin, e.id, { beneficiary: '凤台社区困难家庭春节慰问', beneficiaryKind: 'group', purpose: '为社区12户困难家庭购买米面油', amountFen: 200_000, receiptNo: 'FT-2026-001' });
  return e.id;
}
