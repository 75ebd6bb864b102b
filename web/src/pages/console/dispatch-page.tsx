import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Flex, Form, Input, List, Radio, Select, Spin, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckCircleOutlined, UserAddOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { describeError } from '../../api/error-text';
import type { User } from '../../api/types';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { regionRoots } from '../../features/access/grant-rules';
import { RegionCascader } from '../../features/regions/region-cascader';
import { REQUEST_STATUSES } from '@shared/schemas/requests';
import { requestsApi, type RequestDetail, type RequestStatus, type ServiceRequest } from '../../features/requests/api';
import { categoryName, lastOf, minutesText } from '../../features/requests/labels';
import { OverdueTag, RateModal, ReasonModal, RequestHistory, RequestSteps, StatusTag } from '../../features/requests/request-parts';
import { RequestForm } from '../../features/requests/request-form';
import { useFormat } from '../../i18n/use-format';
import { toFormFieldErrors } from '../../lib/form-errors';
import { pickLanguage } from '../../lib/bilingual';
import { fetchApi, alsoKeyed } from '../../api/query';

interface Filter {
  overdue: boolean;
  status?: RequestStatus;
  regionCode?: string;
  page: number;
  pageSize: number;
}

function dueOf(r: ServiceRequest): string | null {
  if (r.status === 'ordered') return r.dispatchDueAt;
  if (r.status === 'dispatched') return r.acceptDueAt;
  if (r.status === 'accepted' || r.status === 'serving') return r.serveDueAt;
  return null;
}

/** 派单中心: the dispatch queue of my regions, the overdue ones, a drawer to dispatch, cancel or rate for a resident; 代下单. */
export default function DispatchPage() {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const [filter, setFilter] = useState<Filter>({ overdue: false, page: 1, pageSize: 20 });
  const [regionPath, setRegionPath] = useState<string[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [ordering, setOrdering] = useState(false);
  const { data, error, isFetching: loading, refetch: reload } = useQuery(requestsApi.list({ scope: 'queue', status: filter.status, regionCode: filter.regionCode, overdue: filter.overdue ? 'true' : undefined, page: filter.page, pageSize: filter.pageSize }));
  const filtered = !!(filter.status || filter.regionCode);

  const columns: TableColumnsType<ServiceRequest> = [
    { key: 'createdAt', title: t('requests.fields.createdAt'), width: 170, render: (_, r) => dateTime(r.createdAt) },
    {
      key: 'resident',
      title: t('requests.fields.resident'),
      render: (_, r) => (
        <span>
          {r.residentName} {r.onBehalf ? <Tag>{t('requests.dispatch.onBehalfTag')}</Tag> : null}
        </span>
      ),
    },
    { key: 'category', title: t('requests.fields.category'), width: 110, render: (_, r) => categoryName(r.category, lang) },
    { key: 'description', title: t('requests.fields.description'), ellipsis: true, dataIndex: 'description' },
    { key: 'address', title: t('requests.fields.address'), ellipsis: true, render: (_, r) => `${r.regionName ?? ''} ${r.address}` },
    {
      key: 'status',
      title: t('requests.fields.status'),
      width: 180,
      render: (_, r) => (
        <Flex gap={4} wrap>
          <StatusTag status={r.status} />
          <OverdueTag overdue={r.overdue} />
        </Flex>
      ),
    },
    {
      key: 'due',
      title: t('requests.fields.dueAt'),
      width: 170,
      render: (_, r) => <Typography.Text type={r.overdue ? 'danger' : undefined}>{dateTime(dueOf(r))}</Typography.Text>,
    },
    {
      key: 'op',
      title: '',
      width: 90,
      render: (_, r) => (
        <Button type="link" onClick={() => setOpenId(r.id)} data-testid="dispatch-open">
          {t('requests.dispatch.handle')}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="dispatch-page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('requests.dispatch.title')}
        </Typography.Title>
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setOrdering(true)} data-testid="dispatch-order-on-behalf">
          {t('requests.dispatch.orderOnBehalf')}
        </Button>
      </Flex>
      <Card>
        <Tabs
          activeKey={filter.overdue ? 'overdue' : 'all'}
          onChange={(k) => setFilter({ ...filter, overdue: k === 'overdue', page: 1 })}
          items={[
            { key: 'all', label: <span data-testid="dispatch-tab-all">{t('requests.dispatch.tabAll')}</span> },
            { key: 'overdue', label: <span data-testid="dispatch-tab-overdue">{t('requests.dispatch.tabOverdue')}</span> },
          ]}
        />
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <RegionCascader roots={roots} value={regionPath} onChange={setRegionPath} placeholder={t('requests.common.regionAll')} style={{ width: 280 }} testId="dispatch-region" />
          <Select<RequestStatus>
            allowClear
            placeholder={t('requests.dispatch.statusAll')}
            value={filter.status}
            style={{ width: 160 }}
            options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`requests.status.${s}`) }))}
            onChange={(status) => setFilter({ ...filter, status, page: 1 })}
            data-testid="dispatch-status"
          />
          <Button type="primary" onClick={() => setFilter({ ...filter, regionCode: lastOf(regionPath), page: 1 })}>
            {t('requests.dispatch.search')}
          </Button>
          <Button
            onClick={() => {
              setRegionPath([]);
              setFilter({ overdue: filter.overdue, page: 1, pageSize: filter.pageSize });
            }}
          >
            {t('requests.dispatch.reset')}
          </Button>
        </Flex>
        {loading && !data ? (
          <LoadingBlock rows={6} />
        ) : error && !data ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data || data.items.length === 0 ? (
          filter.overdue ? (
            <EmptyState testId="dispatch-empty" title={t('requests.dispatch.emptyOverdue')} hint={t('requests.dispatch.emptyOverdueHint')} />
          ) : (
            <EmptyState
              testId="dispatch-empty"
              title={t('requests.dispatch.empty')}
              hint={filtered ? t('requests.wishConsole.emptyFilteredHint') : t('requests.dispatch.emptyHint')}
            />
          )
        ) : (
          <Table<ServiceRequest>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.items}
            loading={loading}
            onRow={(r) => ({ style: r.overdue ? { background: '#fff1f0' } : undefined, 'data-testid': 'dispatch-row', 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
            pagination={{ current: filter.page, pageSize: filter.pageSize, total: data.total, showSizeChanger: true, onChange: (page, pageSize) => setFilter({ ...filter, page, pageSize }) }}
          />
        )}
      </Card>
      <RequestDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        onChanged={() => {
          reload();
        }}
      />
      <Drawer open={ordering} onClose={() => setOrdering(false)} title={t('requests.dispatch.orderOnBehalfTitle')} size={560} destroyOnHidden>
        <RequestForm
          onBehalf
          onDone={(_, name) => {
            setOrdering(false);
            void message.success(t('requests.dispatch.orderedOnBehalf', { name: name ?? '' }));
            reload();
          }}
        />
      </Drawer>
    </Flex>
  );
}

function RequestDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const [tick, setTick] = useState(0);
  const detail = useQuery({ ...alsoKeyed(requestsApi.get(id ?? ''), tick), enabled: Boolean(id) });
  const r = detail.data;
  const [cancelling, setCancelling] = useState(false);
  const [rating, setRating] = useState(false);
  const changed = () => {
    setTick((n) => n + 1);
    onChanged();
  };

  return (
    <Drawer open={!!id} onClose={onClose} title={t('requests.dispatch.detailTitle')} size={640} destroyOnHidden data-testid="dispatch-drawer">
      {detail.isFetching && !r ? (
        <LoadingBlock rows={8} />
      ) : detail.error && !r ? (
        <ErrorState error={detail.error} onRetry={detail.refetch} />
      ) : r ? (
        <Flex vertical gap={16} data-testid="dispatch-detail">
          <Flex gap={4}>
            <StatusTag status={r.status} />
            <OverdueTag overdue={r.overdue} />
          </Flex>
          <RequestSteps status={r.status} />
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'resident', label: t('requests.fields.resident'), children: `${r.residentName}${r.onBehalf ? `（${t('requests.dispatch.onBehalfTag')}）` : ''}` },
              { key: 'category', label: t('requests.fields.category'), children: categoryName(r.category, lang) },
              { key: 'desc', label: t('requests.fields.description'), children: r.description },
              { key: 'addr', label: t('requests.fields.address'), children: `${r.regionName ?? ''} ${r.address}` },
              { key: 'contact', label: t('requests.fields.contactName'), children: `${r.contactName} ${r.contactPhone}` },
              { key: 'pref', label: t('requests.fields.preferred'), children: r.preferredFrom || r.preferredTo ? `${dateTime(r.preferredFrom)} – ${dateTime(r.preferredTo)}` : t('requests.common.none') },
              { key: 'pay', label: t('requests.fields.payMinutes'), children: r.payMinutes ? minutesText(t, r.payMinutes) : t('requests.common.none') },
              { key: 'team', label: t('requests.fields.assignedTo'), children: r.assignedOrgName ?? t('requests.common.none') },
              { key: 'due', label: t('requests.fields.dueAt'), children: dateTime(dueOf(r)) },
              ...(r.stars ? [{ key: 'stars', label: t('requests.fields.stars'), children: `${'★'.repeat(r.stars)} ${r.comment ?? ''}` }] : []),
              ...(r.cancelReason ? [{ key: 'cancel', label: t('requests.fields.cancelReason'), children: pickLanguage(r.cancelReason, lang) }] : []),
            ]}
          />
          {r.status === 'ordered' ? <DispatchPanel request={r} onDone={changed} /> : null}
          <Flex gap={8} wrap>
            {r.status === 'served' ? (
              <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setRating(true)} data-testid="dispatch-rate">
                {t('requests.dispatch.rateOnBehalf')}
              </Button>
            ) : null}
            {r.status === 'ordered' || r.status === 'dispatched' || r.status === 'accepted' ? (
              <Button danger onClick={() => setCancelling(true)} data-testid="dispatch-cancel">
                {t('requests.dispatch.cancel')}
              </Button>
            ) : null}
          </Flex>
          <Card size="small" title={t('requests.mine.history')}>
            <RequestHistory history={r.history} />
          </Card>
          <ReasonModal
            open={cancelling}
            title={`${t('requests.dispatch.cancel')} · ${t('requests.common.onBehalfOf', { name: r.residentName })}`}
            okText={t('requests.dispatch.cancel')}
            testId="dispatch-cancel"
            onClose={() => setCancelling(false)}
            onSubmit={async (reason) => {
              await requestsApi.cancel(r.id, reason);
              setCancelling(false);
              void message.success(t('requests.dispatch.cancelled'));
              changed();
            }}
          />
          <RateModal
            request={r}
            open={rating}
            onBehalfName={r.residentName}
            onClose={() => setRating(false)}
            onDone={() => {
              setRating(false);
              void message.success(t('requests.mine.rated'));
              changed();
            }}
          />
        </Flex>
      ) : null}
    </Drawer>
  );
}

interface DispatchValues {
  target: 'team' | 'volunteer';
  orgId?: string;
  volunteer?: { value: string; label: string };
  dueAt?: Dayjs;
  note?: string;
}

/** Suggestions with their reasons, then the dispatch form (a team, or a volunteer found by phone). */
function DispatchPanel({ request, onDone }: { request: RequestDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const sug = useQuery(requestsApi.suggestions(request.id));
  const [form] = Form.useForm<DispatchValues>();
  const target = Form.useWatch('target', form) ?? 'team';
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const teams = sug.data?.items ?? [];

  const [people, setPeople] = useState<User[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onSearch = (q: string) => {
    clearTimeout(timer.current);
    const text = q.trim();
    if (!text) return setPeople([]);
    setSearching(true);
    timer.current = setTimeout(() => {
      fetchApi(requestsApi.people(text)).then(
        (p) => (setPeople(p.items), setSearching(false)),
        () => (setPeople([]), setSearching(false)),
      );
    }, 300);
  };

  const submit = async (v: DispatchValues) => {
    setBusy(true);
    setProblem(null);
    try {
      await requestsApi.dispatch(request.id, {
        ...(v.target === 'team' ? { orgId: v.orgId } : { userId: v.volunteer?.value }),
        dueAt: v.dueAt!.toISOString(),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      void message.success(t('requests.dispatch.dispatched'));
      onDone();
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) {
        const { fields, rest } = toFormFieldErrors(err.fields, lang, ['orgId', 'volunteer', 'dueAt', 'note'] as const, { userId: 'volunteer' });
        form.setFields(fields);
        setProblem(rest.join(' ') || t('requests.common.fixFields'));
      } else {
        const d = describeError(err, t, lang);
        setProblem(d.hint ? `${d.title}：${d.hint}` : d.title);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('requests.dispatch.suggestions')} data-testid="dispatch-suggestions">
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('requests.dispatch.suggestionsHint')}
        </Typography.Paragraph>
        {sug.isFetching && !sug.data ? (
          <LoadingBlock rows={2} />
        ) : sug.error ? (
          <ErrorState error={sug.error} onRetry={sug.refetch} />
        ) : teams.length === 0 ? (
          <EmptyState title={t('requests.dispatch.noSuggestions')} />
        ) : (
          <List
            dataSource={teams}
            renderItem={(s) => (
              <List.Item
                data-testid="suggestion"
                actions={[
                  <Button
                    key="c"
                    size="small"
                    onClick={() => {
                      form.setFieldsValue({ target: 'team', orgId: s.orgId });
                    }}
                    data-testid="suggestion-choose"
                  >
                    {t('requests.dispatch.choose')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Flex gap={6} align="center" wrap>
                      <span data-testid="suggestion-name">{s.orgName}</span>
                      {s.matchesCategory ? <Tag color="green">{t('requests.dispatch.matches')}</Tag> : null}
                      {s.distanceMeters !== null ? <Tag>{t('requests.dispatch.distance', { km: (s.distanceMeters / 1000).toFixed(1) })}</Tag> : null}
                      <Tag>{t('requests.dispatch.openOrders', { n: s.openOrders })}</Tag>
                    </Flex>
                  }
                  description={<span data-testid="suggestion-why">{s.why}</span>}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card size="small" title={t('requests.dispatch.dispatchTitle')}>
        <Form<DispatchValues> form={form} layout="vertical" initialValues={{ target: 'team', dueAt: dayjs().add(2, 'day').hour(18).minute(0).second(0) }} onFinish={submit} data-testid="dispatch-form">
          <Form.Item name="target" label={t('requests.dispatch.target')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'team', label: t('requests.dispatch.team') },
                { value: 'volunteer', label: <span data-testid="dispatch-target-volunteer">{t('requests.dispatch.volunteer')}</span> },
              ]}
            />
          </Form.Item>
          {target === 'team' ? (
            <Form.Item name="orgId" label={t('requests.dispatch.team')} rules={[{ required: true, message: t('requests.dispatch.teamRequired') }]}>
              <Select placeholder={t('requests.dispatch.teamPlaceholder')} options={teams.map((s) => ({ value: s.orgId, label: s.orgName }))} data-testid="dispatch-team" />
            </Form.Item>
          ) : (
            <Form.Item name="volunteer" label={t('requests.dispatch.volunteer')} rules={[{ required: true, message: t('requests.dispatch.volunteerRequired') }]}>
              <Select
                showSearch={{ filterOption: false, onSearch }}
                labelInValue
                placeholder={t('requests.dispatch.volunteerPlaceholder')}
                notFoundContent={searching ? <Spin size="small" /> : t('requests.help.noPeople')}
                options={people.map((p) => ({ value: p.id, label: `${p.name} ${p.phone}` }))}
                data-testid="dispatch-volunteer"
              />
            </Form.Item>
          )}
          <Form.Item
            name="dueAt"
            label={t('requests.dispatch.dueAt')}
            rules={[
              { required: true, message: t('requests.dispatch.dueAtRequired') },
              { validator: (_, v: Dayjs | undefined) => (!v || v.isAfter(dayjs()) ? Promise.resolve() : Promise.reject(new Error(t('requests.dispatch.dueAtPast')))) },
            ]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="dispatch-due" />
          </Form.Item>
          <Form.Item name="note" label={t('requests.dispatch.note')}>
            <Input maxLength={300} placeholder={t('requests.dispatch.notePlaceholder')} data-testid="dispatch-note" />
          </Form.Item>
          {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="dispatch-problem" /> : null}
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="dispatch-submit">
            {t('requests.dispatch.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
