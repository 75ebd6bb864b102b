/**
 * Region codes follow GB/T 2260 (6 digits: province 2 + prefecture 2 + county 2),
 * extended to 9 digits for towns and streets, 12 for communities and villages and 15 for
 * grids. Levels: 1 province, 2 city, 3 county/district, 4 town/street, 5 community, 6 grid.
 */
export const REGION_CODE_PATTERN = /^(\d{6}|\d{9}|\d{12}|\d{15})$/;

export function regionLevel(code: string): number {
  if (code.length === 6) {
    if (code.endsWith('0000')) return 1;
    if (code.endsWith('00')) return 2;
    return 3;
  }
  return { 9: 4, 12: 5, 15: 6 }[code.length] ?? 0;
}

/** The 4-digit prefecture (city) prefix: the future distribution column. */
export function cityCodeOf(code: string): string {
  return code.slice(0, 4);
}
