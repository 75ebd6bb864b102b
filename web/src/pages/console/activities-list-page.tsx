import { useQuery } from '@tanstack/react-query';
import type { ApiQuery } from '../../api/client';
import { useState } from 'react';
import { Button, Card, Flex, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_STATUSES } from '@shared/schemas/activities';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { activitiesApi, type Activity } from '../../features/activities/api';
import { StatusTag, categoryLabel, timeRange, useAdminOrgs } from '../../features/activities/labels';
import { useFormat } from '../../i18n/use-format';
import { useMe } from '../../features/auth/auth-context';
import { regionRoots } from '../../features/access/grant-rules';
import { ActivitiesDeskList } from './activities-desk-list';

const PAGE_SIZE = 20;

/** 活动管理: a region admin's desk of the region's activities; an organisation admin's own in every status. */
export default function ActivitiesListPage() {
  const { grants } = useMe();
  const roots = regionRoots(grants, ['region_admin']);
  return roots.length > 0 ? <ActivitiesDeskList roots={roots} /> : <OrgActivitiesList />;
}

function OrgActivitiesList() {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const navigate = useNavigate();
  const orgs = useAdminOrgs();
  const [orgId, setOrgId] = useState<string | undefined>(orgs[0]?.id);
  const [status, setStatus] = useState<ApiQuery<'/activities'>['status']>();
  const [page, setPage] = useState(1);
  const { data, error, isFetching: loading, refetch: reload } = useQuery({ ...activitiesApi.list({ orgId, status, page, pageSize: PAGE_SIZE }), enabled: Boolean(orgId) });

  if (orgs.length === 0) return <EmptyState title={t('activities.console.noOrg')} hint={t('activities.console.noOrgHint')} />;

  return (
    <Flex vertical gap={16} data-testid="console-activities">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('activities.console.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/console/activities/new')} data-testid="activity-new">
          {t('activities.console.create')}
        </Button>
      </Flex>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          {orgs.length > 1 ? (
            <Select style={{ minWidth: 220 }} value={orgId} onChange={(v: string) => { setOrgId(v); setPage(1); }} options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
          ) : null}
          <Select
            allowClear
            style={{ minWidth: 160 }}
            placeholder={t('activities.console.allStatuses')}
            value={status}
            onChange={(v?: string) => {
              setStatus(v as typeof status);
              setPage(1);
            }}
            options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`activities.status.${s}`) }))}
            data-testid="activities-status-filter"
          />
        </Flex>
        {loading && !data ? (
          <LoadingBlock rows={6} />
        ) : error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data || data.items.length === 0 ? (
          status ? (
            <EmptyState title={t('activities.console.emptyFiltered')} hint={t('activities.console.emptyFilteredHint')} />
          ) : (
            <EmptyState
              testId="console-activities-empty"
              title={t('activities.console.empty')}
              hint={t('activities.console.emptyHint')}
              action={
                <Button type="primary" onClick={() => navigate('/console/activities/new')}>
                  {t('activities.console.create')}
                </Button>
              }
            />
          )
        ) : (
          <Table<Activity>
            rowKey="id"
            loading={loading}
            dataSource={data.items}
            scroll={{ x: 900 }}
            onRow={(a) => ({ onClick: () => navigate(`/console/activities/${a.id}`), style: { cursor: 'pointer' }, 'data-testid': 'activity-row' } as React.HTMLAttributes<HTMLElement>)}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
            columns={[
              { key: 'title', title: t('activities.form.title'), render: (_, a) => <Typography.Link>{a.title}</Typography.Link> },
              { key: 'category', title: t('activities.form.category'), render: (_, a) => categoryLabel(a.category, lang) },
              { key: 'time', title: t('activities.detail.time'), render: (_, a) => timeRange(a.startsAt, a.endsAt, dateTime) },
              { key: 'count', title: t('activities.detail.capacity'), render: (_, a) => t('activities.detail.capacityValue', { confirmed: a.confirmedCount, capacity: a.capacity }) },
              { key: 'status', title: t('activities.console.status'), render: (_, a) => <StatusTag status={a.status} /> },
            ]}
          />
        )}
      </Card>
    </Flex>
  );
}
