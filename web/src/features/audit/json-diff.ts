function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The top-level keys whose values differ between a before and an after snapshot, sorted. */
export function changedKeys(before: unknown, after: unknown): string[] {
  const a = isPlainObject(before) ? before : {};
  const b = isPlainObject(after) ? after : {};
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

/** Pretty JSON for the detail drawer; `null` for nothing. */
export function prettyJson(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  try {
    return JSON.stringify(v, null, 2);
  } catch {
    return String(v);
  }
}
