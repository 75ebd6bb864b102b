import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { notifications } from '../../db/schema/index';
import type { DbOrTx } from '../../db/client';
import { insertMany } from '../../db/bulk';

export type NotificationRow = typeof notifications.$inferSelect;

export async function insertNotifications(db: DbOrTx, rows: Array<typeof notifications.$inferInsert>): Promise<void> {
  await insertMany(db, notifications, rows);
}

export async function listForUser(db: DbOrTx, userId: string, f: { unreadOnly: boolean; limit: number; offset: number }) {
  const where = f.unreadOnly ? and(eq(notifications.userId, userId), isNull(notifications.readAt)) : eq(notifications.userId, userId);
  const items = await db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(f.limit).offset(f.offset);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(where);
  const [u] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return { items, total: c?.n ?? 0, unread: u?.n ?? 0 };
}

export async function markRead(db: DbOrTx, userId: string, id: string | null, at: Date): Promise<number> {
  const conds = [eq(notifications.userId, userId), isNull(notifications.readAt)];
  if (id) conds.push(eq(notifications.id, id));
  const rows = await db.update(notifications).set({ readAt: at }).where(and(...conds)).returning({ id: notifications.id });
  return rows.length;
}
