import { useMemo } from 'react';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { BENEFICIARY_CATEGORIES, BENEFICIARY_CATEGORY_LABELS, SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, type BeneficiaryCategory, type ServiceCategory } from '@shared/constants';
import { describeError } from '../../api/error-text';
import { useMe } from '../auth/auth-context';
import type { Lang } from '../../lib/format';
import type { ActivityStatus } from './api';
import { formatClock, formatDate } from '../../lib/format';

const STATUS_COLORS: Record<ActivityStatus, string> = {
  draft: 'default',
  pending_review: 'processing',
  published: 'success',
  rejected: 'error',
  cancelled: 'warning',
};

export function StatusTag({ status }: { status: ActivityStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="activity-status">
      {t(`activities.status.${status}`)}
    </Tag>
  );
}

export function categoryLabel(category: string, lang: Lang): string {
  const l = SERVICE_CATEGORY_LABELS[category as ServiceCategory];
  if (!l) return category;
  return lang === 'zh-CN' ? l.zh : l.en;
}

/** Who an activity served (受益人群). */
export function beneficiaryOptions(lang: Lang): { value: BeneficiaryCategory; label: string }[] {
  return BENEFICIARY_CATEGORIES.map((c) => ({ value: c, label: lang === 'zh-CN' ? BENEFICIARY_CATEGORY_LABELS[c].zh : BENEFICIARY_CATEGORY_LABELS[c].en }));
}

export function categoryOptions(lang: Lang): { value: ServiceCategory; label: string }[] {
  return SERVICE_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c, lang) }));
}

const KNOWN_FLAGS = ['no_location', 'no_location_checkout', 'outside_fence', 'auto_closed', 'manual'] as const;
type KnownFlag = (typeof KNOWN_FLAGS)[number];

export function flagText(flag: string, t: TFunction): string {
  return (KNOWN_FLAGS as readonly string[]).includes(flag) ? t(`activities.flags.${flag as KnownFlag}`) : flag;
}

export function FlagTags({ flags }: { flags: readonly string[] }) {
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <>
      {flags.map((f) => (
        <Tag key={f} color="orange" data-testid="attendance-flag">
          {flagText(f, t)}
        </Tag>
      ))}
    </>
  );
}

/** The server's reason, in the page's language: its own specific words when it gave them. */
export function reasonText(err: unknown, t: TFunction, lang: Lang): string {
  const d = describeError(err, t, lang);
  return d.hint ?? d.title;
}

/** The organisations this person administers (from the org_admin grants of GET /me). */
export function useAdminOrgs(): { id: string; name: string }[] {
  const { grants } = useMe();
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const g of grants) if (g.role === 'org_admin' && g.orgId) seen.set(g.orgId, g.orgName ?? g.orgId);
    return [...seen].map(([id, name]) => ({ id, name }));
  }, [grants]);
}

/** The regions this person administers (region_admin grants). */
export function useAdminRegions(): { code: string; name: string }[] {
  const { grants } = useMe();
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const g of grants) if (g.role === 'region_admin' && g.regionCode) seen.set(g.regionCode, g.regionName ?? g.regionCode);
    return [...seen].map(([code, name]) => ({ code, name }));
  }, [grants]);
}

/** `14:00–16:00` on the same day (in China), the full second date otherwise. */
export function timeRange(startsAt: string, endsAt: string, dateTime: (v: string) => string): string {
  const sameDay = formatDate(startsAt, 'en') === formatDate(endsAt, 'en');
  return `${dateTime(startsAt)}–${sameDay ? formatClock(endsAt) : dateTime(endsAt)}`;
}
