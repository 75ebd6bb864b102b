import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/error-text';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { PhonePageHeader } from '../../components/phone-page-header';
import { useMe } from '../../features/auth/auth-context';
import { councilApi } from '../../features/council/api';
import { TopicCard } from '../../features/council/topic-card';
import { useFormat } from '../../i18n/use-format';

/** 小板凳议事会 on a resident's phone: raise a topic, support a neighbour's, follow each to its end. */
export default function CouncilPage() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { user } = useMe();
  const { message } = App.useApp();
  const [view, setView] = useState<'all' | 'mine'>('all');
  const list = useQuery(councilApi.topics({ ...(view === 'mine' ? { mine: true } : {}), pageSize: 50 }));
  const [form] = Form.useForm<{ title: string; description: string }>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const raise = async (v: { title: string; description: string }) => {
    if (!user) return;
    setBusy(true);
    setProblem(null);
    try {
      await councilApi.raise({ regionCode: user.regionCode, title: v.title.trim(), description: v.description.trim() });
      form.resetFields();
      void message.success(t('council.raised'));
      void list.refetch();
    } catch (err) {
      const d = describeError(err, t, lang);
      setProblem(d.hint ? `${d.title}：${d.hint}` : d.title);
    } finally {
      setBusy(false);
    }
  };
  const support = async (id: string) => {
    try {
      await councilApi.support(id);
      void list.refetch();
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    }
  };
  return (
    <Flex vertical gap={16} data-testid="council-page">
      <PhonePageHeader title={t('council.title')} />
      <Card title={t('council.raise')}>
        <Form form={form} layout="vertical" onFinish={(v) => void raise(v)} data-testid="council-raise-form">
          <Form.Item name="title" label={t('council.topicTitle')} rules={[{ required: true, whitespace: true, min: 4, message: t('council.console.fillRequired') }]}>
            <Input maxLength={80} size="large" placeholder={t('council.topicTitlePlaceholder')} data-testid="council-title" />
          </Form.Item>
          <Form.Item name="description" label={t('council.description')} rules={[{ required: true, whitespace: true, min: 4, message: t('council.console.fillRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="council-description" />
          </Form.Item>
          {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
          <Button type="primary" htmlType="submit" size="large" block loading={busy} style={{ minHeight: 48 }} data-testid="council-submit">
            {t('council.submit')}
          </Button>
        </Form>
      </Card>
      <Segmented block value={view} onChange={(v) => setView(v as 'all' | 'mine')} options={[{ value: 'all', label: t('council.all') }, { value: 'mine', label: t('council.mine') }]} />
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.refetch} />
      ) : !list.data ? (
        <LoadingBlock rows={5} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t('council.empty')} hint={t('council.emptyHint')} testId="council-empty" />
      ) : (
        list.data.items.map((topic) => <TopicCard key={topic.id} topic={topic} onSupport={() => void support(topic.id)} />)
      )}
    </Flex>
  );
}
