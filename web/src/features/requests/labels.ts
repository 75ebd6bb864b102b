import type { TFunction } from 'i18next';
import type { Dayjs } from 'dayjs';
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

/** The kinds of help a resident asks for at home (not 大型赛会, traffic duty or emergency relief). */
export const RESIDENT_CATEGORIES: readonly ServiceCategory[] = ['elderly', 'disabled', 'children', 'health', 'legal', 'psychological', 'education', 'other'];

/** "When": the few answers an elder gives instead of a date-time range. */
export const WHEN_CHOICES = ['asap', 'today', 'tomorrow', 'week'] as const;
export type When = (typeof WHEN_CHOICES)[number];

/** The preferred window a "when" answer means, from `now` (as soon as possible: no window). */
export function whenRange(when: When, now: Dayjs): { preferredFrom?: string; preferredTo?: string } {
  switch (when) {
    case 'today':
      return { preferredFrom: now.toISOString(), preferredTo: now.endOf('day').toISOString() };
    case 'tomorrow': {
      const d = now.add(1, 'day');
      return { preferredFrom: d.hour(8).minute(0).second(0).millisecond(0).toISOString(), preferredTo: d.hour(18).minute(0).second(0).millisecond(0).toISOString() };
    }
    case 'week':
      return { preferredFrom: now.toISOString(), preferredTo: now.add(7, 'day').endOf('day').toISOString() };
    default:
      return {};
  }
}
