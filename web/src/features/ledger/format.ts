import type { Lang } from '../../lib/format';
import { formatCount } from '../../lib/format';

/** Minutes of service as hours and minutes: 150 → `2小时30分` / `2 h 30 min`; 0 → `0分` / `0 min`. */
export function formatMinutes(minutes: number, lang: Lang): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(minutes));
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  const hours = h >= 10_000 ? formatCount(h, lang) : lang === 'zh-CN' ? String(h) : h.toLocaleString('en-US');
  if (lang === 'zh-CN') {
    if (h === 0) return `${sign}${m}分`;
    return m === 0 ? `${sign}${hours}小时` : `${sign}${hours}小时${m}分`;
  }
  if (h === 0) return `${sign}${m} min`;
  return m === 0 ? `${sign}${hours} h` : `${sign}${hours} h ${m} min`;
}

/** An amount of one ledger in words: points as a count (1.2万), time as hours and minutes. */
export function formatAmount(ledger: 'points' | 'time', amount: number, lang: Lang): string {
  return ledger === 'time' ? formatMinutes(amount, lang) : formatCount(amount, lang);
}

/** A passbook change with its sign: `+25`, `-1.2万`, `+2小时30分`; a zero change reads `0`. */
export function formatSigned(ledger: 'points' | 'time', amount: number, lang: Lang): string {
  if (amount === 0) return ledger === 'time' ? formatMinutes(0, lang) : '0';
  const text = formatAmount(ledger, Math.abs(amount), lang);
  return `${amount > 0 ? '+' : '-'}${text}`;
}
