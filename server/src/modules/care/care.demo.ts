import type { Actor, AppContext } from '../../context';
import type { CareTag } from '@shared/schemas/care';
import { assignRole, createBuilding, createCampaign, createGrid, createHousehold, recordVisit, setPlan } from './care.service';
import { createDrive, markItem, visitsFromDrive } from './pension.service';
import { withTx } from '../../db/client';
import { newId } from '../../lib/ids';
import { keyedHash } from '../../lib/crypto';
import { maskIdNumber, composeIdNumber } from '@shared/lib/id-number';
import * as repo from './care.repository';

const DAY = 24 * 3600_000;
const COMMUNITY = '140502001001';
const at = (ctx: AppContext, daysAgo: number): AppContext => {
  const t = ctx.clock.now().getTime() - daysAgo * DAY;
  return { ...ctx, clock: { now: () => new Date(t) } };
};

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['桂兰', '秀珍', '玉梅', '建国', '德明', '淑芬', '志刚', '凤英', '长海', '金花', '国庆', '春梅', '福生', '秀云', '保国', '丽华', '明亮', '巧云', '树林', '翠萍'];

/**
 * The demo city's community care in 凤台社区: two 片区 (one with a 小区 under it), buildings with A and
 * B heads, the demo grid worker, ~20 households with care tags, weekly visits for living-alone elders
 * and monthly for the others (some done, some due today, some overdue), a knock-on-door campaign
 * and this year's pension-authentication drive with residents in every state.
 */
export async function loadDemoCare(ctx: AppContext, admin: Actor, o: { gridWorkerId: string; headAId: string; headBId: string; elderId: string; elderName: string }) {
  const past = at(ctx, 12);
  const area1 = await createGrid(past, admin, { communityCode: COMMUNITY, name: '凤台第一片区', kind: 'area', lat: 35.4983, lng: 112.8596 });
  const estate = await createGrid(past, admin, { communityCode: COMMUNITY, name: '凤台小区', kind: 'estate', parentId: area1.id, lat: 35.4986, lng: 112.8599 });
  const area2 = await createGrid(past, admin, { communityCode: COMMUNITY, name: '凤台第二片区', kind: 'area', lat: 35.4989, lng: 112.8607 });
  const b = [
    await createBuilding(past, admin, { gridId: estate.id, name: '1号楼', address: '凤台东街88号凤台小区', lat: 35.4985, lng: 112.8600 }),
    await createBuilding(past, admin, { gridId: estate.id, name: '2号楼', address: '凤台东街88号凤台小区', lat: 35.4987, lng: 112.8602 }),
    await createBuilding(past, admin, { gridId: area1.id, name: '3号楼', address: '凤台东街90号', lat: 35.4981, lng: 112.8594 }),
    await createBuilding(past, admin, { gridId: area2.id, name: '5号楼', address: '凤台西街12号', lat: 35.4990, lng: 112.8609 }),
  ];
  await assignRole(past, admin, { gridId: area1.id, userId: o.gridWorkerId, role: 'grid_worker' });
  await assignRole(past, admin, { gridId: estate.id, buildingId: b[0]!.id, userId: o.headAId, role: 'building_head_a' });
  await assignRole(past, admin, { gridId: estate.id, buildingId: b[0]!.id, userId: o.headBId, role: 'building_head_b' });
  await setPlan(past, admin, { communityCode: COMMUNITY, tag: 'living_alone', intervalDays: 7 });
  for (const tag of ['empty_nest', 'disabled', 'hardship', 'left_behind_child', 'serious_illness'] as const) await setPlan(past, admin, { communityCode: COMMUNITY, tag, intervalDays: 30 });

  const tagSets: CareTag[][] = [['living_alone'], ['empty_nest'], ['living_alone', 'serious_illness'], ['disabled'], ['hardship'], ['left_behind_child'], [], ['empty_nest', 'disabled']];
  const evidence: Record<CareTag, string> = {
    living_alone: '子女在外地，本人独居（社区入户核实）', empty_nest: '子女均不在本市', disabled: '持残疾人证（肢体二级）', hardship: '低保户（民政系统在册）',
    left_behind_child: '父母在外务工，随祖父母生活', serious_illness: '医院诊断证明（慢性肾衰竭）',
  };
  const households: Array<{ id: string; tags: CareTag[] }> = [];
  for (let i = 0; i < 20; i++) {
    const building = b[i % 4]!;
    const tags = i === 0 ? (['living_alone'] as CareTag[]) : tagSets[i % tagSets.length]!;
    const name = i === 0 ? o.elderName : `${SURNAMES[i]}${GIVEN[i]}`;
    const { id } = await createHousehold(past, admin, {
      buildingId: building.id, unit: String((i % 3) + 1), room: `${Math.floor(i / 4) + 1}0${(i % 2) + 1}`, phone: `0356-20${String(30000 + i * 17).padStart(5, '0')}`,
      members: [{ name, relation: '户主', userId: i === 0 ? o.elderId : null, birthYear: 1938 + i }],
      tags: tags.map((tag) => ({ tag, evidence: evidence[tag] })),
      lat: building.lat, lng: building.lng,
    });
    households.push({ id, tags });
  }
  // visits made: one a week ago (due again today), one eight days ago (overdue since yesterday), some yesterday;
  // the living-alone elders never visited since the plan began are overdue by five days
  const visit = async (daysAgo: number, hh: { id: string }, findings: string, method: 'door' | 'phone' = 'phone') => {
    await recordVisit(at(ctx, daysAgo), admin, { householdId: hh.id }, { method, findings, followUpNeeded: false });
  };
  await visit(7, households[2]!, '老人精神状态良好，按时服药');
  await visit(8, households[0]!, '家中水管有渗漏，已告知物业');
  await visit(1, households[8]!, '独居老人身体尚可，需要理发服务');
  await visit(1, households[1]!, '电话联系，一切正常');
  // the knock-on-door campaign over the living-alone elders, due in three days
  await createCampaign(ctx, admin, { communityCode: COMMUNITY, title: '冬季独居老人敲门行动', tag: 'living_alone', dueAt: new Date(ctx.clock.now().getTime() + 3 * DAY).toISOString() });

  // this year's pension-authentication drive: residents in every state
  const year = Number(ctx.clock.now().toISOString().slice(0, 4));
  const drive = await createDrive(past, admin, { regionCode: COMMUNITY, year, title: `${year}年度养老保险待遇资格认证` });
  const now = past.clock.now();
  const people = ['王秀兰', '李长根', '张玉珍', '刘福海', '陈凤仙', '杨春生', '赵桂芝', '黄德胜', '周翠英', '吴金山', '徐淑贞', '孙有福'];
  const items = people.map((name, i) => {
    const idNumber = composeIdNumber('140502', `19${40 + i}-0${(i % 9) + 1}-1${i % 9}`, 100 + i);
    return {
      id: newId(), cityCode: '1405', driveId: drive.id, regionCode: COMMUNITY, gridId: i % 3 === 2 ? area2.id : area1.id, gridPath: i % 3 === 2 ? `/${area2.id}/` : `/${area1.id}/`,
      name, idNumberMasked: maskIdNumber(idNumber), idKey: keyedHash(ctx.keys.idHash, idNumber), address: `凤台东街${80 + i}号`, lat: 35.4985, lng: 112.86, status: 'pending', updatedAt: now,
    };
  });
  // the list as the social-insurance office hands it over (the import's own rows, without a file)
  await withTx(ctx.db, (tx) => repo.insertItems(tx, items));
  await markItem(ctx, admin, items[0]!.id, { status: 'self' });
  await markItem(ctx, admin, items[1]!.id, { status: 'self' });
  await markItem(ctx, admin, items[2]!.id, { status: 'helped', helpedById: o.gridWorkerId, helpPlace: 'home' });
  await markItem(ctx, admin, items[3]!.id, { status: 'helped', helpedById: o.gridWorkerId, helpPlace: 'service_point' });
  await markItem(ctx, admin, items[4]!.id, { status: 'not_yet', reason: 'cannot_walk' });
  await markItem(ctx, admin, items[5]!.id, { status: 'not_yet', reason: 'no_smartphone' });
  await markItem(ctx, admin, items[6]!.id, { status: 'not_yet', reason: 'away' });
  await visitsFromDrive(ctx, admin, drive.id, { itemIds: [items[4]!.id, items[5]!.id] });
}
