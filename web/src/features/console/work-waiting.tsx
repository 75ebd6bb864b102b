import { useEffect, useState } from 'react';
import { Badge, Card, Col, Row, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Grant } from '../../api/types';
import { workItemsFor, type WorkItem } from './work-items';

/**
 * 待办: the work waiting for this person, from the lists they already have (each count is the
 * `total` of a one-row page), with a link to the page where it is done.
 */
export function WorkWaiting({ grants }: { grants: readonly Grant[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const items = workItemsFor(grants);
  const [counts, setCounts] = useState<Record<string, number | null>>({});
  const key = items.map((i) => i.key).join(',');

  useEffect(() => {
    const ctrl = new AbortController();
    for (const item of items) {
      api
        .get<{ total: number }>(item.path, { ...item.query, page: 1, pageSize: 1 }, ctrl.signal)
        .then((r) => setCounts((c) => ({ ...c, [item.key]: r.total })))
        .catch(() => setCounts((c) => ({ ...c, [item.key]: null })));
    }
    return () => ctrl.abort();
    // the items derive from the grants; their keys say when they change
  }, [key]);

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
