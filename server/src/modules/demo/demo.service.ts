import type { AppContext } from '../../context';
import { systemActor } from '../../context';
import { withTx } from '../../db/client';
import { composeIdNumber } from '@shared/lib/id-number';
import { createPerson, findUserByPhone } from '../accounts/index';
import { grantBySystem, loadActorGrants } from '../access/index';
import { createOrg, createStation, reviewOrg } from '../orgs/index';
import { ensureRegions } from '../../bootstrap';
import { loadDemoShelf } from '../market/index';
import { loadDemoPartners } from '../partners/index';
import { loadDemoCharity } from '../charity/index';
import { loadDemoCivility } from '../civility/index';
import { loadDemoCouncil } from '../council/index';
import { loadDemoCare } from '../care/index';
import { loadDemoPosts } from '../posts/index';
import { loadDemoLife } from './demo.life';

export const DEMO_PASSWORD = 'Aixin@2026';

/** The demo accounts, one per role (listed in the README). */
export const DEMO_ACCOUNTS = [
  { key: 'cityAdmin', phone: '13800000001', name: '李文明', region: '140500', id: ['140502', '1978-03-12', 11], role: 'region_admin (晋城市)' },
  { key: 'districtAdmin', phone: '13800000002', name: '王建国', region: '140502', id: ['140502', '1982-06-01', 31], role: 'region_admin (城区)' },
  { key: 'stationAdmin', phone: '13800000003', name: '赵秀英', region: '140502001001', id: ['140502', '1975-09-20', 42], role: 'station_admin (凤台社区志愿服务站)' },
  { key: 'orgAdmin', phone: '13800000004', name: '陈志强', region: '140502001001', id: ['140502', '1988-11-05', 51], role: 'org_admin (凤台社区志愿服务队)' },
  { key: 'partner', phone: '13800000005', name: '晋城公交集团', region: '140500', id: ['140502', '1970-01-15', 73], role: 'partner (晋城市)' },
  { key: 'volunteer', phone: '13800000006', name: '周红梅', region: '140502001001', id: ['140502', '1990-04-18', 82], role: 'volunteer' },
  { key: 'elder', phone: '13800000007', name: '孙木林', region: '140502002001', id: ['140502', '1948-02-02', 91], role: 'volunteer, 78 years old' },
  { key: 'gridWorker', phone: '13800000021', name: '刘丽萍', region: '140502001001', id: ['140502', '1986-07-09', 62], role: 'grid worker (网格员) of 凤台第一片区' },
  { key: 'careElder', phone: '13800000022', name: '王桂兰', region: '140502001001', id: ['140502', '1944-12-08', 24], role: 'resident, 81, living alone (凤台小区1号楼)' },
] as const;

/**
 * Loads the demo city 晋城市: its regions, stations, organisations (approved) and one account
 * for each role. Idempotent: a second run changes nothing.
 */
export async function loadDemo(ctx: AppContext): Promise<{ created: boolean }> {
  await ensureRegions(ctx);
  if (await findUserByPhone(ctx.db, DEMO_ACCOUNTS[0].phone)) return { created: false };
  const ids: Record<string, string> = {};
  await withTx(ctx.db, async (tx) => {
    for (const a of DEMO_ACCOUNTS) {
      const [addr, birth, seq] = a.id;
      ids[a.key] = await createPerson(
        ctx,
        tx,
        { phone: a.phone, name: a.name, password: DEMO_PASSWORD, regionCode: a.region, idNumber: composeIdNumber(addr, birth, seq), termsVersion: 'demo' },
        null,
      );
    }
    await grantBySystem(ctx, tx, { userId: ids.cityAdmin!, role: 'region_admin', regionCode: '140500' });
    await grantBySystem(ctx, tx, { userId: ids.districtAdmin!, role: 'region_admin', regionCode: '140502' });
    await grantBySystem(ctx, tx, { userId: ids.partner!, role: 'partner', regionCode: '140500' });
  });
  const cityAdmin = { ...systemActor(), userId: ids.cityAdmin!, name: '李文明', grants: await loadActorGrants(ctx.db, ids.cityAdmin!) };
  const stations = [
    { name: '凤台社区志愿服务站', type: 'community_station', regionCode: '140502001001', address: '晋城市城区东街街道凤台社区党群服务中心', lat: 35.4985, lng: 112.86 },
    { name: '五龙河西社区新时代文明实践站', type: 'civilization_practice_station', regionCode: '140502002001', address: '晋城市城区西街街道五龙河西社区', lat: 35.4962, lng: 112.8355 },
    { name: '东圣社区学雷锋志愿服务站', type: 'lei_feng_station', regionCode: '140502008001', address: '晋城市城区开发区街道东圣社区', lat: 35.4741, lng: 112.8822 },
    { name: '晋城市志愿服务中心', type: 'lei_feng_station', regionCode: '140502', address: '晋城市城区泽州路', lat: 35.4907, lng: 112.8513 },
  ];
  const stationIds: string[] = [];
  for (const s of stations) stationIds.push((await createStation(ctx, cityAdmin, s)).id);
  const orgAdminActor = { ...systemActor(), userId: ids.orgAdmin!, name: '陈志强' };
  const orgs = [
    { name: '凤台社区志愿服务队', type: 'community_team' as const, regionCode: '140502001001', serviceCategories: ['elderly', 'community_governance', 'health'] as const },
    { name: '雨墨学雷锋志愿服务队', type: 'school_team' as const, regionCode: '140502', serviceCategories: ['children', 'education', 'traffic'] as const },
    { name: '晋城市城区残联志愿服务队', type: 'professional_team' as const, regionCode: '140502', serviceCategories: ['disabled', 'elderly'] as const },
    { name: '五龙河西社区网格志愿服务队', type: 'grid_team' as const, regionCode: '140502002001', serviceCategories: ['community_governance', 'environment'] as const },
  ];
  const orgIds: string[] = [];
  for (const [i, o] of orgs.entries()) {
    const created = await createOrg(ctx, orgAdminActor, { ...o, serviceCategories: [...o.serviceCategories], description: '演示数据 / demo data' });
    orgIds.push(created.id);
    if (i < 3) await reviewOrg(ctx, cityAdmin, created.id, 'approve', undefined);
  }
  await withTx(ctx.db, async (tx) => {
    await grantBySystem(ctx, tx, { userId: ids.stationAdmin!, role: 'station_admin', regionCode: '140502001001', stationId: stationIds[0]! });
  });
  const goods = await loadDemoShelf(ctx, { stationId: stationIds[0]!, stationAdminId: ids.stationAdmin!, volunteerId: ids.volunteer!, cityRegionCode: '140500' });
  await loadDemoLife(ctx, { ids, orgIds, stationIds, goods });
  await loadDemoPartners(ctx, cityAdmin, { partnerUserId: ids.partner!, cityRegionCode: '140500' });
  const districtAdmin = { ...systemActor(), userId: ids.districtAdmin!, name: '王建国', grants: await loadActorGrants(ctx.db, ids.districtAdmin!) };
  const resident = async (key: string, name: string) => ({ ...systemActor(), userId: ids[key]!, name, regionCode: '140502001001', grants: await loadActorGrants(ctx.db, ids[key]!) });
  await loadDemoCouncil(ctx, { staff: districtAdmin, residents: [await resident('volunteer', '周红梅'), await resident('orgAdmin', '陈志强'), await resident('stationAdmin', '赵秀英')], regionCode: '140502001001' });
  await loadDemoCivility(ctx, { enterer: districtAdmin, reviewer: cityAdmin, headUserId: ids.volunteer!, regionCode: '140502001001' });
  await loadDemoCharity(ctx, districtAdmin, { recorderId: ids.stationAdmin!, guardianIds: [ids.volunteer!, ids.orgAdmin!], regionCode: '140502001001' });
  await loadDemoCare(ctx, cityAdmin, { gridWorkerId: ids.gridWorker!, headAId: ids.volunteer!, headBId: ids.stationAdmin!, elderId: ids.careElder!, elderName: '王桂兰' });
  await loadDemoPosts(ctx, { districtAdminId: ids.districtAdmin!, orgAdminId: ids.orgAdmin!, orgId: orgIds[0]! });
  ctx.log.info('demo city loaded');
  return { created: true };
}
