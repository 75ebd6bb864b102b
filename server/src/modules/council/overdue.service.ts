import type { AppContext } from '../../context';
import { withTx } from '../../db/client';
import { chinaDate } from '../../lib/working-days';
import { notifyMany, type NotificationMessage } from '../notifications/index';
import * as repo from './council.repository';

/**
 * A council decision's follow-up past its day (China date) is overdue: it shows as overdue where it
 * is read, and once — by the sweep — its owner (when they have an account), the resident who raised
 * the topic and the community's staff are told, in the transaction that marks it told. Claimed by
 * compare-and-set with skip locked, so two sweepers tell each person once.
 */
export async function notifyOverdueFollowUps(ctx: AppContext, batch = 200): Promise<number> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  let told = 0;
  for (;;) {
    const n = await withTx(ctx.db, async (tx) => {
      const due = await repo.claimUntoldOverdue(tx, today, now, batch);
      const messages: NotificationMessage[] = [];
      for (const d of due) {
        const staff = await repo.communityStaff(tx, d.region_code);
        const to = new Set([...(d.owner_user_id ? [d.owner_user_id] : []), d.raised_by, ...staff]);
        for (const userId of to) {
          messages.push({
            userId,
            regionCode: d.region_code,
            kind: 'council_followup_overdue',
            title: `议事跟进逾期：${d.title}`.slice(0, 100),
            body: `「${d.decision}」应由${d.owner_name}于${d.due_date}前完成，尚未办结。`,
            objectType: 'council_topic',
            objectId: d.topic_id,
          });
        }
      }
      await notifyMany(ctx, tx, messages);
      return due.length;
    });
    told += n;
    if (n < batch) return told;
  }
}
