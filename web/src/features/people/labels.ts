import { ORG_TYPE_LABELS, SERVICE_CATEGORY_LABELS, STATION_TYPE_LABELS, SERVICE_CATEGORIES, type OrgType, type ServiceCategory, type StationType } from '@shared/constants';
import type { Lang } from '../../lib/format';

type Table<K extends string> = Record<K, { zh: string; en: string }>;

function label<K extends string>(table: Table<K>, key: string, lang: Lang): string {
  const row = (table as Record<string, { zh: string; en: string } | undefined>)[key];
  if (!row) return key;
  return lang === 'zh-CN' ? row.zh : row.en;
}

export const categoryLabel = (c: string, lang: Lang) => label<ServiceCategory>(SERVICE_CATEGORY_LABELS, c, lang);
export const orgTypeLabel = (c: string, lang: Lang) => label<OrgType>(ORG_TYPE_LABELS, c, lang);
export const stationTypeLabel = (c: string, lang: Lang) => label<StationType>(STATION_TYPE_LABELS, c, lang);

export function categoryOptions(lang: Lang): { value: ServiceCategory; label: string }[] {
  return SERVICE_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c, lang) }));
}

/** The last code of a cascader path (the region chosen), or undefined when nothing is chosen. */
export function lastCode(path: readonly string[] | undefined): string | undefined {
  return path && path.length > 0 ? path[path.length - 1] : undefined;
}

/** Skills typed as free tags: trimmed, no empties, no repeats, at most 30 characters each, at most 20. */
export function cleanSkills(skills: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of skills) {
    const s = raw.trim().slice(0, 30);
    if (s && !out.includes(s)) out.push(s);
  }
  return out.slice(0, 20);
}

/** An empty text is "nothing" (null) for the server. */
export function blankToNull(v: string | null | undefined): string | null {
  const s = (v ?? '').trim();
  return s ? s : null;
}

/** Percent done of an import job, 0–100; a finished job is 100. */
export function importPercent(job: { phase: string; totalRows: number; processedRows: number }): number {
  if (job.phase === 'finished') return 100;
  if (job.totalRows <= 0) return 0;
  return Math.min(99, Math.floor((job.processedRows / job.totalRows) * 100));
}

/** Whether a masked ID number has the `110*************2X` shape (first 3 and last 2 shown). */
export function isMaskedId(s: string | null | undefined): boolean {
  return !!s && /^\d{3}\*{13}[\dX]{2}$/.test(s);
}

/** The age a birth date gives today (or on `on`); null without a date. */
export function ageOn(birthDate: string | null | undefined, on: Date = new Date()): number | null {
  if (!birthDate) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return null;
  let age = on.getFullYear() - Number(m[1]);
  const md = (on.getMonth() + 1) * 100 + on.getDate();
  if (md < Number(m[2]) * 100 + Number(m[3])) age--;
  return age;
}

/** The birth date an 18-character ID number carries (`YYYY-MM-DD`), or null. */
export function birthDateOfId(id: string | undefined): string | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dXx]$/.exec((id ?? '').trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
