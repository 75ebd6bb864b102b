import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Tag, Typography } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useFormat } from '../../i18n/use-format';
import { certificatePdfHref } from '../honours/api';
import { awardsApi } from './api';

/** 我的荣誉: the awards on my volunteer record (art. 9: name, date, awarding body), each with its honour certificate. */
export function MyAwardsCard() {
  const { t } = useTranslation();
  const { date } = useFormat();
  const { data, error, isFetching: loading, refetch: reload } = useQuery(awardsApi.mine());
  return (
    <Card title={t('awards.mine.title')} size="small" data-testid="my-awards">
      {loading && !data ? (
        <LoadingBlock rows={2} />
      ) : error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data?.items.length ? (
        <EmptyState title={t('awards.mine.empty')} hint={t('awards.mine.emptyHint')} testId="my-awards-empty" />
      ) : (
        <Flex vertical gap={10}>
          {data.items.map((a) => (
            <Flex key={a.id} vertical gap={2} data-testid="my-award">
              <Typography.Text strong>
                <TrophyOutlined style={{ color: '#d4380d' }} /> {a.categoryName}
              </Typography.Text>
              <Typography.Text type="secondary">
                {a.campaignTitle} · {t('awards.mine.body', { body: a.awardingBody })} · {date(a.awardedAt)}
              </Typography.Text>
              {a.certificateId ? (
                <a href={certificatePdfHref(a.certificateId)} download>
                  <Tag color="gold">{t('awards.mine.certificate')}</Tag>
                </a>
              ) : null}
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
