import { pgTable, uuid, varchar, char, timestamp, index, integer, text, primaryKey, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * 小板凳议事会 (residents' council): topics residents raise from their phones, supports (one per
 * account), council meetings with their topics and minutes, decisions with who follows up and by
 * when. Written only by modules/council.
 */
export const councilTopics = pgTable(
  'council_topics',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    /** The community whose council hears it. */
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    title: varchar('title', { length: 80 }).notNull(),
    description: text('description').notNull(),
    raisedBy: uuid('raised_by').notNull(),
    /** Staff who typed it in for a resident without a smartphone. */
    onBehalfBy: uuid('on_behalf_by'),
    supportCount: integer('support_count').notNull(),
    /** open | scheduled (on a meeting) | decided (a decision to follow up) | done | closed */
    status: varchar('status', { length: 10 }).notNull(),
    /** The residents' request it became, in one step. */
    requestId: uuid('request_id'),
    closedNote: varchar('closed_note', { length: 500 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('council_topics_region_idx').on(t.cityCode, t.regionCode, t.createdAt),
    index('council_topics_raiser_idx').on(t.raisedBy),
    check('council_topics_status_ck', sql`${t.status} in ('open', 'scheduled', 'decided', 'done', 'closed')`),
    check('council_topics_support_ck', sql`${t.supportCount} >= 0`),
  ],
);

/** One support per account and topic (the primary key decides). */
export const councilSupports = pgTable(
  'council_supports',
  {
    topicId: uuid('topic_id').notNull(),
    userId: uuid('user_id').notNull(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'council_supports_pk', columns: [t.topicId, t.userId] })],
);

export const councilMeetings = pgTable(
  'council_meetings',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    place: varchar('place', { length: 200 }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    /** scheduled | held (minutes recorded) */
    status: varchar('status', { length: 10 }).notNull(),
    minutes: text('minutes'),
    attendees: integer('attendees'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    heldAt: timestamp('held_at', { withTimezone: true }),
  },
  (t) => [index('council_meetings_region_idx').on(t.cityCode, t.regionCode, t.startsAt), check('council_meetings_status_ck', sql`${t.status} in ('scheduled', 'held')`)],
);

export const councilMeetingTopics = pgTable(
  'council_meeting_topics',
  {
    meetingId: uuid('meeting_id').notNull(),
    topicId: uuid('topic_id').notNull(),
    cityCode: char('city_code', { length: 4 }).notNull(),
  },
  (t) => [primaryKey({ name: 'council_meeting_topics_pk', columns: [t.meetingId, t.topicId] }), index('council_meeting_topics_topic_idx').on(t.topicId)],
);

/** What the council decided on a topic, who follows up and by when (a China day); overdue once past it. */
export const councilDecisions = pgTable(
  'council_decisions',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    meetingId: uuid('meeting_id').notNull(),
    topicId: uuid('topic_id').notNull(),
    decision: text('decision').notNull(),
    ownerName: varchar('owner_name', { length: 60 }).notNull(),
    ownerUserId: uuid('owner_user_id'),
    dueDate: varchar('due_date', { length: 10 }).notNull(),
    /** open | done */
    status: varchar('status', { length: 6 }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneNote: varchar('done_note', { length: 500 }),
    /** When the owner, the topic's raiser and the community's staff were told it is overdue (once). */
    overdueNotifiedAt: timestamp('overdue_notified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('council_decisions_topic_idx').on(t.topicId),
    index('council_decisions_due_idx').on(t.cityCode, t.regionCode, t.dueDate).where(sql`status = 'open'`),
    // the sweep's read: open follow-ups past their day that nobody was told of yet
    index('council_decisions_untold_idx').on(t.dueDate).where(sql`status = 'open' and overdue_notified_at is null`),
    check('council_decisions_status_ck', sql`${t.status} in ('open', 'done')`),
  ],
);
