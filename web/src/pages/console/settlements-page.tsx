import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Card, Flex, Select, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { activitiesApi, type DueActivity } from '../../features/activities/api';
import { timeRange, useAdminOrgs, useAdminRegions } from '../../features/activities/labels';
import { useFormat } from '../../i18n/use-format';

const PAGE_SIZE = 20;

/** 待结算: ended activities not settled yet, with the working days left of their 10-day deadline. */
export default function SettlementsPage() {
  const { t } = useTranslation();
  const { dateTime, date } = useFormat();
  const navigate = useNavigate();
  const orgs = useAdminOrgs();
  const regions = useAdminRegions();
  const scopes = [...orgs.map((o) => ({ value: `org:${o.id}`, label: o.name })), ...regions.map((r) => ({ value: `region:${r.code}`, label: r.name }))];
  const [scope, setScope] = useState<string | undefined>(scopes[0]?.value);
  const [within, setWithin] = useState(3);
  const [page, setPage] = useState(1);
  const [kind, key] = (scope ?? ':').split(':') as [string, string];
  const { data, error, isFetching: loading, refetch: reload } = useQuery(activitiesApi.settlementsDue({ orgId: kind === 'org' ? key : undefined, regionCode: kind === 'region' ? key : undefined, withinWorkingDays: within, page, pageSize: PAGE_SIZE }));

  return (
    <Flex vertical gap={16} data-testid="settlements-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('activities.due.title')}
      </Typography.Title>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
          {scopes.length > 1 ? <Select style={{ minWidth: 220 }} value={scope} onChange={(v: string) => { setScope(v); setPage(1); }} options={scopes} /> : null}
          <Typography.Text>{t('activities.due.within')}</Typography.Text>
          <Select
            style={{ width: 140 }}
            value={within}
            onChange={(v: number) => {
              setWithin(v);
              setPage(1);
            }}
            options={[1, 3, 5, 10].map((n) => ({ value: n, label: t('activities.due.days', { n }) }))}
          />
        </Flex>
        {loading && !data ? (
          <LoadingBlock rows={5} />
        ) : error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data || data.items.length === 0 ? (
          <EmptyState testId="settlements-empty" title={t('activities.due.empty')} hint={t('activities.due.emptyHint')} />
        ) : (
          <Table<DueActivity>
            rowKey="id"
            dataSource={data.items}
            scroll={{ x: 900 }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
            columns={[
              {
                key: 'title',
                title: t('activities.form.title'),
                render: (_, a) => (orgs.some((o) => o.id === a.orgId) ? <Typography.Link onClick={() => navigate(`/console/activities/${a.id}`)}>{a.title}</Typography.Link> : a.title),
              },
              { key: 'org', title: t('activities.detail.org'), render: (_, a) => a.orgName },
              { key: 'time', title: t('activities.detail.time'), render: (_, a) => timeRange(a.startsAt, a.endsAt, dateTime) },
              { key: 'deadline', title: t('activities.settle.deadline'), render: (_, a) => date(a.settleDeadline) },
              {
                key: 'left',
                title: t('activities.due.left'),
                render: (_, a) =>
                  a.workingDaysLeft < 0 ? (
                    <Tag color="red" data-testid="due-overdue">
                      {t('activities.due.overdue', { n: -a.workingDaysLeft })}
                    </Tag>
                  ) : (
                    <Typography.Text type={a.workingDaysLeft <= 1 ? 'danger' : a.workingDaysLeft <= 3 ? 'warning' : undefined}>{t('activities.due.daysLeft', { n: a.workingDaysLeft })}</Typography.Text>
                  ),
              },
            ]}
          />
        )}
      </Card>
    </Flex>
  );
}
