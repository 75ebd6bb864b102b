import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PARTNER_SECTORS } from '@shared/schemas/partners';
import { isApiError } from '../../api/client';
import { ErrorState } from '../../components/page-state';
import { regionRoots } from '../../features/access/grant-rules';
import { useMe } from '../../features/auth/auth-context';
import { partnersApi, type Partner } from '../../features/partners/api';
import { PartnerDrawer } from '../../features/partners/partner-drawer';
import { RegionCascader } from '../../features/regions/region-cascader';

/** 激励合作单位: the partners of my regions; register one; open one for its staff and benefits. */
export default function PartnersPage() {
  const { t } = useTranslation();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const [page, setPage] = useState(1);
  const list = useQuery(partnersApi.list({ page, pageSize: 20 }));
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const columns: TableColumnsType<Partner> = [
    { key: 'name', title: t('partners.console.name'), render: (_v, p) => <Typography.Link onClick={() => setOpen(p.id)} data-testid="partner-open">{p.name}</Typography.Link> },
    { key: 'sector', title: t('partners.console.sector'), render: (_v, p) => t(`partners.sectors.${p.sector}`) },
    { key: 'region', title: t('partners.console.region'), render: (_v, p) => p.regionName },
    { key: 'staff', title: t('partners.console.staff'), render: (_v, p) => p.staff.map((s) => s.name).join('、') || '—' },
    { key: 'benefits', title: t('partners.console.benefits'), render: (_v, p) => t('partners.console.benefitCount', { n: p.benefitCount }) },
    { key: 'status', title: t('partners.console.status'), render: (_v, p) => <Tag color={p.status === 'active' ? 'green' : 'default'}>{t(`partners.console.${p.status}`)}</Tag> },
  ];
  return (
    <Flex vertical gap={16} data-testid="partners-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('partners.console.title')}
        </Typography.Title>
        {roots.length > 0 && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="partner-add">
            {t('partners.console.add')}
          </Button>
        )}
      </Flex>
      {roots.length === 0 ? (
        <Alert type="warning" showIcon title={t('partners.console.noScope')} />
      ) : list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.refetch} />
      ) : (
        <Card>
          <Table<Partner>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            columns={columns}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 720 }}
            locale={{ emptyText: t('partners.console.empty') }}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          />
        </Card>
      )}
      <NewPartner open={adding} roots={roots} onClose={() => setAdding(false)} onDone={(p) => { setAdding(false); list.refetch(); setOpen(p.id); }} />
      {open && <PartnerDrawer partnerId={open} onClose={() => setOpen(null)} onChanged={list.refetch} />}
    </Flex>
  );
}

function NewPartner({ open, roots, onClose, onDone }: { open: boolean; roots: { code: string; name: string }[]; onClose: () => void; onDone: (p: Partner) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; sector: Partner['sector']; region: string[]; contact?: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { name: string; sector: Partner['sector']; region: string[]; contact?: string }) => {
    setBusy(true);
    try {
      const p = await partnersApi.create({ name: v.name, sector: v.sector, regionCode: v.region[v.region.length - 1]!, contact: v.contact || null });
      form.resetFields();
      onDone(p);
    } catch (err) {
      void message.error(isApiError(err) ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('partners.console.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('partners.console.save')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ sector: 'transport', region: roots[0] ? [roots[0].code] : [] }} onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label={t('partners.console.name')} rules={[{ required: true, max: 100 }]}>
          <Input size="large" data-testid="partner-name" />
        </Form.Item>
        <Form.Item name="sector" label={t('partners.console.sector')} rules={[{ required: true }]}>
          <Select size="large" options={PARTNER_SECTORS.map((s) => ({ value: s, label: t(`partners.sectors.${s}`) }))} data-testid="partner-sector" />
        </Form.Item>
        <Form.Item name="region" label={t('partners.console.region')} rules={[{ required: true }]}>
          <RegionCascader roots={roots} allowClear={false} testId="partner-region" />
        </Form.Item>
        <Form.Item name="contact" label={t('partners.console.contact')} rules={[{ max: 100 }]}>
          <Input size="large" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
