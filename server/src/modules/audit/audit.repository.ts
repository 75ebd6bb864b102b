import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { auditLog, users } from '../../db/schema/index';
import type { DbOrTx } from '../../db/client';
import { inRegionSubtree } from '../regions/index';

export type AuditRow = typeof auditLog.$inferInsert;

export async function insertAudit(db: DbOrTx, row: AuditRow): Promise<void> {
  await db.insert(auditLog).values(row);
}

export interface AuditFilter {
  regionPaths: string[];
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  actorId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

export async function listAudit(db: DbOrTx, f: AuditFilter) {
  const conds: SQL[] = [];
  const scopes = f.regionPaths.map((p) => inRegionSubtree(auditLog.regionCode, p));
  conds.push(scopes.length === 1 ? scopes[0]! : sql`(${sql.join(scopes, sql` or `)})`);
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.objectType) conds.push(eq(auditLog.objectType, f.objectType));
  if (f.objectId) conds.push(eq(auditLog.objectId, f.objectId));
  if (f.actorId) conds.push(eq(auditLog.actorId, f.actorId));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lte(auditLog.at, f.to));
  const where = and(...conds);
  const items = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: users.name,
      action: auditLog.action,
      objectType: auditLog.objectType,
      objectId: auditLog.objectId,
      regionCode: auditLog.regionCode,
      onBehalfOf: auditLog.onBehalfOf,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.limit)
    .offset(f.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where);
  return { items, total: count?.n ?? 0 };
}
