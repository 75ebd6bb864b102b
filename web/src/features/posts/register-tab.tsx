import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { HARDSHIP_CATEGORIES } from '@shared/schemas/posts';
import { ErrorState } from '../../components/page-state';
import { searchPeople } from '../access/use-grants';
import { reasonText } from '../activities/labels';
import { useFormat } from '../../i18n/use-format';
import { postsApi, type HardshipEntry } from './api';

type HardshipCategory = (typeof HARDSHIP_CATEGORIES)[number];

/**
 * 困难人员名册: the region's hardship register (a person in hardship in the region they live in, with
 * the evidence), and an application for a recruiting post made by the staff on a person's behalf (代申请).
 */
export function RegisterTab({ regionCode }: { regionCode: string }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useQuery(postsApi.hardship({ regionCode, page }));
  const posts = useQuery(postsApi.list({ pageSize: 100 }));
  const [form] = Form.useForm<{ phone: string; category: HardshipCategory; evidence: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [applying, setApplying] = useState<HardshipEntry | null>(null);
  const [postId, setPostId] = useState<string | null>(null);
  const add = async (v: { phone: string; category: HardshipCategory; evidence: string }) => {
    setBusy(true);
    setError(null);
    try {
      const person = (await searchPeople(v.phone.trim())).items[0];
      if (!person) {
        setError(t('posts.register.notFound'));
        return;
      }
      await postsApi.register({ userId: person.id, regionCode: person.regionCode, category: v.category, evidence: v.evidence });
      form.resetFields();
      void list.refetch();
    } catch (err) {
      setError(reasonText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    if (!applying || !postId) return;
    try {
      await postsApi.apply(postId, { userId: applying.userId, note: t('posts.register.onBehalf') });
      void message.success(t('posts.console.done'));
      setApplying(null);
    } catch (err) {
      void message.error(reasonText(err, t, lang));
    }
  };
  const columns: TableColumnsType<HardshipEntry> = [
    { key: 'name', title: t('posts.console.columns.worker'), render: (_v, h) => `${h.name}（${h.idNumberMasked ?? ''}）` },
    { key: 'region', title: t('posts.console.columns.town'), render: (_v, h) => h.regionName },
    { key: 'cat', title: t('posts.register.category'), render: (_v, h) => t(`posts.hardship.${h.category}`) },
    { key: 'ev', title: t('posts.register.evidence'), render: (_v, h) => h.evidence },
    { key: 'act', title: '', render: (_v, h) => <Button size="small" onClick={() => { setApplying(h); setPostId(null); }} data-testid="register-apply">{t('posts.register.apply')}</Button> },
  ];
  if (list.error && !list.data) return <ErrorState error={list.error} onRetry={list.refetch} />;
  const recruiting = (posts.data?.items ?? []).filter((p) => p.status === 'recruiting');
  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('posts.register.add')}>
        <Form form={form} layout="inline" onFinish={(v) => void add(v)} initialValues={{ category: 'low_income' }}>
          <Form.Item name="phone" rules={[{ required: true }]}>
            <Input placeholder={t('posts.register.phone')} inputMode="tel" style={{ width: 160 }} data-testid="register-phone" />
          </Form.Item>
          <Form.Item name="category">
            <Select style={{ width: 160 }} options={HARDSHIP_CATEGORIES.map((c) => ({ value: c, label: t(`posts.hardship.${c}`) }))} />
          </Form.Item>
          <Form.Item name="evidence" rules={[{ required: true }]}>
            <Input placeholder={t('posts.register.evidence')} maxLength={500} style={{ width: 240 }} data-testid="register-evidence" />
          </Form.Item>
          <Button htmlType="submit" type="primary" loading={busy} data-testid="register-save">
            {t('posts.register.save')}
          </Button>
        </Form>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      </Card>
      <Table<HardshipEntry>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        onRow={() => ({ 'data-testid': 'register-row' }) as React.HTMLAttributes<HTMLElement>}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('posts.register.empty') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
      <Modal open={!!applying} title={t('posts.register.apply')} onCancel={() => setApplying(null)} onOk={() => void apply()} okButtonProps={{ disabled: !postId }}>
        <Typography.Paragraph>{applying?.name}</Typography.Paragraph>
        <Select style={{ width: '100%' }} placeholder={t('posts.register.choosePost')} value={postId} onChange={setPostId} options={recruiting.map((p) => ({ value: p.id, label: `${p.title}（${p.townName}）` }))} />
      </Modal>
    </Flex>
  );
}
