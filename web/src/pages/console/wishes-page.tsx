import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Flex, Form, Image, Input, InputNumber, Popconfirm, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { GiftOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { describeError } from '../../api/error-text';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { regionRoots } from '../../features/access/grant-rules';
import { RegionCascader } from '../../features/regions/region-cascader';
import { WISH_STATUSES } from '@shared/schemas/requests';
import { isStaffWish, wishesApi, type AnyWish, type WishStatus } from '../../features/requests/api';
import { formatFen, parseYuan } from '@shared/lib/money';
import { lastOf } from '../../features/requests/labels';
import { WishStatsCards, WishStatusTag } from '../../features/wishes/wish-parts';
import { useFormat } from '../../i18n/use-format';
import { toFormFieldErrors } from '../../lib/form-errors';

interface WishValues {
  title?: string;
  story?: string;
  valueYuan?: number | null;
  regionPath?: string[];
  beneficiaryName?: string;
  beneficiaryPhone?: string;
  beneficiaryAddress?: string;
  claimDays?: number | null;
}

/** 微心愿: register wishes, see who they are for, confirm them fulfilled after delivery; the figures on top. */
export default function ConsoleWishesPage() {
  const { t } = useTranslation();
  const { dateTime, lang } = useFormat();
  const { message } = App.useApp();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin', 'station_admin']), [grants]);
  const [regionPath, setRegionPath] = useState<string[]>([]);
  const regionCode = lastOf(regionPath) ?? roots[0]?.code;
  const [status, setStatus] = useState<WishStatus | undefined>(undefined);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [registering, setRegistering] = useState(false);
  const stats = useQuery(wishesApi.stats(regionCode));
  const list = useQuery(wishesApi.list({ regionCode, status, ...page }));
  const reloadAll = () => {
    list.refetch();
    stats.refetch();
  };

  const confirm = async (w: AnyWish) => {
    try {
      await wishesApi.confirm(w.id);
      void message.success(t('requests.wishConsole.confirmed'));
      reloadAll();
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    }
  };

  const columns: TableColumnsType<AnyWish> = [
    { key: 'title', title: t('requests.wishConsole.wishTitle'), width: 200, render: (_, w) => <Typography.Text strong>{w.title}</Typography.Text> },
    { key: 'value', title: t('requests.wishConsole.valueYuan'), width: 100, render: (_, w) => t('requests.wishes.value', { value: formatFen(w.valueFen) }) },
    { key: 'region', title: t('requests.wishes.community'), width: 140, render: (_, w) => w.regionName ?? w.regionCode },
    {
      key: 'beneficiary',
      title: t('requests.wishConsole.beneficiary'),
      width: 170,
      render: (_, w) => (isStaffWish(w) ? `${w.beneficiaryName}${w.beneficiaryPhone ? ` ${w.beneficiaryPhone}` : ''}` : '—'),
    },
    { key: 'status', title: t('requests.fields.status'), width: 100, render: (_, w) => <WishStatusTag status={w.status} /> },
    {
      key: 'claim',
      title: t('requests.wishConsole.claimant'),
      render: (_, w) =>
        isStaffWish(w) && w.claim ? (
          <Flex vertical>
            <span>
              {w.claim.claimantName}（{t(`requests.claimantTypes.${w.claim.claimantType}`)}）
            </span>
            {w.claim.deliveryNote ? (
              <Typography.Text type="secondary" data-testid="wish-delivery-note">
                {t('requests.wishConsole.deliveryNote')}：{w.claim.deliveryNote}
              </Typography.Text>
            ) : null}
            {w.claim.hasPhoto ? (
              <Image width={72} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} src={`/api/v1/wishes/${w.id}/photo`} alt={t('requests.wishConsole.hasPhoto')} data-testid="wish-photo" />
            ) : null}
          </Flex>
        ) : (
          (w.claimantName ?? '—')
        ),
    },
    { key: 'createdAt', title: t('requests.wishConsole.createdAt'), width: 170, render: (_, w) => dateTime(w.createdAt) },
    {
      key: 'op',
      title: t('requests.wishConsole.actions'),
      width: 130,
      render: (_, w) =>
        w.status === 'delivered' ? (
          <Popconfirm title={t('requests.wishConsole.confirmTitle', { title: w.title })} onConfirm={() => confirm(w)} okButtonProps={{ 'data-testid': 'wish-confirm-ok' }}>
            <Button type="primary" size="small" data-testid="wish-confirm">
              {t('requests.wishConsole.confirm')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="console-wishes-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('requests.wishConsole.title')}
        </Typography.Title>
        <Flex gap={8}>
          <Button icon={<GiftOutlined />} href="/wishes" target="_blank">
            {t('requests.wishConsole.publicWall')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="wish-register">
            {t('requests.wishConsole.register')}
          </Button>
        </Flex>
      </Flex>
      <WishStatsCards stats={stats.data} loading={stats.isFetching} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <RegionCascader
            roots={roots}
            value={regionPath}
            onChange={(p) => {
              setRegionPath(p);
              setPage({ ...page, page: 1 });
            }}
            placeholder={t('requests.common.regionAll')}
            style={{ width: 280 }}
            testId="wishes-region"
          />
          <Select<WishStatus>
            allowClear
            placeholder={t('requests.wishConsole.statusAll')}
            value={status}
            onChange={(s) => {
              setStatus(s);
              setPage({ ...page, page: 1 });
            }}
            style={{ width: 160 }}
            options={WISH_STATUSES.map((s) => ({ value: s, label: t(`requests.wishStatus.${s}`) }))}
            data-testid="wishes-status"
          />
        </Flex>
        {list.isFetching && !list.data ? (
          <LoadingBlock rows={6} />
        ) : list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.refetch} />
        ) : !list.data || list.data.items.length === 0 ? (
          status || regionPath.length ? (
            <EmptyState testId="wishes-empty" title={t('requests.wishConsole.emptyFiltered')} hint={t('requests.wishConsole.emptyFilteredHint')} />
          ) : (
            <EmptyState
              testId="wishes-empty"
              title={t('requests.wishConsole.empty')}
              hint={t('requests.wishConsole.emptyHint')}
              action={
                <Button type="primary" onClick={() => setRegistering(true)}>
                  {t('requests.wishConsole.register')}
                </Button>
              }
            />
          )
        ) : (
          <Table<AnyWish>
            rowKey="id"
            columns={columns}
            dataSource={list.data.items}
            loading={list.isFetching}
            onRow={(w) => ({ 'data-testid': 'wish-row', 'data-id': w.id }) as object}
            expandable={{
              rowExpandable: (w) => isStaffWish(w),
              expandedRowRender: (w) =>
                isStaffWish(w) ? (
                  <Descriptions
                    size="small"
                    column={1}
                    items={[
                      { key: 'story', label: t('requests.wishConsole.story'), children: w.story },
                      { key: 'addr', label: t('requests.wishConsole.beneficiaryAddress'), children: w.beneficiaryAddress ?? '—' },
                      ...(w.claim?.deliveredAt ? [{ key: 'd', label: t('requests.wishConsole.deliveredAt'), children: dateTime(w.claim.deliveredAt) }] : []),
                    ]}
                  />
                ) : null,
            }}
            pagination={{ current: page.page, pageSize: page.pageSize, total: list.data.total, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
          />
        )}
      </Card>
      <Drawer open={registering} onClose={() => setRegistering(false)} title={t('requests.wishConsole.registerTitle')} size={520}>
        <WishForm
          roots={roots}
          onDone={() => {
            setRegistering(false);
            void message.success(t('requests.wishConsole.registered'));
            reloadAll();
          }}
        />
      </Drawer>
    </Flex>
  );
}

const FIELDS = ['title', 'story', 'valueYuan', 'regionPath', 'beneficiaryName', 'beneficiaryPhone', 'beneficiaryAddress', 'claimDays'] as const;

function WishForm({ roots, onDone }: { roots: { code: string; name: string }[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const [form] = Form.useForm<WishValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (v: WishValues) => {
    setBusy(true);
    setProblem(null);
    try {
      await wishesApi.create({
        title: v.title!.trim(),
        story: v.story!.trim(),
        valueFen: parseYuan(String(v.valueYuan ?? 0)) ?? 0,
        regionCode: lastOf(v.regionPath)!,
        beneficiaryName: v.beneficiaryName!.trim(),
        ...(v.beneficiaryPhone?.trim() ? { beneficiaryPhone: v.beneficiaryPhone.trim() } : {}),
        ...(v.beneficiaryAddress?.trim() ? { beneficiaryAddress: v.beneficiaryAddress.trim() } : {}),
        ...(v.claimDays ? { claimDays: v.claimDays } : {}),
      });
      form.resetFields();
      onDone();
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) {
        const { fields, rest } = toFormFieldErrors(err.fields, lang, FIELDS, { regionCode: 'regionPath' });
        form.setFields(fields);
        setProblem([t('requests.common.fixFields'), ...rest].join(' '));
      } else {
        const d = describeError(err, t, lang);
        setProblem(d.hint ? `${d.title}：${d.hint}` : d.title);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<WishValues> form={form} layout="vertical" onFinish={submit} initialValues={{ claimDays: 14 }} data-testid="wish-form">
      <Form.Item name="title" label={t('requests.wishConsole.wishTitle')} rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t('requests.wishConsole.titleRequired') }]}>
        <Input maxLength={60} placeholder={t('requests.wishConsole.wishTitlePlaceholder')} data-testid="wish-title-input" />
      </Form.Item>
      <Form.Item name="story" label={t('requests.wishConsole.story')} rules={[{ required: true, whitespace: true, min: 2, message: t('requests.wishConsole.storyRequired') }]}>
        <Input.TextArea rows={4} maxLength={1000} placeholder={t('requests.wishConsole.storyPlaceholder')} data-testid="wish-story-input" />
      </Form.Item>
      <Form.Item name="valueYuan" label={t('requests.wishConsole.valueYuan')} rules={[{ required: true, message: t('requests.wishConsole.valueRequired') }]}>
        <InputNumber min={0} max={100000} precision={2} step={1} prefix="¥" style={{ width: '100%' }} data-testid="wish-value-input" />
      </Form.Item>
      <Form.Item name="regionPath" label={t('requests.wishes.community')} rules={[{ required: true, message: t('requests.wishConsole.regionRequired') }]}>
        <RegionCascader roots={roots} testId="wish-region" />
      </Form.Item>
      <Alert type="info" showIcon title={t('requests.wishConsole.privateHint')} style={{ marginBottom: 16 }} />
      <Form.Item name="beneficiaryName" label={t('requests.wishConsole.beneficiaryName')} rules={[{ required: true, whitespace: true, message: t('requests.wishConsole.beneficiaryNameRequired') }]}>
        <Input maxLength={40} data-testid="wish-beneficiary-input" />
      </Form.Item>
      <Form.Item name="beneficiaryPhone" label={t('requests.wishConsole.beneficiaryPhone')} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('requests.help.phoneInvalid') }]}>
        <Input maxLength={11} inputMode="tel" data-testid="wish-beneficiary-phone" />
      </Form.Item>
      <Form.Item name="beneficiaryAddress" label={t('requests.wishConsole.beneficiaryAddress')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="claimDays" label={t('requests.wishConsole.claimDays')}>
        <InputNumber min={1} max={90} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="wish-form-problem" /> : null}
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="wish-submit">
        {t('requests.wishConsole.register')}
      </Button>
    </Form>
  );
}
