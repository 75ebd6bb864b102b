import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Rate, Segmented, Steps, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/error-text';
import { isApiError } from '../../api/client';
import { EmptyState } from '../../components/page-state';
import { useFormat } from '../../i18n/use-format';
import { toFormFieldErrors } from '../../lib/form-errors';
import { pickLanguage } from '../../lib/bilingual';
import { requestsApi, type RequestDetail, type RequestStatus, type ServiceRequest } from './api';
import { STEP_STATUSES } from './labels';

const STATUS_COLORS: Record<RequestStatus, string> = {
  ordered: 'orange',
  dispatched: 'gold',
  accepted: 'blue',
  serving: 'processing',
  served: 'cyan',
  rated: 'green',
  cancelled: 'default',
};

export function StatusTag({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="request-status">
      {t(`requests.status.${status}`)}
    </Tag>
  );
}

export function OverdueTag({ overdue }: { overdue: ServiceRequest['overdue'] }) {
  const { t } = useTranslation();
  if (!overdue) return null;
  return (
    <Tag color="red" data-testid="request-overdue">
      {t(`requests.overdue.${overdue}`)}
    </Tag>
  );
}

/** 点单 → 派单 → 接单 → 服务中 → 待评价 → 已完成. */
export function RequestSteps({ status, compact = false }: { status: RequestStatus; compact?: boolean }) {
  const { t } = useTranslation();
  if (status === 'cancelled') return null;
  const current = STEP_STATUSES.indexOf(status as (typeof STEP_STATUSES)[number]);
  return (
    <Steps
      size="small"
      responsive={false}
      {...(compact ? { progressDot: true, labelPlacement: 'vertical' as const } : {})}
      current={current}
      status={status === 'rated' ? 'finish' : 'process'}
      items={STEP_STATUSES.map((s) => ({ title: t(`requests.steps.${s}`) }))}
      data-testid="request-steps"
    />
  );
}

const KNOWN_ACTIONS = new Set(['order', 'dispatch', 'accept', 'decline', 'checkin', 'checkout', 'rate', 'rate_on_behalf', 'not_happened', 'cancel']);

/** Who did what, when, newest last. */
export function RequestHistory({ history }: { history: RequestDetail['history'] }) {
  const { t } = useTranslation();
  const { dateTime, lang } = useFormat();
  if (history.length === 0) return <EmptyState title={t('requests.mine.noHistory')} />;
  return (
    <Timeline
      data-testid="request-history"
      items={history.map((h) => ({
        key: h.id,
        children: (
          <div data-testid="history-item" data-action={h.action}>
            <Typography.Text strong>{t(`requests.actions.${(KNOWN_ACTIONS.has(h.action) ? h.action : 'other') as 'order'}`)}</Typography.Text>
            <Typography.Text type="secondary">
              {' · '}
              {h.actorName ?? '—'} · {dateTime(h.at)}
            </Typography.Text>
            {h.note ? <div style={{ color: 'rgba(0,0,0,0.65)' }}>{pickLanguage(h.note, lang)}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

interface RateValues {
  happened: 'yes' | 'no';
  stars?: number;
  comment?: string;
}

/** 评单: stars and a comment when it happened, or "服务未发生". `onBehalfName` says who staff act for. */
export function RateModal({ request, open, onClose, onDone, onBehalfName }: { request: ServiceRequest; open: boolean; onClose: () => void; onDone: (r: ServiceRequest) => void; onBehalfName?: string }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const [form] = Form.useForm<RateValues>();
  const happened = Form.useWatch('happened', form) ?? 'yes';
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (v: RateValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const comment = v.comment?.trim() || undefined;
      const r = await requestsApi.rate(request.id, v.happened === 'yes' ? { happened: true, stars: v.stars, comment } : { happened: false, comment });
      onDone(r);
    } catch (err) {
      if (isApiError(err)) {
        const { fields, rest } = toFormFieldErrors(err.fields, lang, ['stars', 'comment'] as const);
        form.setFields(fields);
        setProblem(rest.join(' ') || describeError(err, t, lang).title);
      } else setProblem(describeError(err, t, lang).title);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('requests.mine.rateTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      {onBehalfName ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('requests.common.onBehalfOf', { name: onBehalfName })} data-testid="rate-on-behalf" />
      ) : null}
      <Form<RateValues> form={form} layout="vertical" size="large" initialValues={{ happened: 'yes' }} onFinish={submit} data-testid="rate-form">
        <Form.Item name="happened">
          <Segmented
            block
            options={[
              { value: 'yes', label: <span data-testid="rate-happened">{t('requests.mine.happened')}</span> },
              { value: 'no', label: <span data-testid="rate-not-happened">{t('requests.mine.notHappened')}</span> },
            ]}
          />
        </Form.Item>
        {happened === 'yes' ? (
          <Form.Item name="stars" label={t('requests.fields.stars')} rules={[{ required: true, message: t('requests.mine.starsRequired') }]}>
            <Rate style={{ fontSize: 36 }} data-testid="rate-stars" />
          </Form.Item>
        ) : (
          <Typography.Paragraph type="secondary">{t('requests.mine.notHappenedHint')}</Typography.Paragraph>
        )}
        <Form.Item name="comment" label={t('requests.fields.comment')}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t('requests.mine.commentPlaceholder')} data-testid="rate-comment" />
        </Form.Item>
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="rate-problem" /> : null}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="rate-submit">
          {t('requests.common.submit')}
        </Button>
      </Form>
    </Modal>
  );
}

/** A reason asked for before cancelling or declining; the typed reason stays on error. */
export function ReasonModal({ open, title, okText, onClose, onSubmit, testId }: { open: boolean; title: string; okText: string; onClose: () => void; onSubmit: (reason: string) => Promise<void>; testId: string }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (v: { reason: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit(v.reason.trim());
      form.resetFields();
    } catch (err) {
      if (isApiError(err) && err.fields.reason) form.setFields(toFormFieldErrors(err.fields, lang, ['reason'] as const).fields);
      else setProblem(describeError(err, t, lang).title);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={title} onCancel={onClose} footer={null}>
      <Form form={form} layout="vertical" size="large" onFinish={submit} data-testid={`${testId}-form`}>
        <Form.Item name="reason" label={t('requests.common.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('requests.common.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={300} data-testid={`${testId}-reason`} />
        </Form.Item>
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" danger htmlType="submit" loading={busy} data-testid={`${testId}-submit`}>
            {okText}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
