import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { App, Button, Card, DatePicker, Drawer, Flex, Form, Input, InputNumber, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { searchPeople } from '../access/use-grants';
import { partnersApi, type Benefit, type Partner } from './api';
import { useBenefitTerms } from './benefit-list';

type BenefitForm = { title: string; description?: string; minStars: number; limitPeriod: Benefit['limitPeriod']; limitCount: number; validFrom: Dayjs; validTo?: Dayjs | null };

/** One partner: suspend or resume, its staff (added by mobile number), its benefits (added, withdrawn, restored). */
export function PartnerDrawer({ partnerId, onClose, onChanged }: { partnerId: string; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [partner, setPartner] = useState<Partner | null>(null);
  const list = useQuery(partnersApi.get(partnerId));
  const benefits = useQuery(partnersApi.benefits(partnerId));
  const p = partner ?? list.data ?? null;
  const act = async (work: () => Promise<Partner | Benefit | void>, after?: () => void) => {
    try {
      const r = await work();
      if (r && 'staff' in r) setPartner(r);
      after?.();
      onChanged();
      void message.success(t('partners.console.saved'));
    } catch (err) {
      void message.error(isApiError(err) ? err.message : String(err));
    }
  };
  return (
    <Drawer open onClose={onClose} title={p?.name ?? t('partners.console.detail')} width={Math.min(640, window.innerWidth)} data-testid="partner-drawer">
      {list.error && !p ? (
        <ErrorState error={list.error} onRetry={list.refetch} />
      ) : !p ? (
        <LoadingBlock rows={5} />
      ) : (
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <span>
              {t(`partners.sectors.${p.sector}`)} · {p.regionName} {p.contact ? `· ${p.contact}` : ''}
            </span>
            <Space>
              <Tag color={p.status === 'active' ? 'green' : 'default'}>{t(`partners.console.${p.status}`)}</Tag>
              <Button size="small" onClick={() => void act(() => partnersApi.update(p.id, { status: p.status === 'active' ? 'suspended' : 'active' }))}>
                {p.status === 'active' ? t('partners.console.suspend') : t('partners.console.resume')}
              </Button>
            </Space>
          </Flex>
          <Card size="small" title={t('partners.console.staff')}>
            {p.staff.map((s) => (
              <Flex key={s.userId} justify="space-between" align="center" style={{ padding: '6px 0' }} data-testid="partner-staff-row">
                <span>
                  {s.name} · {s.phoneMasked}
                </span>
                <Popconfirm title={t('partners.console.remove')} onConfirm={() => void act(() => partnersApi.removeStaff(p.id, s.userId))}>
                  <Button size="small" danger>
                    {t('partners.console.remove')}
                  </Button>
                </Popconfirm>
              </Flex>
            ))}
            <AddStaff onAdd={(userId) => act(() => partnersApi.addStaff(p.id, userId))} />
          </Card>
          <Card size="small" title={t('partners.console.benefits')}>
            {benefits.error && !benefits.data ? (
              <ErrorState error={benefits.error} onRetry={benefits.refetch} />
            ) : (
              (benefits.data?.items ?? []).map((b) => (
                <BenefitRow key={b.id} b={b} onToggle={() => void act(() => partnersApi.updateBenefit(b.id, { status: b.status === 'active' ? 'withdrawn' : 'active' }), benefits.refetch)} />
              ))
            )}
            <NewBenefit onAdd={(body) => act(() => partnersApi.createBenefit(p.id, body), benefits.refetch)} />
          </Card>
        </Flex>
      )}
    </Drawer>
  );
}

function BenefitRow({ b, onToggle }: { b: Benefit; onToggle: () => void }) {
  const { t } = useTranslation();
  const terms = useBenefitTerms();
  return (
    <Flex justify="space-between" align="center" gap={8} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="partner-benefit-row">
      <div>
        <Typography.Text strong delete={b.status !== 'active'}>
          {b.title}
        </Typography.Text>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
            {terms(b)}
          </Typography.Text>
        </div>
      </div>
      <Button size="small" onClick={onToggle}>
        {b.status === 'active' ? t('partners.console.withdraw') : t('partners.console.restore')}
      </Button>
    </Flex>
  );
}

function AddStaff({ onAdd }: { onAdd: (userId: string) => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const find = async () => {
    setBusy(true);
    try {
      const found = (await searchPeople(phone.trim())).items[0];
      if (!found) void message.warning(t('partners.console.notFound'));
      else {
        await onAdd(found.id);
        setPhone('');
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex gap={8} style={{ marginTop: 8 }}>
      <Input value={phone} onChange={(e) => setPhone(e.target.value)} placeholder={t('partners.console.staffPhone')} inputMode="tel" data-testid="partner-staff-phone" />
      <Button loading={busy} disabled={!phone.trim()} onClick={() => void find()} data-testid="partner-staff-add">
        {t('partners.console.addStaff')}
      </Button>
    </Flex>
  );
}

function NewBenefit({ onAdd }: { onAdd: (body: Parameters<typeof partnersApi.createBenefit>[1]) => Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BenefitForm>();
  const period = Form.useWatch('limitPeriod', form);
  const submit = async (v: BenefitForm) => {
    await onAdd({
      title: v.title,
      description: v.description ?? '',
      minStars: v.minStars,
      limitPeriod: v.limitPeriod,
      limitCount: v.limitCount,
      validFrom: v.validFrom.format('YYYY-MM-DD'),
      validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
    });
    form.resetFields();
  };
  return (
    <Form form={form} layout="vertical" style={{ marginTop: 12 }} initialValues={{ minStars: 1, limitPeriod: 'day', limitCount: 1, validFrom: dayjs() }} onFinish={(v) => void submit(v)}>
      <Typography.Text strong>{t('partners.console.addBenefit')}</Typography.Text>
      <Form.Item name="title" label={t('partners.console.benefitTitle')} rules={[{ required: true, max: 100 }]}>
        <Input data-testid="benefit-title" />
      </Form.Item>
      <Form.Item name="description" label={t('partners.console.description')} rules={[{ max: 1000 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="minStars" label={t('partners.console.minStarsLabel')} rules={[{ required: true }]}>
          <InputNumber min={0} max={10} data-testid="benefit-min-stars" />
        </Form.Item>
        <Form.Item name="limitPeriod" label={t('partners.console.limitPeriod')} rules={[{ required: true }]}>
          <Select style={{ width: 160 }} options={(['day', 'month', 'none'] as const).map((k) => ({ value: k, label: t(`partners.limits.${k}`, { n: 'N' }) }))} />
        </Form.Item>
        {period !== 'none' && (
          <Form.Item name="limitCount" label={t('partners.console.limitCount')} rules={[{ required: true }]}>
            <InputNumber min={1} max={1000} />
          </Form.Item>
        )}
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item name="validFrom" label={t('partners.console.validFrom')} rules={[{ required: true }]}>
          <DatePicker data-testid="benefit-valid-from" />
        </Form.Item>
        <Form.Item name="validTo" label={t('partners.console.validTo')}>
          <DatePicker />
        </Form.Item>
      </Flex>
      <Button type="primary" htmlType="submit" data-testid="benefit-save">
        {t('partners.console.save')}
      </Button>
    </Form>
  );
}
