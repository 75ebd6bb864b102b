import type { TFunction } from 'i18next';
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, type ServiceCategory } from '@shared/constants';
import type { Lang } from '../../lib/format';

/** `助老` / `Elderly care`. */
export function categoryName(c: ServiceCategory | string, lang: Lang): string {
  const l = SERVICE_CATEGORY_LABELS[c as ServiceCategory];
  return l ? (lang === 'zh-CN' ? l.zh : l.en) : c;
}

export function categoryChoices(lang: Lang): { value: ServiceCategory; label: string }[] {
  return SERVICE_CATEGORIES.map((c) => ({ value: c, label: categoryName(c, lang) }));
}

/** `90 分钟` → `1 小时 30 分钟`. */
export function minutesText(t: TFunction, n: number): string {
  if (n < 60) return t('requests.common.minutes', { n });
  return t('requests.common.hoursMinutes', { h: Math.floor(n / 60), m: n % 60 });
}

/** The steps a request walks through (cancelled stands apart). */
export const STEP_STATUSES = ['ordered', 'dispatched', 'accepted', 'serving', 'served', 'rated'] as const;

export function lastOf(path: readonly string[] | undefined): string | undefined {
  return path && path.length ? path[path.length - 1] : undefined;
}
