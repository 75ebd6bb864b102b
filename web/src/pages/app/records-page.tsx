import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Modal, Pagination, Row, Statistic, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { activitiesApi, type ServiceRecord } from '../../features/activities/api';
import { reasonText, timeRange } from '../../features/activities/labels';
import { useFormat } from '../../i18n/use-format';
import { MyAwardsCard } from '../../features/awards/my-awards-card';

const PAGE_SIZE = 10;
const STATUS_COLORS: Record<ServiceRecord['status'], string> = { confirmed: 'green', disputed: 'orange', corrected: 'default', pending_approval: 'blue', rejected: 'red' };

/** 我的记录: my service records (minutes, credited minutes, points), each with a dispute form. */
export default function RecordsPage() {
  const { t } = useTranslation();
  const { date, dateTime, count } = useFormat();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [disputing, setDisputing] = useState<ServiceRecord | null>(null);
  const { data, error, isFetching: loading, refetch: reload } = useQuery(activitiesApi.myRecords({ page, pageSize: PAGE_SIZE }));

  const items = data?.items ?? [];
  const totalMinutes = items.reduce((s, r) => s + r.creditedMinutes, 0);
  const totalPoints = items.reduce((s, r) => s + r.points, 0);

  return (
    <Flex vertical gap={12} data-testid="records-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('activities.records.title')}
      </Typography.Title>
      <MyAwardsCard />
      {loading && !data ? (
        <LoadingBlock rows={6} />
      ) : error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : items.length === 0 ? (
        <Card>
          <EmptyState
            testId="records-empty"
            title={t('activities.records.empty')}
            hint={t('activities.records.emptyHint')}
            action={
              <Button type="primary" onClick={() => navigate('/activities')}>
                {t('activities.list.browse')}
              </Button>
            }
          />
        </Card>
      ) : (
        <>
          <Card>
            <Row gutter={12}>
              <Col span={12}>
                <Statistic title={t('activities.records.pageHours')} value={(totalMinutes / 60).toFixed(1)} />
              </Col>
              <Col span={12}>
                <Statistic title={t('activities.records.pagePoints')} value={count(totalPoints)} />
              </Col>
            </Row>
          </Card>
          {items.map((r) => (
            <Card key={r.id} data-testid="record-card" styles={{ body: { padding: 16 } }}>
              <Flex vertical gap={6}>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text strong data-testid="record-title">
                    {r.activityTitle}
                  </Typography.Text>
                  <Tag color={STATUS_COLORS[r.status]}>{t(`activities.recordStatus.${r.status}`)}</Tag>
                </Flex>
                <Typography.Text type="secondary">
                  {date(r.serviceDate)} · {r.orgName} · {t(`activities.recordKind.${r.kind}`)}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {timeRange(r.startedAt, r.endedAt, dateTime)}
                </Typography.Text>
                <Row gutter={8}>
                  <Col span={8}>
                    <Statistic title={t('activities.records.minutes')} value={r.minutes} styles={{ content: { fontSize: 18 } }} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t('activities.records.credited')} value={r.creditedMinutes} styles={{ content: { fontSize: 18 } }} data-testid="record-credited" />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t('activities.records.points')} value={r.points} styles={{ content: { fontSize: 18 } }} data-testid="record-points" />
                  </Col>
                </Row>
                {r.adjustmentReason ? <Typography.Text type="secondary">{t('activities.records.adjustment', { reason: r.adjustmentReason })}</Typography.Text> : null}
                {r.status === 'confirmed' ? (
                  <Button onClick={() => setDisputing(r)} data-testid="record-dispute">
                    {t('activities.records.dispute')}
                  </Button>
                ) : null}
              </Flex>
            </Card>
          ))}
          {data && data.total > PAGE_SIZE ? <Pagination simple current={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} style={{ alignSelf: 'center' }} /> : null}
        </>
      )}
      {disputing ? <DisputeModal record={disputing} onClose={() => setDisputing(null)} onDone={reload} /> : null}
    </Flex>
  );
}

function DisputeModal({ record, onClose, onDone }: { record: ServiceRecord; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    setFailure(null);
    try {
      await activitiesApi.dispute(record.id, reason.trim());
      void message.success(t('activities.records.disputeSent'));
      onDone();
      onClose();
    } catch (err) {
      setFailure(reasonText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('activities.records.disputeTitle', { title: record.activityTitle })} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okText={t('activities.common.submit')} cancelText={t('common.cancel')}>
      <Typography.Paragraph type="secondary">{t('activities.records.disputeHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('activities.records.disputeReason')} rules={[{ required: true, whitespace: true, min: 4, message: t('activities.records.disputeReasonMin') }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('activities.records.disputePlaceholder')} data-testid="dispute-reason" />
        </Form.Item>
      </Form>
      {failure ? <Alert type="error" showIcon title={failure} /> : null}
    </Modal>
  );
}
