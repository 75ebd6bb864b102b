import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { usePortalPage } from '../../features/portal/use-portal-page';
import { withRegion } from '../../features/portal/use-portal-region';
import { rankingsApi, type Metric, type PeriodChoice, type RankingKind } from '../../features/rankings/api';
import { RankingList } from '../../features/rankings/ranking-list';
import { RankingSwitches } from '../../features/rankings/ranking-switches';

/** 排行榜: the region's volunteers or teams by hours, points or participations, for a year or a month (names only with consent). */
export default function PortalRankingsPage() {
  const { t } = useTranslation();
  const { code } = usePortalPage();
  const [period, setPeriod] = useState<PeriodChoice>({ period: 'year' });
  const [metric, setMetric] = useState<Metric>('hours');
  const [kind, setKind] = useState<RankingKind>('volunteers');
  const list = useQuery(rankingsApi.list({ ...period, regionCode: code, metric, kind }));
  const data = list.data;

  return (
    <Flex vertical gap={12} data-testid="portal-rankings">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {data ? t('rankings.title', { region: data.scope.name }) : t('rankings.nav')}
      </Typography.Title>
      <RankingSwitches value={period} shown={data} onChange={setPeriod} metric={metric} onMetric={setMetric} kind={kind} onKind={setKind} />
      <Card size="small">
        {list.isFetching && !data ? (
          <LoadingBlock rows={8} />
        ) : list.error && !data ? (
          <ErrorState error={list.error} onRetry={list.refetch} />
        ) : !data || data.items.length === 0 ? (
          <EmptyState testId="ranking-empty" title={t('rankings.empty')} hint={t('rankings.emptyHint')} />
        ) : (
          <RankingList data={data} orgHref={(id) => withRegion(`/portal/orgs/${id}`, code)} />
        )}
      </Card>
      {kind === 'volunteers' ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('rankings.maskedHint')}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
