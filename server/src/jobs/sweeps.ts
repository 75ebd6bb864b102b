import { expirePending } from '../modules/ledger/index';
import { expireRedemptions } from '../modules/market/index';
import { autoCloseAttendance } from '../modules/activities/index';
import { lapseClaims } from '../modules/wishes/index';
import { purgeStaleSignInRows } from '../modules/accounts/index';
import { purgeIdempotencyKeys } from '../modules/idempotency/index';
import { grantDueStars } from '../modules/honours/index';
import { escalateOverdueVisits } from '../modules/care/index';
import { notifyOverdueFollowUps } from '../modules/council/index';
import { defineJob } from './queue';

/**
 * The sweep, every minute (one run at a time across all processes): supermarket orders past
 * their pickup window are expired first (each voids its own reservation and puts the stock back),
 * then pending ledger transfers past their timeout (their reserved amounts come back); attendance
 * left open when check-out closes is closed at the activity's end and flagged; micro-wish claims
 * lapse; star levels whose notice (公示) has ended are granted; overdue care visits are escalated
 * A → B → community; overdue council follow-ups are told once; old idempotency keys are purged. Every transition is compare-and-set, so a
 * second run (a retry after a crash, two processes) changes nothing the first one did.
 */
export const sweep = defineJob<object>(
  'sweep',
  async (ctx) => {
    const orders = await expireRedemptions(ctx);
    if (orders > 0) ctx.log.info({ expired: orders }, 'expired unclaimed supermarket orders');
    const n = await expirePending(ctx);
    if (n > 0) ctx.log.info({ expired: n }, 'expired pending transfers');
    const closed = await autoCloseAttendance(ctx);
    if (closed > 0) ctx.log.info({ closed }, 'closed attendance left open');
    const lapsed = await lapseClaims(ctx);
    if (lapsed > 0) ctx.log.info({ lapsed }, 'micro-wish claims lapsed');
    const granted = await grantDueStars(ctx);
    if (granted > 0) ctx.log.info({ granted }, 'star levels granted after their notice');
    const escalated = await escalateOverdueVisits(ctx);
    if (escalated > 0) ctx.log.info({ escalated }, 'overdue care visits escalated');
    const followUps = await notifyOverdueFollowUps(ctx);
    if (followUps > 0) ctx.log.info({ followUps }, 'overdue council follow-ups told');
    await purgeIdempotencyKeys(ctx);
  },
  { schedule: '* * * * *', singleton: true, runOnStart: true, retryLimit: 0, expireInSeconds: 5 * 60 },
);

/** Once an hour: expired sessions, old rate-limit rows, expired claim codes and forgotten devices are deleted. */
export const purgeSignIns = defineJob<object>(
  'sweep-sign-ins',
  async (ctx) => {
    const purged = await purgeStaleSignInRows(ctx);
    if (Object.values(purged).some((n) => n > 0)) ctx.log.info({ purged }, 'purged stale sign-in rows');
  },
  { schedule: '17 * * * *', singleton: true, runOnStart: true, retryLimit: 0, expireInSeconds: 10 * 60 },
);
