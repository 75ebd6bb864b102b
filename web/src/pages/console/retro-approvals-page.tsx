import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Modal, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { activitiesApi, type ServiceRecord } from '../../features/activities/api';
import { reasonText, timeRange } from '../../features/activities/labels';
import { useFormat } from '../../i18n/use-format';

const PAGE_SIZE = 20;

/** 补录审核: past records above the threshold, approved or rejected by a second staff member (four eyes). */
export default function RetroApprovalsPage() {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<ServiceRecord | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { data, error, isFetching: loading, refetch: reload } = useQuery(activitiesApi.pendingRetro({ page, pageSize: PAGE_SIZE }));

  const approve = async (r: ServiceRecord) => {
    setBusyId(r.id);
    setFailure(null);
    try {
      await activitiesApi.approveRetro(r.id);
      void message.success(t('activities.retroApprovals.approved'));
      reload();
    } catch (err) {
      setFailure(reasonText(err, t, lang));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <Flex vertical gap={16} data-testid="retro-approvals-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('activities.retroApprovals.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('activities.retroApprovals.hint')}</Typography.Text>
      {failure ? <Alert type="error" showIcon title={failure} /> : null}
      <Card>
        {loading && !data ? (
          <LoadingBlock rows={5} />
        ) : error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data || data.items.length === 0 ? (
          <EmptyState testId="retro-approvals-empty" title={t('activities.retroApprovals.empty')} hint={t('activities.retroApprovals.emptyHint')} />
        ) : (
          <Table<ServiceRecord>
            rowKey="id"
            dataSource={data.items}
            scroll={{ x: 900 }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
            columns={[
              { key: 'volunteer', title: t('activities.retroApprovals.volunteer'), render: (_, r) => r.volunteerName ?? t('common.none') },
              {
                key: 'service',
                title: t('activities.retroApprovals.service'),
                render: (_, r) => (
                  <Flex vertical>
                    <Typography.Text>{r.content}</Typography.Text>
                    <Typography.Text type="secondary">
                      {r.orgName} · {timeRange(r.startedAt, r.endedAt, dateTime)}
                    </Typography.Text>
                  </Flex>
                ),
              },
              { key: 'minutes', title: t('activities.retroApprovals.minutes'), render: (_, r) => r.minutes },
              { key: 'evidence', title: t('activities.retroApprovals.evidence'), render: (_, r) => <span style={{ whiteSpace: 'pre-wrap' }}>{r.evidenceNote}</span> },
              { key: 'by', title: t('activities.retroApprovals.recordedBy'), render: (_, r) => r.personInCharge },
              {
                key: 'actions',
                title: t('common.actions'),
                render: (_, r) => (
                  <Space>
                    <Button type="primary" size="small" loading={busyId === r.id} onClick={() => void approve(r)} data-testid="retro-approve">
                      {t('activities.retroApprovals.approve')}
                    </Button>
                    <Button danger size="small" onClick={() => setRejecting(r)} data-testid="retro-reject">
                      {t('activities.retroApprovals.reject')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      {rejecting ? <RejectModal record={rejecting} onClose={() => setRejecting(null)} onDone={reload} /> : null}
    </Flex>
  );
}

function RejectModal({ record, onClose, onDone }: { record: ServiceRecord; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const ok = async () => {
    if (reason.trim().length < 2) {
      setFailure(t('activities.retroApprovals.reasonRequired'));
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await activitiesApi.rejectRetro(record.id, reason.trim());
      void message.success(t('activities.retroApprovals.rejected'));
      onDone();
      onClose();
    } catch (err) {
      setFailure(reasonText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('activities.retroApprovals.rejectTitle')} onCancel={onClose} onOk={() => void ok()} confirmLoading={busy} okText={t('activities.common.submit')} cancelText={t('common.cancel')}>
      <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="retro-reject-reason" />
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginTop: 12 }} /> : null}
    </Modal>
  );
}
