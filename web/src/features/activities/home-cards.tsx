import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Flex, Typography } from 'antd';
import { BellOutlined, CalendarOutlined, ClockCircleOutlined, EnvironmentOutlined, FileDoneOutlined, QrcodeOutlined, RightOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadingBlock } from '../../components/page-state';
import { useFormat } from '../../i18n/use-format';
import { activitiesApi } from './api';
import { timeRange } from './labels';

/** The unread count of my inbox (0 while loading or when it cannot be read). */
export function useUnreadCount(): number {
  const { data } = useQuery(activitiesApi.notifications({ page: 1, pageSize: 1 }));
  return data?.unread ?? 0;
}

/** 首页: my next activity (the soonest one I signed up for that has not ended), with a hint to scan. */
export function NextActivityCard() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const navigate = useNavigate();
  const { data, isFetching: loading } = useQuery(activitiesApi.list({ mine: 'signed_up', page: 1, pageSize: 50 }));
  const now = Date.now();
  const next = (data?.items ?? [])
    // settled or ended is no longer "next"
    .filter((a) => a.status === 'published' && !a.settledAt && new Date(a.endsAt).getTime() > now)
    .sort((x, y) => new Date(x.startsAt).getTime() - new Date(y.startsAt).getTime())[0];

  return (
    <Card title={t('home.nextActivity')} data-testid="home-next-activity">
      {loading && !data ? (
        <LoadingBlock rows={2} />
      ) : next ? (
        <Flex vertical gap={8}>
          <Typography.Link strong style={{ fontSize: '1.1em' }} onClick={() => navigate(`/activities/${next.id}`)} data-testid="home-next-title">
            {next.title}
          </Typography.Link>
          <Typography.Text type="secondary">
            <ClockCircleOutlined /> {timeRange(next.startsAt, next.endsAt, dateTime)}
          </Typography.Text>
          <Typography.Text type="secondary">
            <EnvironmentOutlined /> {next.address}
          </Typography.Text>
          {next.mySignup === 'waitlisted' ? <Typography.Text type="warning">{t('activities.list.waitlisted')}</Typography.Text> : null}
          <Button type="primary" size="large" block icon={<QrcodeOutlined />} onClick={() => navigate(`/activities/${next.id}`)} data-testid="home-scan">
            {t('activities.home.scan')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
            {t('activities.home.scanHint')}
          </Typography.Text>
        </Flex>
      ) : (
        <EmptyState
          title={t('home.noActivity')}
          hint={t('home.noActivityHint')}
          action={
            <Button type="primary" icon={<CalendarOutlined />} onClick={() => navigate('/activities')}>
              {t('home.browseActivities')}
            </Button>
          }
        />
      )}
    </Card>
  );
}

/** Two rows: 我的记录 and 消息 (with the unread badge). */
export function ActivityEntries() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnreadCount();
  const row = (testId: string, icon: React.ReactNode, label: string, to: string, extra?: React.ReactNode) => (
    <Flex
      role="link"
      tabIndex={0}
      justify="space-between"
      align="center"
      style={{ minHeight: 48, cursor: 'pointer' }}
      onClick={() => navigate(to)}
      onKeyDown={(e) => e.key === 'Enter' && navigate(to)}
      data-testid={testId}
    >
      <Typography.Text>
        {icon} {label}
      </Typography.Text>
      <span>
        {extra} <RightOutlined style={{ color: '#bbb' }} />
      </span>
    </Flex>
  );
  return (
    <Card styles={{ body: { paddingBlock: 4 } }} data-testid="activity-entries">
      {row('entry-records', <FileDoneOutlined />, t('activities.records.title'), '/records')}
      {row('entry-inbox', <BellOutlined />, t('activities.inbox.title'), '/notifications', <Badge count={unread} data-testid="inbox-unread" />)}
    </Card>
  );
}
