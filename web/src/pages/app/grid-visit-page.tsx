import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Radio, Result, Select, Switch, Tag } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/error-text';
import { isApiError } from '../../api/client';
import { alsoKeyed } from '../../api/query';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { PhonePageHeader } from '../../components/phone-page-header';
import { careApi, type Visit } from '../../features/care/api';
import type { Position } from '../../features/requests/geolocate';
import { freshPosition } from '../../features/care/locate';
import { shrinkPhoto } from '../../features/care/photo';
import { categoryChoices } from '../../features/requests/labels';
import { useFormat } from '../../i18n/use-format';

/** 登记走访: at the door (with the phone's location) or by phone, what was found; then a need becomes a request in one step. */
export default function GridVisitPage() {
  const { t } = useTranslation();
  const { visitId = '' } = useParams();
  const passed = (useLocation().state as { visit?: Visit } | null)?.visit;
  const [recorded, setRecorded] = useState<Visit | null>(null);
  // opened from a link without the list's state: find it among my visits
  const mine = useQuery({ ...alsoKeyed(careApi.myVisits(), visitId), enabled: !passed });
  const listed = mine.data ? ([...mine.data.overdue, ...mine.data.today].find((v) => v.id === visitId) ?? null) : undefined;
  const visit = recorded ?? passed ?? listed;
  return (
    <Flex vertical gap={16} data-testid="grid-visit-page">
      <PhonePageHeader title={t('care.visit.title')} back="/grid" />
      {mine.error && !visit ? (
        <ErrorState error={mine.error} onRetry={mine.refetch} />
      ) : mine.isFetching && !visit ? (
        <LoadingBlock rows={5} />
      ) : !visit ? (
        <Result status="info" title={t('care.visit.done')} extra={<Button href="/grid">{t('care.visit.back')}</Button>} />
      ) : (
        <>
          <VisitFacts v={visit} />
          {visit.status === 'due' ? <RecordForm v={visit} onDone={setRecorded} /> : <RequestStep v={visit} />}
        </>
      )}
    </Flex>
  );
}

function VisitFacts({ v }: { v: Visit }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  return (
    <Card size="small">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'place', label: t('care.visit.place'), children: <span data-testid="visit-place">{v.place}</span> },
          { key: 'who', label: t('care.visit.resident'), children: v.residentMasked },
          { key: 'tags', label: t('care.console.tags'), children: <>{v.tags.map((tag) => <Tag key={tag} color="red">{t(`care.tags.${tag}`)}</Tag>)}<Tag>{t(`care.sources.${v.source}`)}</Tag></> },
          { key: 'due', label: t('care.console.nextVisit'), children: dateTime(v.dueAt) },
        ]}
      />
    </Card>
  );
}

interface RecordValues {
  method: 'door' | 'phone';
  findings: string;
  followUpNeeded: boolean;
}

function RecordForm({ v, onDone }: { v: Visit; onDone: (v: Visit) => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const method = Form.useWatch('method', form) ?? 'door';
  const [pos, setPos] = useState<Position | null>(null);
  const [locating, setLocating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [photo, setPhoto] = useState<string | null>(null);
  const pickPhoto = async (file: File | undefined) => {
    if (!file) return setPhoto(null);
    try {
      setPhoto(await shrinkPhoto(file));
    } catch {
      setError(t('care.visit.photoUnreadable'));
    }
  };
  const locate = async () => {
    setLocating(true);
    setError(null);
    try {
      setPos(await freshPosition());
    } catch {
      setError(t('care.visit.noLocation'));
    } finally {
      setLocating(false);
    }
  };
  const submit = async (values: RecordValues) => {
    setSaving(true);
    setError(null);
    try {
      // at the door: where the worker stands when saving
      let at: Position | null = null;
      if (values.method === 'door') {
        try {
          at = await freshPosition();
          setPos(at);
        } catch {
          setError(t('care.visit.noLocation'));
          return;
        }
      }
      const saved = await careApi.recordVisit(v.id, { method: values.method, findings: values.findings, followUpNeeded: values.followUpNeeded, ...(values.method === 'door' && at ? at : {}), ...(photo ? { photoBase64: photo } : {}) });
      void message.success(t('care.visit.saved'));
      onDone(saved);
    } catch (err) {
      if (isApiError(err) && err.code === 'OUTSIDE_GEOFENCE') setError(t('care.visit.tooFar', { m: Number(err.details.distanceMeters), limit: Number(err.details.limitMeters) }));
      else setError(describeError(err, t, lang).title);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card>
      <Form<RecordValues> form={form} layout="vertical" initialValues={{ method: 'door', followUpNeeded: false }} onFinish={(vals) => void submit(vals)} data-testid="visit-form">
        <Form.Item name="method" label={t('care.visit.method')}>
          <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="visit-method" options={(['door', 'phone'] as const).map((m) => ({ value: m, label: t(`care.methods.${m}`) }))} />
        </Form.Item>
        {method === 'door' && (
          <Form.Item>
            <Button icon={<EnvironmentOutlined />} loading={locating} onClick={() => void locate()} data-testid="visit-locate">
              {pos ? t('care.visit.located') : t('care.visit.locate')}
            </Button>
          </Form.Item>
        )}
        <Form.Item name="findings" label={t('care.visit.findings')} rules={[{ required: true, whitespace: true, message: t('care.visit.findingsPlaceholder') }]}>
          <Input.TextArea rows={4} maxLength={1000} placeholder={t('care.visit.findingsPlaceholder')} data-testid="visit-findings" />
        </Form.Item>
        <Form.Item label={t('care.visit.photo')} extra={t('care.visit.photoHint')}>
          <input type="file" accept="image/*" capture="environment" onChange={(e) => void pickPhoto(e.target.files?.[0])} data-testid="visit-photo" />
          {photo && <img src={`data:image/jpeg;base64,${photo}`} alt="" style={{ display: 'block', maxWidth: 160, marginTop: 8, borderRadius: 4 }} />}
        </Form.Item>
        <Form.Item name="followUpNeeded" label={t('care.visit.followUp')} valuePropName="checked">
          <Switch data-testid="visit-follow-up" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="visit-error" />}
        <Button type="primary" htmlType="submit" size="large" block loading={saving} data-testid="visit-submit">
          {t('care.visit.submit')}
        </Button>
      </Form>
    </Card>
  );
}

interface RequestValues {
  residentId: string;
  category: string;
  description: string;
}

function RequestStep({ v }: { v: Visit }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [requestId, setRequestId] = useState<string | null>(v.requestId);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const household = useQuery({ ...careApi.household(v.householdId ?? ''), enabled: !!v.householdId });
  const residents = household.data?.members.filter((m) => m.userId) ?? [];
  const submit = async (values: RequestValues) => {
    setSaving(true);
    setError(null);
    try {
      const r = await careApi.toRequest(v.id, values);
      setRequestId(r.requestId);
      void message.success(t('care.visit.requested'));
    } catch (err) {
      setError(describeError(err, t, lang).title);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Alert type="success" showIcon title={t('care.visit.done')} description={<>{v.findings}{v.hasPhoto && <Tag style={{ marginLeft: 8 }}>{t('care.visit.withPhoto')}</Tag>}</>} data-testid="visit-recorded" data-has-photo={v.hasPhoto} />
      {requestId ? (
        <Result status="success" title={t('care.visit.requestLinked')} data-testid="visit-request-done" extra={<Button onClick={() => navigate('/grid')}>{t('care.visit.back')}</Button>} />
      ) : v.householdId ? (
        <Card title={t('care.visit.toRequest')} data-testid="visit-request">
          <Alert type="info" title={t('care.visit.toRequestHint')} style={{ marginBottom: 16 }} />
          {household.isFetching && !household.data ? (
            <LoadingBlock rows={3} />
          ) : residents.length === 0 ? (
            <Alert type="warning" title={t('care.visit.noAccount')} />
          ) : (
            <Form<RequestValues> layout="vertical" initialValues={{ residentId: residents[0]!.userId!, category: 'elderly', description: v.findings ?? '' }} onFinish={(vals) => void submit(vals)}>
              <Form.Item name="residentId" label={t('care.visit.resident2')} rules={[{ required: true }]}>
                <Select size="large" options={residents.map((m) => ({ value: m.userId!, label: `${m.name}（${m.relation}）` }))} data-testid="visit-request-resident" />
              </Form.Item>
              <Form.Item name="category" label={t('care.visit.category')} rules={[{ required: true }]}>
                <Select size="large" options={categoryChoices(lang)} data-testid="visit-request-category" />
              </Form.Item>
              <Form.Item name="description" label={t('care.visit.description')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={3} maxLength={1000} data-testid="visit-request-description" />
              </Form.Item>
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="visit-request-error" />}
              <Button type="primary" htmlType="submit" size="large" block loading={saving} data-testid="visit-request-submit">
                {t('care.visit.submitRequest')}
              </Button>
            </Form>
          )}
        </Card>
      ) : (
        <Button size="large" onClick={() => navigate('/grid')}>{t('care.visit.back')}</Button>
      )}
    </>
  );
}
