import { pgTable, uuid, varchar, timestamp, index, jsonb, char, text } from 'drizzle-orm/pg-core';

/** Who did what to which object, when, with the values before and after. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    action: varchar('action', { length: 80 }).notNull(),
    objectType: varchar('object_type', { length: 40 }).notNull(),
    objectId: varchar('object_id', { length: 64 }),
    /** The region that holds the object: region admins read their subtree. */
    regionCode: varchar('region_code', { length: 15 }),
    /** The person a staff member acted for (代操作), if any. */
    onBehalfOf: uuid('on_behalf_of'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_region_at_idx').on(t.regionCode, t.at),
    index('audit_object_idx').on(t.objectType, t.objectId),
    index('audit_actor_idx').on(t.actorId, t.at),
  ],
);
