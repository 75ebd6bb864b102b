import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Select, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, Route, Routes, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ORG_STATUSES, ORG_TYPES, type OrgStatus, type OrgType } from '@shared/constants';
import { describeError } from '../../api/error-text';
import type { Org } from '../../api/types';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { regionRoots } from '../../features/access/grant-rules';
import { OrgDetail } from '../../features/orgs/org-detail';
import { ORG_STATUS_COLOR, stateActions, type OrgStateAction } from '../../features/orgs/org-status';
import { ReasonModal, type ReasonAsk } from '../../features/orgs/reason-modal';
import { exportHref, peopleApi } from '../../features/people/api';
import { lastCode, orgTypeLabel } from '../../features/people/labels';
import { RegionCascader } from '../../features/regions/region-cascader';
import { useFormat } from '../../i18n/use-format';

/** 组织审核: the review queue and every organisation in my regions; `/console/orgs/:id` is one organisation. */
export default function OrgsPage() {
  return (
    <Routes>
      <Route index element={<OrgReview />} />
      <Route path=":id" element={<DetailRoute />} />
    </Routes>
  );
}

function DetailRoute() {
  const { id = '' } = useParams();
  return <OrgDetail id={id} back="/console/orgs" canEdit={false} />;
}

interface Filter {
  page: number;
  pageSize: number;
  status?: OrgStatus;
  type?: OrgType;
  regionCode?: string;
  q?: string;
}

function OrgReview() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'queue' | 'all'>('queue');
  return (
    <Flex vertical gap={16} data-testid="orgs-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('people.orgs.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'queue' | 'all')}
        items={[
          { key: 'queue', label: <span data-testid="orgs-tab-queue">{t('people.orgs.queue')}</span>, children: tab === 'queue' ? <OrgTable queue /> : null },
          { key: 'all', label: <span data-testid="orgs-tab-all">{t('people.orgs.all')}</span>, children: tab === 'all' ? <OrgTable queue={false} /> : null },
        ]}
      />
    </Flex>
  );
}

interface FilterValues {
  region?: string[];
  status?: OrgStatus;
  type?: OrgType;
  q?: string;
}

function OrgTable({ queue }: { queue: boolean }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const first: Filter = { page: 1, pageSize: 20, ...(queue ? { status: 'pending' as const } : {}) };
  const [filter, setFilter] = useState<Filter>(first);
  const [form] = Form.useForm<FilterValues>();
  const [ask, setAsk] = useState<ReasonAsk | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { data, error, isFetching: loading, refetch: reload } = useQuery(peopleApi.orgs({ ...filter }));

  const onSearch = (v: FilterValues) =>
    setFilter({ page: 1, pageSize: filter.pageSize, status: queue ? 'pending' : v.status, type: v.type, regionCode: lastCode(v.region), q: v.q?.trim() || undefined });
  const onReset = () => {
    form.resetFields();
    setFilter({ ...first, pageSize: filter.pageSize });
  };

  const approve = async (o: Org) => {
    setBusy(o.id);
    try {
      await peopleApi.reviewOrg(o.id, 'approve');
      void message.success(t('people.orgs.reviewed', { name: o.name }));
      reload();
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    } finally {
      setBusy(null);
    }
  };
  const review = (o: Org, decision: 'reject' | 'request_changes') => {
    const action = decision === 'reject' ? t('people.orgs.reject') : t('people.orgs.requestChanges');
    setAsk({
      title: t('people.orgs.reviewTitle', { action, name: o.name }),
      required: true,
      okText: action,
      danger: decision === 'reject',
      placeholder: t('people.orgs.reasonPlaceholder'),
      run: async (reason) => {
        await peopleApi.reviewOrg(o.id, decision, reason);
        void message.success(t('people.orgs.reviewed', { name: o.name }));
        reload();
      },
    });
  };
  const changeState = (o: Org, action: OrgStateAction) => {
    const word = t(`people.orgs.${action}`);
    setAsk({
      title: t('people.orgs.stateTitle', { action: word, name: o.name }),
      required: true,
      okText: word,
      danger: action !== 'reinstate',
      run: async (reason) => {
        await peopleApi.orgState(o.id, action, reason ?? '');
        void message.success(t('people.orgs.stateDone', { action: word, name: o.name }));
        reload();
      },
    });
  };

  const columns: TableColumnsType<Org> = [
    {
      key: 'name',
      title: t('people.orgs.name'),
      dataIndex: 'name',
      render: (v: string, o) => (
        <Link to={`/console/orgs/${o.id}`} data-testid="org-link">
          {v}
        </Link>
      ),
    },
    { key: 'type', title: t('people.orgs.type'), dataIndex: 'type', render: (v: string) => orgTypeLabel(v, lang) },
    { key: 'region', title: t('people.orgs.region'), dataIndex: 'regionName' },
    { key: 'contact', title: t('people.orgs.contact'), render: (_: unknown, o) => [o.contactName, o.contactPhone].filter(Boolean).join(' ') || t('common.none') },
    {
      key: 'status',
      title: t('people.orgs.status'),
      dataIndex: 'status',
      render: (s: OrgStatus, o) => (
        <>
          <Tag color={ORG_STATUS_COLOR[s]}>{t(`people.orgStatus.${s}`)}</Tag>
          {o.statusReason ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.statusReason}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    ...(queue ? [] : [{ key: 'members', title: t('people.orgs.members'), dataIndex: 'memberCount', render: (n: number | undefined) => n ?? t('common.none') }]),
    { key: 'at', title: t('people.orgs.createdAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 240,
      render: (_: unknown, o) =>
        o.status === 'pending' ? (
          <Flex gap={4} wrap>
            <Button type="primary" size="small" loading={busy === o.id} onClick={() => approve(o)} data-testid="org-approve">
              {t('people.orgs.approve')}
            </Button>
            <Button size="small" onClick={() => review(o, 'request_changes')} data-testid="org-request-changes">
              {t('people.orgs.requestChanges')}
            </Button>
            <Button size="small" danger onClick={() => review(o, 'reject')} data-testid="org-reject">
              {t('people.orgs.reject')}
            </Button>
          </Flex>
        ) : (
          <Flex gap={4} wrap>
            {stateActions(o.status).map((a) => (
              <Button key={a} size="small" danger={a !== 'reinstate'} onClick={() => changeState(o, a)} data-testid={`org-${a}`}>
                {t(`people.orgs.${a}`)}
              </Button>
            ))}
          </Flex>
        ),
    },
  ];

  const filtered = !!(filter.regionCode || filter.q || filter.type || (!queue && filter.status));

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex justify="space-between" wrap gap={8}>
          <Form<FilterValues> form={form} layout="inline" onFinish={onSearch} style={{ rowGap: 12 }}>
            {roots.length > 0 ? (
              <Form.Item name="region" label={t('people.common.region')}>
                <RegionCascader roots={roots} placeholder={t('people.common.regionAll')} style={{ width: 220 }} />
              </Form.Item>
            ) : null}
            <Form.Item name="q" label={t('people.orgs.q')}>
              <Input allowClear style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="type" label={t('people.orgs.type')}>
              <Select allowClear style={{ width: 170 }} placeholder={t('people.common.all')} options={ORG_TYPES.map((o) => ({ value: o, label: orgTypeLabel(o, lang) }))} />
            </Form.Item>
            {queue ? null : (
              <Form.Item name="status" label={t('people.orgs.status')}>
                <Select allowClear style={{ width: 120 }} placeholder={t('people.common.all')} options={ORG_STATUSES.map((s) => ({ value: s, label: t(`people.orgStatus.${s}`) }))} data-testid="orgs-filter-status" />
              </Form.Item>
            )}
            <Form.Item>
              <Flex gap={8}>
                <Button onClick={onReset}>{t('common.reset')}</Button>
                <Button type="primary" htmlType="submit">
                  {t('common.search')}
                </Button>
              </Flex>
            </Form.Item>
          </Form>
          <Button icon={<DownloadOutlined />} href={exportHref('/orgs.xlsx', { ...filter })}>
            {t('people.common.export')}
          </Button>
        </Flex>
      </Card>
      <Card size="small">
        {error && !data ? (
          <ErrorState error={error} onRetry={reload} />
        ) : loading && !data ? (
          <LoadingBlock rows={6} />
        ) : (
          <Table<Org>
            rowKey="id"
            size="middle"
            data-testid={queue ? 'orgs-queue-table' : 'orgs-table'}
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 1100 }}
            locale={{
              emptyText: filtered ? (
                <EmptyState title={t('people.orgs.empty')} hint={t('people.orgs.emptyHint')} action={<Button onClick={onReset}>{t('common.reset')}</Button>} />
              ) : queue ? (
                <EmptyState title={t('people.orgs.queueEmpty')} hint={t('people.orgs.queueEmptyHint')} />
              ) : (
                <EmptyState title={t('people.orgs.empty')} hint={t('people.orgs.queueEmptyHint')} />
              ),
            }}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => setFilter((f) => ({ ...f, page: pageSize !== f.pageSize ? 1 : page, pageSize })),
            }}
          />
        )}
      </Card>
      <ReasonModal ask={ask} onClose={() => setAsk(null)} />
    </Flex>
  );
}
