import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { charityDisbursements, charityEventStaff, charityEventTotals, charityEvents, charityItems, charityReceipts, charitySales, charitySellers, charityStalls, regions, users } from '../../db/schema/index';
import { escapeLike } from '../regions/index';

/** The only database access of modules/charity. */

export type EventRow = typeof charityEvents.$inferSelect;
export type TotalsRow = typeof charityEventTotals.$inferSelect;
export type EventView = EventRow & { regionPath: string; regionName: string; totals: TotalsRow };
export type SaleRow = typeof charitySales.$inferSelect;
export type DisbursementRow = typeof charityDisbursements.$inferSelect;

const underAny = (paths: readonly string[]) => sql`(${sql.join(paths.map((p) => sql`${regions.path} like ${escapeLike(p) + '%'}`), sql` or `)})`;
const eventCols = { e: charityEvents, t: charityEventTotals, regionPath: regions.path, regionName: regions.name };
const flat = (r: { e: EventRow; t: TotalsRow; regionPath: string; regionName: string }): EventView => ({ ...r.e, totals: r.t, regionPath: r.regionPath, regionName: r.regionName });

// ——— events ———

export async function insertEvent(db: DbOrTx, row: typeof charityEvents.$inferInsert): Promise<void> {
  await db.insert(charityEvents).values(row);
  await db.insert(charityEventTotals).values({ eventId: row.id, cityCode: row.cityCode, regionCode: row.regionCode, raisedFen: 0, disbursedFen: 0, saleLines: 0 });
}

export async function findEvent(db: DbOrTx, id: string): Promise<EventView | undefined> {
  const [r] = await db
    .select(eventCols)
    .from(charityEvents)
    .innerJoin(charityEventTotals, eq(charityEventTotals.eventId, charityEvents.id))
    .innerJoin(regions, eq(regions.code, charityEvents.regionCode))
    .where(eq(charityEvents.id, id))
    .limit(1);
  return r ? flat(r) : undefined;
}

/** Events in some region subtrees, newest first (a city holds a few hundred a year). */
export async function listEvents(db: DbOrTx, paths: readonly string[], limit: number, offset: number) {
  if (!paths.length) return { items: [], total: 0 };
  const rows = await db
    .select({ ...eventCols, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(charityEvents)
    .innerJoin(charityEventTotals, eq(charityEventTotals.eventId, charityEvents.id))
    .innerJoin(regions, eq(regions.code, charityEvents.regionCode))
    .where(underAny(paths))
    .orderBy(desc(charityEvents.startsAt), desc(charityEvents.id))
    .limit(limit)
    .offset(offset);
  return { items: rows.map(flat), total: rows[0]?.total ?? 0 };
}

/** Moves an event from one status to another; false when it was not in `from`. */
export async function setEventStatus(db: DbOrTx, id: string, from: string, to: string, at: Date): Promise<boolean> {
  const r = await db.update(charityEvents).set({ status: to, updatedAt: at }).where(and(eq(charityEvents.id, id), eq(charityEvents.status, from))).returning({ id: charityEvents.id });
  return r.length > 0;
}

// ——— recorders ———

export async function isStaff(db: DbOrTx, eventId: string, userId: string): Promise<boolean> {
  const [r] = await db.select({ u: charityEventStaff.userId }).from(charityEventStaff).where(and(eq(charityEventStaff.eventId, eventId), eq(charityEventStaff.userId, userId))).limit(1);
  return !!r;
}

export async function addStaff(db: DbOrTx, row: typeof charityEventStaff.$inferInsert): Promise<boolean> {
  const r = await db.insert(charityEventStaff).values(row).onConflictDoNothing().returning({ u: charityEventStaff.userId });
  return r.length > 0;
}

export async function staffOf(db: DbOrTx, eventId: string) {
  return db
    .select({ userId: charityEventStaff.userId, name: users.name })
    .from(charityEventStaff)
    .innerJoin(users, eq(users.id, charityEventStaff.userId))
    .where(eq(charityEventStaff.eventId, eventId))
    .orderBy(asc(charityEventStaff.createdAt));
}

/** The events a person records sales for (their own phone's list). */
export async function eventIdsOfStaff(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db.select({ id: charityEventStaff.eventId }).from(charityEventStaff).where(eq(charityEventStaff.userId, userId)).limit(100);
  return rows.map((r) => r.id);
}

export async function eventsByIds(db: DbOrTx, ids: readonly string[]): Promise<EventView[]> {
  if (!ids.length) return [];
  const rows = await db
    .select(eventCols)
    .from(charityEvents)
    .innerJoin(charityEventTotals, eq(charityEventTotals.eventId, charityEvents.id))
    .innerJoin(regions, eq(regions.code, charityEvents.regionCode))
    .where(inArray(charityEvents.id, [...ids]))
    .orderBy(desc(charityEvents.startsAt));
  return rows.map(flat);
}

export async function findUser(db: DbOrTx, id: string) {
  const [u] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, id)).limit(1);
  return u;
}

// ——— stalls, sellers, items ———

export async function insertStall(db: DbOrTx, row: typeof charityStalls.$inferInsert) {
  const [r] = await db.insert(charityStalls).values(row).returning();
  return r!;
}
export async function insertSeller(db: DbOrTx, row: typeof charitySellers.$inferInsert) {
  const [r] = await db.insert(charitySellers).values(row).returning();
  return r!;
}
export async function insertItem(db: DbOrTx, row: typeof charityItems.$inferInsert) {
  const [r] = await db.insert(charityItems).values(row).returning();
  return r!;
}

export async function stallsOf(db: DbOrTx, eventId: string) {
  return db.select().from(charityStalls).where(eq(charityStalls.eventId, eventId)).orderBy(asc(charityStalls.createdAt), asc(charityStalls.id));
}
export async function sellersOf(db: DbOrTx, eventId: string) {
  return db
    .select({ s: charitySellers, guardianName: users.name })
    .from(charitySellers)
    .leftJoin(users, eq(users.id, charitySellers.guardianUserId))
    .where(eq(charitySellers.eventId, eventId))
    .orderBy(asc(charitySellers.createdAt), asc(charitySellers.id));
}
export async function itemsOf(db: DbOrTx, eventId: string) {
  return db.select().from(charityItems).where(eq(charityItems.eventId, eventId)).orderBy(asc(charityItems.createdAt), asc(charityItems.id));
}

/** Sum and count of sale lines per stall of an event (an index walk of the event's own lines). */
export async function raisedByStall(db: DbOrTx, eventId: string): Promise<Map<string, { raisedFen: number; saleLines: number }>> {
  const rows = await db
    .select({ stallId: charitySales.stallId, raised: sql<number>`coalesce(sum(${charitySales.amountFen}), 0)`.mapWith(Number), lines: sql<number>`count(*) filter (where ${charitySales.reversesId} is null)`.mapWith(Number) })
    .from(charitySales)
    .where(eq(charitySales.eventId, eventId))
    .groupBy(charitySales.stallId);
  return new Map(rows.map((r) => [r.stallId, { raisedFen: r.raised, saleLines: r.lines }]));
}

export async function disbursedSum(db: DbOrTx, eventId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`coalesce(sum(${charityDisbursements.amountFen}), 0)`.mapWith(Number) }).from(charityDisbursements).where(eq(charityDisbursements.eventId, eventId));
  return r?.n ?? 0;
}

// ——— sales and disbursements (append-only) ———

export async function findSale(db: DbOrTx, id: string): Promise<SaleRow | undefined> {
  const [r] = await db.select().from(charitySales).where(eq(charitySales.id, id)).limit(1);
  return r;
}

/** Appends a sale line; false when it reverses a line that was already reversed (the unique index decides). */
export async function insertSale(db: DbOrTx, row: typeof charitySales.$inferInsert): Promise<boolean> {
  const r = await db.insert(charitySales).values(row).onConflictDoNothing().returning({ id: charitySales.id });
  return r.length > 0;
}

export async function findDisbursement(db: DbOrTx, id: string): Promise<DisbursementRow | undefined> {
  const [r] = await db.select().from(charityDisbursements).where(eq(charityDisbursements.id, id)).limit(1);
  return r;
}

/** Holds a disbursement's row for the transaction (its receipts are counted under it); the row itself is never changed. */
export async function lockDisbursement(db: DbOrTx, id: string): Promise<void> {
  await db.select({ id: charityDisbursements.id }).from(charityDisbursements).where(eq(charityDisbursements.id, id)).for('update');
}

export async function insertDisbursement(db: DbOrTx, row: typeof charityDisbursements.$inferInsert): Promise<boolean> {
  const r = await db.insert(charityDisbursements).values(row).onConflictDoNothing().returning({ id: charityDisbursements.id });
  return r.length > 0;
}

/**
 * Adds to an event's totals in one statement, only while the money held stays at or above zero
 * (raised − disbursed ≥ 0): answers the new totals, or undefined when the change would pay out
 * money not raised (or take back a sale whose money is already paid out).
 */
export async function addToTotals(db: DbOrTx, eventId: string, d: { raisedFen?: number; disbursedFen?: number; saleLines?: number }): Promise<TotalsRow | undefined> {
  const raised = d.raisedFen ?? 0;
  const disbursed = d.disbursedFen ?? 0;
  const [r] = await db
    .update(charityEventTotals)
    .set({
      raisedFen: sql`${charityEventTotals.raisedFen} + ${raised}`,
      disbursedFen: sql`${charityEventTotals.disbursedFen} + ${disbursed}`,
      saleLines: sql`${charityEventTotals.saleLines} + ${d.saleLines ?? 0}`,
    })
    .where(and(eq(charityEventTotals.eventId, eventId), sql`${charityEventTotals.raisedFen} + ${raised} >= ${charityEventTotals.disbursedFen} + ${disbursed}`, sql`${charityEventTotals.disbursedFen} + ${disbursed} >= 0`))
    .returning();
  return r;
}

const recorder = { name: users.name };

export async function salesOf(db: DbOrTx, eventId: string, limit: number, offset: number) {
  const reversal = sql<boolean>`exists (select 1 from ${charitySales} r where r.reverses_id = ${charitySales.id})`;
  const rows = await db
    .select({ s: charitySales, recordedByName: recorder.name, stallName: charityStalls.name, itemName: charityItems.name, sellerName: charitySellers.name, reversed: reversal, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(charitySales)
    .innerJoin(users, eq(users.id, charitySales.recordedBy))
    .innerJoin(charityStalls, eq(charityStalls.id, charitySales.stallId))
    .leftJoin(charityItems, eq(charityItems.id, charitySales.itemId))
    .leftJoin(charitySellers, eq(charitySellers.id, charitySales.sellerId))
    .where(eq(charitySales.eventId, eventId))
    .orderBy(desc(charitySales.recordedAt), desc(charitySales.id))
    .limit(limit)
    .offset(offset);
  return { items: rows, total: rows[0]?.total ?? 0 };
}

export async function saleView(db: DbOrTx, id: string) {
  const reversal = sql<boolean>`exists (select 1 from ${charitySales} r where r.reverses_id = ${charitySales.id})`;
  const [r] = await db
    .select({ s: charitySales, recordedByName: recorder.name, stallName: charityStalls.name, itemName: charityItems.name, sellerName: charitySellers.name, reversed: reversal })
    .from(charitySales)
    .innerJoin(users, eq(users.id, charitySales.recordedBy))
    .innerJoin(charityStalls, eq(charityStalls.id, charitySales.stallId))
    .leftJoin(charityItems, eq(charityItems.id, charitySales.itemId))
    .leftJoin(charitySellers, eq(charitySellers.id, charitySales.sellerId))
    .where(eq(charitySales.id, id))
    .limit(1);
  return r!;
}

export async function disbursementsOf(db: DbOrTx, eventId: string, limit: number, offset: number) {
  const reversal = sql<boolean>`exists (select 1 from ${charityDisbursements} r where r.reverses_id = ${charityDisbursements.id})`;
  const rows = await db
    .select({ d: charityDisbursements, recordedByName: recorder.name, reversed: reversal, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(charityDisbursements)
    .innerJoin(users, eq(users.id, charityDisbursements.recordedBy))
    .where(eq(charityDisbursements.eventId, eventId))
    .orderBy(asc(charityDisbursements.recordedAt), asc(charityDisbursements.id))
    .limit(limit)
    .offset(offset);
  return { items: rows, total: rows[0]?.total ?? 0 };
}

/** Totals of the events in a region's subtree, by the event's region (the totals rows, one per event). */
export async function totalsByRegion(db: DbOrTx, path: string) {
  return db
    .select({
      regionCode: charityEventTotals.regionCode,
      regionName: regions.name,
      events: sql<number>`count(*)`.mapWith(Number),
      raisedFen: sql<number>`sum(${charityEventTotals.raisedFen})`.mapWith(Number),
      disbursedFen: sql<number>`sum(${charityEventTotals.disbursedFen})`.mapWith(Number),
    })
    .from(charityEventTotals)
    .innerJoin(regions, eq(regions.code, charityEventTotals.regionCode))
    .where(sql`${regions.path} like ${escapeLike(path) + '%'}`)
    .groupBy(charityEventTotals.regionCode, regions.name)
    .orderBy(asc(charityEventTotals.regionCode));
}

export type ReceiptRow = typeof charityReceipts.$inferSelect;

export async function insertReceipt(db: DbOrTx, row: typeof charityReceipts.$inferInsert): Promise<void> {
  await db.insert(charityReceipts).values(row);
}

/** The receipts of some disbursements (an event's page of them), oldest first, with who attached each. */
export async function receiptsOf(db: DbOrTx, disbursementIds: readonly string[]): Promise<Map<string, Array<ReceiptRow & { uploadedByName: string }>>> {
  const out = new Map<string, Array<ReceiptRow & { uploadedByName: string }>>();
  if (disbursementIds.length === 0) return out;
  const rows = await db
    .select({ r: charityReceipts, uploadedByName: users.name })
    .from(charityReceipts)
    .innerJoin(users, eq(users.id, charityReceipts.uploadedBy))
    .where(inArray(charityReceipts.disbursementId, [...disbursementIds]))
    .orderBy(asc(charityReceipts.uploadedAt), asc(charityReceipts.id));
  for (const { r, uploadedByName } of rows) {
    const list = out.get(r.disbursementId) ?? [];
    list.push({ ...r, uploadedByName });
    out.set(r.disbursementId, list);
  }
  return out;
}

export async function findReceipt(db: DbOrTx, disbursementId: string, id: string): Promise<ReceiptRow | undefined> {
  const [r] = await db.select().from(charityReceipts).where(and(eq(charityReceipts.id, id), eq(charityReceipts.disbursementId, disbursementId))).limit(1);
  return r;
}
