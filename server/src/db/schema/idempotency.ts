import { pgTable, uuid, varchar, char, integer, jsonb, timestamp, index, primaryKey } from 'drizzle-orm/pg-core';

/**
 * Client idempotency keys of spends (redemptions, service requests, family transfers,
 * donations): one row per (actor, key), claimed in the transaction that does the spend and
 * holding its answer, so a retried POST gets the same answer and nothing is spent twice.
 * Written only by modules/idempotency.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    actorId: uuid('actor_id').notNull(),
    key: uuid('key').notNull(),
    /** What was asked: `redemption`, `service_request`, `family_transfer`, `donation`. */
    scope: varchar('scope', { length: 32 }).notNull(),
    /** sha256 of the scope and the canonical body: a repeat must carry the same. */
    requestHash: char('request_hash', { length: 64 }).notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
