import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { POST_CATEGORIES, POST_KINDS, STEPS_NEEDING_DOCUMENT, type PlacementStep } from '@shared/schemas/posts';
import { isApiError } from '../../api/client';
import { ErrorState } from '../../components/page-state';
import { regionRoots } from '../../features/access/grant-rules';
import { useMe } from '../../features/auth/auth-context';
import { chinaMonth, fileToDocument, postsApi, type Flag, type Placement, type WelfarePost } from '../../features/posts/api';
import { ReportTable } from '../../features/posts/report-table';
import { RegisterTab } from '../../features/posts/register-tab';
import { RegionCascader } from '../../features/regions/region-cascader';
import { reasonText } from '../../features/activities/labels';
import { useFormat } from '../../i18n/use-format';

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** 公益性岗位: posts; for region admins also the placements' procedure, the checks, the monthly report and the progress by town. */
export default function WelfarePostsPage() {
  const { t } = useTranslation();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const region = roots[0]?.code;
  const [month, setMonth] = useState(chinaMonth());
  const monthInput = <Input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} style={{ width: 160 }} data-testid="welfare-month" aria-label={t('posts.console.month')} />;
  const items = [
    { key: 'posts', label: t('posts.console.tabs.posts'), children: <PostsTab canAdd={roots.length > 0} roots={roots} /> },
    ...(region
      ? [
          { key: 'register', label: t('posts.console.tabs.register'), children: <RegisterTab regionCode={region} /> },
          { key: 'placements', label: t('posts.console.tabs.placements'), children: <PlacementsTab /> },
          { key: 'flags', label: t('posts.console.tabs.flags'), children: <FlagsTab month={month} monthInput={monthInput} regionCode={region} /> },
          { key: 'report', label: t('posts.console.tabs.report'), children: <Flex vertical gap={12}>{monthInput}<ReportTable month={month} regionCode={region} /></Flex> },
          { key: 'progress', label: t('posts.console.tabs.progress'), children: <ProgressTab regionCode={region} /> },
        ]
      : []),
  ];
  return (
    <Flex vertical gap={16} data-testid="welfare-posts-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('posts.console.title')}
      </Typography.Title>
      <Tabs items={items} destroyOnHidden />
    </Flex>
  );
}

function PostsTab({ canAdd, roots }: { canAdd: boolean; roots: { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useQuery(postsApi.list({ page, pageSize: 20 }));
  const [adding, setAdding] = useState(false);
  const columns: TableColumnsType<WelfarePost> = [
    { key: 'title', title: t('posts.console.columns.title'), render: (_v, p) => <Link to={`/console/welfare-posts/${p.id}`} data-testid="welfare-post-open">{p.title}</Link> },
    { key: 'town', title: t('posts.console.columns.town'), render: (_v, p) => p.townName },
    { key: 'kind', title: t('posts.console.columns.kind'), render: (_v, p) => `${t(`posts.kinds.${p.kind}`)} · ${t(`posts.categories.${p.category}`)}` },
    { key: 'hours', title: t('posts.console.columns.hours'), render: (_v, p) => `${p.startTime}–${p.endTime}` },
    { key: 'pay', title: t('posts.console.columns.pay'), render: (_v, p) => (p.payMinFen === p.payMaxFen ? yuan(p.payMinFen) : `${yuan(p.payMinFen)}–${yuan(p.payMaxFen)}`) },
    { key: 'sup', title: t('posts.console.columns.supervisor'), render: (_v, p) => p.supervisorOrgName ?? '—' },
    { key: 'placed', title: t('posts.console.columns.placed'), render: (_v, p) => p.placedCount },
    { key: 'status', title: t('posts.console.columns.status'), render: (_v, p) => <Tag color={p.status === 'recruiting' ? 'green' : 'default'}>{t(`posts.postStatus.${p.status}`)}</Tag> },
  ];
  if (list.error && !list.data) return <ErrorState error={list.error} onRetry={list.refetch} />;
  return (
    <Flex vertical gap={12}>
      {canAdd && (
        <Flex justify="end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="welfare-post-add">
            {t('posts.console.add')}
          </Button>
        </Flex>
      )}
      <Card>
        <Table<WelfarePost>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('posts.console.empty') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        />
      </Card>
      {adding && <PostForm roots={roots} onClose={() => setAdding(false)} onSaved={() => { setAdding(false); void list.refetch(); }} />}
    </Flex>
  );
}

function PostForm({ roots, onClose, onSaved }: { roots: { code: string; name: string }[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const post = await postsApi.create({
        title: v.title,
        kind: v.kind,
        category: v.category,
        regionCode: (v.region as string[]).at(-1)!,
        address: v.address,
        lat: v.lat,
        lng: v.lng,
        geofenceMeters: v.fence,
        startTime: v.start,
        endTime: v.end,
        payMinFen: Math.round(v.payMin * 100),
        payMaxFen: Math.round(v.payMax * 100),
      });
      const file = (v.announcement as FileList | undefined)?.[0];
      if (file) await postsApi.announce(post.id, await fileToDocument(file));
      void message.success(t('posts.console.done'));
      onSaved();
    } catch (err) {
      setError(isApiError(err) ? reasonText(err, t, lang) : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('posts.console.add')} onCancel={onClose} onOk={() => void save()} confirmLoading={busy} okText={t('posts.console.form.save')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'urban', category: 'cleaning', fence: 300, start: '07:00', end: '11:00', payMin: 1500, payMax: 1500 }}>
        <Form.Item name="title" label={t('posts.console.form.title')} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="post-title" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label={t('posts.console.form.kind')}>
            <Select style={{ width: 160 }} options={POST_KINDS.map((k) => ({ value: k, label: t(`posts.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="category" label={t('posts.console.form.category')}>
            <Select style={{ width: 160 }} options={POST_CATEGORIES.map((k) => ({ value: k, label: t(`posts.categories.${k}`) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="region" label={t('posts.console.form.region')} rules={[{ required: true }]}>
          <RegionCascader roots={roots} testId="post-region" />
        </Form.Item>
        <Form.Item name="address" label={t('posts.console.form.address')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="lat" label={t('posts.console.form.lat')} rules={[{ required: true }]}>
            <InputNumber min={-90} max={90} step={0.0001} />
          </Form.Item>
          <Form.Item name="lng" label={t('posts.console.form.lng')} rules={[{ required: true }]}>
            <InputNumber min={-180} max={180} step={0.0001} />
          </Form.Item>
          <Form.Item name="fence" label={t('posts.console.form.fence')}>
            <InputNumber min={30} max={3000} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="start" label={t('posts.console.form.start')}>
            <Input type="time" />
          </Form.Item>
          <Form.Item name="end" label={t('posts.console.form.end')}>
            <Input type="time" />
          </Form.Item>
          <Form.Item name="payMin" label={t('posts.console.form.payMin')}>
            <InputNumber min={0} precision={2} />
          </Form.Item>
          <Form.Item name="payMax" label={t('posts.console.form.payMax')}>
            <InputNumber min={0} precision={2} />
          </Form.Item>
        </Space>
        <Form.Item name="announcement" label={t('posts.console.form.announce')} extra={t('posts.console.form.announceHint')} valuePropName="fileList" getValueFromEvent={(e: { target: { files: FileList } }) => e.target.files}>
          <input type="file" accept="application/pdf,image/png,image/jpeg" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

function PlacementsTab() {
  const { t } = useTranslation();
  const { date } = useFormat();
  const [page, setPage] = useState(1);
  const list = useQuery(postsApi.placements({ page, pageSize: 20 }));
  const [acting, setActing] = useState<Placement | null>(null);
  const columns: TableColumnsType<Placement> = [
    { key: 'name', title: t('posts.console.columns.worker'), render: (_v, p) => `${p.workerName}（${p.idNumberMasked ?? ''}）` },
    { key: 'post', title: t('posts.console.columns.title'), render: (_v, p) => p.postTitle },
    { key: 'status', title: t('posts.console.columns.status'), render: (_v, p) => <Tag color={p.status === 'active' ? 'green' : p.status === 'rejected' ? 'red' : 'blue'}>{t(`posts.placementStatus.${p.status}`)}</Tag> },
    { key: 'step', title: t('posts.console.columns.step'), render: (_v, p) => t(`posts.steps.${p.lastStep}`) },
    { key: 'notice', title: t('posts.console.columns.notice'), render: (_v, p) => (p.notice ? `${date(p.notice.startsOn)}–${date(p.notice.endsOn)}` : '—') },
    {
      key: 'act',
      title: t('posts.console.columns.next'),
      render: (_v, p) =>
        p.nextStep ? (
          <Button size="small" onClick={() => setActing(p)} data-testid="placement-act">
            {t('posts.console.doStep', { step: t(`posts.steps.${p.nextStep}`) })}
          </Button>
        ) : (
          '—'
        ),
    },
  ];
  if (list.error && !list.data) return <ErrorState error={list.error} onRetry={list.refetch} />;
  return (
    <Card>
      <Table<Placement>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
      {acting && <StepModal placement={acting} onClose={() => setActing(null)} onDone={() => { setActing(null); void list.refetch(); }} />}
    </Card>
  );
}

function StepModal({ placement, onClose, onDone }: { placement: Placement; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const step = placement.nextStep as PlacementStep;
  const run = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
      onDone();
    } catch (err) {
      setError(reasonText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    const file = (v.document as FileList | undefined)?.[0];
    await run(async () =>
      postsApi.step(placement.id, { step, note: v.note, ...(file ? { document: await fileToDocument(file) } : {}), ...(step === 'public_notice' ? { noticeWorkingDays: v.noticeDays ?? 5 } : {}), ...(step === 'start' && v.startDate ? { startDate: v.startDate } : {}) }),
    );
  };
  return (
    <Modal open title={`${placement.workerName} · ${placement.postTitle}`} onCancel={onClose} onOk={() => void submit()} okText={t('posts.console.doStep', { step: t(`posts.steps.${step}`) })} confirmLoading={busy} destroyOnHidden>
      <Flex vertical gap={8} style={{ marginBottom: 12 }}>
        {placement.steps.map((s) => (
          <Typography.Text key={s.id} type="secondary">
            ✓ {t(`posts.steps.${s.step}`)} · {s.actorName} {s.note}
          </Typography.Text>
        ))}
      </Flex>
      {placement.objections.length > 0 && (
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t('posts.console.objections')}</Typography.Text>
          {placement.objections.map((o) => (
            <Card size="small" key={o.id}>
              <Typography.Paragraph style={{ marginBottom: 4 }}>{o.content}</Typography.Paragraph>
              {o.status === 'open' ? (
                <Space>
                  <Button size="small" onClick={() => void run(() => postsApi.reviewObjection(o.id, { decision: 'dismiss', note: form.getFieldValue('note') || t('posts.console.dismiss') }))}>{t('posts.console.dismiss')}</Button>
                  <Button size="small" danger onClick={() => void run(() => postsApi.reviewObjection(o.id, { decision: 'uphold', note: form.getFieldValue('note') || t('posts.console.uphold') }))}>{t('posts.console.uphold')}</Button>
                </Space>
              ) : (
                <Tag>{o.status === 'upheld' ? t('posts.console.uphold') : t('posts.console.dismiss')}</Tag>
              )}
            </Card>
          ))}
        </Flex>
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t('posts.console.stepNote')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {STEPS_NEEDING_DOCUMENT.includes(step) || step === 'town_review' || step === 'training' ? (
          <Form.Item name="document" label={t('posts.console.stepDocument')} rules={STEPS_NEEDING_DOCUMENT.includes(step) ? [{ required: true }] : []} valuePropName="fileList" getValueFromEvent={(e: { target: { files: FileList } }) => e.target.files}>
            <input type="file" accept="application/pdf,image/png,image/jpeg" />
          </Form.Item>
        ) : null}
        {step === 'public_notice' && (
          <Form.Item name="noticeDays" label={t('posts.console.noticeDays')} initialValue={5}>
            <InputNumber min={5} max={30} />
          </Form.Item>
        )}
        {step === 'start' && (
          <Form.Item name="startDate" label={t('posts.console.startDate')}>
            <Input type="date" />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
      {placement.status === 'in_procedure' && (
        <Button danger type="link" onClick={() => void run(() => postsApi.reject(placement.id, form.getFieldValue('note') || t('posts.console.reject')))}>
          {t('posts.console.reject')}
        </Button>
      )}
    </Modal>
  );
}

function FlagsTab({ month, monthInput, regionCode }: { month: string; monthInput: React.ReactNode; regionCode: string }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useQuery(postsApi.flags({ month, regionCode, page, pageSize: 20 }));
  const [busy, setBusy] = useState(false);
  const compute = async () => {
    setBusy(true);
    try {
      const r = await postsApi.computeFlags({ month, regionCode });
      void message.success(t('posts.console.computed', { n: r.created }));
      void list.refetch();
    } catch (err) {
      void message.error(reasonText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  const review = async (f: Flag, decision: 'confirmed' | 'dismissed') => {
    try {
      await postsApi.reviewFlag(f.id, { decision, note: t(decision === 'confirmed' ? 'posts.console.confirmFlag' : 'posts.console.dismissFlag') });
      void list.refetch();
    } catch (err) {
      void message.error(reasonText(err, t, lang));
    }
  };
  const columns: TableColumnsType<Flag> = [
    { key: 'kind', title: t('posts.console.columns.kindOfFlag'), render: (_v, f) => t(`posts.flagKinds.${f.kind}`) },
    { key: 'post', title: t('posts.console.columns.title'), render: (_v, f) => f.postTitle },
    { key: 'name', title: t('posts.console.columns.worker'), render: (_v, f) => f.workerName ?? '—' },
    { key: 'day', title: t('posts.console.columns.day'), render: (_v, f) => f.day ?? '—' },
    { key: 'evidence', title: t('posts.console.columns.evidence'), render: (_v, f) => <Typography.Text style={{ fontSize: 12 }}>{JSON.stringify(f.evidence)}</Typography.Text> },
    {
      key: 'status',
      title: t('posts.console.columns.status'),
      render: (_v, f) =>
        f.status === 'open' ? (
          <Space>
            <Button size="small" onClick={() => void review(f, 'confirmed')}>{t('posts.console.confirmFlag')}</Button>
            <Button size="small" onClick={() => void review(f, 'dismissed')}>{t('posts.console.dismissFlag')}</Button>
          </Space>
        ) : (
          <Tag>{t(`posts.flagStatus.${f.status}`)}</Tag>
        ),
    },
  ];
  if (list.error && !list.data) return <ErrorState error={list.error} onRetry={list.refetch} />;
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        {monthInput}
        <Button type="primary" loading={busy} onClick={() => void compute()} data-testid="flags-compute">
          {t('posts.console.compute')}
        </Button>
      </Space>
      <Table<Flag>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('posts.console.noFlags') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </Flex>
  );
}

function ProgressTab({ regionCode }: { regionCode: string }) {
  const { t } = useTranslation();
  const pr = useQuery(postsApi.progress(regionCode));
  if (pr.error && !pr.data) return <ErrorState error={pr.error} onRetry={pr.refetch} />;
  type Row = NonNullable<typeof pr.data>['towns'][number];
  const columns: TableColumnsType<Row> = [
    { key: 'name', title: t('posts.console.byTown'), render: (_v, r) => r.name },
    { key: 'plan', title: t('posts.console.planned'), render: (_v, r) => `${r.ruralPlanned} / ${r.urbanPlanned}` },
    { key: 'dev', title: t('posts.console.developed'), render: (_v, r) => `${r.ruralPosts} / ${r.urbanPosts}` },
    { key: 'placed', title: t('posts.console.placedCount'), render: (_v, r) => `${r.placedRural} / ${r.placedUrban}` },
    { key: 'proc', title: t('posts.console.inProcedure'), render: (_v, r) => r.inProcedure },
  ];
  return (
    <Table<Row>
      rowKey="regionCode"
      size="small"
      loading={pr.isFetching}
      columns={columns}
      dataSource={pr.data ? [...pr.data.towns, pr.data.totals] : []}
      pagination={false}
      scroll={{ x: 600 }}
    />
  );
}
