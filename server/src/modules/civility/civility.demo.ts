import type { Actor, AppContext } from '../../context';
import { chinaDate } from '../../lib/working-days';
import { createCriteria, createEntry, createHousehold, rateHousehold, reviewEntry, setConsent } from './civility.service';

/** The ten stars, as villages and communities commonly set them. */
export const DEMO_STARS = [
  { key: 'law', name: '爱国守法', description: '遵纪守法，无违法违纪行为' },
  { key: 'filial', name: '孝老爱亲', description: '孝敬老人，家庭和睦' },
  { key: 'clean', name: '清洁卫生', description: '庭院整洁，垃圾分类' },
  { key: 'honest', name: '诚实守信', description: '诚信待人，不欠债不赖账' },
  { key: 'neighbour', name: '团结互助', description: '邻里和睦，热心帮扶' },
  { key: 'thrift', name: '勤俭节约', description: '红白事简办，不铺张' },
  { key: 'study', name: '重教好学', description: '重视子女教育，学习新知识' },
  { key: 'volunteer', name: '热心公益', description: '参加志愿服务和公益活动' },
  { key: 'green', name: '生态环保', description: '爱护环境，节约资源' },
  { key: 'family', name: '家风文明', description: '家规家训好，移风易俗' },
] as const;

/**
 * The demo community's civility ratings and red-black board: 凤台社区's ten stars for this year,
 * three households rated (the volunteer 周红梅 heads one and has consented; one consented on
 * paper; one not yet), a red entry and a black entry (entered by the district admin, reviewed by
 * the city admin).
 */
export async function loadDemoCivility(ctx: AppContext, o: { enterer: Actor; reviewer: Actor; headUserId: string; regionCode: string }) {
  const year = Number(chinaDate(ctx.clock.now()).slice(0, 4));
  const criteria = await createCriteria(ctx, o.enterer, { regionCode: o.regionCode, year, title: `凤台社区${year}年度十星级文明户评选标准`, stars: DEMO_STARS.map((s) => ({ ...s })) });
  const rate = async (h: { address: string; headName: string; headUserId?: string }, missing: string[]) => {
    const hh = await createHousehold(ctx, o.enterer, { regionCode: o.regionCode, ...h });
    return rateHousehold(ctx, o.enterer, {
      householdId: hh.id,
      criteriaId: criteria.id,
      stars: DEMO_STARS.map((s) => (missing.includes(s.key) ? { key: s.key, earned: false } : { key: s.key, earned: true, evidence: `${s.name}：网格员入户核实，邻里评议通过` })),
    });
  };
  const zhou = await rate({ address: '凤台社区东街3号楼2单元', headName: '周红梅', headUserId: o.headUserId }, []);
  await setConsent(ctx, { ...o.enterer, userId: o.headUserId, name: '周红梅', grants: [] }, zhou.id, { consent: true, method: 'self' });
  const li = await rate({ address: '凤台社区东街5号楼1单元', headName: '李建华' }, ['study']);
  await setConsent(ctx, o.enterer, li.id, { consent: true, method: 'paper' });
  await rate({ address: '凤台社区西巷12号', headName: '张国强' }, ['clean', 'thrift']);

  const today = chinaDate(ctx.clock.now());
  const end = `${year}-12-31`;
  const red = await createEntry(ctx, o.enterer, { regionCode: o.regionCode, board: 'red', title: '拾金不昧', deed: '在社区广场拾到钱包一个（内有现金和证件），第一时间交到社区，物归原主。', evidence: '失主感谢信；社区值班记录', subjectName: '周红梅', subjectUserId: o.headUserId, periodFrom: today, periodTo: end });
  await reviewEntry(ctx, o.reviewer, red.id, { decision: 'approve', note: '核实无误' });
  const black = await createEntry(ctx, o.enterer, { regionCode: o.regionCode, board: 'black', title: '楼道堆放杂物', deed: '西巷12号楼道长期堆放杂物，经三次劝导仍未清理，存在消防隐患。', evidence: '网格员巡查照片三张；劝导记录', subjectName: '西巷12号住户', periodFrom: today, periodTo: end });
  await reviewEntry(ctx, o.reviewer, black.id, { decision: 'approve', note: '三次劝导记录齐全' });
}
