import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ApartmentOutlined, IdcardOutlined, LeftOutlined, PlusCircleOutlined, RightOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

const ENTRIES = [
  { to: '/profile', key: 'profile', icon: <IdcardOutlined />, title: 'people.entries.profile', hint: 'people.entries.profileHint' },
  { to: '/my-orgs', key: 'my-orgs', icon: <TeamOutlined />, title: 'people.entries.myOrgs', hint: 'people.entries.myOrgsHint' },
  { to: '/join', key: 'join', icon: <ApartmentOutlined />, title: 'people.entries.join', hint: 'people.entries.joinHint' },
  { to: '/orgs/new', key: 'register-org', icon: <PlusCircleOutlined />, title: 'people.entries.registerOrg', hint: 'people.entries.registerOrgHint' },
] as const;

/** 我的 → 志愿服务: my record, my organisations, join one, register one. Each row is a 44px+ tap target. */
export function PeopleEntries() {
  const { t } = useTranslation();
  return (
    <Card title={t('people.entries.title')} data-testid="me-people" styles={{ body: { padding: 0 } }}>
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

/** A phone page's title row with a back arrow. */
export function PageHeader({ title, back = '/me', extra }: { title: string; back?: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="space-between" gap={8}>
      <Flex align="center" gap={8}>
        <Link to={back} aria-label={t('people.common.back')} style={{ fontSize: 20, minWidth: 44, minHeight: 44, display: 'inline-flex', alignItems: 'center' }} data-testid="page-back">
          <LeftOutlined />
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
      </Flex>
      {extra}
    </Flex>
  );
}
