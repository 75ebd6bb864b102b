import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { apiQuery } from '../../api/query';
import { EmptyState } from '../../components/page-state';
import { activitiesApi } from '../../features/activities/api';
import { toBeijingIso } from '../../features/activities/geo';
import { reasonText, useAdminOrgs } from '../../features/activities/labels';
import { toFormFieldErrors } from '../../lib/form-errors';
import { useFormat } from '../../i18n/use-format';

interface Values {
  orgId: string;
  volunteerId: string;
  startedAt: Dayjs;
  endedAt: Dayjs;
  content: string;
  place?: string;
  evidenceNote: string;
}
const FIELDS = ['orgId', 'volunteerId', 'startedAt', 'endedAt', 'content', 'place', 'evidenceNote'] as const;

/** 补录: a service record for a member after the fact, with the evidence it rests on. */
export default function ActivityRetroPage() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const orgs = useAdminOrgs();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const members = useQuery({ ...apiQuery('/orgs/{id}/members', { params: { id: orgId }, query: { status: 'active', pageSize: 100 } }), enabled: Boolean(orgId) });

  if (orgs.length === 0) return <EmptyState title={t('activities.console.noOrg')} hint={t('activities.console.noOrgHint')} />;

  const submit = async () => {
    setFailure(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      setFailure(t('activities.form.fixFields'));
      return;
    }
    setBusy(true);
    try {
      const created = await activitiesApi.createRecord({
        orgId: v.orgId,
        volunteerId: v.volunteerId,
        startedAt: toBeijingIso(v.startedAt.toDate()),
        endedAt: toBeijingIso(v.endedAt.toDate()),
        content: v.content.trim(),
        ...(v.place?.trim() ? { place: v.place.trim() } : {}),
        evidenceNote: v.evidenceNote.trim(),
      });
      void message.success(created.serviceRecord.status === 'pending_approval' ? t('activities.retro.pending') : t('activities.retro.done'));
      form.resetFields(['volunteerId', 'startedAt', 'endedAt', 'content', 'place', 'evidenceNote']);
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) {
        const { fields, rest } = toFormFieldErrors(err.fields, lang, FIELDS);
        form.setFields(fields);
        setFailure([t('activities.form.fixFields'), ...rest].join(' '));
      } else setFailure(reasonText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16} data-testid="retro-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('activities.retro.title')}
      </Typography.Title>
      <Card>
        <Typography.Paragraph type="secondary">{t('activities.retro.hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ orgId: orgs[0]?.id }} style={{ maxWidth: 760 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="orgId" label={t('activities.form.org')} rules={[{ required: true, message: t('activities.form.orgRequired') }]}>
                <Select options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="volunteerId" label={t('activities.console.volunteer')} rules={[{ required: true, message: t('activities.retro.volunteerRequired') }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={members.isFetching}
                  notFoundContent={t('activities.retro.noMembers')}
                  options={(members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.volunteerNo ? `${m.userName}（${m.volunteerNo}）` : m.userName }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="startedAt" label={t('activities.retro.startedAt')} rules={[{ required: true, message: t('activities.retro.timeRequired') }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="endedAt" label={t('activities.retro.endedAt')} rules={[{ required: true, message: t('activities.retro.timeRequired') }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="content" label={t('activities.retro.content')} rules={[{ required: true, whitespace: true, min: 2, message: t('activities.retro.contentRequired') }]}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="place" label={t('activities.retro.place')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="evidenceNote" label={t('activities.retro.evidence')} extra={t('activities.retro.evidenceHint')} rules={[{ required: true, whitespace: true, min: 4, message: t('activities.retro.evidenceRequired') }]}>
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
            </Col>
          </Row>
          {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
          <Button type="primary" loading={busy} onClick={() => void submit()}>
            {t('activities.retro.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
