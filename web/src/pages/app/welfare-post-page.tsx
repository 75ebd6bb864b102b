import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Statistic, Tag, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, EnvironmentOutlined, ScanOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { PhonePageHeader } from '../../components/phone-page-header';
import { postsApi } from '../../features/posts/api';

/** `/welfare-post`: the worker's post, this month's days and whether today is recorded (one task: go and scan at the post). */
export default function WelfarePostPage() {
  const { t } = useTranslation();
  const mine = useQuery(postsApi.mine());
  if (mine.isFetching && !mine.data) return <LoadingBlock rows={5} />;
  if (mine.error || !mine.data) return <ErrorState error={mine.error} onRetry={mine.refetch} />;
  const { placement, post, days, checkedInToday, month } = mine.data;
  return (
    <Flex vertical gap={16} data-testid="welfare-post-page">
      <PhonePageHeader title={t('posts.mine.title')} />
      {!placement || !post ? (
        <EmptyState title={t('posts.mine.none')} hint={t('posts.mine.noneHint')} />
      ) : (
        <>
          <Card>
            <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="welfare-post-name">
              {post.title}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              <EnvironmentOutlined /> {post.townName} · {post.address}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              <ClockCircleOutlined /> {t('posts.mine.hours', { from: post.startTime, to: post.endTime })}
            </Typography.Paragraph>
            {placement.status !== 'active' && <Tag color="blue" style={{ marginTop: 8 }}>{t('posts.mine.inProcedure', { step: t(`posts.steps.${placement.lastStep}`) })}</Tag>}
          </Card>
          <Card>
            <Flex justify="space-between" align="center">
              <Statistic title={`${t('posts.mine.daysThisMonth')}（${month}）`} value={days.length} suffix={t('posts.mine.days', { n: '' }).trim()} valueRender={(v) => <span data-testid="welfare-days" data-days={days.length}>{v}</span>} />
              {checkedInToday ? (
                <Tag icon={<CheckCircleFilled />} color="success" style={{ fontSize: 16, padding: '6px 10px' }} data-testid="welfare-today">
                  {t('posts.mine.today')}
                </Tag>
              ) : (
                <Tag color="warning" style={{ fontSize: 16, padding: '6px 10px' }} data-testid="welfare-today">
                  {t('posts.mine.notToday')}
                </Tag>
              )}
            </Flex>
            <Flex wrap gap={4} style={{ marginTop: 12 }}>
              {days.map((d) => (
                <Tag key={d} color="green">
                  {d.slice(5)}
                </Tag>
              ))}
            </Flex>
          </Card>
          {!checkedInToday && placement.status === 'active' && <Alert type="info" showIcon icon={<ScanOutlined />} title={t('posts.mine.scanHint')} />}
        </>
      )}
    </Flex>
  );
}
