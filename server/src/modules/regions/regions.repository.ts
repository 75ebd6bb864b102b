import { and, asc, eq, inArray, isNull, like, sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { regions } from '../../db/schema/index';
import type { DbOrTx } from '../../db/client';

export type RegionRow = typeof regions.$inferSelect;
export interface RegionInput {
  code: string;
  name: string;
  parentCode: string | null;
  lat?: number | null;
  lng?: number | null;
}

export async function findRegion(db: DbOrTx, code: string): Promise<RegionRow | undefined> {
  const [row] = await db.select().from(regions).where(eq(regions.code, code)).limit(1);
  return row;
}

export async function findRegions(db: DbOrTx, codes: string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  return db.select().from(regions).where(inArray(regions.code, codes));
}

/** Children of a region, or the roots; with a flag telling whether each has children. */
export async function listChildren(db: DbOrTx, parentCode: string | null) {
  const child = sql`exists (select 1 from regions c where c.parent_code = ${regions.code})`;
  return db
    .select({ code: regions.code, name: regions.name, parentCode: regions.parentCode, level: regions.level, hasChildren: sql<boolean>`${child}` })
    .from(regions)
    .where(parentCode ? eq(regions.parentCode, parentCode) : isNull(regions.parentCode))
    .orderBy(asc(regions.code));
}

/** `column IN (codes of the subtree)` — one range scan on regions.path. */
export function inRegionSubtree(column: AnyColumn | SQL, regionPath: string): SQL {
  return sql`${column} in (select code from regions where path like ${escapeLike(regionPath) + '%'})`;
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

export async function subtreeCodes(db: DbOrTx, regionPath: string): Promise<string[]> {
  const rows = await db.select({ code: regions.code }).from(regions).where(like(regions.path, escapeLike(regionPath) + '%'));
  return rows.map((r) => r.code);
}

export async function countRegions(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(regions);
  return row?.n ?? 0;
}

/**
 * Inserts or updates regions in parent-first order. Paths are computed from the parent's
 * path, so the rows must be sorted so that every parent comes before its children (or
 * already exists).
 */
export async function upsertRegions(db: DbOrTx, rows: Array<RegionInput & { level: number; path: string }>): Promise<void> {
  const CHUNK = 500;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await db
      .insert(regions)
      .values(chunk.map((r) => ({ code: r.code, name: r.name, parentCode: r.parentCode, level: r.level, path: r.path, lat: r.lat ?? null, lng: r.lng ?? null })))
      .onConflictDoUpdate({
        target: regions.code,
        set: {
          name: sql`excluded.name`,
          parentCode: sql`excluded.parent_code`,
          level: sql`excluded.level`,
          path: sql`excluded.path`,
          lat: sql`coalesce(excluded.lat, regions.lat)`,
          lng: sql`coalesce(excluded.lng, regions.lng)`,
        },
      });
  }
}

export async function pathsOf(db: DbOrTx, codes: string[]): Promise<Map<string, string>> {
  const rows = await db.select({ code: regions.code, path: regions.path }).from(regions).where(and(inArray(regions.code, codes)));
  return new Map(rows.map((r) => [r.code, r.path]));
}

/** The first root region (no parent): where the first admin is granted. */
export async function rootRegionCode(db: DbOrTx): Promise<string | undefined> {
  const [r] = await db.select({ code: regions.code }).from(regions).where(isNull(regions.parentCode)).orderBy(asc(regions.code)).limit(1);
  return r?.code;
}

/**
 * The region asked for; without one, the city: the first root, then down while a region has
 * exactly one child (a province that holds one city). One round trip.
 */
export async function regionOrCity(db: DbOrTx, code: string | undefined): Promise<{ code: string; name: string; path: string } | undefined> {
  const asked = code ?? null;
  const res = await db.execute(sql`
    with recursive walk as (
      select r.code, r.name, r.path, 0 as depth from regions r
       where r.code = coalesce(${asked}::text, (select code from regions where parent_code is null order by code limit 1))
      union all
      select k.code, k.name, k.path, w.depth + 1 from walk w join regions k on k.parent_code = w.code
       where ${asked}::text is null
         and (select count(*) from (select 1 from regions s where s.parent_code = w.code limit 2) two) = 1
    )
    select code, name, path from walk order by depth desc limit 1`);
  return (res as unknown as { rows: Array<{ code: string; name: string; path: string }> }).rows[0];
}

/** Codes and names of a subtree, for matching community names in imported files. */
export async function subtreeRegionsByName(db: DbOrTx, regionPath: string) {
  const rows = await db.select({ code: regions.code, name: regions.name }).from(regions).where(like(regions.path, escapeLike(regionPath) + '%'));
  const byName = new Map<string, string[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.code]);
  return { byName, byCode: new Set(rows.map((r) => r.code)) };
}
