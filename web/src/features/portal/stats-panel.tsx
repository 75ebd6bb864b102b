import { useQuery } from '@tanstack/react-query';
import type { QueryState } from '../../api/query';
import type { ReactNode } from 'react';
import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { FigureCards } from './figure-cards';
import { periodRange, trendRange, type PeriodKind } from './period';
import { statsApi, type BreakdownRow, type StatsBreakdown, type StatsOverview } from './stats-api';
import { CategoryChart, RegionCompareChart, TrendChart } from './stats-charts';

function ChartCard({ title, extra, testId, state, children }: { title: string; extra?: ReactNode; testId: string; state: QueryState<StatsBreakdown | null>; children: (rows: BreakdownRow[]) => ReactNode }) {
  const { t } = useTranslation();
  const rows = state.data?.rows ?? [];
  return (
    <Card size="small" title={title} extra={extra} data-testid={testId}>
      {state.isFetching && state.data === undefined ? (
        <LoadingBlock rows={4} />
      ) : state.error ? (
        <ErrorState error={state.error} onRetry={() => void state.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState testId={`${testId}-empty`} title={t('portal.home.noRows')} hint={t('portal.home.noRowsHint')} />
      ) : (
        children(rows)
      )}
    </Card>
  );
}

/**
 * A region's figures for a period and its charts (trend by month, categories, the regions one
 * level down — a tap on one drills into it). Tolerant of a server without statistics: a 404
 * shows an empty state. `below` renders under the charts with the child regions' rows.
 */
export function StatsPanel({ regionCode, kind, hasChildren, onDrill, workCards, below }: { regionCode: string | undefined; kind: PeriodKind; hasChildren: boolean; onDrill?: (code: string) => void; workCards?: (work: StatsOverview['work']) => ReactNode; below?: (rows: BreakdownRow[]) => ReactNode }) {
  const { t } = useTranslation();
  const today = new Date();
  const period = periodRange(kind, today);
  const trend = trendRange(kind, today);
  const overview = useQuery(statsApi.overview({ regionCode, ...period }));
  const months = useQuery(statsApi.breakdown({ regionCode, ...trend }, 'month'));
  const categories = useQuery(statsApi.breakdown({ regionCode, ...period }, 'category'));
  const regions = useQuery({ ...statsApi.breakdown({ regionCode, ...period }, 'region'), enabled: Boolean(hasChildren) });

  if (overview.isFetching && overview.data === undefined) return <LoadingBlock rows={5} testId="stats-loading" />;
  if (overview.error) return <ErrorState error={overview.error} onRetry={overview.refetch} />;
  if (overview.data === null) return <EmptyState testId="stats-unavailable" title={t('portal.home.noStats')} hint={t('portal.home.noStatsHint')} />;
  if (!overview.data) return null;

  return (
    <>
      <FigureCards overview={overview.data} />
      {workCards && overview.data.work ? workCards(overview.data.work) : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <ChartCard title={t('portal.home.trend')} testId="card-trend" state={months}>
            {(rows) => <TrendChart rows={rows} />}
          </ChartCard>
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard title={t('portal.home.categories')} testId="card-category" state={categories}>
            {(rows) => <CategoryChart rows={rows} />}
          </ChartCard>
        </Col>
        {hasChildren ? (
          <Col xs={24}>
            <ChartCard title={t('portal.home.regions')} extra={onDrill ? <Typography.Text type="secondary">{t('portal.home.regionsHint')}</Typography.Text> : undefined} testId="card-regions" state={regions}>
              {(rows) => (
                <>
                  <RegionCompareChart rows={rows} onPick={onDrill} />
                  {below?.(rows)}
                </>
              )}
            </ChartCard>
          </Col>
        ) : null}
      </Row>
    </>
  );
}
