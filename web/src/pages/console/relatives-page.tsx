import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { App, Button, Card, Flex, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { RELATION_STATUSES } from '@shared/schemas/ledger';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { regionRoots } from '../../features/access/grant-rules';
import { useMe } from '../../features/auth/auth-context';
import { ledgerApi, type RelationStatus, type RelativeStaffItem } from '../../features/ledger/api';
import { RELATION_STATUS_COLOR } from '../../features/ledger/labels';
import { ledgerRefusal } from '../../features/ledger/refusal';
import { RegionCascader } from '../../features/regions/region-cascader';
import { useFormat } from '../../i18n/use-format';

interface Filter {
  page: number;
  pageSize: number;
  regionCode?: string;
  status?: RelationStatus;
}

/** 亲属核验: relations declared by people of my regions; verify or reject the pending ones (audited on the server). */
export default function RelativesReviewPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const [region, setRegion] = useState<string[]>([]);
  const [filter, setFilter] = useState<Filter>({ page: 1, pageSize: 20, status: 'pending' });
  const { data, error, isFetching: loading, refetch: reload } = useQuery(ledgerApi.staffRelatives({ ...filter }));
  const filtered = filter.status !== 'pending' || !!filter.regionCode;

  const columns: TableColumnsType<RelativeStaffItem> = [
    {
      key: 'user',
      title: t('ledger.review.declarer'),
      render: (_: unknown, r) => (
        <div>
          <Typography.Text strong>{r.userName}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{r.userIdNumberMasked ?? t('common.none')}</Typography.Text>
          </div>
        </div>
      ),
    },
    {
      key: 'relative',
      title: t('ledger.review.relative'),
      render: (_: unknown, r) => (
        <div>
          <Typography.Text strong>{r.relativeName}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{r.relativeIdNumberMasked ?? t('common.none')}</Typography.Text>
          </div>
        </div>
      ),
    },
    {
      key: 'relation',
      title: t('ledger.review.relation'),
      render: (_: unknown, r) => <span data-testid="review-relation">{t('ledger.review.relationText', { relative: r.relativeName, user: r.userName, relation: t(`ledger.relations.${r.relation}`) })}</span>,
    },
    { key: 'at', title: t('ledger.review.declaredAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
    {
      key: 'status',
      title: t('ledger.review.status'),
      render: (_: unknown, r) => (
        <div>
          <Tag color={RELATION_STATUS_COLOR[r.status]}>{t(`ledger.relationStatuses.${r.status}`)}</Tag>
          {r.verifiedAt ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dateTime(r.verifiedAt)}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    { key: 'actions', title: t('common.actions'), fixed: 'right', width: 200, render: (_: unknown, r) => (r.status === 'pending' ? <DecideButtons item={r} onDone={reload} /> : null) },
  ];

  return (
    <Flex vertical gap={16} data-testid="relatives-review-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ledger.review.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('ledger.review.intro')}</Typography.Text>
      <Card>
        <Flex gap={16} wrap align="center">
          {roots.length > 0 ? (
            <Flex gap={8} align="center">
              <Typography.Text>{t('ledger.review.region')}</Typography.Text>
              <RegionCascader
                roots={roots}
                value={region}
                onChange={(p) => {
                  setRegion(p);
                  setFilter((f) => ({ ...f, page: 1, regionCode: p[p.length - 1] }));
                }}
                placeholder={t('ledger.review.regionAll')}
                style={{ width: 260 }}
                testId="review-region"
              />
            </Flex>
          ) : null}
          <Flex gap={8} align="center">
            <Typography.Text>{t('ledger.review.status')}</Typography.Text>
            <Select<RelationStatus | 'all'>
              style={{ width: 140 }}
              value={filter.status ?? 'all'}
              onChange={(v) => setFilter((f) => ({ ...f, page: 1, status: v === 'all' ? undefined : v }))}
              options={[{ value: 'all', label: t('ledger.review.statusAll') }, ...RELATION_STATUSES.map((s) => ({ value: s, label: t(`ledger.relationStatuses.${s}`) }))]}
              data-testid="review-status"
            />
          </Flex>
        </Flex>
      </Card>
      <Card>
        {error && !data ? (
          <ErrorState error={error} onRetry={reload} />
        ) : loading && !data ? (
          <LoadingBlock rows={6} />
        ) : (
          <Table<RelativeStaffItem>
            rowKey="id"
            data-testid="review-table"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 1000 }}
            locale={{
              emptyText: filtered ? (
                <EmptyState title={t('ledger.review.emptyFiltered')} hint={t('ledger.review.emptyFilteredHint')} />
              ) : (
                <EmptyState title={t('ledger.review.empty')} hint={t('ledger.review.emptyHint')} />
              ),
            }}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => setFilter((f) => ({ ...f, page: pageSize !== f.pageSize ? 1 : page, pageSize })),
            }}
          />
        )}
      </Card>
    </Flex>
  );
}

function DecideButtons({ item, onDone }: { item: RelativeStaffItem; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'verify' | 'reject' | null>(null);
  const decide = async (decision: 'verify' | 'reject') => {
    setBusy(decision);
    try {
      await ledgerApi.decide(item.id, decision);
      void message.success(decision === 'verify' ? t('ledger.review.verified') : t('ledger.review.rejected'));
      onDone();
    } catch (err) {
      void message.error(ledgerRefusal(err, t, lang, { ledger: 'points', amount: 0 }));
    } finally {
      setBusy(null);
    }
  };
  const relation = t(`ledger.relations.${item.relation}`);
  return (
    <Flex gap={8}>
      <Popconfirm
        title={t('ledger.review.verifyConfirm', { relative: item.relativeName, user: item.userName, relation })}
        okText={t('ledger.review.verify')}
        cancelText={t('common.cancel')}
        onConfirm={() => decide('verify')}
        okButtonProps={{ 'data-testid': 'review-verify-confirm' }}
      >
        <Button type="primary" size="small" loading={busy === 'verify'} disabled={busy !== null} data-testid="review-verify">
          {t('ledger.review.verify')}
        </Button>
      </Popconfirm>
      <Popconfirm title={t('ledger.review.rejectConfirm')} okText={t('ledger.review.reject')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => decide('reject')}>
        <Button danger size="small" loading={busy === 'reject'} disabled={busy !== null} data-testid="review-reject">
          {t('ledger.review.reject')}
        </Button>
      </Popconfirm>
    </Flex>
  );
}
