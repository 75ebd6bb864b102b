/**
 * Money is kept in fen (分, integers) everywhere and shown in yuan with two decimals. These two
 * functions are the only place a yuan amount is read or written, so that no amount loses a fen
 * through a float: "3092.50" → 309250 → "3,092.50".
 */

/** The largest amount the product accepts: 100 million yuan, far inside Number.MAX_SAFE_INTEGER. */
export const MAX_FEN = 10_000_000_000;

const YUAN = /^(-)?(\d{1,9})(?:\.(\d{1,2}))?$/;

/**
 * Parses a yuan amount typed by a person ("3092.5", "3,092.50", "¥12", " 0.07 元") into fen.
 * Digits only, at most two decimals (a third decimal is a mistake, not something to round);
 * answers null for anything else.
 */
export function parseYuan(text: string): number | null {
  const cleaned = text.trim().replace(/^[¥￥]\s*/, '').replace(/\s*元$/, '').replace(/[,，](?=\d{3}(?:\D|$))/g, '');
  const m = YUAN.exec(cleaned);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (fen > MAX_FEN) return null;
  return m[1] && fen !== 0 ? -fen : fen;
}

/** 309250 → "3,092.50" (or "3092.50" without grouping); -50 → "-0.50". Integers only. */
export function formatFen(fen: number, opts: { grouping?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an amount in fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = String(Math.floor(abs / 100));
  const cents = String(abs % 100).padStart(2, '0');
  const whole = opts.grouping === false ? yuan : yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${cents}`;
}

/** 309250 → "¥3,092.50": the way a page shows an amount. */
export function formatYuan(fen: number): string {
  return `¥${formatFen(fen)}`;
}

/** Sums amounts in fen, refusing anything that is not a safe integer (a float would lose fen). */
export function sumFen(amounts: Iterable<number>): number {
  let total = 0;
  for (const a of amounts) {
    if (!Number.isSafeInteger(a)) throw new RangeError(`not an amount in fen: ${a}`);
    total += a;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('total out of range');
  return total;
}
