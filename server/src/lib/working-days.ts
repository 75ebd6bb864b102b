/**
 * Working days in China time (UTC+8), Monday to Friday. Public holidays and the weekend days
 * worked in their place (调休) change every year; they are not modelled here, so a deadline may
 * fall a day or two early around a holiday — earlier, never later.
 */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The China-time calendar date (YYYY-MM-DD) of an instant. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The date `n` working days after the China-time date of `from`. */
export function addWorkingDays(from: Date, n: number): string {
  const d = new Date(`${chinaDate(from)}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

/** Working days from the date of `now` to `date` (negative when past). */
export function workingDaysUntil(now: Date, date: string): number {
  const start = new Date(`${chinaDate(now)}T00:00:00Z`);
  const end = new Date(`${date}T00:00:00Z`);
  const sign = end >= start ? 1 : -1;
  let n = 0;
  const d = new Date(start);
  while (sign > 0 ? d < end : d > end) {
    d.setUTCDate(d.getUTCDate() + sign);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) n += sign;
  }
  return n;
}
