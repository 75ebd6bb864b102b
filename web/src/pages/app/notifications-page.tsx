import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { App, Badge, Button, Card, Flex, Pagination, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { activitiesApi, type Notification } from '../../features/activities/api';
import { reasonText } from '../../features/activities/labels';
import { useFormat } from '../../i18n/use-format';

const PAGE_SIZE = 20;

/** 消息: my notifications, newest first; opening one marks it read. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const { dateTime, lang } = useFormat();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const { data, error, isFetching: loading, refetch: reload } = useQuery(activitiesApi.notifications({ page, pageSize: PAGE_SIZE }));

  const open = async (n: Notification) => {
    try {
      if (!n.readAt) await activitiesApi.readNotification(n.id);
    } catch (err) {
      void message.error(reasonText(err, t, lang));
    }
    if (n.objectType === 'activity' && n.objectId) navigate(`/activities/${n.objectId}`);
    else if (n.objectType === 'service_record') navigate('/records');
    else if (n.objectType === 'service_request') navigate('/requests');
    else if (n.objectType === 'transfer') navigate('/passbook');
    else if (n.objectType === 'welfare_placement') navigate('/welfare-post');
    else if (n.objectType === 'council_topic') navigate('/council');
    else reload();
  };

  const readAll = async () => {
    try {
      await activitiesApi.readAll();
      reload();
    } catch (err) {
      void message.error(reasonText(err, t, lang));
    }
  };

  return (
    <Flex vertical gap={12} data-testid="notifications-page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('activities.inbox.title')}
        </Typography.Title>
        {data && data.unread > 0 ? (
          <Button onClick={() => void readAll()} data-testid="notifications-read-all">
            {t('activities.inbox.readAll')}
          </Button>
        ) : null}
      </Flex>
      {loading && !data ? (
        <LoadingBlock rows={6} />
      ) : error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data || data.items.length === 0 ? (
        <Card>
          <EmptyState testId="notifications-empty" title={t('activities.inbox.empty')} hint={t('activities.inbox.emptyHint')} />
        </Card>
      ) : (
        <>
          {data.items.map((n) => (
            <Card key={n.id} hoverable onClick={() => void open(n)} data-testid="notification" styles={{ body: { padding: 14 } }}>
              <Flex vertical gap={4}>
                {/* the title has the whole line (large text must not break it for the time); the time below it */}
                <Badge dot={!n.readAt} offset={[6, 4]}>
                  <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                </Badge>
                <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                  {dateTime(n.createdAt)}
                </Typography.Text>
                <Typography.Text type="secondary">{n.body}</Typography.Text>
              </Flex>
            </Card>
          ))}
          {data.total > PAGE_SIZE ? <Pagination simple current={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} style={{ alignSelf: 'center' }} /> : null}
        </>
      )}
    </Flex>
  );
}
