import dayjs from 'dayjs';

export type Lang = 'zh-CN' | 'en';

/** `2026年11月23日 14:05` in Chinese, `2026-11-23 14:05` in English; local time. `—` for nothing. */
export function formatDateTime(value: string | Date | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = dayjs(value);
  if (!d.isValid()) return String(value);
  return d.format(lang === 'zh-CN' ? 'YYYY年M月D日 HH:mm' : 'YYYY-MM-DD HH:mm');
}

/** `1990年1月2日` / `1990-01-02`. A plain `YYYY-MM-DD` date is read as that day, whatever the time zone. */
export function formatDate(value: string | Date | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '—';
  const plain = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const d = plain ? dayjs(new Date(Number(plain[1]), Number(plain[2]) - 1, Number(plain[3]))) : dayjs(value);
  if (!d.isValid()) return String(value);
  return d.format(lang === 'zh-CN' ? 'YYYY年M月D日' : 'YYYY-MM-DD');
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
