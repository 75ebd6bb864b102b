/** One CSV cell: quoted when it holds a comma, quote or line break; a leading = + - @ is defused so a spreadsheet does not run it. */
export function csvCell(value: string): string {
  let v = value;
  if (/^[=@]/.test(v) || (/^[+-]/.test(v) && !/^[+-][\d.]/.test(v))) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A CSV text with a UTF-8 byte order mark, so Excel opens the Chinese correctly. */
export function passbookCsv<T>(items: readonly T[], spec: { headers: string[]; row: (item: T) => string[] }): string {
  const lines = [spec.headers, ...items.map(spec.row)].map((cells) => cells.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
