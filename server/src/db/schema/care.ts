import { pgTable, uuid, varchar, char, timestamp, index, uniqueIndex, text, doublePrecision, smallint, integer, boolean } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Community care (网格化关爱): written only by modules/care. Every table carries city_code; the
 * community (a region of level 5) decides who may manage, grids (片区 and the 小区 under them)
 * decide which grid worker sees what (`path`: `/<area id>/<estate id>/`).
 */
export const careGrids = pgTable(
  'care_grids',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    communityCode: varchar('community_code', { length: 15 }).notNull(),
    parentId: uuid('parent_id'),
    path: text('path').notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    /** area (片区) | estate (小区) */
    kind: varchar('kind', { length: 10 }).notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('care_grids_community_idx').on(t.cityCode, t.communityCode), index('care_grids_path_idx').using('btree', t.path.op('text_pattern_ops'))],
);

export const careBuildings = pgTable(
  'care_buildings',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    gridId: uuid('grid_id').notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    address: varchar('address', { length: 200 }),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('care_buildings_grid_idx').on(t.gridId)],
);

/** Grid workers (网格员) of a grid, A and B building heads (楼栋长) of a building: assigned and ended by community staff. */
export const careAssignments = pgTable(
  'care_assignments',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    gridId: uuid('grid_id').notNull(),
    buildingId: uuid('building_id'),
    userId: uuid('user_id').notNull(),
    /** grid_worker | building_head_a | building_head_b */
    role: varchar('role', { length: 20 }).notNull(),
    assignedBy: uuid('assigned_by').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: uuid('ended_by'),
    endReason: varchar('end_reason', { length: 200 }),
  },
  (t) => [
    index('care_assignments_user_idx').on(t.userId).where(sql`${t.endedAt} is null`),
    index('care_assignments_grid_idx').on(t.gridId),
    // one A and one B per building at a time; a person once per grid and role
    uniqueIndex('care_assignments_head_uq').on(t.buildingId, t.role).where(sql`${t.endedAt} is null and ${t.buildingId} is not null`),
    uniqueIndex('care_assignments_worker_uq').on(t.gridId, t.userId, t.role).where(sql`${t.endedAt} is null and ${t.buildingId} is null`),
  ],
);

export const careHouseholds = pgTable(
  'care_households',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    communityCode: varchar('community_code', { length: 15 }).notNull(),
    gridId: uuid('grid_id').notNull(),
    gridPath: text('grid_path').notNull(),
    buildingId: uuid('building_id').notNull(),
    unit: varchar('unit', { length: 20 }).notNull(),
    room: varchar('room', { length: 20 }).notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    phone: varchar('phone', { length: 20 }),
    note: varchar('note', { length: 500 }),
    /** The first member's name, for the masked lists. */
    headName: varchar('head_name', { length: 100 }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('care_households_community_idx').on(t.cityCode, t.communityCode, t.id),
    index('care_households_grid_path_idx').using('btree', t.gridPath.op('text_pattern_ops')),
    index('care_households_building_idx').on(t.buildingId),
    uniqueIndex('care_households_room_uq').on(t.buildingId, t.unit, t.room),
  ],
);

export const careHouseholdMembers = pgTable(
  'care_household_members',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    householdId: uuid('household_id').notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    relation: varchar('relation', { length: 20 }).notNull(),
    userId: uuid('user_id'),
    birthYear: smallint('birth_year'),
  },
  (t) => [index('care_household_members_household_idx').on(t.householdId), index('care_household_members_user_idx').on(t.userId)],
);

export const careHouseholdTags = pgTable(
  'care_household_tags',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    householdId: uuid('household_id').notNull(),
    tag: varchar('tag', { length: 20 }).notNull(),
    evidence: varchar('evidence', { length: 500 }).notNull(),
    addedBy: uuid('added_by'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('care_household_tags_uq').on(t.householdId, t.tag), index('care_household_tags_tag_idx').on(t.cityCode, t.tag)],
);

/** One row per read of a household's detail (or per household in an export): readable by the community. */
export const careHouseholdReads = pgTable(
  'care_household_reads',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    communityCode: varchar('community_code', { length: 15 }).notNull(),
    householdId: uuid('household_id').notNull(),
    readerId: uuid('reader_id').notNull(),
    /** detail | export */
    purpose: varchar('purpose', { length: 10 }).notNull(),
    reason: varchar('reason', { length: 200 }),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('care_household_reads_household_idx').on(t.householdId, t.at), index('care_household_reads_community_idx').on(t.cityCode, t.communityCode, t.at)],
);

/** How often each tag is visited in a community (e.g. living-alone elders every 7 days). */
export const carePlans = pgTable(
  'care_plans',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    communityCode: varchar('community_code', { length: 15 }).notNull(),
    tag: varchar('tag', { length: 20 }).notNull(),
    intervalDays: integer('interval_days').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('care_plans_uq').on(t.communityCode, t.tag)],
);

export const careCampaigns = pgTable(
  'care_campaigns',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    communityCode: varchar('community_code', { length: 15 }).notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('care_campaigns_community_idx').on(t.cityCode, t.communityCode, t.createdAt)],
);

/**
 * A visit due (from a plan, a campaign or the pension drive) and, once made, what was found. A
 * household has at most one open plan visit at a time.
 */
export const careVisits = pgTable(
  'care_visits',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    communityCode: varchar('community_code', { length: 15 }).notNull(),
    gridId: uuid('grid_id'),
    gridPath: text('grid_path'),
    buildingId: uuid('building_id'),
    householdId: uuid('household_id'),
    pensionItemId: uuid('pension_item_id'),
    campaignId: uuid('campaign_id'),
    /** plan | campaign | pension | adhoc */
    source: varchar('source', { length: 10 }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** due | done */
    status: varchar('status', { length: 10 }).notNull(),
    escalationLevel: smallint('escalation_level').notNull().default(0),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    visitorId: uuid('visitor_id'),
    visitedAt: timestamp('visited_at', { withTimezone: true }),
    method: varchar('method', { length: 10 }),
    findings: varchar('findings', { length: 1000 }),
    followUpNeeded: boolean('follow_up_needed').notNull().default(false),
    distanceMeters: integer('distance_meters'),
    /** An optional photo of the visit, re-encoded without EXIF (uploads/care/…). */
    photoKey: varchar('photo_key', { length: 200 }),
    requestId: uuid('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('care_visits_household_idx').on(t.householdId, t.dueAt),
    index('care_visits_escalate_idx').on(t.dueAt).where(sql`${t.status} = 'due' and ${t.escalationLevel} < 3`),
    index('care_visits_grid_due_idx').using('btree', t.gridPath.op('text_pattern_ops'), t.dueAt).where(sql`${t.status} = 'due'`),
    index('care_visits_campaign_idx').on(t.campaignId, t.status),
    index('care_visits_pension_idx').on(t.pensionItemId),
    uniqueIndex('care_visits_open_plan_uq').on(t.householdId).where(sql`${t.status} = 'due' and ${t.source} = 'plan'`),
  ],
);

export const pensionDrives = pgTable(
  'pension_drives',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    /** A town, a community or a village: the drive covers its subtree. */
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    year: smallint('year').notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('pension_drives_region_idx').on(t.cityCode, t.regionCode)],
);

export const pensionItems = pgTable(
  'pension_items',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    driveId: uuid('drive_id').notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    gridId: uuid('grid_id'),
    gridPath: text('grid_path'),
    name: varchar('name', { length: 100 }).notNull(),
    /** Only the masked number is kept: the list needs no more to find the person. */
    idNumberMasked: varchar('id_number_masked', { length: 20 }).notNull(),
    idKey: varchar('id_key', { length: 64 }).notNull(),
    address: varchar('address', { length: 200 }).notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    /** pending | self | helped | not_yet */
    status: varchar('status', { length: 10 }).notNull(),
    helpedBy: uuid('helped_by'),
    helpPlace: varchar('help_place', { length: 20 }),
    reason: varchar('reason', { length: 20 }),
    visitId: uuid('visit_id'),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('pension_items_drive_idx').on(t.driveId, t.status, t.id),
    index('pension_items_grid_idx').using('btree', t.gridPath.op('text_pattern_ops')),
    uniqueIndex('pension_items_person_uq').on(t.driveId, t.idKey),
  ],
);
