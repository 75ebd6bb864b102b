import type { Lang } from '../../lib/format';
import { formatCount } from '../../lib/format';

/** Minutes of service as hours and minutes: 150 → `2小时30分钟` / `2 h 30 min`; 0 → `0分钟` / `0 min` (never a bare 分, which reads as points). */
export function formatMinutes(minutes: number, lang: Lang): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(minutes));
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  const hours = h >= 10_000 ? formatCount(h, lang) : lang === 'zh-CN' ? String(h) : h.toLocaleString('en-US');
  if (lang === 'zh-CN') {
    if (h === 0) return `${sign}${m}分钟`;
    return m === 0 ? `${sign}${hours}小时` : `${sign}${hours}小时${m}分钟`;
  }
  if (h === 0) return `${sign}${m} min`;
  return m === 0 ? `${sign}${hours} h` : `${sign}${hours} h ${m} min`;
}

/** Points with their unit, so they are never taken for minutes: `1.2万积分` / `12,000 pts`. */
export function formatPoints(points: number, lang: Lang): string {
  return lang === 'zh-CN' ? `${formatCount(points, lang)}积分` : `${formatCount(points, lang)} pts`;
}

/** An amount of one ledger in words: points as a count with 积分, time as hours and minutes. */
export function formatAmount(ledger: 'points' | 'time', amount: number, lang: Lang): string {
  return ledger === 'time' ? formatMinutes(amount, lang) : formatPoints(amount, lang);
}

/** A passbook change with its sign and unit: `+25积分`, `-1.2万积分`, `+2小时30分钟`; a zero change has no sign. */
export function formatSigned(ledger: 'points' | 'time', amount: number, lang: Lang): string {
  if (amount === 0) return formatAmount(ledger, 0, lang);
  const text = formatAmount(ledger, Math.abs(amount), lang);
  return `${amount > 0 ? '+' : '-'}${text}`;
}
