import { useQuery } from '@tanstack/react-query';
import { fetchApi } from '../../api/query';
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import { CheckCircleFilled, SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { RELATIONS, type Relation } from '@shared/schemas/ledger';
import { isApiError } from '../../api/client';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { ledgerApi, type PersonLookup, type RelativeLink } from '../../features/ledger/api';
import { RELATION_STATUS_COLOR } from '../../features/ledger/labels';
import { PhonePageHeader } from '../../components/phone-page-header';
import { ledgerRefusal, showFieldProblems } from '../../features/ledger/refusal';
import { relationFromMyView } from '../../features/ledger/relations';
import { useFormat } from '../../i18n/use-format';
import { RelativeResetCode } from '../../features/auth/relative-reset-code';

interface DeclareValues {
  phone: string;
  volunteerNo: string;
  relation?: Relation;
}

const PHONE = /^1[3-9]\d{9}$/;

/** 我的家人: declare a relative (found by phone AND volunteer number), see each link's status. */
export default function RelativesPage() {
  const { t } = useTranslation();
  const { user } = useMe();
  const list = useQuery(ledgerApi.myRelatives());

  return (
    <Flex vertical gap={16} data-testid="relatives-page">
      <PhonePageHeader title={t('ledger.relatives.title')} />
      <DeclareForm onDone={list.refetch} />
      <Card title={t('ledger.relatives.list')} data-testid="relatives-list">
        {list.isFetching && !list.data ? (
          <LoadingBlock rows={3} />
        ) : list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.refetch} />
        ) : !list.data || list.data.items.length === 0 ? (
          <EmptyState testId="relatives-empty" title={t('ledger.relatives.empty')} hint={t('ledger.relatives.emptyHint')} />
        ) : (
          list.data.items.map((link) => <RelativeRow key={link.id} link={link} myId={user?.id ?? ''} />)
        )}
      </Card>
    </Flex>
  );
}

function RelativeRow({ link, myId }: { link: RelativeLink; myId: string }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const relation = t(`ledger.relations.${relationFromMyView(link, myId)}`);
  return (
    <Flex justify="space-between" align="center" gap={12} style={{ padding: '12px 0', minHeight: 56, borderBottom: '1px solid #f0f0f0' }} data-testid="relative-row">
      <div>
        <Typography.Text strong>{link.otherName ?? '—'}</Typography.Text>{' '}
        <Typography.Text type="secondary">{t('ledger.relatives.asMy', { relation })}</Typography.Text>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
            {link.userId === myId ? t('ledger.relatives.byMe') : t('ledger.relatives.byThem')} · {t('ledger.relatives.declaredAt', { date: date(link.createdAt) })}
          </Typography.Text>
        </div>
        {link.status !== 'verified' ? (
          <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
            {link.status === 'pending' ? t('ledger.relatives.pendingHint') : t('ledger.relatives.rejectedHint')}
          </Typography.Text>
        ) : (
          <RelativeResetCode userId={link.userId === myId ? link.relativeUserId : link.userId} name={link.otherName ?? ''} />
        )}
      </div>
      <Tag color={RELATION_STATUS_COLOR[link.status]} data-testid="relative-status" style={{ flexShrink: 0 }}>
        {t(`ledger.relationStatuses.${link.status}`)}
      </Tag>
    </Flex>
  );
}

function DeclareForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<DeclareValues>();
  const [found, setFound] = useState<PersonLookup | null>(null);
  const [finding, setFinding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const find = async () => {
    setProblem(null);
    setFound(null);
    let v: Pick<DeclareValues, 'phone' | 'volunteerNo'>;
    try {
      v = await form.validateFields(['phone', 'volunteerNo']);
    } catch {
      return;
    }
    setFinding(true);
    try {
      setFound(await fetchApi(ledgerApi.lookup(v.phone.trim(), v.volunteerNo.trim())));
    } catch (err) {
      if (isApiError(err) && err.code === 'NOT_FOUND') setProblem(t('ledger.relatives.notFound'));
      else setProblem(showFieldProblems(form, err, t, lang, ['phone', 'volunteerNo']) ?? ledgerRefusal(err, t, lang, { ledger: 'points', amount: 0 }));
    } finally {
      setFinding(false);
    }
  };

  const submit = async (v: DeclareValues) => {
    setProblem(null);
    if (!found) {
      setProblem(t('ledger.relatives.lookupFirst'));
      return;
    }
    setSaving(true);
    try {
      await ledgerApi.declare(found.userId, v.relation!);
      void message.success(t('ledger.relatives.declared'));
      form.resetFields();
      setFound(null);
      onDone();
    } catch (err) {
      if (isApiError(err) && err.code === 'CONFLICT') setProblem(t('ledger.relatives.duplicate'));
      else setProblem(showFieldProblems(form, err, t, lang, ['relation'], { relativeUserId: 'relation' }) ?? ledgerRefusal(err, t, lang, { ledger: 'points', amount: 0 }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('ledger.relatives.declare')} data-testid="relatives-declare">
      <Typography.Paragraph type="secondary">{t('ledger.relatives.declareHint')}</Typography.Paragraph>
      <Form<DeclareValues> form={form} layout="vertical" size="large" onFinish={submit} onValuesChange={(changed) => ('phone' in changed || 'volunteerNo' in changed) && setFound(null)}>
        <Form.Item
          name="phone"
          label={t('ledger.relatives.phone')}
          rules={[
            { required: true, message: t('ledger.relatives.phoneRequired') },
            { pattern: PHONE, message: t('ledger.relatives.phoneInvalid') },
          ]}
        >
          <Input inputMode="tel" maxLength={11} autoComplete="off" data-testid="relative-phone" />
        </Form.Item>
        <Form.Item name="volunteerNo" label={t('ledger.relatives.volunteerNo')} rules={[{ required: true, whitespace: true, message: t('ledger.relatives.volunteerNoRequired') }]}>
          <Input autoComplete="off" maxLength={20} data-testid="relative-volunteer-no" />
        </Form.Item>
        <Button block icon={<SearchOutlined />} loading={finding} onClick={find} style={{ marginBottom: 16 }} data-testid="relative-find">
          {t('ledger.relatives.find')}
        </Button>
        {found ? (
          <Alert type="success" showIcon icon={<CheckCircleFilled />} style={{ marginBottom: 16 }} title={t('ledger.relatives.found', { name: found.name, no: found.volunteerNo })} data-testid="relative-found" />
        ) : null}
        <Form.Item name="relation" label={t('ledger.relatives.relation')} rules={[{ required: true, message: t('ledger.relatives.relationRequired') }]}>
          <Select data-testid="relative-relation" options={RELATIONS.map((r) => ({ value: r, label: t(`ledger.relations.${r}`) }))} />
        </Form.Item>
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="relative-problem" /> : null}
        <Button type="primary" htmlType="submit" block icon={<UserAddOutlined />} loading={saving} disabled={!found} data-testid="relative-submit">
          {t('ledger.relatives.submit')}
        </Button>
      </Form>
    </Card>
  );
}
