import type { AppContext } from './context';
import { expirePending, startSealer } from './modules/ledger/index';
import { expireRedemptions } from './modules/market/index';
import { autoCloseAttendance } from './modules/activities/index';
import { lapseClaims } from './modules/wishes/index';
import { purgeStaleSignInRows } from './modules/accounts/index';
import { purgeIdempotencyKeys } from './modules/idempotency/index';
import { grantDueStars } from './modules/honours/index';
import { escalateOverdueVisits } from './modules/care/index';

/** Sign-in housekeeping (expired sessions, old rate-limit rows) runs at most this often. */
const PURGE_EVERY_MS = 60 * 60_000;

/**
 * Periodic work of a running server: committed ledger transfers are sealed into their hash chains
 * (every half second); pending ledger transfers past their timeout are expired
 * (their reserved amounts come back); attendance left open when check-out closes is closed at
 * the activity's end and flagged; star levels whose notice (公示) has ended are granted; overdue care visits are escalated A → B → community. Several processes may run it at once: every transition
 * is compare-and-set, so a pending transfer is expired exactly once. Once an hour, expired
 * sessions, old rate-limit rows, expired claim codes and forgotten devices are deleted.
 */
export function startSweeper(ctx: AppContext, everyMs = 60_000): () => void {
  let running = false;
  let lastPurge = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      // supermarket orders first: each voids its own reservation and puts the stock back
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
      if (ctx.clock.now().getTime() - lastPurge >= PURGE_EVERY_MS) {
        lastPurge = ctx.clock.now().getTime();
        const purged = await purgeStaleSignInRows(ctx);
        if (Object.values(purged).some((n) => n > 0)) ctx.log.info({ purged }, 'purged stale sign-in rows');
      }
      await purgeIdempotencyKeys(ctx);
    } catch (err) {
      ctx.log.error({ err }, 'sweeper failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  void tick();
  // the ledger's hash chains follow the transfers within a second
  const stopSealer = startSealer(ctx);
  return () => {
    clearInterval(timer);
    stopSealer();
  };
}
