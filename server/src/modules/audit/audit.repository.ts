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

/** A uuid of the entry's object id, or null (a few objects are named by a code or a key). */
const objectUuid = sql`(case when ${auditLog.objectId} ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then ${auditLog.objectId}::uuid end)`;

/**
 * The name of the object an entry is about, read in the page's own statement (a primary-key
 * lookup per row of the page, evaluated after the limit): an activity's or wish's title, an
 * organisation's, station's or good's name, a person's name (for a grant, a membership, a
 * volunteer record, a supermarket order: the person's), a service's title.
 */
const objectName = sql<string | null>`case ${auditLog.objectType}
  when 'activity' then (select title from activities where id = ${objectUuid})
  when 'wish' then (select title from wishes where id = ${objectUuid})
  when 'organization' then (select name from organizations where id = ${objectUuid})
  when 'station' then (select name from stations where id = ${objectUuid})
  when 'market_product' then (select name from market_products where id = ${objectUuid})
  when 'market_redemption' then (select p.name from market_redemptions r join market_products p on p.id = r.product_id where r.id = ${objectUuid})
  when 'service_record' then (select activity_title from service_records where id = ${objectUuid})
  when 'service_request' then (select left(description, 30) from service_requests where id = ${objectUuid})
  when 'user' then (select name from users where id = ${objectUuid})
  when 'volunteer' then (select name from users where id = ${objectUuid})
  when 'grant' then (select u.name from grants g join users u on u.id = g.user_id where g.id = ${objectUuid})
  when 'membership' then (select u.name || ' · ' || o.name from org_memberships m join users u on u.id = m.user_id join organizations o on o.id = m.org_id where m.id = ${objectUuid})
  when 'signup' then (select u.name from signups s join users u on u.id = s.user_id where s.id = ${objectUuid})
  when 'attendance' then (select u.name from attendance a join users u on u.id = a.user_id where a.id = ${objectUuid})
  end`;

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
      objectName,
      regionCode: auditLog.regionCode,
      regionName: sql<string | null>`(select name from regions where code = ${auditLog.regionCode})`,
      onBehalfOf: auditLog.onBehalfOf,
      onBehalfOfName: sql<string | null>`(select name from users where id = ${auditLog.onBehalfOf})`,
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
