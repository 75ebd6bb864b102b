import type { AppContext } from '../../context';
import { withTx } from '../../db/client';
import { notifyMany, type NotificationMessage } from '../notifications/index';
import { CARE_TAG_LABELS, type CareTag } from '@shared/schemas/care';
import * as repo from './care.repository';

/**
 * Overdue visits, escalated A → B → community (小事不出网格、大事不出社区): once a visit is past due
 * the responsible people are told (the building's A head, else the grid's workers: it shows as
 * overdue on their home); two days later the building's B head, who acts for the A; five days later
 * the community's staff. Each step is compare-and-set on escalation_level, so several sweepers
 * running at once tell each person once.
 */
export const ESCALATE_B_AFTER_MS = 2 * 24 * 3600_000;
export const ESCALATE_COMMUNITY_AFTER_MS = 5 * 24 * 3600_000;

export async function escalateOverdueVisits(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  let raised = 0;
  const steps: Array<{ level: number; before: Date }> = [
    { level: 1, before: now },
    { level: 2, before: new Date(now.getTime() - ESCALATE_B_AFTER_MS) },
    { level: 3, before: new Date(now.getTime() - ESCALATE_COMMUNITY_AFTER_MS) },
  ];
  for (const step of steps) {
    const due = await repo.visitsToEscalate(ctx.db, step.level, step.before);
    for (const v of due) {
      raised += await withTx(ctx.db, async (tx) => {
        if (!(await repo.raiseEscalation(tx, v.id, v.escalationLevel, step.level, now))) return 0;
        const people = await repo.assigneesFor(tx, { buildingId: v.buildingId, gridPath: v.gridPath });
        let to: string[];
        if (step.level === 1) {
          const a = people.filter((p) => p.role === 'building_head_a').map((p) => p.userId);
          to = a.length ? a : people.filter((p) => p.role === 'grid_worker').map((p) => p.userId);
        } else if (step.level === 2) {
          to = people.filter((p) => p.role === 'building_head_b').map((p) => p.userId);
          // no B for this building: the grid's workers hear it again
          if (!to.length) to = people.filter((p) => p.role === 'grid_worker').map((p) => p.userId);
        } else to = await repo.communityAdmins(tx, v.communityCode);
        const hh = v.householdId ? (await repo.householdsByIds(tx, [v.householdId]))[0] : undefined;
        const tags = v.householdId ? await repo.tagsOf(tx, [v.householdId]) : [];
        const what = hh ? `${hh.buildingName}${hh.h.unit ? `${hh.h.unit}单元` : ''}${hh.h.room}${tags.length ? `（${tags.map((t) => CARE_TAG_LABELS[t.tag as CareTag]?.zh ?? t.tag).join('、')}）` : ''}` : '养老认证名单中的居民';
        const who = ['', '请尽快走访', '楼栋长A角未按时走访，请B角代为走访', '网格内多日未走访，请社区督办'][step.level]!;
        const messages: NotificationMessage[] = [...new Set(to)].map((userId) => ({
          userId, regionCode: v.communityCode, kind: 'care_visit_overdue', title: `走访逾期：${what}`, body: `应于${v.dueAt.toISOString().slice(0, 10)}前走访，${who}。`, objectType: 'care_visit', objectId: v.id,
        }));
        await notifyMany(ctx, tx, messages);
        return 1;
      });
    }
  }
  return raised;
}
