import { useQuery } from '@tanstack/react-query';
import type { ApiQuery } from '../../api/client';
import { useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Flex, Form, Input, List, Row, Select, Table, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_STATUSES } from '@shared/schemas/activities';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { FilterActions } from '../../components/filter-actions';
import { activitiesApi, type Activity } from '../../features/activities/api';
import { StatusTag, categoryLabel, categoryOptions, timeRange } from '../../features/activities/labels';
import { peopleApi } from '../../features/people/api';
import { RegionCascader } from '../../features/regions/region-cascader';
import { useFormat } from '../../i18n/use-format';

const PAGE_SIZE = 20;

interface Filters {
  region?: string[];
  status?: ApiQuery<'/activities'>['status'];
  category?: ApiQuery<'/activities'>['category'];
  orgId?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
}

/** Whether the desk is narrow (a phone at the counter): rows become cards. */
function useNarrow(): boolean {
  const [narrow] = useState(() => typeof window !== 'undefined' && window.matchMedia('(max-width: 767px)').matches);
  return narrow;
}

/**
 * 辖区活动: a region admin's every activity of the region (every status, newest first, with the
 * approved and rejected history), filtered above and paged on the server's keyset cursor.
 */
export function ActivitiesDeskList({ roots }: { roots: { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const navigate = useNavigate();
  const narrow = useNarrow();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  // the cursors of the pages seen so far: page n starts after cursors[n - 1]
  const [cursors, setCursors] = useState<string[]>([]);
  const page = cursors.length + 1;
  const regionCode = filters.region?.length ? filters.region[filters.region.length - 1]! : roots[0]!.code;
  const query = useMemo(() => {
    const [from, to] = filters.dates ?? [];
    return {
      regionCode,
      sort: 'start_desc' as const,
      pageSize: PAGE_SIZE,
      status: filters.status,
      category: filters.category,
      orgId: filters.orgId,
      q: filters.q?.trim() || undefined,
      from: from ? from.startOf('day').toISOString() : undefined,
      to: to ? to.endOf('day').toISOString() : undefined,
      after: cursors[cursors.length - 1],
    };
  }, [filters, regionCode, cursors]);
  const { data, error, isFetching: loading, refetch: reload } = useQuery(activitiesApi.list(query));
  const orgs = useQuery(peopleApi.orgs({ regionCode, pageSize: 100 }));
  const open = (a: Activity) => navigate(`/console/activities/${a.id}`);
  const nextCursor = (data as { nextCursor?: string | null } | null)?.nextCursor ?? null;

  const apply = (v: Filters) => {
    setFilters(v);
    setCursors([]);
  };
  const reset = () => {
    form.resetFields();
    apply({});
  };

  const pager = (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 16 }}>
      <Typography.Text type="secondary" data-testid="desk-page-of">
        {t('activities.console.desk.pageOf', { page, total: data?.total ?? 0 })}
      </Typography.Text>
      <Flex gap={8}>
        <Button disabled={cursors.length === 0 || loading} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="desk-prev">
          {t('activities.console.desk.prev')}
        </Button>
        <Button disabled={!nextCursor || loading} onClick={() => nextCursor && setCursors((c) => [...c, nextCursor])} data-testid="desk-next">
          {t('activities.console.desk.next')}
        </Button>
      </Flex>
    </Flex>
  );

  const reason = (a: Activity) =>
    a.reviewReason ? (
      <Tooltip title={a.reviewReason}>
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 140 }} data-testid="desk-reason">
          {a.reviewReason}
        </Typography.Text>
      </Tooltip>
    ) : null;

  return (
    <Flex vertical gap={16} data-testid="desk-activities">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('activities.console.desk.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('activities.console.desk.hint')}</Typography.Text>
      </div>
      <Card>
        <Form<Filters> form={form} layout="vertical" onFinish={apply} data-testid="desk-filters">
          <Row gutter={12}>
            <Col xs={24} md={12} xl={5}>
              <Form.Item name="region" label={t('activities.console.desk.region')}>
                <RegionCascader roots={roots} placeholder={roots.map((r) => r.name).join('、')} testId="desk-region" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={3}>
              <Form.Item name="status" label={t('activities.console.status')}>
                <Select allowClear placeholder={t('activities.console.allStatuses')} options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`activities.status.${s}`) }))} data-testid="desk-status" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={3}>
              <Form.Item name="category" label={t('activities.console.desk.category')}>
                <Select allowClear placeholder={t('activities.console.desk.allCategories')} options={categoryOptions(lang)} data-testid="desk-category" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={4}>
              <Form.Item name="orgId" label={t('activities.console.desk.org')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('activities.console.desk.allOrgs')}
                  loading={orgs.isFetching}
                  options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
                  data-testid="desk-org"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={5}>
              <Form.Item name="dates" label={t('activities.console.desk.dates')}>
                <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} data-testid="desk-dates" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={4}>
              <Form.Item name="q" label={t('common.search')}>
                <Input allowClear maxLength={50} placeholder={t('activities.console.desk.search')} data-testid="desk-q" />
              </Form.Item>
            </Col>
          </Row>
          <FilterActions onReset={reset} searchTestId="desk-search" />
        </Form>
      </Card>
      <Card>
        {error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : loading && !data ? (
          <LoadingBlock rows={8} />
        ) : !data || data.items.length === 0 ? (
          <EmptyState testId="desk-empty" title={t('activities.console.desk.empty')} hint={t('activities.console.desk.emptyHint')} action={<Button onClick={reset}>{t('common.reset')}</Button>} />
        ) : narrow ? (
          <List<Activity>
            dataSource={data.items}
            renderItem={(a) => (
              <List.Item onClick={() => open(a)} style={{ cursor: 'pointer' }} data-testid="activity-row">
                <Flex vertical gap={4} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8}>
                    <Typography.Link strong>{a.title}</Typography.Link>
                    <StatusTag status={a.status} />
                  </Flex>
                  <Typography.Text type="secondary">{timeRange(a.startsAt, a.endsAt, dateTime)}</Typography.Text>
                  <Typography.Text type="secondary">
                    {a.orgName} · {categoryLabel(a.category, lang)}
                  </Typography.Text>
                  {reason(a)}
                </Flex>
              </List.Item>
            )}
          />
        ) : (
          <Table<Activity>
            rowKey="id"
            loading={loading}
            dataSource={data.items}
            pagination={false}
            tableLayout="fixed"
            onRow={(a) => ({ onClick: () => open(a), style: { cursor: 'pointer' }, 'data-testid': 'activity-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { key: 'title', title: t('activities.form.title'), ellipsis: true, render: (_, a) => <Typography.Link>{a.title}</Typography.Link> },
              {
                key: 'org',
                title: t('activities.console.desk.org_region'),
                width: 180,
                ellipsis: true,
                render: (_, a) => (
                  <Flex vertical>
                    <span>{a.orgName}</span>
                    <Typography.Text type="secondary">{a.regionName}</Typography.Text>
                  </Flex>
                ),
              },
              { key: 'category', title: t('activities.form.category'), width: 90, render: (_, a) => categoryLabel(a.category, lang) },
              { key: 'time', title: t('activities.detail.time'), width: 200, render: (_, a) => timeRange(a.startsAt, a.endsAt, dateTime) },
              { key: 'count', title: t('activities.detail.capacity'), width: 90, render: (_, a) => t('activities.detail.capacityValue', { confirmed: a.confirmedCount, capacity: a.capacity }) },
              { key: 'status', title: t('activities.console.status'), width: 90, render: (_, a) => <StatusTag status={a.status} /> },
              { key: 'reason', title: t('activities.console.desk.reason'), width: 150, render: (_, a) => reason(a) },
            ]}
          />
        )}
        {data && data.items.length > 0 ? pager : null}
      </Card>
    </Flex>
  );
}
