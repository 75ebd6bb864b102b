import { Card, Flex, Typography } from 'antd';
import { GiftOutlined, HeartOutlined, RightOutlined, ScheduleOutlined, SolutionOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

const ENTRIES = [
  { to: '/help', key: 'help', icon: <HeartOutlined />, title: 'requests.entries.help', hint: 'requests.entries.helpHint' },
  { to: '/requests', key: 'requests', icon: <SolutionOutlined />, title: 'requests.entries.mine', hint: 'requests.entries.mineHint' },
  { to: '/requests/assigned', key: 'assigned', icon: <ScheduleOutlined />, title: 'requests.entries.assigned', hint: 'requests.entries.assignedHint' },
  { to: '/wish-wall', key: 'wishes', icon: <GiftOutlined />, title: 'requests.entries.wall', hint: 'requests.entries.wallHint' },
] as const;

/** 我的 → 求助与心愿: ask for help, my requests, my assignments, the wish wall. 56px rows. */
export function RequestsEntries() {
  const { t } = useTranslation();
  return (
    <Card title={t('requests.entries.title')} data-testid="me-requests" styles={{ body: { padding: 0 } }}>
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
