import { Card, Flex, Typography } from 'antd';
import { BookOutlined, GiftOutlined, HeartOutlined, RightOutlined, SwapOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

const ENTRIES = [
  { to: '/passbook', key: 'passbook', icon: <BookOutlined />, title: 'ledger.entries.passbook', hint: 'ledger.entries.passbookHint' },
  { to: '/relatives', key: 'relatives', icon: <HeartOutlined />, title: 'ledger.entries.relatives', hint: 'ledger.entries.relativesHint' },
  { to: '/transfer', key: 'transfer', icon: <SwapOutlined />, title: 'ledger.entries.transfer', hint: 'ledger.entries.transferHint' },
  { to: '/donate', key: 'donate', icon: <GiftOutlined />, title: 'ledger.entries.donate', hint: 'ledger.entries.donateHint' },
] as const;

/** 我的 → 时间银行: passbook, family, give time, donate. Each row is a 56px tap target. */
export function LedgerEntries() {
  const { t } = useTranslation();
  return (
    <Card title={t('ledger.entries.title')} data-testid="me-ledger" styles={{ body: { padding: 0 } }}>
      {ENTRIES.map((e) => (
        <Link key={e.key} to={e.to} data-testid={`me-entry-${e.key}`} style={{ display: 'block', color: 'inherit', borderBottom: '1px solid #f0f0f0' }}>
          <Flex align="center" gap={12} style={{ padding: '12px 16px', minHeight: 56 }}>
            <span style={{ fontSize: 22, color: '#d4380d' }}>{e.icon}</span>
            <div style={{ flex: 1 }}>
              <Typography.Text strong>{t(e.title)}</Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                  {t(e.hint)}
                </Typography.Text>
              </div>
            </div>
            <RightOutlined style={{ color: '#bbb' }} />
          </Flex>
        </Link>
      ))}
    </Card>
  );
}
