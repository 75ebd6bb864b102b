import type { AppContext, Actor } from '../../context';
import type { DbOrTx } from '../../db/client';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { cityCodeOf } from '@shared/lib/region-code';
import type { PageQuery } from '@shared/schemas/common';
import * as repo from './notifications.repository';

export type NotificationKind =
  | 'signup_confirmed'
  | 'signup_waitlisted'
  | 'waitlist_promoted'
  | 'activity_reviewed'
  | 'service_credited'
  | 'dispute_answered'
  | 'member_added'
  | 'request_dispatched'
  | 'request_progress'
  | 'family_transfer_received'
  | 'ledger_corrected'
  | 'account_security'
  | 'redemption_returned'
  | 'wish_claimed'
  | 'wish_lapsed'
  | 'attendance_excluded'
  | 'retro_pending'
  | 'retro_reviewed'
  | 'star_announced'
  | 'star_granted'
  | 'star_lowered'
  | 'certificate_revoked'
  | 'award_granted'
  | 'care_visit_overdue'
  | 'council_followup_overdue'
  | 'welfare_placement';

export interface NotificationMessage {
  userId: string;
  regionCode: string;
  kind: NotificationKind;
  title: string;
  body: string;
  objectType?: string;
  objectId?: string;
}

/**
 * A way to reach a person beyond the in-app inbox (SMS, WeChat service messages). Senders run
 * after the transaction commits and must not throw into the caller; failures are logged.
 */
export interface NotificationChannel {
  readonly name: string;
  send(ctx: AppContext, message: NotificationMessage): Promise<void>;
}

const channels: NotificationChannel[] = [];

/** Plugs in another channel (an SMS gateway, WeChat). The in-app inbox is always on. */
export function registerChannel(channel: NotificationChannel): void {
  channels.push(channel);
}

/**
 * Writes the in-app notification inside the caller's transaction (so it exists exactly when the
 * change does), then hands it to the other channels.
 */
export async function notify(ctx: AppContext, tx: DbOrTx, m: NotificationMessage): Promise<void> {
  await notifyMany(ctx, tx, [m]);
}

/** Many notifications in one statement (a settlement tells its whole roster). */
export async function notifyMany(ctx: AppContext, tx: DbOrTx, messages: readonly NotificationMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const at = ctx.clock.now();
  await repo.insertNotifications(
    tx,
    messages.map((m) => ({
      id: newId(),
      cityCode: cityCodeOf(m.regionCode),
      userId: m.userId,
      kind: m.kind,
      title: m.title,
      body: m.body,
      objectType: m.objectType ?? null,
      objectId: m.objectId ?? null,
      createdAt: at,
    })),
  );
  for (const c of channels) {
    for (const m of messages) {
      setImmediate(() => {
        c.send(ctx, m).catch((err: unknown) => ctx.log.warn({ err, channel: c.name }, 'notification channel failed'));
      });
    }
  }
}

export async function listMyNotifications(ctx: AppContext, actor: Actor, q: PageQuery & { unread?: 'true' | 'false' | undefined }) {
  const { limit, offset } = offsetOf(q);
  const page = await repo.listForUser(ctx.db, actor.userId, { unreadOnly: q.unread === 'true', limit, offset });
  return {
    total: page.total,
    unread: page.unread,
    items: page.items.map((n) => ({ ...n, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString() })),
  };
}

export async function markMyNotificationsRead(ctx: AppContext, actor: Actor, id: string | null): Promise<number> {
  return repo.markRead(ctx.db, actor.userId, id, ctx.clock.now());
}
