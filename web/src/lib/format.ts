import { chinaClock, chinaDate, chinaDateTime } from '@shared/lib/china-time';

export type Lang = 'zh-CN' | 'en';

/**
 * `2026年11月23日 14:05` in Chinese, `2026-11-23 14:05` in English; always China time
 * (Asia/Shanghai), whatever the device's zone. `—` for nothing; an unreadable value as it came.
 */
export function formatDateTime(value: string | Date | null | undefined, lang: Lang): string {
  return chinaDateTime(value, lang);
}

/** `1990年1月2日` / `1990-01-02`, the day in China. A plain `YYYY-MM-DD` date is read as that day. */
export function formatDate(value: string | Date | null | undefined, lang: Lang): string {
  return chinaDate(value, lang);
}

/** `14:05`, China time. */
export function formatClock(value: string | Date | null | undefined): string {
  return chinaClock(value);
}

/** Numbers the Chinese way: 12000 → `1.2万`, 250000000 → `2.5亿`; English uses thousands separators. */
export function formatCount(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  if (lang === 'zh-CN') {
    const abs = Math.abs(n);
    const trim = (x: number) => String(Number(x.toFixed(1)));
    if (abs >= 1e8) return `${trim(n / 1e8)}亿`;
    if (abs >= 1e4) return `${trim(n / 1e4)}万`;
    return String(n);
  }
  return n.toLocaleString('en-US');
}
