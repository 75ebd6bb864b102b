import { parse as parseCsv } from 'csv-parse/sync';
import { regionLevel, REGION_CODE_PATTERN } from '@shared/lib/region-code';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import * as repo from './regions.repository';

export interface RegionImportRow {
  code: string;
  name: string;
  parentCode: string | null;
  lat?: number | null;
  lng?: number | null;
}

export interface RegionImportProblem {
  line: number;
  code: string;
  reason: string;
}

/**
 * Checks a whole division list first (codes, names, parents present in the file or the
 * database, no cycles), then writes it in one transaction, parents first. Nothing is written
 * when any row is bad.
 */
export async function importRegions(
  db: Db,
  rows: RegionImportRow[],
  onProgress?: (done: number, total: number) => void,
): Promise<{ imported: number; problems: RegionImportProblem[] }> {
  const problems: RegionImportProblem[] = [];
  const byCode = new Map<string, RegionImportRow & { line: number }>();
  rows.forEach((r, i) => {
    const line = i + 2; // header is line 1
    if (!REGION_CODE_PATTERN.test(r.code)) problems.push({ line, code: r.code, reason: 'code must have 6, 9, 12 or 15 digits' });
    else if (!r.name.trim()) problems.push({ line, code: r.code, reason: 'name is empty' });
    else if (r.parentCode && !REGION_CODE_PATTERN.test(r.parentCode)) problems.push({ line, code: r.code, reason: `bad parent code ${r.parentCode}` });
    else if (r.parentCode === r.code) problems.push({ line, code: r.code, reason: 'a region cannot be its own parent' });
    else if (byCode.has(r.code)) problems.push({ line, code: r.code, reason: `duplicate of line ${byCode.get(r.code)!.line}` });
    else byCode.set(r.code, { ...r, name: r.name.trim(), line });
  });

  const missingParents = [...new Set([...byCode.values()].map((r) => r.parentCode).filter((p): p is string => !!p && !byCode.has(p)))];
  const existing = new Map((await repo.findRegions(db, missingParents)).map((r) => [r.code, r]));
  for (const r of byCode.values()) {
    if (r.parentCode && !byCode.has(r.parentCode) && !existing.has(r.parentCode)) {
      problems.push({ line: r.line, code: r.code, reason: `parent ${r.parentCode} is neither in the file nor in the database` });
    }
  }
  if (problems.length > 0) return { imported: 0, problems };

  // compute paths parent-first (iterative, detects cycles)
  const paths = new Map<string, string>();
  for (const [code, r] of existing) paths.set(code, r.path);
  const ordered: Array<RegionImportRow & { level: number; path: string }> = [];
  const resolve = (code: string, seen: Set<string>): string | undefined => {
    const known = paths.get(code);
    if (known) return known;
    const r = byCode.get(code);
    if (!r) return undefined;
    if (seen.has(code)) return undefined;
    seen.add(code);
    const parentPath = r.parentCode ? resolve(r.parentCode, seen) : '/';
    if (parentPath === undefined) return undefined;
    const path = `${parentPath}${code}/`;
    paths.set(code, path);
    ordered.push({ ...r, level: regionLevel(code) || path.split('/').length - 2, path });
    return path;
  };
  for (const r of byCode.values()) {
    if (resolve(r.code, new Set()) === undefined) problems.push({ line: r.line, code: r.code, reason: 'cycle in parent codes' });
  }
  if (problems.length > 0) return { imported: 0, problems };

  const CHUNK = 2000;
  await db.transaction(async (tx) => {
    for (let i = 0; i < ordered.length; i += CHUNK) {
      await repo.upsertRegions(tx, ordered.slice(i, i + CHUNK));
      onProgress?.(Math.min(i + CHUNK, ordered.length), ordered.length);
    }
  });
  return { imported: ordered.length, problems: [] };
}

export async function getRegionOrThrow(db: DbOrTx, code: string) {
  const r = await repo.findRegion(db, code);
  if (!r) throw notFound('地区 region');
  return r;
}

/** Ancestors and the region itself, root first. */
export async function regionTrail(db: DbOrTx, code: string) {
  const r = await getRegionOrThrow(db, code);
  const codes = r.path.split('/').filter(Boolean);
  const rows = await repo.findRegions(db, codes);
  const byCode = new Map(rows.map((x) => [x.code, x]));
  return { region: r, trail: codes.map((c) => byCode.get(c)).filter((x): x is NonNullable<typeof x> => !!x) };
}

export async function requireRegionPath(db: DbOrTx, code: string): Promise<string> {
  const r = await repo.findRegion(db, code);
  if (!r) throw new AppError('VALIDATION_FAILED', undefined, { fields: { regionCode: `未知地区 / Unknown region ${code}` } });
  return r.path;
}

/** Parses `code,name,parent_code[,lat,lng]` CSV text (a header row is optional). */
export function parseRegionCsv(text: string): RegionImportRow[] {
  const records = parseCsv(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  if (records.length === 0) return [];
  const first = (records[0] ?? []).join(',').toLowerCase();
  const body = /code|代码|编码/.test(first) ? records.slice(1) : records;
  return body.map(([code = '', name = '', parent = '', lat, lng]) => ({
    code,
    name,
    parentCode: parent === '' ? null : parent,
    lat: lat ? Number(lat) : null,
    lng: lng ? Number(lng) : null,
  }));
}
