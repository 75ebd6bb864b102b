import { useQuery } from '@tanstack/react-query';
import { Card, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { postsApi } from '../../features/posts/api';
import { useFormat } from '../../i18n/use-format';

/** `/portal/welfare-notices`: placements on public notice (公示) now or lately; names masked. */
export default function PortalWelfareNoticesPage() {
  const { t } = useTranslation();
  const { date } = useFormat();
  const [params] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const list = useQuery(postsApi.notices({ ...(region ? { regionCode: region } : {}) }));
  if (list.isFetching && !list.data) return <LoadingBlock rows={5} />;
  if (list.error || !list.data) return <ErrorState error={list.error} onRetry={list.refetch} />;
  return (
    <Flex vertical gap={16} data-testid="portal-welfare-notices">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('posts.notice.listTitle')}
      </Typography.Title>
      {list.data.items.length === 0 ? (
        <EmptyState title={t('posts.notice.empty')} />
      ) : (
        <Card>
          <List
            dataSource={list.data.items}
            renderItem={(n) => (
              <List.Item key={n.placementId} extra={<Tag color={n.open ? 'red' : 'default'}>{n.open ? t('posts.notice.open') : t('posts.notice.closed')}</Tag>}>
                <Link to={`/portal/welfare-notices/${n.placementId}`} data-testid="welfare-notice-link">
                  {n.workerName} · {n.postTitle}（{n.townName}）
                </Link>
                <div>
                  <Typography.Text type="secondary">{t('posts.notice.period', { from: date(n.startsOn), to: date(n.endsOn) })}</Typography.Text>
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Flex>
  );
}
