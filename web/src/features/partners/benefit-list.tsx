import type { ReactNode } from 'react';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import type { Benefit, BenefitStanding } from './api';

/** How often and from which level: "3星及以上 · 每人每天 1 次 · 2026-11-01 起". */
export function useBenefitTerms() {
  const { t } = useTranslation();
  const { date } = useFormat();
  return (b: Benefit) =>
    [
      b.minStars > 0 ? t('partners.minStars', { n: b.minStars }) : t('partners.anyStars'),
      t(`partners.limits.${b.limitPeriod}`, { n: b.limitCount }),
      b.validTo ? t('partners.validityTo', { from: date(b.validFrom), to: date(b.validTo) }) : t('partners.validity', { from: date(b.validFrom) }),
    ].join(' · ');
}

/** One benefit with whether it applies now, and why not. */
export function StandingRow({ b, action, showPartner = false }: { b: BenefitStanding; action?: ReactNode; showPartner?: boolean }) {
  const { t } = useTranslation();
  const terms = useBenefitTerms();
  return (
    <Flex justify="space-between" align="center" gap={12} data-testid="benefit-row" data-applies={b.applies} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
      <div style={{ flex: 1, minWidth: 0 }}>
        <Typography.Text strong>{b.title}</Typography.Text>
        {showPartner && <Typography.Text type="secondary"> · {b.partnerName}</Typography.Text>}
        <div>
          <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
            {terms(b)}
          </Typography.Text>
        </div>
        <div style={{ marginTop: 4 }}>
          {b.applies ? (
            <Tag color="green">{b.remaining === null ? t('partners.card.applies') : t('partners.card.remaining', { n: b.remaining })}</Tag>
          ) : (
            <Tag color="default" data-testid="benefit-reason">
              {t(`partners.reasons.${b.reason ?? 'withdrawn'}`, { n: b.minStars })}
            </Tag>
          )}
        </div>
      </div>
      {action}
    </Flex>
  );
}
