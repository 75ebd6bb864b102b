/**
 * Times as people in China read them: always in Asia/Shanghai (whatever the device's or the
 * server's zone), in words, never an ISO string. Pure (Intl), used by the server's notification
 * texts and by the web's formatters.
 */
export const CHINA_TZ = 'Asia/Shanghai';

export type TimeLang = 'zh-CN' | 'en';

const PARTS = new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });

export interface ChinaParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock fields of an instant in China. */
export function chinaParts(d: Date): ChinaParts {
  const p: Record<string, string> = {};
  for (const x of PARTS.formatToParts(d)) p[x.type] = x.value;
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour) % 24, minute: Number(p.minute), weekday: WEEKDAYS.indexOf(p.weekday ?? '') };
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026年11月23日 14:05` / `2026-11-23 14:05` in China time; `—` for nothing. */
export function chinaDateTime(value: string | Date | null | undefined, lang: TimeLang = 'zh-CN'): string {
  const d = toDate(value);
  if (!d) return value ? String(value) : '—';
  const p = chinaParts(d);
  return lang === 'zh-CN' ? `${p.year}年${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}` : `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `2026年11月23日` / `2026-11-23`; a plain `YYYY-MM-DD` is that day as written. */
export function chinaDate(value: string | Date | null | undefined, lang: TimeLang = 'zh-CN'): string {
  const plain = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  let y: number, m: number, day: number;
  if (plain) [y, m, day] = [Number(plain[1]), Number(plain[2]), Number(plain[3])];
  else {
    const d = toDate(value);
    if (!d) return value ? String(value) : '—';
    ({ year: y, month: m, day } = chinaParts(d));
  }
  return lang === 'zh-CN' ? `${y}年${m}月${day}日` : `${y}-${pad(m)}-${pad(day)}`;
}

/** `14:05` in China time. */
export function chinaClock(value: string | Date | null | undefined): string {
  const d = toDate(value);
  if (!d) return '—';
  const p = chinaParts(d);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** `11月23日 14:05–16:00` (one day) or both dates in full; `—` when the start is missing. */
export function chinaRange(from: string | Date | null | undefined, to: string | Date | null | undefined, lang: TimeLang = 'zh-CN'): string {
  const a = toDate(from);
  if (!a) return '—';
  const b = toDate(to);
  if (!b) return chinaDateTime(a, lang);
  const pa = chinaParts(a);
  const pb = chinaParts(b);
  if (pa.year === pb.year && pa.month === pb.month && pa.day === pb.day) return `${chinaDateTime(a, lang)}–${chinaClock(b)}`;
  return `${chinaDateTime(a, lang)} – ${chinaDateTime(b, lang)}`;
}

/** A length of time that cannot be mistaken for points: `1小时30分钟`, `45分钟` / `1 h 30 min`. */
export function durationText(minutes: number, lang: TimeLang = 'zh-CN'): string {
  const m = Math.round(minutes);
  const h = Math.trunc(m / 60);
  const r = Math.abs(m % 60);
  if (lang === 'zh-CN') return h ? `${h}小时${r ? `${r}分钟` : ''}` : `${m}分钟`;
  return h ? `${h} h${r ? ` ${r} min` : ''}` : `${m} min`;
}
