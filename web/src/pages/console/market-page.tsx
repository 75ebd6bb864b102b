import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Statistic, Switch, Table, Tabs, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { CameraOutlined } from '@ant-design/icons';
import { canScan, QrScanner } from '../../components/qr-scanner';
import { useRequest } from '../../api/use-request';
import { describeError } from '../../api/error-text';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { marketApi, parsePickupInput, type Product, type Redemption } from '../../features/market/api';
import { useKeyKeeper } from '../../features/ledger/use-submit-once';
import { SimpleChart } from '../../features/market/market-charts';
import { currentLang } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import type { User } from '../../api/types';

function useErrorText() {
  const { t, i18n } = useTranslation();
  return (err: unknown) => describeError(err, t, currentLang(i18n.language)).title;
}

/** 爱心超市 (console): goods and stock, pickups by code, orders, 代兑换, low stock, reports. */
export default function MarketConsolePage() {
  const { t } = useTranslation();
  const { grants } = useMe();
  const own = grants.filter((g) => g.role === 'station_admin' && g.stationId).map((g) => ({ id: g.stationId!, name: g.stationName ?? g.stationId! }));
  const regionCodes = grants.filter((g) => g.role === 'region_admin').map((g) => g.regionCode);
  const regional = useRequest((signal) => (regionCodes[0] ? marketApi.stations({ regionCode: regionCodes[0], pageSize: 100 }, signal) : Promise.resolve({ items: [], total: 0 })), [regionCodes[0]]);
  const options = useMemo(() => {
    const all = [...own, ...(regional.data?.items ?? []).map((s) => ({ id: s.id, name: s.name }))];
    return all.filter((s, i) => all.findIndex((x) => x.id === s.id) === i);
  }, [own, regional.data]);
  const [picked, setPicked] = useState<string | undefined>();
  const stationId = picked ?? options[0]?.id;
  if (regional.loading && !options.length) return <LoadingBlock />;
  if (!stationId) return <EmptyState title={t('market.noStationGrant')} />;
  return (
    <div data-testid="market-console">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('market.title')}
        </Typography.Title>
        <Select style={{ minWidth: 260 }} value={stationId} onChange={setPicked} options={options.map((s) => ({ value: s.id, label: s.name }))} aria-label={t('market.stationHint')} data-testid="market-console-station" />
      </Flex>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'goods', label: t('market.goods'), children: <Goods stationId={stationId} /> },
          { key: 'pickup', label: <span data-testid="market-tab-pickup">{t('market.pickup')}</span>, children: <Pickup stationId={stationId} /> },
          { key: 'orders', label: t('market.orders'), children: <Orders stationId={stationId} /> },
          { key: 'elder', label: t('market.redeemForElder'), children: <OnBehalf stationId={stationId} /> },
          { key: 'low', label: t('market.lowStock'), children: <LowStock stationId={stationId} /> },
          { key: 'reports', label: t('market.reports'), children: <Reports stationId={stationId} /> },
        ]}
      />
    </div>
  );
}

function Goods({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const list = useRequest((signal) => marketApi.shelf(stationId, { pageSize: 100 }, signal), [stationId]);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [moving, setMoving] = useState<Product | null>(null);
  const toggle = async (p: Product, on: boolean) => {
    try {
      await marketApi.updateProduct(p.id, { isOnShelf: on });
      list.reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const columns: TableColumnsType<Product> = [
    { title: t('market.name'), dataIndex: 'name', render: (v: string, p) => (p.pictureUrl ? <Space><img src={p.pictureUrl} alt="" width={32} height={32} style={{ objectFit: 'cover' }} />{v}</Space> : v) },
    { title: t('market.category'), dataIndex: 'category' },
    { title: t('market.pointsPrice'), dataIndex: 'pointsPrice' },
    { title: t('market.stock', { n: '' }), dataIndex: 'stock', render: (v: number, p) => (p.isLowStock ? <Tag color="red">{v}</Tag> : v) },
    { title: t('market.onShelf'), dataIndex: 'isOnShelf', render: (v: boolean, p) => <Switch checked={v} onChange={(on) => void toggle(p, on)} /> },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, p) => (
        <Space>
          <Button size="small" onClick={() => setEditing(p)}>
            {t('market.editProduct')}
          </Button>
          <Button size="small" onClick={() => setMoving(p)}>
            {t('market.stockIn')} / {t('market.stocktake')}
          </Button>
          <Upload
            accept="image/png,image/jpeg,image/webp"
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              marketApi.uploadPicture(p.id, file as File).then(
                () => {
                  void message.success(t('market.pictureUploaded'));
                  onSuccess?.({});
                  list.reload();
                },
                (err: unknown) => {
                  void message.error(errorText(err));
                  onError?.(err as Error);
                },
              );
            }}
          >
            <Button size="small" title={t('market.pictureHint')}>
              {t('market.uploadPicture')}
            </Button>
          </Upload>
        </Space>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="end">
        <Button type="primary" onClick={() => setEditing('new')} data-testid="market-add-product">
          {t('market.addProduct')}
        </Button>
      </Flex>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : <Table rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} columns={columns} pagination={false} locale={{ emptyText: <EmptyState title={t('market.empty')} /> }} />}
      {editing ? <ProductForm stationId={stationId} product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); list.reload(); }} /> : null}
      {moving ? <MovementForm product={moving} onClose={() => setMoving(null)} onSaved={() => { setMoving(null); list.reload(); }} /> : null}
      <Movements stationId={stationId} />
    </Flex>
  );
}

function ProductForm({ stationId, product, onClose, onSaved }: { stationId: string; product: Product | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    setBusy(true);
    try {
      const common = { name: v.name as string, pointsPrice: v.pointsPrice as number, category: (v.category as string) || undefined, description: (v.description as string) || undefined, monthlyLimitPerPerson: (v.monthlyLimitPerPerson as number | null) ?? null, lowStockThreshold: (v.lowStockThreshold as number) ?? 0 };
      if (product) await marketApi.updateProduct(product.id, common);
      else await marketApi.createProduct(stationId, { ...common, stock: v.stock as number, ...(v.donorName ? { donor: { name: v.donorName as string, type: v.donorType as 'company' | 'person' } } : {}) });
      void message.success(t('market.saved'));
      onSaved();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={product ? t('market.editProduct') : t('market.addProduct')} onCancel={onClose} onOk={() => void save()} confirmLoading={busy} okButtonProps={{ id: 'market-product-save' }}>
      <Form form={form} layout="vertical" initialValues={product ?? { stock: 0, lowStockThreshold: 0, donorType: 'company' }}>
        <Form.Item name="name" label={t('market.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="market-product-name" />
        </Form.Item>
        <Form.Item name="pointsPrice" label={t('market.pointsPrice')} rules={[{ required: true }]}>
          <InputNumber min={1} style={{ width: '100%' }} data-testid="market-product-price" />
        </Form.Item>
        {product ? null : (
          <>
            <Form.Item name="stock" label={t('market.initialStock')} rules={[{ required: true }]}>
              <InputNumber min={0} style={{ width: '100%' }} data-testid="market-product-stock" />
            </Form.Item>
            <Form.Item name="donorName" label={t('market.donor')}>
              <Input />
            </Form.Item>
            <Form.Item name="donorType" label={t('market.donorType')}>
              <Radio.Group options={[{ value: 'company', label: t('market.donorCompany') }, { value: 'person', label: t('market.donorPerson') }]} />
            </Form.Item>
          </>
        )}
        <Form.Item name="category" label={t('market.category')}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('market.description')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="monthlyLimitPerPerson" label={t('market.monthlyLimitLabel')}>
          <InputNumber min={1} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="lowStockThreshold" label={t('market.threshold')}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MovementForm({ product, onClose, onSaved }: { product: Product; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const [kind, setKind] = useState<'donation' | 'adjustment' | 'stocktake'>('donation');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    setBusy(true);
    try {
      if (kind === 'donation') await marketApi.move(product.id, { kind, quantity: v.quantity as number, donor: { name: v.donorName as string, type: (v.donorType as 'company' | 'person') ?? 'company' }, ...(v.reason ? { note: v.reason as string } : {}) });
      else if (kind === 'adjustment') await marketApi.move(product.id, { kind, quantity: v.quantity as number, reason: v.reason as string });
      else await marketApi.move(product.id, { kind, countedQuantity: v.counted as number, ...(v.reason ? { reason: v.reason as string } : {}) });
      void message.success(t('market.saved'));
      onSaved();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${product.name} · ${t('market.stock', { n: product.stock })}`} onCancel={onClose} onOk={() => void save()} confirmLoading={busy}>
      <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} optionType="button" options={[{ value: 'donation', label: t('market.stockIn') }, { value: 'adjustment', label: t('market.adjust') }, { value: 'stocktake', label: t('market.stocktake') }]} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" initialValues={{ donorType: 'company' }}>
        {kind === 'stocktake' ? (
          <Form.Item name="counted" label={t('market.counted')} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Form.Item name="quantity" label={kind === 'adjustment' ? t('market.quantityDelta') : t('market.quantity')} rules={[{ required: true }]}>
            <InputNumber min={kind === 'adjustment' ? -100000 : 1} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {kind === 'donation' ? (
          <>
            <Form.Item name="donorName" label={t('market.donor')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="donorType" label={t('market.donorType')}>
              <Radio.Group options={[{ value: 'company', label: t('market.donorCompany') }, { value: 'person', label: t('market.donorPerson') }]} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="reason" label={kind === 'donation' ? t('market.note') : t('market.reason')} rules={kind === 'adjustment' ? [{ required: true, min: 2 }] : []}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Movements({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const list = useRequest((signal) => marketApi.movements(stationId, { pageSize: 20 }, signal), [stationId]);
  return (
    <Card size="small" title={t('market.movements')}>
      <Table
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('market.placedAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
          { title: t('market.product'), dataIndex: 'productName' },
          { title: '', dataIndex: 'kind', render: (v: string) => t(`market.movementKind.${v as 'donation'}`) },
          { title: t('market.quantity'), dataIndex: 'quantity', render: (v: number) => (v > 0 ? `+${v}` : v) },
          { title: t('market.stock', { n: '' }), dataIndex: 'stockAfter' },
          { title: t('market.donor'), dataIndex: 'donorName' },
          { title: t('market.reason'), dataIndex: 'reason' },
        ]}
      />
    </Card>
  );
}

function OrderCard({ r, children }: { r: Redemption; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  return (
    <Card size="small" data-testid="market-found-order" title={`${r.productName} ×${r.quantity}`} extra={<Tag>{t(`market.status.${r.status}`)}</Tag>}>
      <div>
        {t('market.person')}：{r.userName} · {t('market.points', { n: r.points })}
      </div>
      <div>
        {t('market.placedAt')}：{dateTime(r.createdAt)}
      </div>
      {r.onBehalf ? <div>{t('market.onBehalfBy', { name: r.placedByName ?? '' })}</div> : null}
      {children}
    </Card>
  );
}

function Pickup({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [input, setInput] = useState('');
  const [found, setFound] = useState<{ order: Redemption; code: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);
  const find = async (raw = input) => {
    setProblem(null);
    setFound(null);
    const parsed = parsePickupInput(raw);
    if (!parsed) return setProblem(t('market.codeInput'));
    try {
      const r = await marketApi.stationOrders(stationId, { code: parsed.code }, undefined);
      const order = r.items[0];
      if (!order) return setProblem(t('market.notFoundCode'));
      setFound({ order, code: parsed.code });
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  const confirm = async () => {
    if (!found) return;
    setBusy(true);
    try {
      await marketApi.fulfil(found.order.id, found.code);
      void message.success(t('market.fulfilled'));
      setFound(null);
      setInput('');
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={12} style={{ maxWidth: 520 }}>
      <Space.Compact>
        <Input size="large" value={input} onChange={(e) => setInput(e.target.value)} onPressEnter={() => void find()} placeholder={t('market.codeInput')} inputMode="numeric" autoFocus data-testid="market-pickup-input" />
        {canScan() ? <Button size="large" icon={<CameraOutlined />} onClick={() => setScanning(!scanning)} aria-label={t('common.scan')} data-testid="market-pickup-scan" /> : null}
        <Button size="large" type="primary" onClick={() => void find()} data-testid="market-pickup-find">
          {t('market.find')}
        </Button>
      </Space.Compact>
      {scanning ? (
        <QrScanner
          testId="market-pickup-video"
          onCode={(code) => {
            // the volunteer's pickup QR (AIXIN-PICKUP:…) or a code; looked up at once
            setScanning(false);
            setInput(code);
            void find(code);
          }}
        />
      ) : null}
      {problem ? <Alert type="warning" showIcon message={problem} data-testid="market-pickup-problem" /> : null}
      {found ? (
        <OrderCard r={found.order}>
          <Button type="primary" size="large" block style={{ marginTop: 12 }} loading={busy} onClick={() => void confirm()} data-testid="market-pickup-confirm">
            {t('market.confirmPickup')}
          </Button>
        </OrderCard>
      ) : null}
    </Flex>
  );
}

function Orders({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useRequest((signal) => marketApi.stationOrders(stationId, { status, page, pageSize: 20 }, signal), [stationId, status, page]);
  return (
    <Flex vertical gap={12}>
      <Flex gap={12}>
        <Select allowClear placeholder={t('market.status.reserved')} style={{ width: 160 }} value={status} onChange={(v?: string) => { setStatus(v); setPage(1); }} options={(['reserved', 'fulfilled', 'cancelled', 'expired'] as const).map((s) => ({ value: s, label: t(`market.status.${s}`) }))} />
        <Button href={marketApi.exportUrl(stationId, 'orders', { status })}>{t('market.export')}</Button>
      </Flex>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      <Table
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('market.placedAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
          { title: t('market.person'), dataIndex: 'userName', render: (v: string, r) => (r.onBehalf ? <Space>{v}<Tag color="orange">{t('market.onBehalfBy', { name: r.placedByName ?? '' })}</Tag></Space> : v) },
          { title: t('market.product'), dataIndex: 'productName' },
          { title: t('market.quantity'), dataIndex: 'quantity' },
          { title: t('market.pointsPrice'), dataIndex: 'points' },
          { title: '', dataIndex: 'status', render: (v: Redemption['status']) => <Tag>{t(`market.status.${v}`)}</Tag> },
          { title: t('market.closedAt'), dataIndex: 'closedAt', render: (v: string | null) => dateTime(v) },
        ]}
      />
    </Flex>
  );
}

function OnBehalf({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [q, setQ] = useState('');
  const [people, setPeople] = useState<User[]>([]);
  const [person, setPerson] = useState<string | undefined>();
  const [productId, setProductId] = useState<string | undefined>();
  const [quantity, setQuantity] = useState(1);
  const [done, setDone] = useState<Redemption | null>(null);
  const keeper = useKeyKeeper();
  const shelf = useRequest((signal) => marketApi.shelf(stationId, { pageSize: 100, onShelf: 'true' }, signal), [stationId]);
  const search = async () => {
    try {
      setPeople((await marketApi.people(q)).items);
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const submit = async () => {
    if (!person || !productId) return;
    try {
      setDone(await marketApi.redeem(productId, quantity, person, keeper.keyFor({ productId, quantity, person })));
      keeper.done();
      shelf.reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const who = people.find((p) => p.id === person);
  return (
    <Flex vertical gap={12} style={{ maxWidth: 560 }}>
      <Alert type="info" showIcon message={t('market.elderHint')} />
      <Space.Compact>
        <Input value={q} onChange={(e) => setQ(e.target.value)} onPressEnter={() => void search()} placeholder={t('market.elderPhone')} />
        <Button onClick={() => void search()}>{t('market.searchPerson')}</Button>
      </Space.Compact>
      <Select placeholder={t('market.choosePerson')} value={person} onChange={setPerson} options={people.map((p) => ({ value: p.id, label: `${p.name} ${p.phone}` }))} />
      <Select placeholder={t('market.product')} value={productId} onChange={setProductId} options={(shelf.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${t('market.points', { n: p.pointsPrice })} · ${t('market.stock', { n: p.stock })}` }))} />
      <InputNumber min={1} max={100} value={quantity} onChange={(v) => setQuantity(v ?? 1)} addonBefore={t('market.quantity')} />
      <Button type="primary" disabled={!person || !productId} onClick={() => void submit()}>
        {who ? `${t('market.redeemForElder')}（${t('market.onBehalfBy', { name: who.name })}）` : t('market.redeemForElder')}
      </Button>
      {done ? (
        <OrderCard r={done}>
          <div style={{ fontSize: 32, fontWeight: 700, letterSpacing: 6, fontFamily: 'monospace' }}>{done.pickupCode}</div>
          {done.pickupQr ? <img src={done.pickupQr} alt={t('market.pickupCode')} width={160} height={160} /> : null}
        </OrderCard>
      ) : null}
    </Flex>
  );
}

function LowStock({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const list = useRequest((signal) => marketApi.lowStock(stationId, signal), [stationId]);
  if (list.loading && !list.data) return <LoadingBlock />;
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (!list.data?.items.length) return <EmptyState title={t('market.noLowStock')} />;
  return (
    <Table
      rowKey="id"
      dataSource={list.data.items}
      pagination={false}
      columns={[
        { title: t('market.name'), dataIndex: 'name' },
        { title: t('market.stock', { n: '' }), dataIndex: 'stock', render: (v: number) => <Tag color="red">{v}</Tag> },
        { title: t('market.threshold'), dataIndex: 'lowStockThreshold' },
      ]}
    />
  );
}

function Reports({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const report = useRequest((signal) => marketApi.report(stationId, signal), [stationId]);
  const settings = useRequest((signal) => marketApi.settings(stationId, signal), [stationId]);
  const r = report.data;
  const months = useMemo(() => ({ labels: r?.byMonth.map((m) => m.month) ?? [], series: [{ name: t('market.pointsSpent'), data: r?.byMonth.map((m) => m.points) ?? [] }] }), [r, t]);
  const items = useMemo(() => ({ labels: r?.byItem.map((m) => m.name) ?? [], series: [{ name: t('market.quantity'), data: r?.byItem.map((m) => m.quantity) ?? [] }] }), [r, t]);
  const stock = useMemo(() => ({ labels: r?.stockOnHand.map((m) => m.name) ?? [], series: [{ name: t('market.stockOnHand'), data: r?.stockOnHand.map((m) => m.stock) ?? [] }] }), [r, t]);
  if (report.loading && !r) return <LoadingBlock />;
  if (report.error || !r) return <ErrorState error={report.error} onRetry={report.reload} />;
  return (
    <Flex vertical gap={16}>
      <Row gutter={16}>
        <Col span={8}>
          <Card><Statistic title={t('market.pointsSpent')} value={r.pointsSpent} /></Card>
        </Col>
        <Col span={8}>
          <Card><Statistic title={t('market.fulfilledCount')} value={r.fulfilledCount} /></Card>
        </Col>
        <Col span={8}>
          <Card><Statistic title={t('market.openCount')} value={r.openCount} /></Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('market.byMonth')} extra={<a href={marketApi.exportUrl(stationId, 'byMonth')}>{t('market.export')}</a>}>
            <SimpleChart kind="line" labels={months.labels} series={months.series} testId="market-chart-month" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('market.byItem')} extra={<a href={marketApi.exportUrl(stationId, 'byItem')}>{t('market.export')}</a>}>
            <SimpleChart kind="bar" labels={items.labels} series={items.series} testId="market-chart-item" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('market.stockOnHand')} extra={<a href={marketApi.exportUrl(stationId, 'stock')}>{t('market.export')}</a>}>
            <SimpleChart kind="bar" labels={stock.labels} series={stock.series} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('market.donors')} extra={<a href={marketApi.exportUrl(stationId, 'donors')}>{t('market.export')}</a>}>
            <Table size="small" rowKey="donorName" pagination={false} dataSource={r.donors} columns={[{ title: t('market.donor'), dataIndex: 'donorName' }, { title: t('market.donations'), dataIndex: 'donations' }, { title: t('market.quantity'), dataIndex: 'quantity' }]} />
          </Card>
        </Col>
      </Row>
      <Card title={t('market.settings')}>
        {settings.data ? (
          <Form layout="inline" initialValues={{ pickupDays: settings.data.pickupDays }} onFinish={(v: { pickupDays: number }) => marketApi.putSettings(stationId, v.pickupDays).then(() => void message.success(t('market.saved')), (err: unknown) => void message.error(errorText(err)))}>
            <Form.Item name="pickupDays" label={t('market.pickupDays')} rules={[{ required: true }]}>
              <InputNumber min={1} max={90} />
            </Form.Item>
            <Button htmlType="submit">{t('market.settings')}</Button>
          </Form>
        ) : null}
      </Card>
    </Flex>
  );
}
