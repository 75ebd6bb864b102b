import type { PageQuery } from '@shared/schemas/common';

export function offsetOf(q: PageQuery): { limit: number; offset: number } {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}

export interface Page<T> {
  items: T[];
  total: number;
}
