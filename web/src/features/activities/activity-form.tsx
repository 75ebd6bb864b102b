import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { toFormFieldErrors } from '../../lib/form-errors';
import { RegionCascader } from '../regions/region-cascader';
import { useFormat } from '../../i18n/use-format';
import { activitiesApi, type Activity, type ActivityCreate } from './api';
import { categoryOptions, reasonText, useAdminOrgs } from './labels';
import { toBeijingIso } from './geo';
import { UseMyLocation } from './use-my-location';

const MapPicker = lazy(() => import('./map-picker'));

export interface ActivityFormValues {
  orgId?: string;
  title?: string;
  category?: string;
  description?: string;
  regionPath?: string[];
  stationId?: string;
  address?: string;
  lat?: number;
  lng?: number;
  geofenceMeters?: number;
  allowOutsideFence?: boolean;
  startsAt?: Dayjs;
  endsAt?: Dayjs;
  capacity?: number;
  minAge?: number | null;
  maxAge?: number | null;
  requiredSkills?: string[];
  risks?: string;
  isRisky?: boolean;
  insured?: boolean;
  cancelDeadlineMinutes?: number;
  personInCharge?: string;
  repeatWeeklyUntil?: Dayjs | null;
}

const FIELDS = [
  'orgId', 'title', 'category', 'description', 'regionPath', 'stationId', 'address', 'lat', 'lng', 'geofenceMeters', 'allowOutsideFence', 'startsAt', 'endsAt',
  'capacity', 'minAge', 'maxAge', 'requiredSkills', 'risks', 'isRisky', 'insured', 'cancelDeadlineMinutes', 'personInCharge', 'repeatWeeklyUntil',
] as const;

export function valuesOf(a: Activity): ActivityFormValues {
  return {
    orgId: a.orgId,
    title: a.title,
    category: a.category,
    description: a.description,
    address: a.address,
    lat: a.lat,
    lng: a.lng,
    geofenceMeters: a.geofenceMeters,
    allowOutsideFence: a.allowOutsideFence,
    startsAt: dayjs(a.startsAt),
    endsAt: dayjs(a.endsAt),
    capacity: a.capacity,
    minAge: a.minAge,
    maxAge: a.maxAge,
    requiredSkills: a.requiredSkills,
    risks: a.risks ?? undefined,
    isRisky: a.isRisky,
    insured: a.insured,
    cancelDeadlineMinutes: a.cancelDeadlineMinutes,
    personInCharge: a.personInCharge,
  };
}

function num(v: number | null | undefined): number | undefined {
  return v === null || v === undefined ? undefined : v;
}

/** The body of POST /activities from the form (the server checks it again). */
export function toCreateBody(v: ActivityFormValues): ActivityCreate {
  const regionCode = v.regionPath?.[v.regionPath.length - 1] ?? '';
  return {
    orgId: v.orgId ?? '',
    title: v.title?.trim() ?? '',
    category: v.category as ActivityCreate['category'],
    description: v.description?.trim() ?? '',
    regionCode,
    ...(v.stationId ? { stationId: v.stationId } : {}),
    address: v.address?.trim() ?? '',
    lat: v.lat as number,
    lng: v.lng as number,
    geofenceMeters: v.geofenceMeters ?? 500,
    allowOutsideFence: !!v.allowOutsideFence,
    startsAt: v.startsAt ? toBeijingIso(v.startsAt.toDate()) : '',
    endsAt: v.endsAt ? toBeijingIso(v.endsAt.toDate()) : '',
    capacity: v.capacity as number,
    minAge: num(v.minAge),
    maxAge: num(v.maxAge),
    requiredSkills: v.requiredSkills?.length ? v.requiredSkills : undefined,
    risks: v.risks?.trim() || undefined,
    isRisky: !!v.isRisky,
    insured: !!v.insured,
    cancelDeadlineMinutes: num(v.cancelDeadlineMinutes),
    personInCharge: v.personInCharge?.trim() || undefined,
    repeatWeeklyUntil: v.repeatWeeklyUntil ? toBeijingIso(v.repeatWeeklyUntil.endOf('day').toDate()) : undefined,
  };
}

export interface ActivityFormProps {
  initial?: ActivityFormValues;
  /** Editing an existing draft: the organisation, region and series are fixed. */
  editing?: boolean;
  onSubmit: (values: ActivityFormValues, andSubmit: boolean) => Promise<void>;
  onCancel: () => void;
}

/** The activity's create / edit form: keeps what was typed when the server refuses, shows its reasons by the fields. */
export function ActivityForm({ initial, editing, onSubmit, onCancel }: ActivityFormProps) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const orgs = useAdminOrgs();
  const [form] = Form.useForm<ActivityFormValues>();
  const [busy, setBusy] = useState<null | 'draft' | 'submit'>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const regionPath = Form.useWatch('regionPath', form);
  const pickedLat = Form.useWatch('lat', form);
  const pickedLng = Form.useWatch('lng', form);
  const [picking, setPicking] = useState(false);
  const isRisky = Form.useWatch('isRisky', form);
  const regionCode = regionPath?.[regionPath.length - 1];

  const stationList = useQuery({ ...activitiesApi.stations(regionCode ?? ''), enabled: Boolean(regionCode) });
  const stations = (regionCode ? stationList.data?.items : undefined) ?? [];

  const pickStation = (stationId?: string) => {
    const s = stations.find((x) => x.id === stationId);
    if (s) form.setFieldsValue({ address: s.address, lat: s.lat, lng: s.lng });
  };

  const run = async (andSubmit: boolean) => {
    setFailure(null);
    let values: ActivityFormValues;
    try {
      values = await form.validateFields();
    } catch {
      setFailure(t('activities.form.fixFields'));
      return;
    }
    setBusy(andSubmit ? 'submit' : 'draft');
    try {
      await onSubmit(values, andSubmit);
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) {
        const { fields, rest } = toFormFieldErrors(err.fields, lang, FIELDS, { regionCode: 'regionPath' });
        form.setFields(fields);
        setFailure([t('activities.form.fixFields'), ...rest].join(' '));
      } else {
        setFailure(reasonText(err, t, lang));
      }
    } finally {
      setBusy(null);
    }
  };

  const required = (msg: string) => [{ required: true, message: msg }];

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ geofenceMeters: 500, capacity: 20, cancelDeadlineMinutes: 120, allowOutsideFence: false, orgId: orgs.length === 1 ? orgs[0]!.id : undefined, ...initial }}
      data-testid="activity-form"
      scrollToFirstError
    >
      <Card title={t('activities.form.basics')}>
        <Row gutter={16}>
          {editing ? null : (
            <Col xs={24} md={12}>
              <Form.Item name="orgId" label={t('activities.form.org')} rules={required(t('activities.form.orgRequired'))}>
                <Select options={orgs.map((o) => ({ value: o.id, label: o.name }))} data-testid="activity-org" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="category" label={t('activities.form.category')} rules={required(t('activities.form.categoryRequired'))}>
              <Select options={categoryOptions(lang)} showSearch={{ optionFilterProp: 'label' }} data-testid="activity-category" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="title" label={t('activities.form.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('activities.form.titleRequired') }]}>
              <Input maxLength={100} data-testid="activity-title-input" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t('activities.form.description')} rules={[{ required: true, whitespace: true, min: 2, message: t('activities.form.descriptionRequired') }]}>
              <Input.TextArea rows={4} maxLength={5000} showCount data-testid="activity-description" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="personInCharge" label={t('activities.form.personInCharge')} rules={[{ min: 2, message: t('activities.form.personInChargeMin') }]}>
              <Input maxLength={40} data-testid="activity-person" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="capacity" label={t('activities.form.capacity')} rules={required(t('activities.form.capacityRequired'))}>
              <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} data-testid="activity-capacity-input" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('activities.form.whenWhere')} style={{ marginTop: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="startsAt" label={t('activities.form.startsAt')} rules={required(t('activities.form.startsAtRequired'))}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="activity-starts" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="endsAt" label={t('activities.form.endsAt')} rules={required(t('activities.form.endsAtRequired'))}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="activity-ends" />
            </Form.Item>
          </Col>
          {editing ? null : (
            <>
              <Col xs={24} md={12}>
                <Form.Item name="regionPath" label={t('activities.form.region')} rules={required(t('activities.form.regionRequired'))}>
                  <RegionCascader testId="activity-region" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="stationId" label={t('activities.form.station')} extra={t('activities.form.stationHint')}>
                  <Select
                    allowClear
                    disabled={stations.length === 0}
                    placeholder={stations.length === 0 ? t('activities.form.noStations') : undefined}
                    options={stations.map((s) => ({ value: s.id, label: s.name }))}
                    onChange={pickStation}
                    data-testid="activity-station"
                  />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24}>
            <Form.Item name="address" label={t('activities.form.address')} rules={[{ required: true, whitespace: true, min: 2, message: t('activities.form.addressRequired') }]}>
              <Input maxLength={200} data-testid="activity-address" />
            </Form.Item>
            <Form.Item>
              <Space wrap>
                <UseMyLocation onFound={(p) => form.setFieldsValue({ lat: p.lat, lng: p.lng })} />
                <Button onClick={() => setPicking((v) => !v)} data-testid="activity-pick-on-map">
                  {t('activities.form.pickOnMap')}
                </Button>
              </Space>
            </Form.Item>
            {picking ? (
              <Suspense fallback={null}>
                <MapPicker trail={regionPath ?? []} value={pickedLat !== undefined && pickedLng !== undefined ? { lat: pickedLat, lng: pickedLng } : null} onPick={(p) => form.setFieldsValue({ lat: p.lat, lng: p.lng })} />
              </Suspense>
            ) : null}
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="lat" label={t('activities.form.lat')} rules={required(t('activities.form.latRequired'))}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} data-testid="activity-lat" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="lng" label={t('activities.form.lng')} rules={required(t('activities.form.lngRequired'))}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} data-testid="activity-lng" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="geofenceMeters" label={t('activities.form.geofence')}>
              <InputNumber min={50} max={20000} precision={0} addonAfter={t('activities.form.meters')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="allowOutsideFence" valuePropName="checked" label=" ">
              <Checkbox>{t('activities.form.allowOutside')}</Checkbox>
            </Form.Item>
          </Col>
          {editing ? null : (
            <Col xs={24} md={12}>
              <Form.Item name="repeatWeeklyUntil" label={t('activities.form.repeatWeeklyUntil')} extra={t('activities.form.repeatHint')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="cancelDeadlineMinutes" label={t('activities.form.cancelDeadline')}>
              <InputNumber min={0} max={10080} precision={0} addonAfter={t('activities.form.minutesUnit')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('activities.form.requirements')} style={{ marginTop: 16 }}>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="minAge" label={t('activities.form.minAge')}>
              <InputNumber min={0} max={120} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="maxAge" label={t('activities.form.maxAge')}>
              <InputNumber min={0} max={120} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="requiredSkills" label={t('activities.form.skills')}>
              <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} placeholder={t('activities.form.skillsHint')} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="risks" label={t('activities.form.risks')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Space size={24} wrap>
              <Form.Item name="isRisky" valuePropName="checked" noStyle>
                <Checkbox data-testid="activity-risky">{t('activities.form.isRisky')}</Checkbox>
              </Form.Item>
              <Form.Item name="insured" valuePropName="checked" style={{ marginBottom: 0 }}>
                <Checkbox data-testid="activity-insured">{t('activities.form.insured')}</Checkbox>
              </Form.Item>
            </Space>
            {isRisky ? <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('activities.form.riskyHint')} /> : null}
          </Col>
        </Row>
      </Card>

      {failure ? <Alert style={{ marginTop: 16 }} type="error" showIcon title={failure} data-testid="activity-form-error" /> : null}
      <Flex gap={8} justify="flex-end" style={{ marginTop: 16 }}>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button loading={busy === 'draft'} disabled={busy !== null} onClick={() => void run(false)} data-testid="activity-save">
          {t('activities.form.saveDraft')}
        </Button>
        <Button type="primary" loading={busy === 'submit'} disabled={busy !== null} onClick={() => void run(true)} data-testid="activity-save-submit">
          {t('activities.form.saveSubmit')}
        </Button>
      </Flex>
    </Form>
  );
}
