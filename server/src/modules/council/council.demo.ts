import type { Actor, AppContext } from '../../context';
import { chinaDate } from '../../lib/working-days';
import { raiseTopic, recordMinutes, scheduleMeeting, support } from './council.service';

/**
 * The demo community's 小板凳议事会, after the seed (渊泉社区): the leaking basement and the loud
 * square dancing raised by residents, supported by neighbours, heard at a council meeting last
 * week; one decision overdue, one still in time; a new topic waiting for the next council.
 */
export async function loadDemoCouncil(ctx: AppContext, o: { staff: Actor; residents: Actor[]; regionCode: string }) {
  const [a, b, c] = o.residents as [Actor, Actor, Actor];
  const now = ctx.clock.now().getTime();
  const day = 86_400_000;
  const leak = await raiseTopic(ctx, a, { regionCode: o.regionCode, title: '3号楼地下室又开始漏水了', description: '3号楼地下室每逢下雨就漏水，储物间的东西都泡了，希望社区协调物业和施工方彻底维修。' });
  const dance = await raiseTopic(ctx, b, { regionCode: o.regionCode, title: '广场舞音响声音太大', description: '最近小区活动广场上广场舞的声音太大，晚上九点后还在放，影响老人和孩子休息。' });
  await support(ctx, b, leak.id);
  await support(ctx, c, leak.id);
  await support(ctx, a, dance.id);
  const meeting = await scheduleMeeting(ctx, o.staff, { regionCode: o.regionCode, title: '小板凳议事会（第一期）', place: '小区党员阵地', startsAt: new Date(now - 7 * day).toISOString(), topicIds: [leak.id, dance.id] });
  await recordMinutes(ctx, o.staff, meeting.id, {
    minutes: '社区书记主持，居民代表、物业、广场舞队负责人参加。议定：物业联系施工方维修3号楼地下室防水；广场舞每晚九点前结束，音量由队长把关。',
    attendees: 18,
    decisions: [
      { topicId: leak.id, decision: '物业联系施工方维修3号楼地下室防水层', ownerName: '物业王经理', dueDate: chinaDate(new Date(now - 2 * day)) },
      { topicId: dance.id, decision: '广场舞每晚九点前结束，音量控制在约定范围', ownerName: '广场舞队刘队长', dueDate: chinaDate(new Date(now + 14 * day)) },
    ],
    closed: [],
  });
  await raiseTopic(ctx, c, { regionCode: o.regionCode, title: '小区缺少电动车充电桩', description: '电动车只能在楼道里充电，有安全隐患，希望增设集中充电桩。' });
}
