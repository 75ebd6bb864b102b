import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Radio, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../features/auth/auth-context';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { activitiesApi, type Dispute } from '../../features/activities/api';
import { reasonText, useAdminOrgs } from '../../features/activities/labels';
import { useFormat } from '../../i18n/use-format';

const PAGE_SIZE = 20;

function RecordCell({ recordId }: { recordId: string }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const { data } = useQuery(activitiesApi.record(recordId));
  if (!data) return <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>;
  return (
    <Flex vertical>
      <Typography.Text>
        {data.volunteerName ? `${data.volunteerName} · ` : ''}
        {data.activityTitle}
      </Typography.Text>
      <Typography.Text type="secondary">{t('activities.disputes.recordLine', { date: date(data.serviceDate), minutes: data.minutes })}</Typography.Text>
    </Flex>
  );
}

const COMMUNITY = 'community';

/** 异议处理: a volunteer's objections to their records; correct with new minutes, or reject with an answer. */
export default function DisputesPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const orgs = useAdminOrgs();
  const { grants } = useMe();
  // region admins answer for home services done in person (no organisation recorded them)
  const community = grants.some((g) => g.role === 'region_admin');
  const sources = [...orgs.map((o) => ({ value: o.id, label: o.name })), ...(community ? [{ value: COMMUNITY, label: t('activities.disputes.community') }] : [])];
  const [orgId, setOrgId] = useState<string | undefined>(sources[0]?.value);
  const [page, setPage] = useState(1);
  const [answering, setAnswering] = useState<Dispute | null>(null);
  const { data, error, isFetching: loading, refetch: reload } = useQuery({
    ...activitiesApi.disputes(orgId === COMMUNITY ? { scope: 'community', status: 'open', page, pageSize: PAGE_SIZE } : { orgId, status: 'open', page, pageSize: PAGE_SIZE }),
    enabled: !!orgId,
  });

  return (
    <Flex vertical gap={16} data-testid="disputes-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('activities.disputes.title')}
      </Typography.Title>
      <Card>
        {sources.length > 1 ? <Select style={{ minWidth: 220, marginBottom: 16 }} value={orgId} onChange={(v: string) => { setOrgId(v); setPage(1); }} options={sources} data-testid="disputes-source" /> : null}
        {loading && !data ? (
          <LoadingBlock rows={5} />
        ) : error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data || data.items.length === 0 ? (
          <EmptyState testId="disputes-empty" title={t('activities.disputes.empty')} hint={t('activities.disputes.emptyHint')} />
        ) : (
          <Table<Dispute>
            rowKey="id"
            dataSource={data.items}
            scroll={{ x: 900 }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
            columns={[
              { key: 'at', title: t('activities.disputes.raisedAt'), render: (_, d) => dateTime(d.createdAt) },
              { key: 'record', title: t('activities.disputes.record'), render: (_, d) => <RecordCell recordId={d.recordId} /> },
              { key: 'reason', title: t('activities.disputes.reason'), render: (_, d) => <span style={{ whiteSpace: 'pre-wrap' }}>{d.reason}</span> },
              {
                key: 'actions',
                title: t('common.actions'),
                render: (_, d) => (
                  <Button type="primary" size="small" onClick={() => setAnswering(d)} data-testid="dispute-answer">
                    {t('activities.disputes.answer')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      {answering ? <AnswerModal dispute={answering} onClose={() => setAnswering(null)} onDone={reload} /> : null}
    </Flex>
  );
}

function AnswerModal({ dispute, onClose, onDone }: { dispute: Dispute; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: 'correct' | 'reject'; answer: string; minutes?: number }>();
  const decision = Form.useWatch('decision', form);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setFailure(null);
    try {
      await activitiesApi.answerDispute(dispute.id, { decision: v.decision, answer: v.answer.trim(), ...(v.decision === 'correct' ? { minutes: v.minutes } : {}) });
      void message.success(v.decision === 'correct' ? t('activities.disputes.corrected') : t('activities.disputes.rejected'));
      onDone();
      onClose();
    } catch (err) {
      setFailure(reasonText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('activities.disputes.answerTitle')} onCancel={onClose} onOk={() => void ok()} confirmLoading={busy} okText={t('activities.common.submit')} cancelText={t('common.cancel')}>
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t('activities.disputes.reason')}：</Typography.Text>
        {dispute.reason}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ decision: 'correct' }}>
        <Form.Item name="decision" label={t('activities.disputes.decision')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'correct', label: t('activities.disputes.correct') },
              { value: 'reject', label: t('activities.disputes.reject') },
            ]}
          />
        </Form.Item>
        {decision === 'correct' ? (
          <Form.Item name="minutes" label={t('activities.disputes.minutes')} extra={t('activities.disputes.minutesHint')} rules={[{ required: true, message: t('activities.disputes.minutesRequired') }]}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: 200 }} />
          </Form.Item>
        ) : null}
        <Form.Item name="answer" label={t('activities.disputes.answerText')} rules={[{ required: true, whitespace: true, min: 2, message: t('activities.disputes.answerRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
      {failure ? <Alert type="error" showIcon title={failure} /> : null}
    </Modal>
  );
}
