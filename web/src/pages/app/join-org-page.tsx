import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Result, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { describeError } from '../../api/error-text';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { joinState } from '../../features/orgs/org-status';
import { peopleApi } from '../../features/people/api';
import { orgTypeLabel } from '../../features/people/labels';
import { PhonePageHeader } from '../../components/phone-page-header';
import { useFormat } from '../../i18n/use-format';

/** One organisation, and "申请加入" with a message; shows where my request stands. */
export default function JoinOrgPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const org = useQuery(peopleApi.org(id));
  const mine = useQuery(peopleApi.myMemberships());
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const state = joinState(mine.data?.items ?? [], id);

  const onJoin = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await peopleApi.join(id, text.trim() || undefined);
      void message.success(t('people.join.asked'));
      mine.refetch();
    } catch (err) {
      const d = describeError(err, t, lang);
      setProblem(d.hint ? `${d.title}：${d.hint}` : d.title);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16} data-testid="join-org-page">
      <PhonePageHeader title={t('people.join.detail')} back="/join" />
      {org.error ? (
        isApiError(org.error) && org.error.code === 'NOT_FOUND' ? (
          <Result status="404" title={t('people.join.notFound')} />
        ) : (
          <ErrorState error={org.error} onRetry={org.refetch} />
        )
      ) : !org.data ? (
        <LoadingBlock rows={6} />
      ) : (
        <>
          <Card>
            <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="join-org-name">
              {org.data.name}
            </Typography.Title>
            <Tag>{orgTypeLabel(org.data.type, lang)}</Tag>
            <Descriptions
              column={1}
              size="small"
              style={{ marginTop: 12 }}
              items={[
                { key: 'region', label: t('people.join.region'), children: org.data.regionName ?? org.data.regionCode },
                ...(org.data.memberCount !== undefined ? [{ key: 'members', label: t('people.orgs.members'), children: org.data.memberCount }] : []),
                ...(org.data.supervisingUnit ? [{ key: 'sup', label: t('people.join.supervisingUnit'), children: org.data.supervisingUnit }] : []),
                ...(org.data.contactName ? [{ key: 'contact', label: t('people.join.contact'), children: [org.data.contactName, org.data.contactPhone].filter(Boolean).join(' ') }] : []),
              ]}
            />
            {org.data.description ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12, marginBottom: 0 }}>{org.data.description}</Typography.Paragraph>
            ) : null}
          </Card>
          <Card>
            {mine.isFetching && !mine.data ? (
              <LoadingBlock rows={2} />
            ) : state !== 'none' ? (
              <Alert
                type={state === 'active' ? 'success' : 'info'}
                showIcon
                data-testid="join-state"
                message={state === 'active' ? t('people.join.stateActive') : state === 'invited' ? t('people.join.stateInvited') : t('people.join.stateRequested')}
              />
            ) : (
              <Form layout="vertical" size="large" onFinish={onJoin}>
                {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="join-problem" /> : null}
                <Form.Item label={t('people.join.message')}>
                  <Input.TextArea rows={3} maxLength={300} showCount value={text} onChange={(e) => setText(e.target.value)} placeholder={t('people.join.messagePlaceholder')} data-testid="join-message" />
                </Form.Item>
                <Button type="primary" size="large" block htmlType="submit" loading={busy} data-testid="join-submit">
                  {t('people.join.ask')}
                </Button>
              </Form>
            )}
          </Card>
        </>
      )}
    </Flex>
  );
}
