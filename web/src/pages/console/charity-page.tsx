import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Drawer, Flex, Form, Input, List, Popconfirm, Radio, Select, Switch, Table, Tabs, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { formatFen, parseYuan } from '@shared/lib/money';
import { isApiError } from '../../api/client';
import { describeError } from '../../api/error-text';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { regionRoots } from '../../features/access/grant-rules';
import { searchPeople } from '../../features/access/use-grants';
import { useMe } from '../../features/auth/auth-context';
import { charityApi, type CharityDisbursement, type CharityEvent, type CharityEventDetail } from '../../features/charity/api';
import { SaleForm, SaleList, TotalsCards, Yuan } from '../../features/charity/charity-parts';
import { useKeyKeeper } from '../../features/ledger/use-submit-once';
import { RegionCascader } from '../../features/regions/region-cascader';
import { lastOf } from '../../features/requests/labels';
import { useFormat } from '../../i18n/use-format';
import { toFormFieldErrors } from '../../lib/form-errors';

/** 慈善义卖: the charity sales of my regions; set one up; open one for stalls, sales and where the money went. */
export default function CharityConsolePage() {
  const { t } = useTranslation();
  const { date } = useFormat();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const [page, setPage] = useState(1);
  const list = useQuery(charityApi.list({ page, pageSize: 20 }));
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const columns: TableColumnsType<CharityEvent> = [
    { key: 'title', title: t('charity.console.eventTitle'), render: (_v, e) => <Typography.Link onClick={() => setOpen(e.id)} data-testid="charity-open">{e.title}</Typography.Link> },
    { key: 'region', title: t('charity.console.region'), render: (_v, e) => e.regionName },
    { key: 'time', title: t('charity.console.time'), render: (_v, e) => date(e.startsAt) },
    { key: 'raised', title: t('charity.totals.raised'), align: 'right', render: (_v, e) => <Yuan fen={e.totals.raisedFen} /> },
    { key: 'disbursed', title: t('charity.totals.disbursed'), align: 'right', render: (_v, e) => <Yuan fen={e.totals.disbursedFen} /> },
    { key: 'held', title: t('charity.totals.held'), align: 'right', render: (_v, e) => <Yuan fen={e.totals.heldFen} /> },
    { key: 'status', title: '', render: (_v, e) => <Tag color={e.status === 'open' ? 'green' : 'default'}>{t(`charity.status.${e.status}`)}</Tag> },
  ];
  return (
    <Flex vertical gap={16} data-testid="charity-console">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('charity.console.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('charity.console.subtitle')}</Typography.Text>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="charity-add">
          {t('charity.console.create')}
        </Button>
      </Flex>
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.refetch} />
      ) : (
        <Card>
          <Table<CharityEvent>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            columns={columns}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 760 }}
            locale={{ emptyText: `${t('charity.console.empty')}：${t('charity.console.emptyHint')}` }}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          />
        </Card>
      )}
      <Drawer open={adding} onClose={() => setAdding(false)} title={t('charity.console.create')} size="large" destroyOnHidden>
        <NewEvent
          roots={roots}
          onDone={(id) => {
            setAdding(false);
            void list.refetch();
            setOpen(id);
          }}
        />
      </Drawer>
      {open ? <EventDrawer eventId={open} onClose={() => setOpen(null)} onChanged={() => void list.refetch()} /> : null}
    </Flex>
  );
}

type NewValues = { title: string; regionPath: string[]; place: string; organisers: string; range: [Dayjs, Dayjs]; description?: string };
const NEW_FIELDS = ['title', 'regionPath', 'place', 'organisers', 'range', 'description'] as const;

function NewEvent({ roots, onDone }: { roots: { code: string; name: string }[]; onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const [form] = Form.useForm<NewValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (v: NewValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const e = await charityApi.create({
        title: v.title.trim(),
        regionCode: lastOf(v.regionPath)!,
        place: v.place.trim(),
        organisers: v.organisers.split(/\n|、|,|，/).map((s) => s.trim()).filter(Boolean),
        startsAt: v.range[0].format(),
        endsAt: v.range[1].format(),
        description: v.description?.trim() ?? '',
      });
      onDone(e.id);
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) {
        const { fields, rest } = toFormFieldErrors(err.fields, lang, NEW_FIELDS, { regionCode: 'regionPath', startsAt: 'range', endsAt: 'range' });
        form.setFields(fields);
        setProblem(rest.join(' ') || null);
      } else {
        const d = describeError(err, t, lang);
        setProblem(d.hint ? `${d.title}：${d.hint}` : d.title);
      }
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, whitespace: true, message: t('charity.console.fillRequired') }];
  return (
    <Form<NewValues> form={form} layout="vertical" onFinish={submit} data-testid="charity-new-form" initialValues={{ range: [dayjs().startOf('hour'), dayjs().startOf('hour').add(4, 'hour')] }}>
      <Form.Item name="title" label={t('charity.console.eventTitle')} rules={required}>
        <Input maxLength={100} data-testid="charity-new-title" />
      </Form.Item>
      <Form.Item name="regionPath" label={t('charity.console.region')} rules={[{ required: true, message: t('charity.console.fillRequired') }]}>
        <RegionCascader roots={roots} testId="charity-new-region" />
      </Form.Item>
      <Form.Item name="place" label={t('charity.console.place')} rules={required}>
        <Input maxLength={200} data-testid="charity-new-place" />
      </Form.Item>
      <Form.Item name="organisers" label={t('charity.console.organisers')} extra={t('charity.console.organisersHint')} rules={required}>
        <Input.TextArea rows={3} data-testid="charity-new-organisers" />
      </Form.Item>
      <Form.Item name="range" label={t('charity.console.time')} rules={[{ required: true, message: t('charity.console.fillRequired') }]}>
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="description" label={t('charity.console.description')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="charity-new-submit">
        {t('charity.console.create')}
      </Button>
    </Form>
  );
}

/** One charity sale: totals, stalls, items and sellers, the sales (a desk can record them too), the payouts, the recorders. */
function EventDrawer({ eventId, onClose, onChanged }: { eventId: string; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const event = useQuery(charityApi.get(eventId));
  const sales = useQuery(charityApi.sales(eventId, { pageSize: 50 }));
  const payouts = useQuery(charityApi.disbursements(eventId));
  const refresh = () => {
    void event.refetch();
    void sales.refetch();
    void payouts.refetch();
    onChanged();
  };
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      void message.success(t('charity.console.saved'));
      refresh();
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    }
  };
  const e = event.data;
  return (
    <Drawer open onClose={onClose} size="large" title={e?.title ?? t('charity.console.title')} data-testid="charity-drawer"
      extra={e ? (
        <Flex gap={8}>
          <Link to={`/portal/charity/${e.id}`} target="_blank"><Button data-testid="charity-drawer-public">{t('charity.console.publicLink')}</Button></Link>
          {e.canManage ? (
            <Popconfirm title={e.status === 'open' ? t('charity.console.close') : t('charity.console.reopen')} onConfirm={() => void act(() => charityApi.setStatus(e.id, e.status === 'open' ? 'closed' : 'open'))}>
              <Button data-testid="charity-toggle">{e.status === 'open' ? t('charity.console.close') : t('charity.console.reopen')}</Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ) : null}
    >
      {event.error && !e ? (
        <ErrorState error={event.error} onRetry={event.refetch} />
      ) : !e ? (
        <LoadingBlock rows={8} />
      ) : (
        <Flex vertical gap={12}>
          <TotalsCards totals={e.totals} />
          <Tabs
            items={[
              { key: 'sales', label: t('charity.console.tabs.sales'), children: (
                <Flex vertical gap={12}>
                  <Card size="small" title={t('charity.sale.title')}><SaleForm event={e} onRecorded={refresh} /></Card>
                  {sales.data ? <SaleList sales={sales.data.items} onReversed={refresh} /> : <LoadingBlock />}
                </Flex>
              ) },
              { key: 'setup', label: t('charity.console.tabs.setup'), children: <Setup e={e} act={act} /> },
              { key: 'payouts', label: t('charity.console.tabs.disbursements'), children: <Payouts e={e} list={payouts.data?.items ?? []} onDone={refresh} /> },
              { key: 'staff', label: t('charity.console.tabs.staff'), children: (
                <Flex vertical gap={8}>
                  <List size="small" dataSource={e.staff} locale={{ emptyText: '—' }} renderItem={(s) => <List.Item>{s.name}</List.Item>} />
                  <ByPhone placeholder={t('charity.console.recorderPhone')} button={t('charity.console.addRecorder')} testId="charity-recorder" onFound={(userId) => act(() => charityApi.addRecorder(e.id, userId))} />
                </Flex>
              ) },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}

/** Finds an account by its mobile number (masked search) and hands its id on. */
function ByPhone({ placeholder, button, testId, onFound }: { placeholder: string; button: string; testId: string; onFound: (userId: string) => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const find = async () => {
    setBusy(true);
    try {
      const found = (await searchPeople(phone.trim())).items[0];
      if (!found) void message.warning(t('charity.console.notFound'));
      else {
        await onFound(found.id);
        setPhone('');
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex gap={8}>
      <Input value={phone} onChange={(ev) => setPhone(ev.target.value)} placeholder={placeholder} inputMode="tel" data-testid={`${testId}-phone`} />
      <Button loading={busy} disabled={!phone.trim()} onClick={() => void find()} data-testid={`${testId}-add`}>
        {button}
      </Button>
    </Flex>
  );
}

function Setup({ e, act }: { e: CharityEventDetail; act: (fn: () => Promise<unknown>) => Promise<void> }) {
  const { t } = useTranslation();
  const [stallName, setStallName] = useState('');
  const [kind, setKind] = useState<'family' | 'public'>('family');
  const [itemForm] = Form.useForm<{ stallId: string; name: string; price: string }>();
  const [sellerForm] = Form.useForm<{ stallId: string; name: string; isMinor: boolean }>();
  const [guardianPhone, setGuardianPhone] = useState('');
  const addSeller = async (v: { stallId: string; name: string; isMinor: boolean }) => {
    let guardianUserId: string | undefined;
    if (v.isMinor) {
      guardianUserId = (await searchPeople(guardianPhone.trim())).items[0]?.id;
      if (!guardianUserId) {
        sellerForm.setFields([{ name: 'isMinor', errors: [t('charity.console.notFound')] }]);
        return;
      }
    }
    await act(() => charityApi.addSeller(e.id, { stallId: v.stallId, name: v.name.trim(), isMinor: v.isMinor, ...(guardianUserId ? { guardianUserId } : {}) }));
    sellerForm.resetFields(['name']);
  };
  const stallOptions = e.stalls.map((s) => ({ value: s.id, label: s.name }));
  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('charity.sale.stall')}>
        <List
          size="small"
          dataSource={e.stalls}
          renderItem={(s) => (
            <List.Item extra={<Yuan fen={s.raisedFen} />}>
              <Flex vertical>
                <span>{s.name} <Tag>{t(`charity.kinds.${s.kind}`)}</Tag></span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.items.filter((i) => i.stallId === s.id).map((i) => `${i.name} ¥${formatFen(i.priceFen)}`).join('、') || '—'}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.sellers.filter((x) => x.stallId === s.id).map((x) => (x.guardianName ? `${x.name}（${t('charity.console.guardian', { name: x.guardianName })}）` : x.name)).join('、')}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
        {e.canManage ? (
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            <Input value={stallName} onChange={(ev) => setStallName(ev.target.value)} placeholder={t('charity.console.stallName')} style={{ flex: '1 1 160px' }} data-testid="charity-stall-name" />
            <Radio.Group value={kind} onChange={(ev) => setKind(ev.target.value as 'family' | 'public')} options={[{ value: 'family', label: t('charity.kinds.family') }, { value: 'public', label: t('charity.kinds.public') }]} />
            <Button disabled={!stallName.trim()} onClick={() => void act(() => charityApi.addStall(e.id, { name: stallName.trim(), kind })).then(() => setStallName(''))} data-testid="charity-stall-add">
              {t('charity.console.addStall')}
            </Button>
          </Flex>
        ) : null}
      </Card>
      {e.stalls.length ? (
        <Card size="small" title={t('charity.console.addItem')}>
          <Form form={itemForm} layout="inline" onFinish={(v) => {
            const fen = parseYuan(v.price);
            if (fen === null) {
              itemForm.setFields([{ name: 'price', errors: [t('charity.sale.amountBad')] }]);
              return;
            }
            void act(() => charityApi.addItem(e.id, { stallId: v.stallId, name: v.name.trim(), priceFen: fen })).then(() => itemForm.resetFields(['name', 'price']));
          }}>
            <Form.Item name="stallId" rules={[{ required: true, message: t('charity.console.fillRequired') }]}><Select style={{ width: 160 }} options={stallOptions} placeholder={t('charity.sale.stall')} /></Form.Item>
            <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('charity.console.fillRequired') }]}><Input placeholder={t('charity.console.itemName')} /></Form.Item>
            <Form.Item name="price" rules={[{ required: true, message: t('charity.console.fillRequired') }]}><Input prefix="¥" inputMode="decimal" placeholder={t('charity.console.price')} style={{ width: 130 }} /></Form.Item>
            <Button htmlType="submit">{t('charity.console.addItem')}</Button>
          </Form>
        </Card>
      ) : null}
      {e.stalls.length && e.canManage ? (
        <Card size="small" title={t('charity.console.addSeller')}>
          <Form form={sellerForm} layout="inline" initialValues={{ isMinor: true }} onFinish={(v) => void addSeller(v)}>
            <Form.Item name="stallId" rules={[{ required: true, message: t('charity.console.fillRequired') }]}><Select style={{ width: 160 }} options={stallOptions} placeholder={t('charity.sale.stall')} /></Form.Item>
            <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('charity.console.fillRequired') }]}><Input placeholder={t('charity.console.sellerName')} /></Form.Item>
            <Form.Item name="isMinor" valuePropName="checked" label={t('charity.console.minor')}><Switch /></Form.Item>
            <Input value={guardianPhone} onChange={(ev) => setGuardianPhone(ev.target.value)} placeholder={t('charity.console.guardianPhone')} inputMode="tel" style={{ width: 160 }} />
            <Button htmlType="submit">{t('charity.console.addSeller')}</Button>
          </Form>
        </Card>
      ) : null}
    </Flex>
  );
}

type PayoutValues = { beneficiary: string; beneficiaryKind: 'person' | 'group'; purpose: string; amount: string; receiptNo: string };

function Payouts({ e, list, onDone }: { e: CharityEventDetail; list: CharityDisbursement[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<PayoutValues>();
  const keys = useKeyKeeper();
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (v: PayoutValues) => {
    const fen = parseYuan(v.amount);
    if (fen === null || fen <= 0) {
      form.setFields([{ name: 'amount', errors: [t('charity.sale.amountBad')] }]);
      return;
    }
    const body = { beneficiary: v.beneficiary.trim(), beneficiaryKind: v.beneficiaryKind, purpose: v.purpose.trim(), amountFen: fen, receiptNo: v.receiptNo.trim() };
    setProblem(null);
    try {
      await charityApi.disburse(e.id, body, keys.keyFor(body));
      keys.done();
      void message.success(t('charity.console.disbursed', { value: formatFen(fen) }));
      form.resetFields();
      onDone();
    } catch (err) {
      const d = describeError(err, t, lang);
      setProblem(isApiError(err) && err.message ? err.message : d.title);
    }
  };
  const reverse = async (id: string) => {
    try {
      await charityApi.reverseDisbursement(id, t('charity.sale.reversal'));
      onDone();
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    }
  };
  return (
    <Flex vertical gap={12}>
      {list.length === 0 ? (
        <Typography.Text type="secondary">{t('charity.console.noDisbursements')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={list}
          data-testid="charity-payouts"
          renderItem={(d) => (
            <List.Item
              extra={<Yuan fen={d.amountFen} strong />}
              actions={e.canManage && !d.reversesId && !d.reversed ? [<Popconfirm key="r" title={t('charity.sale.reverse')} onConfirm={() => void reverse(d.id)}><Button type="link" danger size="small">{t('charity.sale.reverse')}</Button></Popconfirm>] : []}
            >
              <Flex vertical>
                <span>
                  {d.beneficiary} · {d.purpose} {d.reversed ? <Tag>{t('charity.sale.reversed')}</Tag> : null}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dateTime(d.recordedAt)} · {t('charity.portal.receipt', { no: d.receiptNo })} · {d.recordedByName}
                </Typography.Text>
                {d.reversesId ? null : <Receipts e={e} d={d} onDone={onDone} />}
              </Flex>
            </List.Item>
          )}
        />
      )}
      {e.canManage ? (
        <Card size="small" title={t('charity.console.disburse')}>
          <Form<PayoutValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ beneficiaryKind: 'group' }} data-testid="charity-payout-form">
            <Form.Item name="beneficiary" label={t('charity.console.beneficiary')} rules={[{ required: true, whitespace: true, min: 2, message: t('charity.console.fillRequired') }]}><Input maxLength={100} /></Form.Item>
            <Form.Item name="beneficiaryKind" label={t('charity.console.beneficiaryKind')}>
              <Radio.Group options={[{ value: 'group', label: t('charity.console.group') }, { value: 'person', label: t('charity.console.person') }]} />
            </Form.Item>
            <Form.Item name="purpose" label={t('charity.console.purpose')} rules={[{ required: true, whitespace: true, min: 2, message: t('charity.console.fillRequired') }]}><Input maxLength={200} /></Form.Item>
            <Flex gap={12} wrap>
              <Form.Item name="amount" label={t('charity.console.amount')} extra={`${t('charity.totals.held')} ¥${formatFen(e.totals.heldFen)}`} rules={[{ required: true, message: t('charity.console.fillRequired') }]} style={{ flex: '1 1 160px' }}><Input prefix="¥" inputMode="decimal" /></Form.Item>
              <Form.Item name="receiptNo" label={t('charity.console.receiptNo')} rules={[{ required: true, whitespace: true, message: t('charity.console.fillRequired') }]} style={{ flex: '1 1 160px' }}><Input maxLength={60} /></Form.Item>
            </Flex>
            {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="charity-payout-error" /> : null}
            <Button type="primary" htmlType="submit">{t('charity.console.disburse')}</Button>
          </Form>
        </Card>
      ) : null}
    </Flex>
  );
}

/** A disbursement's receipt scans: each opens in a new tab (staff only); the region's admins attach more. */
function Receipts({ e, d, onDone }: { e: CharityEventDetail; d: CharityDisbursement; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const attach = async (file: File) => {
    setBusy(true);
    try {
      await charityApi.attachReceipt(d.id, file);
      void message.success(t('charity.console.receiptAttached'));
      onDone();
    } catch (err) {
      const problem = describeError(err, t, lang);
      void message.error(isApiError(err) && err.message ? err.message : problem.title);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex gap={8} wrap align="center" data-testid="charity-receipts">
      {d.receipts.map((r) => (
        <a key={r.id} href={r.url} target="_blank" rel="noreferrer noopener" title={`${r.uploadedByName} · ${dateTime(r.uploadedAt)} · sha256 ${r.sha256.slice(0, 12)}…`} data-testid="charity-receipt">
          <PaperClipOutlined /> {r.title}
        </a>
      ))}
      {d.receipts.length === 0 ? <Typography.Text type="warning" style={{ fontSize: 12 }}>{t('charity.console.noReceipt')}</Typography.Text> : null}
      {e.canManage && d.receipts.length < 10 ? (
        <Upload accept="image/png,image/jpeg,image/webp,application/pdf" showUploadList={false} beforeUpload={(file) => { void attach(file); return false; }} data-testid="charity-receipt-upload">
          <Button size="small" icon={<UploadOutlined />} loading={busy}>{t('charity.console.attachReceipt')}</Button>
        </Upload>
      ) : null}
    </Flex>
  );
}
