import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Flex, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { activitiesApi, type Activity } from '../../features/activities/api';
import { categoryLabel, reasonText, timeRange } from '../../features/activities/labels';
import { pickLanguage } from '../../lib/bilingual';
import { useFormat } from '../../i18n/use-format';

const PAGE_SIZE = 20;

/** 活动审核: the region's activities waiting for review, oldest first; approve, reject with a reason, or approve many. */
export default function ReviewPage() {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [viewing, setViewing] = useState<Activity | null>(null);
  const [rejecting, setRejecting] = useState<Activity | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [batchProblems, setBatchProblems] = useState<string[]>([]);
  const { data, error, isFetching: loading, refetch: reload } = useQuery(activitiesApi.list({ status: 'pending_review', page, pageSize: PAGE_SIZE }));

  const approve = async (a: Activity) => {
    setBusy(a.id);
    try {
      await activitiesApi.review(a.id, 'approve');
      void message.success(t('activities.review.approved', { title: a.title }));
      setSelected((s) => s.filter((x) => x !== a.id));
      setViewing(null);
      reload();
    } catch (err) {
      void message.error(reasonText(err, t, lang));
    } finally {
      setBusy(null);
    }
  };

  const approveSelected = async () => {
    setBusy('batch');
    setBatchProblems([]);
    try {
      const r = await activitiesApi.reviewBatch(selected);
      void message.success(t('activities.review.batchDone', { n: r.approved }));
      const titles = new Map((data?.items ?? []).map((a) => [a.id, a.title]));
      setBatchProblems(r.results.filter((x) => !x.ok).map((x) => `${titles.get(x.id) ?? x.id}：${x.message ? pickLanguage(x.message, lang) : (x.code ?? '')}`));
      setSelected([]);
      reload();
    } catch (err) {
      void message.error(reasonText(err, t, lang));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex vertical gap={16} data-testid="review-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('activities.review.title')}
      </Typography.Title>
      <Card>
        <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} wrap gap={8}>
          <Typography.Text type="secondary">{t('activities.review.hint')}</Typography.Text>
          <Button type="primary" disabled={selected.length === 0} loading={busy === 'batch'} onClick={() => void approveSelected()} data-testid="review-batch-approve">
            {t('activities.review.batchApprove', { n: selected.length })}
          </Button>
        </Flex>
        {batchProblems.length ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('activities.review.batchProblems')} description={batchProblems.join('\n')} /> : null}
        {loading && !data ? (
          <LoadingBlock rows={6} />
        ) : error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data || data.items.length === 0 ? (
          <EmptyState testId="review-empty" title={t('activities.review.empty')} hint={t('activities.review.emptyHint')} />
        ) : (
          <Table<Activity>
            rowKey="id"
            dataSource={data.items}
            scroll={{ x: 1000 }}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
            onRow={() => ({ 'data-testid': 'review-row' }) as React.HTMLAttributes<HTMLElement>}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
            columns={[
              { key: 'submitted', title: t('activities.review.submittedAt'), render: (_, a) => dateTime(a.submittedAt) },
              { key: 'title', title: t('activities.form.title'), render: (_, a) => <Typography.Link onClick={() => setViewing(a)} data-testid="review-title">{a.title}</Typography.Link> },
              { key: 'org', title: t('activities.detail.org'), render: (_, a) => a.orgName },
              { key: 'region', title: t('activities.form.region'), render: (_, a) => a.regionName ?? a.regionCode },
              { key: 'time', title: t('activities.detail.time'), render: (_, a) => timeRange(a.startsAt, a.endsAt, dateTime) },
              {
                key: 'actions',
                title: t('common.actions'),
                render: (_, a) => (
                  <Space>
                    <Button type="primary" size="small" icon={<CheckOutlined />} loading={busy === a.id} onClick={() => void approve(a)} data-testid="review-approve">
                      {t('activities.review.approve')}
                    </Button>
                    <Button danger size="small" icon={<CloseOutlined />} onClick={() => setRejecting(a)} data-testid="review-reject">
                      {t('activities.review.reject')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Drawer open={!!viewing} onClose={() => setViewing(null)} size="large" title={viewing?.title}>
        {viewing ? (
          <Flex vertical gap={16}>
            <Descriptions
              column={1}
              bordered
              size="small"
              items={[
                { key: 'org', label: t('activities.detail.org'), children: viewing.orgName },
                { key: 'cat', label: t('activities.form.category'), children: categoryLabel(viewing.category, lang) },
                { key: 'time', label: t('activities.detail.time'), children: timeRange(viewing.startsAt, viewing.endsAt, dateTime) },
                { key: 'place', label: t('activities.detail.place'), children: `${viewing.regionName ?? ''} ${viewing.address}` },
                { key: 'cap', label: t('activities.form.capacity'), children: viewing.capacity },
                { key: 'pic', label: t('activities.detail.personInCharge'), children: viewing.personInCharge },
                { key: 'age', label: t('activities.detail.ages'), children: `${viewing.minAge ?? 0}–${viewing.maxAge ?? '∞'}` },
                { key: 'risk', label: t('activities.detail.risks'), children: viewing.risks ?? t('common.none') },
                { key: 'ins', label: t('activities.detail.insured'), children: viewing.isRisky ? (viewing.insured ? t('activities.common.yes') : t('activities.common.no')) : t('common.none') },
                { key: 'desc', label: t('activities.form.description'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{viewing.description}</span> },
              ]}
            />
            <Space>
              <Button type="primary" icon={<CheckOutlined />} loading={busy === viewing.id} onClick={() => void approve(viewing)}>
                {t('activities.review.approve')}
              </Button>
              <Button danger icon={<CloseOutlined />} onClick={() => setRejecting(viewing)}>
                {t('activities.review.reject')}
              </Button>
            </Space>
          </Flex>
        ) : null}
      </Drawer>
      {rejecting ? (
        <RejectModal
          activity={rejecting}
          onClose={() => setRejecting(null)}
          onDone={() => {
            setViewing(null);
            setSelected((s) => s.filter((x) => x !== rejecting.id));
            reload();
          }}
        />
      ) : null}
    </Flex>
  );
}

function RejectModal({ activity, onClose, onDone }: { activity: Activity; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const ok = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await activitiesApi.review(activity.id, 'reject', reason.trim());
      void message.success(t('activities.review.rejected', { title: activity.title }));
      onDone();
      onClose();
    } catch (err) {
      setFailure(reasonText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('activities.review.rejectTitle', { title: activity.title })} onCancel={onClose} onOk={() => void ok()} confirmLoading={busy} okButtonProps={{ danger: true, 'data-testid': 'review-reject-confirm' } as React.ComponentProps<typeof Button>} okText={t('activities.review.reject')} cancelText={t('common.cancel')}>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('activities.common.reason')} extra={t('activities.review.rejectHint')} rules={[{ required: true, whitespace: true, min: 2, message: t('activities.common.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="review-reason" />
        </Form.Item>
      </Form>
      {failure ? <Alert type="error" showIcon title={failure} /> : null}
    </Modal>
  );
}
