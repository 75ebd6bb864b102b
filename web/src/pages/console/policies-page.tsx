import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Flex, Form, InputNumber, Row, Select, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ROUNDING_MODES, type RoundingMode } from '@shared/schemas/ledger';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { regionRoots } from '../../features/access/grant-rules';
import { useMe } from '../../features/auth/auth-context';
import { ledgerApi, type LedgerPolicy, type LedgerPolicyView, type PolicyPut } from '../../features/ledger/api';
import { formatMinutes } from '../../features/ledger/format';
import { ledgerRefusal, showFieldProblems } from '../../features/ledger/refusal';
import { RegionCascader } from '../../features/regions/region-cascader';
import { useFormat } from '../../i18n/use-format';

interface PolicyValues {
  pointsPerHour: number;
  rounding: RoundingMode;
  dailyCapMinutes: number;
  creditsPoints: boolean;
  creditsTime: boolean;
  storageCapMinutes: number | null;
  withdrawMinAge: number;
  familyTransferEnabled: boolean;
  familyTransferMaxPerYearMinutes: number | null;
  minMinutes: number;
  retroWindowDays: number;
  retroApprovalMinutes: number;
  retroMonthlyLimit: number;
  effectiveFrom: Dayjs;
}
const FIELDS = [
  'pointsPerHour',
  'rounding',
  'dailyCapMinutes',
  'creditsPoints',
  'creditsTime',
  'storageCapMinutes',
  'withdrawMinAge',
  'familyTransferEnabled',
  'familyTransferMaxPerYearMinutes',
  'minMinutes',
  'retroWindowDays',
  'retroApprovalMinutes',
  'retroMonthlyLimit',
  'effectiveFrom',
] as const;

/** 时间银行政策: the policy in force for a region in my scope, where it comes from, its own rows, and a new one from a date. */
export default function PoliciesPage() {
  const { t } = useTranslation();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const [path, setPath] = useState<string[]>(() => (roots[0] ? [roots[0].code] : []));
  const code = path[path.length - 1];
  const view = useQuery({ ...ledgerApi.policy(code ?? ''), enabled: Boolean(code) });

  return (
    <Flex vertical gap={16} data-testid="policies-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ledger.policy.title')}
      </Typography.Title>
      {roots.length === 0 ? (
        <Alert type="warning" showIcon title={t('ledger.policy.noScope')} />
      ) : (
        <Card>
          <Flex align="center" gap={12} wrap>
            <Typography.Text>{t('ledger.policy.region')}</Typography.Text>
            <RegionCascader roots={roots} value={path} onChange={setPath} allowClear={false} style={{ width: 320 }} testId="policy-region" />
          </Flex>
        </Card>
      )}
      {!code ? (
        roots.length > 0 ? <EmptyState title={t('ledger.policy.pickRegion')} hint={t('ledger.policy.pickRegionHint')} /> : null
      ) : view.error && !view.data ? (
        <ErrorState error={view.error} onRetry={view.refetch} />
      ) : !view.data || (view.isFetching && view.data.regionCode !== code) ? (
        <Card>
          <LoadingBlock rows={8} />
        </Card>
      ) : (
        <>
          <EffectiveCard view={view.data} />
          <OwnRows view={view.data} />
          <PolicyForm key={`${view.data.regionCode}:${view.data.effective.id ?? 'default'}:${view.data.own.length}`} view={view.data} onSaved={view.refetch} />
        </>
      )}
    </Flex>
  );
}

function usePolicyWords() {
  const { t } = useTranslation();
  const { lang, count } = useFormat();
  return (p: LedgerPolicy) => [
    { key: 'pph', label: t('ledger.policy.pointsPerHour'), children: <span data-testid="policy-points-per-hour">{count(p.pointsPerHour)}</span> },
    { key: 'rounding', label: t('ledger.policy.rounding'), children: <span data-testid="policy-rounding">{t(`ledger.rounding.${p.rounding}`)}</span> },
    { key: 'min', label: t('ledger.policy.minMinutes'), children: <span data-testid="policy-min-minutes">{formatMinutes(p.minMinutes, lang)}</span> },
    { key: 'cap', label: t('ledger.policy.dailyCap'), children: formatMinutes(p.dailyCapMinutes, lang) },
    { key: 'cp', label: t('ledger.policy.creditsPoints'), children: p.creditsPoints ? t('ledger.common.yes') : t('ledger.common.no') },
    { key: 'ct', label: t('ledger.policy.creditsTime'), children: p.creditsTime ? t('ledger.common.yes') : t('ledger.common.no') },
    { key: 'storage', label: t('ledger.policy.storageCap'), children: p.storageCapMinutes === null ? t('ledger.policy.storageCapNone') : formatMinutes(p.storageCapMinutes, lang) },
    { key: 'age', label: t('ledger.policy.withdrawMinAge'), children: `${p.withdrawMinAge} ${t('ledger.policy.years')}` },
    { key: 'fam', label: t('ledger.policy.familyEnabled'), children: p.familyTransferEnabled ? t('ledger.common.yes') : t('ledger.common.no') },
    {
      key: 'famMax',
      label: t('ledger.policy.familyMax'),
      children: p.familyTransferMaxPerYearMinutes === null ? t('ledger.policy.familyMaxNone') : formatMinutes(p.familyTransferMaxPerYearMinutes, lang),
    },
  ];
}

function EffectiveCard({ view }: { view: LedgerPolicyView }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const words = usePolicyWords();
  const p = view.effective;
  const source = p.sourceRegionCode;
  const sourceRegion = useQuery({ ...ledgerApi.region(source ?? ''), enabled: Boolean(source && source !== view.regionCode) });
  const sourceText =
    source === null
      ? t('ledger.policy.sourceDefault')
      : source === view.regionCode
        ? t('ledger.policy.sourceSelf')
        : t('ledger.policy.sourceInherited', { name: sourceRegion.data?.name ?? source });
  return (
    <Card title={t('ledger.policy.effective')} data-testid="policy-effective">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'source', label: t('ledger.policy.source'), children: <span data-testid="policy-source">{sourceText}</span> },
          { key: 'from', label: t('ledger.policy.effectiveFrom'), children: dateTime(p.effectiveFrom) },
          ...words(p),
        ]}
      />
    </Card>
  );
}

function OwnRows({ view }: { view: LedgerPolicyView }) {
  const { t } = useTranslation();
  const { dateTime, lang } = useFormat();
  const now = Date.now();
  const columns: TableColumnsType<LedgerPolicy> = [
    { key: 'from', title: t('ledger.policy.effectiveFrom'), dataIndex: 'effectiveFrom', render: (v: string | null) => dateTime(v) },
    {
      key: 'state',
      title: t('ledger.review.status'),
      render: (_: unknown, r) =>
        r.id && r.id === view.effective.id ? (
          <Tag color="green">{t('ledger.policy.stateCurrent')}</Tag>
        ) : r.effectiveFrom && new Date(r.effectiveFrom).getTime() > now ? (
          <Tag color="blue">{t('ledger.policy.stateFuture')}</Tag>
        ) : (
          <Tag>{t('ledger.policy.statePast')}</Tag>
        ),
    },
    { key: 'pph', title: t('ledger.policy.pointsPerHour'), dataIndex: 'pointsPerHour' },
    { key: 'rounding', title: t('ledger.policy.rounding'), dataIndex: 'rounding', render: (v: RoundingMode) => t(`ledger.rounding.${v}`) },
    { key: 'cap', title: t('ledger.policy.dailyCap'), dataIndex: 'dailyCapMinutes', render: (v: number) => formatMinutes(v, lang) },
    { key: 'storage', title: t('ledger.policy.storageCap'), dataIndex: 'storageCapMinutes', render: (v: number | null) => (v === null ? t('ledger.policy.storageCapNone') : formatMinutes(v, lang)) },
    { key: 'fam', title: t('ledger.policy.familyEnabled'), dataIndex: 'familyTransferEnabled', render: (v: boolean) => (v ? t('ledger.common.yes') : t('ledger.common.no')) },
  ];
  return (
    <Card title={t('ledger.policy.history')} data-testid="policy-history">
      <Table<LedgerPolicy>
        rowKey={(r) => r.id ?? String(r.effectiveFrom)}
        size="small"
        columns={columns}
        dataSource={view.own}
        scroll={{ x: 900 }}
        pagination={view.own.length > 10 ? { pageSize: 10, showTotal: (total) => t('common.total', { total }) } : false}
        locale={{ emptyText: <EmptyState title={t('ledger.policy.historyEmpty')} /> }}
      />
    </Card>
  );
}

function PolicyForm({ view, onSaved }: { view: LedgerPolicyView; onSaved: () => void }) {
  const { t } = useTranslation();
  const { lang, date } = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<PolicyValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const p = view.effective;
  const initial: PolicyValues = {
    pointsPerHour: p.pointsPerHour,
    rounding: p.rounding,
    dailyCapMinutes: p.dailyCapMinutes,
    creditsPoints: p.creditsPoints,
    creditsTime: p.creditsTime,
    storageCapMinutes: p.storageCapMinutes,
    withdrawMinAge: p.withdrawMinAge,
    familyTransferEnabled: p.familyTransferEnabled,
    familyTransferMaxPerYearMinutes: p.familyTransferMaxPerYearMinutes,
    minMinutes: p.minMinutes,
    retroWindowDays: p.retroWindowDays,
    retroApprovalMinutes: p.retroApprovalMinutes,
    retroMonthlyLimit: p.retroMonthlyLimit,
    effectiveFrom: dayjs().startOf('day'),
  };
  const daily = Form.useWatch('dailyCapMinutes', form);
  const storage = Form.useWatch('storageCapMinutes', form);
  const famMax = Form.useWatch('familyTransferMaxPerYearMinutes', form);
  const minutesHint = (v: number | null | undefined) => (typeof v === 'number' ? `= ${formatMinutes(v, lang)}` : null);
  useEffect(() => setProblem(null), [view.regionCode]);

  const save = async (v: PolicyValues) => {
    setProblem(null);
    const today = dayjs().startOf('day');
    const from = v.effectiveFrom.startOf('day');
    const body: PolicyPut = {
      pointsPerHour: v.pointsPerHour,
      rounding: v.rounding,
      dailyCapMinutes: v.dailyCapMinutes,
      creditsPoints: v.creditsPoints,
      creditsTime: v.creditsTime,
      storageCapMinutes: v.storageCapMinutes ?? null,
      withdrawMinAge: v.withdrawMinAge,
      familyTransferEnabled: v.familyTransferEnabled,
      familyTransferMaxPerYearMinutes: v.familyTransferMaxPerYearMinutes ?? null,
      minMinutes: v.minMinutes,
      retroWindowDays: v.retroWindowDays,
      retroApprovalMinutes: v.retroApprovalMinutes,
      retroMonthlyLimit: v.retroMonthlyLimit,
      // today means "from now": the start of today would already be in the past
      ...(from.isAfter(today) ? { effectiveFrom: from.toDate().toISOString() } : {}),
    };
    setSaving(true);
    try {
      await ledgerApi.putPolicy(view.regionCode, body);
      void message.success(t('ledger.policy.saved', { date: date(from.isAfter(today) ? from.toDate() : new Date()) }));
      onSaved();
    } catch (err) {
      setProblem(showFieldProblems(form, err, t, lang, FIELDS) ?? ledgerRefusal(err, t, lang, { ledger: 'points', amount: 0 }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('ledger.policy.edit')} data-testid="policy-form-card">
      <Alert type="info" showIcon title={t('ledger.policy.notRetro')} style={{ marginBottom: 16 }} data-testid="policy-not-retro" />
      <Form<PolicyValues> form={form} layout="vertical" initialValues={initial} onFinish={save} data-testid="policy-form">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="effectiveFrom"
              label={t('ledger.policy.effectiveFrom')}
              extra={t('ledger.policy.effectiveFromHint')}
              rules={[
                { required: true, message: t('ledger.policy.effectiveFromRequired') },
                { validator: async (_, d: Dayjs | null) => (d && d.isBefore(dayjs().startOf('day')) ? Promise.reject(new Error(t('ledger.policy.pastDate'))) : undefined) },
              ]}
            >
              <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} data-testid="policy-effective-from" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="pointsPerHour" label={t('ledger.policy.pointsPerHour')} rules={[{ required: true }]}>
              <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} data-testid="policy-input-points-per-hour" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="rounding" label={t('ledger.policy.rounding')} extra={t('ledger.policy.roundingHint')} rules={[{ required: true }]}>
              <Select options={ROUNDING_MODES.map((m) => ({ value: m, label: t(`ledger.rounding.${m}`) }))} data-testid="policy-input-rounding" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="minMinutes" label={t('ledger.policy.minMinutes')} extra={t('ledger.policy.minMinutesHint')} rules={[{ required: true }]}>
              <InputNumber min={0} max={240} precision={0} suffix={t('ledger.common.minutes')} style={{ width: '100%' }} data-testid="policy-input-min-minutes" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="retroWindowDays" label={t('ledger.policy.retroWindowDays')} extra={t('ledger.policy.retroWindowDaysHint')} rules={[{ required: true }]}>
              <InputNumber min={0} max={36500} precision={0} style={{ width: '100%' }} data-testid="policy-input-retro-window" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="retroApprovalMinutes" label={t('ledger.policy.retroApprovalMinutes')} extra={t('ledger.policy.retroApprovalMinutesHint')} rules={[{ required: true }]}>
              <InputNumber min={0} max={1440} precision={0} suffix={t('ledger.common.minutes')} style={{ width: '100%' }} data-testid="policy-input-retro-approval" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="retroMonthlyLimit" label={t('ledger.policy.retroMonthlyLimit')} extra={t('ledger.policy.retroMonthlyLimitHint')} rules={[{ required: true }]}>
              <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} data-testid="policy-input-retro-monthly" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="dailyCapMinutes" label={t('ledger.policy.dailyCap')} extra={minutesHint(daily)} rules={[{ required: true }]}>
              <InputNumber min={0} max={1440} precision={0} suffix={t('ledger.common.minutes')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="storageCapMinutes" label={t('ledger.policy.storageCap')} extra={minutesHint(storage) ?? t('ledger.policy.storageCapHint')}>
              <InputNumber min={0} precision={0} suffix={t('ledger.common.minutes')} placeholder={t('ledger.policy.storageCapNone')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="withdrawMinAge" label={t('ledger.policy.withdrawMinAge')} rules={[{ required: true }]}>
              <InputNumber min={0} max={150} precision={0} suffix={t('ledger.policy.years')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="creditsPoints" label={t('ledger.policy.creditsPoints')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="creditsTime" label={t('ledger.policy.creditsTime')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="familyTransferEnabled" label={t('ledger.policy.familyEnabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="familyTransferMaxPerYearMinutes" label={t('ledger.policy.familyMax')} extra={minutesHint(famMax)}>
              <InputNumber min={0} precision={0} suffix={t('ledger.common.minutes')} placeholder={t('ledger.policy.familyMaxNone')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="policy-problem" /> : null}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="policy-save">
          {t('ledger.policy.save')}
        </Button>
      </Form>
    </Card>
  );
}
