import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { App, Button, Card, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { AcceptModal } from '../../features/requests/accept-modal';
import { requestsApi, type ServiceRequest } from '../../features/requests/api';
import { categoryName } from '../../features/requests/labels';
import { OverdueTag, ReasonModal, StatusTag } from '../../features/requests/request-parts';
import { useFormat } from '../../i18n/use-format';

/** 接单: orders dispatched to the teams I manage — accept naming members, or decline with a reason. */
export default function RequestsAcceptPage() {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, error, isFetching: loading, refetch: reload } = useQuery(requestsApi.list({ scope: 'assigned', ...page }));
  const [accepting, setAccepting] = useState<ServiceRequest | null>(null);
  const [declining, setDeclining] = useState<ServiceRequest | null>(null);

  const columns: TableColumnsType<ServiceRequest> = [
    { key: 'createdAt', title: t('requests.fields.createdAt'), width: 170, render: (_, r) => dateTime(r.createdAt) },
    { key: 'team', title: t('requests.fields.assignedTo'), render: (_, r) => r.assignedOrgName ?? '—' },
    { key: 'category', title: t('requests.fields.category'), width: 110, render: (_, r) => categoryName(r.category, lang) },
    { key: 'description', title: t('requests.fields.description'), ellipsis: true, dataIndex: 'description' },
    { key: 'address', title: t('requests.fields.address'), ellipsis: true, render: (_, r) => `${r.regionName ?? ''} ${r.address}` },
    {
      key: 'status',
      title: t('requests.fields.status'),
      width: 170,
      render: (_, r) => (
        <Flex gap={4} wrap>
          <StatusTag status={r.status} />
          <OverdueTag overdue={r.overdue} />
        </Flex>
      ),
    },
    { key: 'due', title: t('requests.fields.dueAt'), width: 170, render: (_, r) => dateTime(r.status === 'dispatched' ? r.acceptDueAt : r.serveDueAt) },
    {
      key: 'op',
      title: '',
      width: 160,
      render: (_, r) =>
        r.status === 'dispatched' ? (
          <Flex gap={4}>
            <Button type="primary" size="small" onClick={() => setAccepting(r)} data-testid="accept-open">
              {t('requests.assigned.accept')}
            </Button>
            <Button danger size="small" onClick={() => setDeclining(r)} data-testid="decline-open">
              {t('requests.assigned.decline')}
            </Button>
          </Flex>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="requests-accept-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('requests.acceptPage.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('requests.acceptPage.intro')}</Typography.Text>
      <Card>
        {loading && !data ? (
          <LoadingBlock rows={6} />
        ) : error && !data ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data || data.items.length === 0 ? (
          <EmptyState testId="accept-empty" title={t('requests.acceptPage.empty')} hint={t('requests.acceptPage.emptyHint')} />
        ) : (
          <Table<ServiceRequest>
            rowKey="id"
            columns={columns}
            dataSource={data.items}
            loading={loading}
            onRow={(r) => ({ 'data-testid': 'accept-row', 'data-id': r.id }) as object}
            pagination={{ current: page.page, pageSize: page.pageSize, total: data.total, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
          />
        )}
      </Card>
      {accepting ? (
        <AcceptModal
          request={accepting}
          open
          onClose={() => setAccepting(null)}
          onDone={() => {
            setAccepting(null);
            void message.success(t('requests.assigned.accepted'));
            reload();
          }}
        />
      ) : null}
      <ReasonModal
        open={!!declining}
        title={t('requests.assigned.declineTitle')}
        okText={t('requests.assigned.decline')}
        testId="accept-decline"
        onClose={() => setDeclining(null)}
        onSubmit={async (reason) => {
          if (!declining) return;
          await requestsApi.decline(declining.id, reason);
          setDeclining(null);
          void message.success(t('requests.assigned.declined'));
          reload();
        }}
      />
    </Flex>
  );
}
