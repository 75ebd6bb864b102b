import { useQueries } from '@tanstack/react-query';
import { Badge, Card, Col, Row, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type ApiAnswer } from '../../api/client';
import type { Grant } from '../../api/types';
import { workItemsFor, type CountPath, type WorkItem } from './work-items';

/**
 * 待办: the work waiting for this person, from the lists they already have (each count is the
 * `total` of a one-row page), with a link to the page where it is done.
 */
export function WorkWaiting({ grants }: { grants: readonly Grant[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const items = workItemsFor(grants);
  const answers = useQueries({
    queries: items.map((item) => {
      const inputs = { params: item.params, query: { ...item.query, page: 1, pageSize: 1 } };
      return {
        queryKey: [item.path, inputs],
        // every CountPath answers a page: its `total` is the count
        queryFn: ({ signal }: { signal: AbortSignal }) => (api.get as (p: CountPath, i: typeof inputs, s: AbortSignal) => Promise<ApiAnswer<CountPath>>)(item.path, inputs, signal),
        select: (page: ApiAnswer<CountPath>) => page.total,
      };
    }),
  });
  const counts: Record<string, number | null | undefined> = Object.fromEntries(items.map((item, i) => [item.key, answers[i]?.isError ? null : answers[i]?.data]));

  if (items.length === 0) return null;
  return (
    <section data-testid="work-waiting">
      <Typography.Title level={5}>{t('dashboard.workWaiting')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {items.map((item: WorkItem) => {
          const n = counts[item.key];
          return (
            <Col key={item.key} xs={12} md={8} xl={6}>
              <Card hoverable onClick={() => navigate(item.to)} data-testid={`work-${item.key}`}>
                <Badge dot={!!n && item.urgent} offset={[6, 0]}>
                  <Statistic title={t(`dashboard.work.${item.key}`)} value={n ?? '—'} valueStyle={n && item.urgent ? { color: '#cf1322' } : undefined} />
                </Badge>
              </Card>
            </Col>
          );
        })}
      </Row>
    </section>
  );
}
