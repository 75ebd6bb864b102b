import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Empty, Flex, Form, Input, InputNumber, List, Modal, Progress, Select, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CARE_TAGS } from '@shared/schemas/care';
import { alsoKeyed, fetchApi } from '../../api/query';
import { describeError } from '../../api/error-text';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { regionRoots } from '../../features/access/grant-rules';
import { RegionCascader } from '../../features/regions/region-cascader';
import { SimpleChart } from '../../features/market/market-charts';
import { careApi, type CareTag, type Grid, type HouseholdSummary } from '../../features/care/api';
import { ImportButton } from '../../features/care/import-button';
import { useFormat } from '../../i18n/use-format';

/** 网格关爱: a community's grids, buildings and roles, households (masked; the detail logged), care plans, progress charts. */
export default function CarePage() {
  const { t } = useTranslation();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const [path, setPath] = useState<string[]>([]);
  const community = path.length && /^\d{12}$/.test(path[path.length - 1]!) ? path[path.length - 1]! : null;
  return (
    <Flex vertical gap={16} data-testid="care-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('care.console.title')}
      </Typography.Title>
      {roots.length === 0 ? (
        <Alert type="warning" showIcon title={t('care.console.noScope')} />
      ) : (
        <>
          <Flex gap={8} align="center" wrap>
            <Typography.Text>{t('care.console.community')}</Typography.Text>
            <RegionCascader roots={roots} value={path} onChange={setPath} changeOnSelect testId="care-community" style={{ minWidth: 280 }} />
          </Flex>
          {!community ? (
            <EmptyState title={t('care.console.pickCommunity')} testId="care-pick" />
          ) : (
            <Tabs
              items={[
                { key: 'grids', label: t('care.console.tabs.grids'), children: <GridsTab community={community} /> },
                { key: 'households', label: t('care.console.tabs.households'), children: <HouseholdsTab community={community} /> },
                { key: 'plans', label: t('care.console.tabs.plans'), children: <PlansTab community={community} /> },
                { key: 'progress', label: t('care.console.tabs.progress'), children: <ProgressTab community={community} /> },
              ]}
            />
          )}
        </>
      )}
    </Flex>
  );
}

type Dialog = { kind: 'grid' } | { kind: 'building'; grid: Grid } | { kind: 'assign'; grid: Grid } | null;

function GridsTab({ community }: { community: string }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message, modal } = App.useApp();
  const grids = useQuery(careApi.grids(community));
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const fail = (err: unknown) => void message.error(describeError(err, t, lang).title);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (dialog?.kind === 'grid') await careApi.createGrid({ communityCode: community, name: v.name, kind: v.kind, parentId: v.parentId ?? null });
      else if (dialog?.kind === 'building') await careApi.createBuilding({ gridId: dialog.grid.id, name: v.name, address: v.address ?? null });
      else if (dialog?.kind === 'assign') {
        const found = await fetchApi(careApi.people(v.phone));
        const person = found.items[0];
        if (!person) throw new Error(t('care.console.userId'));
        await careApi.assign({ gridId: dialog.grid.id, userId: person.id, role: v.role, buildingId: v.role === 'grid_worker' ? null : v.buildingId });
      }
      void message.success(t('care.console.saved'));
      setDialog(null);
      form.resetFields();
      void grids.refetch();
    } catch (err) {
      fail(err);
    } finally {
      setSaving(false);
    }
  };
  const end = (assignmentId: string) => {
    let reason = '';
    modal.confirm({
      title: t('care.console.endReason'),
      content: <Input onChange={(e) => (reason = e.target.value)} data-testid="care-end-reason" />,
      onOk: async () => {
        try {
          await careApi.endAssignment(assignmentId, reason || '—');
          void grids.refetch();
        } catch (err) {
          fail(err);
        }
      },
    });
  };
  const role = Form.useWatch('role', form);
  if (grids.error && !grids.data) return <ErrorState error={grids.error} onRetry={grids.refetch} />;
  if (!grids.data) return <LoadingBlock rows={5} />;
  const areas = grids.data.items.filter((g) => g.kind === 'area' && !g.parentId);
  return (
    <Flex vertical gap={12}>
      <Flex justify="end">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'grid' })} data-testid="care-add-grid">
          {t('care.console.addGrid')}
        </Button>
      </Flex>
      {grids.data.items.length === 0 ? (
        <EmptyState title={t('care.console.noGrids')} />
      ) : (
        grids.data.items.map((g) => (
          <Card
            key={g.id}
            size="small"
            data-testid="care-grid"
            title={<span>{g.parentId ? '└ ' : ''}{g.name} <Tag>{t(`care.console.kinds.${g.kind}`)}</Tag></span>}
            extra={
              <Flex gap={8}>
                <Button size="small" onClick={() => setDialog({ kind: 'building', grid: g })}>{t('care.console.addBuilding')}</Button>
                <Button size="small" onClick={() => setDialog({ kind: 'assign', grid: g })}>{t('care.console.assign')}</Button>
              </Flex>
            }
          >
            <Flex wrap gap={8} style={{ marginBottom: 8 }}>
              {g.assignments.filter((a) => !a.buildingId).map((a) => (
                <Tag key={a.id} color="blue" closable onClose={(e) => { e.preventDefault(); end(a.id); }}>
                  {t(`care.roles.${a.role}`)}：{a.name} {a.phoneMasked}
                </Tag>
              ))}
            </Flex>
            <List
              size="small"
              dataSource={g.buildings}
              locale={{ emptyText: '—' }}
              renderItem={(b) => (
                <List.Item>
                  <Flex wrap gap={8} align="center">
                    <Typography.Text strong>{b.name}</Typography.Text>
                    <Typography.Text type="secondary">{t('care.console.households', { n: b.households })}</Typography.Text>
                    {g.assignments.filter((a) => a.buildingId === b.id).map((a) => (
                      <Tag key={a.id} color={a.role === 'building_head_a' ? 'red' : 'orange'} closable onClose={(e) => { e.preventDefault(); end(a.id); }}>
                        {t(`care.roles.${a.role}`)}：{a.name}
                      </Tag>
                    ))}
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        ))
      )}
      <Modal open={!!dialog} title={dialog?.kind === 'grid' ? t('care.console.addGrid') : dialog?.kind === 'building' ? t('care.console.addBuilding') : t('care.console.assign')} onCancel={() => setDialog(null)} onOk={() => void save()} confirmLoading={saving} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'area', role: 'grid_worker' }}>
          {dialog?.kind === 'grid' && (
            <>
              <Form.Item name="name" label={t('care.console.gridName')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input /></Form.Item>
              <Form.Item name="kind" label={t('care.console.kind')}>
                <Select options={(['area', 'estate'] as const).map((k) => ({ value: k, label: t(`care.console.kinds.${k}`) }))} />
              </Form.Item>
              <Form.Item name="parentId" label={t('care.console.parent')}>
                <Select allowClear options={areas.map((a) => ({ value: a.id, label: a.name }))} />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'building' && (
            <>
              <Form.Item name="name" label={t('care.console.buildingName')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input /></Form.Item>
              <Form.Item name="address" label={t('care.console.address')} rules={[{ max: 200 }]}><Input /></Form.Item>
            </>
          )}
          {dialog?.kind === 'assign' && (
            <>
              <Form.Item name="role" label={t('care.console.role')}>
                <Select options={(['grid_worker', 'building_head_a', 'building_head_b'] as const).map((r) => ({ value: r, label: t(`care.roles.${r}`) }))} />
              </Form.Item>
              {role !== 'grid_worker' && (
                <Form.Item name="buildingId" label={t('care.console.building')} rules={[{ required: true }]}>
                  <Select options={dialog.grid.buildings.map((b) => ({ value: b.id, label: b.name }))} />
                </Form.Item>
              )}
              <Form.Item name="phone" label={t('me.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/ }]}><Input inputMode="tel" /></Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Flex>
  );
}

function HouseholdsTab({ community }: { community: string }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const [page, setPage] = useState(1);
  const [tag, setTag] = useState<CareTag | undefined>();
  const list = useQuery(careApi.households({ communityCode: community, tag, page, pageSize: 20 }));
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const columns: TableColumnsType<HouseholdSummary> = [
    { key: 'address', title: t('care.console.address'), render: (_v, h) => <Typography.Link onClick={() => setOpen(h.id)} data-testid="care-household-open">{h.addressMasked}</Typography.Link> },
    { key: 'grid', title: t('care.console.gridName'), render: (_v, h) => h.gridName },
    { key: 'head', title: t('care.console.head'), render: (_v, h) => h.headMasked },
    { key: 'tags', title: t('care.console.tags'), render: (_v, h) => h.tags.map((x) => <Tag key={x} color="red">{t(`care.tags.${x}`)}</Tag>) },
    { key: 'next', title: t('care.console.nextVisit'), render: (_v, h) => (h.nextVisitDueAt ? dateTime(h.nextVisitDueAt) : '—') },
  ];
  if (list.error && !list.data) return <ErrorState error={list.error} onRetry={list.refetch} />;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Select allowClear placeholder={t('care.console.tags')} style={{ width: 200 }} value={tag} onChange={(v) => { setTag(v); setPage(1); }} options={CARE_TAGS.map((x) => ({ value: x, label: t(`care.tags.${x}`) }))} />
        <Flex gap={8} wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="care-add-household">{t('care.console.addHousehold')}</Button>
          <ImportButton label={t('care.console.importHouseholds')} columns={t('care.console.householdColumns')} send={(b) => careApi.importHouseholds(community, b)} onDone={() => void list.refetch()} testId="care-import-households" />
        </Flex>
      </Flex>
      <HouseholdForm community={community} open={adding} onClose={(saved) => { setAdding(false); if (saved) void list.refetch(); }} />
      <Table<HouseholdSummary>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('care.console.noHouseholds') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
      <HouseholdDrawer id={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}

interface HouseholdValues {
  buildingId: string;
  unit?: string;
  room: string;
  name: string;
  phone?: string;
  tags?: CareTag[];
  evidence?: string;
}

/** 登记住户: one household with its head and care tags (the evidence is required with any tag). */
function HouseholdForm({ community, open, onClose }: { community: string; open: boolean; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<HouseholdValues>();
  const [saving, setSaving] = useState(false);
  const grids = useQuery({ ...careApi.grids(community), enabled: open });
  const buildings = (grids.data?.items ?? []).flatMap((g) => g.buildings.map((b) => ({ value: b.id, label: `${g.name} · ${b.name}` })));
  const tags = Form.useWatch('tags', form) ?? [];
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await careApi.createHousehold({
        buildingId: v.buildingId, unit: v.unit ?? '', room: v.room, phone: v.phone || null, members: [{ name: v.name, relation: '户主' }],
        tags: (v.tags ?? []).map((tag) => ({ tag, evidence: v.evidence ?? '' })),
      });
      void message.success(t('care.console.saved'));
      form.resetFields();
      onClose(true);
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title={t('care.console.addHousehold')} onCancel={() => onClose(false)} onOk={() => void save()} confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="buildingId" label={t('care.console.building')} rules={[{ required: true }]}><Select options={buildings} loading={grids.isFetching} data-testid="care-household-building" /></Form.Item>
        <Flex gap={8}>
          <Form.Item name="unit" label={t('care.console.unit')} rules={[{ max: 20 }]} style={{ flex: 1 }}><Input /></Form.Item>
          <Form.Item name="room" label={t('care.console.room')} rules={[{ required: true, whitespace: true, max: 20 }]} style={{ flex: 1 }}><Input /></Form.Item>
        </Flex>
        <Form.Item name="name" label={t('care.console.head')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item name="phone" label={t('me.phone')} rules={[{ pattern: /^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/ }]}><Input inputMode="tel" /></Form.Item>
        <Form.Item name="tags" label={t('care.console.tags')}><Select mode="multiple" options={CARE_TAGS.map((x) => ({ value: x, label: t(`care.tags.${x}`) }))} /></Form.Item>
        {tags.length > 0 && (
          <Form.Item name="evidence" label={t('care.console.evidence')} rules={[{ required: true, whitespace: true, max: 500 }]}><Input.TextArea rows={2} /></Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function HouseholdDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  // another household's answer never stands in while this one loads (each opening is logged as a read)
  const h = useQuery({ ...careApi.household(id ?? ''), enabled: !!id, placeholderData: undefined });
  // asked again once the household is read, so the log shows this very read
  const reads = useQuery({ ...alsoKeyed(careApi.reads(id ?? ''), h.dataUpdatedAt), enabled: !!id, placeholderData: (prev, prevQuery) => ((prevQuery?.queryKey[1] as { params?: { id?: string } } | undefined)?.params?.id === id ? prev : undefined) });
  return (
    <Drawer open={!!id} onClose={onClose} title={t('care.console.detail')} size={Math.min(520, window.innerWidth)} destroyOnHidden>
      {h.error ? (
        <ErrorState error={h.error} />
      ) : !h.data ? (
        <LoadingBlock rows={6} />
      ) : (
        <Flex vertical gap={12} data-testid="care-household-detail">
          <Alert type="info" showIcon title={t('care.console.readNote')} />
          <Typography.Text strong>{h.data.address}</Typography.Text>
          {h.data.phone && <Typography.Text>{h.data.phone}</Typography.Text>}
          <Card size="small" title={t('care.console.members')}>
            {h.data.members.map((m) => <div key={m.id}>{m.name}（{m.relation}）{m.birthYear ?? ''}</div>)}
          </Card>
          <Card size="small" title={t('care.console.tags')}>
            {h.data.tags.map((x) => <div key={x.tag}><Tag color="red">{t(`care.tags.${x.tag}`)}</Tag>{t('care.console.evidence')}：{x.evidence}</div>)}
          </Card>
          <Card size="small" title={t('care.sources.adhoc')}>
            {h.data.visits.length === 0 ? '—' : h.data.visits.map((v) => (
              <div key={v.id}>
                {dateTime(v.visitedAt ?? v.dueAt)} <Tag>{t(`care.sources.${v.source}`)}</Tag>
                {v.status === 'done' ? `${v.visitorName ?? ''}（${t(`care.methods.${v.method ?? 'phone'}`)}）${v.findings ?? ''}` : <Tag color={v.overdue ? 'red' : 'default'}>{t('care.home.due', { when: dateTime(v.dueAt) })}</Tag>}
              </div>
            ))}
          </Card>
          <Card size="small" title={t('care.console.reads')} data-testid="care-reads">
            {reads.data?.items.map((r) => <div key={r.id}>{dateTime(r.at)} {r.readerName} · {r.purpose === 'detail' || r.purpose === 'export' ? t(`care.console.readPurpose_${r.purpose}`) : r.purpose}</div>) ?? <LoadingBlock rows={2} />}
          </Card>
        </Flex>
      )}
    </Drawer>
  );
}

function PlansTab({ community }: { community: string }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const plans = useQuery(careApi.plans(community));
  const [form] = Form.useForm<{ tag: CareTag; intervalDays: number }>();
  const save = async (v: { tag: CareTag; intervalDays: number }) => {
    try {
      await careApi.setPlan({ communityCode: community, ...v });
      void message.success(t('care.console.saved'));
      void plans.refetch();
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    }
  };
  if (plans.error && !plans.data) return <ErrorState error={plans.error} onRetry={plans.refetch} />;
  return (
    <Flex vertical gap={12}>
      <Form form={form} layout="inline" initialValues={{ tag: 'living_alone', intervalDays: 7 }} onFinish={(v) => void save(v)}>
        <Form.Item name="tag"><Select style={{ width: 160 }} options={CARE_TAGS.map((x) => ({ value: x, label: t(`care.tags.${x}`) }))} /></Form.Item>
        <Form.Item name="intervalDays" label={t('care.console.interval')} rules={[{ required: true }]}><InputNumber min={1} max={366} /></Form.Item>
        <Button type="primary" htmlType="submit">{t('care.console.savePlan')}</Button>
      </Form>
      <List
        bordered
        loading={plans.isFetching}
        dataSource={plans.data?.items ?? []}
        renderItem={(p) => <List.Item><Tag color="red">{t(`care.tags.${p.tag}`)}</Tag>{t('care.console.everyDays', { n: p.intervalDays })}</List.Item>}
      />
    </Flex>
  );
}

function ProgressTab({ community }: { community: string }) {
  const { t } = useTranslation();
  const campaigns = useQuery(careApi.campaigns(community));
  const drives = useQuery(careApi.drives(community));
  const [driveId, setDriveId] = useState<string | undefined>();
  const chosen = driveId ?? drives.data?.items[0]?.id;
  const progress = useQuery({ ...careApi.driveProgress(chosen ?? ''), enabled: !!chosen });
  const { lang } = useFormat();
  const { message, modal } = App.useApp();
  const fail = (err: unknown) => void message.error(describeError(err, t, lang).title);
  const toVisits = async (driveId: string) => {
    try {
      const open = await fetchApi(careApi.driveItems(driveId, { status: 'not_yet', pageSize: 100 }));
      if (!open.items.length) return void message.info(t('care.console.visitsCreated', { n: 0 }));
      const r = await careApi.driveVisits(driveId, open.items.map((i) => i.id));
      void message.success(t('care.console.visitsCreated', { n: r.created }));
    } catch (err) {
      fail(err);
    }
  };
  const newCampaign = async () => {
    let title = t('care.console.campaignDefault');
    let tag: CareTag | undefined = 'living_alone';
    modal.confirm({
      title: t('care.console.newCampaign'),
      content: (
        <Flex vertical gap={8}>
          <Input defaultValue={title} onChange={(e) => (title = e.target.value)} data-testid="care-campaign-title" />
          <Select<CareTag> allowClear defaultValue={tag} onChange={(v) => (tag = v)} options={CARE_TAGS.map((x) => ({ value: x, label: t(`care.tags.${x}`) }))} />
          <Typography.Text type="secondary">{t('care.console.campaignDue')}</Typography.Text>
        </Flex>
      ),
      onOk: async () => {
        try {
          const dueAt = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
          const c = await careApi.createCampaign({ communityCode: community, title, dueAt, ...(tag ? { tag } : {}) });
          void message.success(t('care.console.campaignProgress', { done: 0, total: c.total }));
          void campaigns.refetch();
        } catch (err) {
          fail(err);
        }
      },
    });
  };
  const newDrive = async () => {
    const year = new Date().getFullYear();
    let title = t('care.console.drives');
    modal.confirm({
      title: t('care.console.newDrive'),
      content: <Input defaultValue={`${year} ${title}`} onChange={(e) => (title = e.target.value)} data-testid="care-drive-title" />,
      onOk: async () => {
        try {
          const d = await careApi.createDrive({ regionCode: community, year, title: title.startsWith(String(year)) ? title : `${year} ${title}` });
          setDriveId(d.id);
          void drives.refetch();
        } catch (err) {
          fail(err);
        }
      },
    });
  };
  const chart = useMemo(() => {
    const g = progress.data?.byGrid ?? [];
    return {
      labels: g.map((x) => x.gridName),
      series: [
        { name: t('care.console.statusSelf'), data: g.map((x) => x.self) },
        { name: t('care.console.statusHelped'), data: g.map((x) => x.helped) },
        { name: t('care.console.statusNotYet'), data: g.map((x) => x.notYet) },
        { name: t('care.console.statusPending'), data: g.map((x) => x.pending) },
      ],
    };
  }, [progress.data, t]);
  return (
    <Flex vertical gap={16}>
      <Card title={t('care.console.campaigns')} size="small" extra={<Button icon={<PlusOutlined />} onClick={() => void newCampaign()} data-testid="care-new-campaign">{t('care.console.newCampaign')}</Button>}>
        {campaigns.error ? <ErrorState error={campaigns.error} onRetry={campaigns.refetch} /> : !campaigns.data ? <LoadingBlock /> : campaigns.data.items.length === 0 ? <Empty description={t('care.console.noCampaigns')} /> : campaigns.data.items.map((c) => (
          <div key={c.id} data-testid="care-campaign">
            <Typography.Text strong>{c.title}</Typography.Text> <Typography.Text type="secondary">{t('care.console.campaignProgress', { done: c.done, total: c.total })}</Typography.Text>
            <Progress percent={c.total ? Math.round((c.done / c.total) * 100) : 0} />
          </div>
        ))}
      </Card>
      <Card
        title={t('care.console.drives')}
        size="small"
        extra={
          <Flex gap={8} wrap>
            {drives.data?.items.length ? <Select style={{ width: 240 }} value={chosen} onChange={setDriveId} options={drives.data.items.map((d) => ({ value: d.id, label: d.title }))} /> : null}
            {chosen && <ImportButton label={t('care.console.importDrive')} columns={t('care.console.driveColumns')} send={(b) => careApi.importDrive(chosen, b)} onDone={() => { void progress.refetch(); void drives.refetch(); }} testId="care-import-drive" />}
            {chosen && <Button onClick={() => void toVisits(chosen)} data-testid="care-drive-visits">{t('care.console.toVisits')}</Button>}
            <Button icon={<PlusOutlined />} onClick={() => void newDrive()} data-testid="care-new-drive">{t('care.console.newDrive')}</Button>
          </Flex>
        }
      >
        {drives.error ? <ErrorState error={drives.error} onRetry={drives.refetch} /> : !drives.data ? <LoadingBlock /> : drives.data.items.length === 0 ? <Empty description={t('care.console.noDrives')} /> : !progress.data ? <LoadingBlock /> : (
          <Flex vertical gap={8} data-testid="care-drive-progress">
            <Flex gap={16} wrap>
              <Tag color="green">{t('care.console.statusSelf')} {progress.data.overall.self}</Tag>
              <Tag color="blue">{t('care.console.statusHelped')} {progress.data.overall.helped}</Tag>
              <Tag color="red">{t('care.console.statusNotYet')} {progress.data.overall.notYet}</Tag>
              <Tag>{t('care.console.statusPending')} {progress.data.overall.pending}</Tag>
            </Flex>
            <Progress percent={progress.data.overall.total ? Math.round(((progress.data.overall.self + progress.data.overall.helped) / progress.data.overall.total) * 100) : 0} />
            <Typography.Text type="secondary">{t('care.console.byGrid')}</Typography.Text>
            <SimpleChart kind="bar" labels={chart.labels} series={chart.series} testId="care-drive-chart" />
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
