import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import type { PassbookItem } from './api';
import { formatAmount, formatSigned } from './format';
import { kindLabel, statusLabel } from './labels';

/** One passbook line for the phone: what, when, the signed change, the balance after. */
export function PassbookEntry({ item }: { item: PassbookItem }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const color = item.amount > 0 ? '#389e0d' : item.amount < 0 ? '#cf1322' : 'rgba(0,0,0,0.45)';
  return (
    <Flex justify="space-between" align="center" gap={12} style={{ padding: '12px 0', minHeight: 64, borderBottom: '1px solid #f0f0f0' }} data-testid="passbook-entry">
      <div style={{ minWidth: 0 }}>
        <Flex gap={6} align="center" wrap>
          <Typography.Text strong>{kindLabel(t, item.kind)}</Typography.Text>
          {item.status === 'pending' && item.settledAs ? (
            <Tag data-testid="passbook-entry-settled">{statusLabel(t, item.settledAs)}</Tag>
          ) : item.status !== 'posted' ? (
            <Tag color={item.status === 'pending' ? 'orange' : 'default'}>{statusLabel(t, item.status)}</Tag>
          ) : null}
        </Flex>
        {item.memo ? (
          <div>
            <Typography.Text type="secondary" ellipsis style={{ fontSize: '0.85em' }}>
              {item.memo}
            </Typography.Text>
          </div>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
          {dateTime(item.at)}
        </Typography.Text>
      </div>
      <div style={{ textAlign: 'right', flexShrink: 0 }}>
        <div style={{ color, fontSize: '1.15em', fontWeight: 600 }} data-testid="passbook-entry-amount">
          {formatSigned(item.ledger, item.amount, lang)}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
          {t('ledger.passbook.balanceAfter', { value: formatAmount(item.ledger, item.balanceAfter, lang) })}
        </Typography.Text>
      </div>
    </Flex>
  );
}
