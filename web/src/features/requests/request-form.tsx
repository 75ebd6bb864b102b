import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Collapse, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Spin, Tag, Typography } from 'antd';
import { AimOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ServiceCategory } from '@shared/constants';
import { isApiError } from '../../api/client';
import { describeError } from '../../api/error-text';
import type { User } from '../../api/types';
import { useMe } from '../auth/auth-context';
import { usePreferences } from '../preferences/preferences';
import { regionRoots } from '../access/grant-rules';
import { RegionCascader } from '../regions/region-cascader';
import { useFormat } from '../../i18n/use-format';
import { toFormFieldErrors } from '../../lib/form-errors';
import { requestsApi, type NewRequest, type ServiceRequest } from './api';
import { useKeyKeeper } from '../ledger/use-submit-once';
import { geolocate, type Position } from './geolocate';
import { categoryChoices, lastOf, minutesText, RESIDENT_CATEGORIES, whenRange, WHEN_CHOICES, type When } from './labels';
import { fetchApi } from '../../api/query';

interface Values {
  resident?: { value: string; label: string };
  category?: ServiceCategory;
  description?: string;
  regionPath?: string[];
  address?: string;
  preferred?: [Dayjs | null, Dayjs | null] | null;
  when?: When;
  contactName?: string;
  contactPhone?: string;
  payMinutes?: number | null;
}

const FIELDS = ['resident', 'category', 'description', 'regionPath', 'address', 'preferred', 'contactName', 'contactPhone', 'payMinutes'] as const;

/**
 * 点单. A resident asks for themself (big tags, big inputs, their time balance); with
 * `onBehalf`, staff first find the resident (an elder without a phone) and the form says so.
 */
export function RequestForm({ onBehalf = false, onDone }: { onBehalf?: boolean; onDone: (r: ServiceRequest, residentName: string | null) => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { grants, user } = useMe();
  const { largeText } = usePreferences();
  const [form] = Form.useForm<Values>();
  const [pos, setPos] = useState<Position | null>(null);
  const [locating, setLocating] = useState(false);
  const [locError, setLocError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const category = Form.useWatch('category', form);
  const resident = Form.useWatch('resident', form);
  const balance = useQuery({ ...requestsApi.timeBalance(), enabled: !(onBehalf) });
  const roots = useMemo(() => (onBehalf ? regionRoots(grants, ['region_admin', 'station_admin']) : undefined), [onBehalf, grants]);
  // a resident sees the kinds of help a resident asks for (not 大型赛会 or traffic duty)
  const choices = useMemo(() => categoryChoices(lang).filter((c) => onBehalf || RESIDENT_CATEGORIES.includes(c.value)), [lang, onBehalf]);
  // a resident's community is their own and the address their last one, unless they change them
  const [otherPlace, setOtherPlace] = useState(false);
  const homeRegion = !onBehalf && user ? user.regionCode : null;
  useEffect(() => {
    if (onBehalf) return;
    const c = new AbortController();
    fetchApi(requestsApi.list({ scope: 'mine', page: 1, pageSize: 1 }), c.signal).then(
      (p) => {
        const last = p.items[0];
        if (last && !form.getFieldValue('address')) form.setFieldValue('address', last.address);
      },
      () => undefined,
    );
    return () => c.abort();
  }, [onBehalf, form]);

  // the resident search (staff), debounced; the newest answer wins
  const [people, setPeople] = useState<User[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const ctl = useRef<AbortController | null>(null);
  const onSearch = (q: string) => {
    clearTimeout(timer.current);
    ctl.current?.abort();
    const text = q.trim();
    if (!text) {
      setPeople([]);
      setSearching(false);
      return;
    }
    setSearching(true);
    timer.current = setTimeout(() => {
      const c = new AbortController();
      ctl.current = c;
      fetchApi(requestsApi.people(text), c.signal).then(
        (p) => !c.signal.aborted && (setPeople(p.items), setSearching(false)),
        () => !c.signal.aborted && (setPeople([]), setSearching(false)),
      );
    }, 300);
  };

  const locate = async () => {
    setLocating(true);
    setLocError(null);
    try {
      setPos(await geolocate());
    } catch (err) {
      const reason = err instanceof Error && err.message === 'unsupported' ? t('requests.help.locationUnsupported') : err instanceof Error ? err.message : String(err);
      setLocError(t('requests.help.locationFailed', { reason }));
    } finally {
      setLocating(false);
    }
  };

  const keeper = useKeyKeeper();
  const submit = async (v: Values) => {
    setProblem(null);
    const pay = v.payMinutes ?? 0;
    if (!onBehalf && typeof balance.data === 'number' && pay > balance.data) {
      form.setFields([{ name: 'payMinutes', errors: [t('requests.help.payTooMuch', { balance: minutesText(t, balance.data), amount: minutesText(t, pay) })] }]);
      return;
    }
    setBusy(true);
    try {
      const body: NewRequest = {
        category: v.category!,
        description: v.description!.trim(),
        regionCode: (otherPlace || !homeRegion ? lastOf(v.regionPath) : homeRegion)!,
        address: v.address!.trim(),
        ...(pos ? { lat: pos.lat, lng: pos.lng } : {}),
        ...(v.preferred?.[0] ? { preferredFrom: v.preferred[0].toISOString() } : {}),
        ...(v.preferred?.[1] ? { preferredTo: v.preferred[1].toISOString() } : {}),
        ...(!onBehalf && v.when ? whenRange(v.when, dayjs()) : {}),
        ...(v.contactName?.trim() ? { contactName: v.contactName.trim() } : {}),
        ...(v.contactPhone?.trim() ? { contactPhone: v.contactPhone.trim() } : {}),
        ...(pay > 0 ? { payMinutes: pay, ...(onBehalf ? { payFrom: 'public_pool' as const } : {}) } : {}),
        ...(onBehalf && v.resident ? { residentId: v.resident.value } : {}),
      };
      const r = await requestsApi.create(body, keeper.keyFor(body));
      keeper.done();
      form.resetFields();
      setPos(null);
      onDone(r, onBehalf ? (v.resident?.label ?? null) : null);
    } catch (err) {
      if (isApiError(err) && err.code === 'INSUFFICIENT_BALANCE') {
        form.setFields([{ name: 'payMinutes', errors: [t('requests.help.payTooMuch', { balance: typeof balance.data === 'number' ? minutesText(t, balance.data) : '—', amount: minutesText(t, pay) })] }]);
        setProblem(t('requests.common.fixFields'));
      } else if (isApiError(err) && Object.keys(err.fields).length) {
        const { fields, rest } = toFormFieldErrors(err.fields, lang, FIELDS, { regionCode: 'regionPath', residentId: 'resident', preferredFrom: 'preferred', preferredTo: 'preferred' });
        form.setFields(fields);
        setProblem([t('requests.common.fixFields'), ...rest].join(' '));
      } else {
        const d = describeError(err, t, lang);
        setProblem(d.hint ? `${d.title}：${d.hint}` : d.title);
      }
    } finally {
      setBusy(false);
    }
  };

  const bigTag = { padding: '10px 14px', fontSize: largeText ? 20 : 16, minHeight: largeText ? 52 : 44, display: 'inline-flex', alignItems: 'center', cursor: 'pointer', margin: 0 } as const;

  // where exactly, who to call, paying with time: on the staff's form; folded away for a resident
  const optional = (
    <>
          <Flex vertical gap={4} style={{ marginBottom: 16 }}>
            <Button icon={<AimOutlined />} onClick={locate} loading={locating} block data-testid="request-locate">
              {locating ? t('requests.help.locating') : t('requests.help.useLocation')}
            </Button>
            {pos ? (
              <Typography.Text type="success" data-testid="request-located">
                {t('requests.help.located')}（{pos.lat}, {pos.lng}）
              </Typography.Text>
            ) : null}
            {locError ? (
              <Typography.Text type="warning" data-testid="request-locate-error">
                {locError}
              </Typography.Text>
            ) : null}
          </Flex>
          <Form.Item name="contactName" label={t('requests.fields.contactName')}>
            <Input maxLength={40} placeholder={t('requests.help.contactNamePlaceholder')} data-testid="request-contact-name" />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('requests.fields.contactPhone')} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('requests.help.phoneInvalid') }]}>
            <Input inputMode="tel" maxLength={11} placeholder={t('requests.help.contactPhonePlaceholder')} data-testid="request-contact-phone" />
          </Form.Item>
          {onBehalf ? (
            <Form.Item name="payMinutes" label={t('requests.fields.payFromPool')} extra={t('requests.help.payFromPoolHint')}>
              <InputNumber min={0} max={6000} step={30} precision={0} style={{ width: '100%' }} suffix={t('requests.common.minutes', { n: '' }).trim()} data-testid="request-pay-pool" />
            </Form.Item>
          ) : (
            <Form.Item
              name="payMinutes"
              label={t('requests.fields.payMinutes')}
              extra={
                <span data-testid="request-balance">
                  {typeof balance.data === 'number' ? t('requests.help.payHint', { balance: minutesText(t, balance.data) }) : balance.isFetching ? t('common.loading') : t('requests.help.payHintNoBalance')}
                </span>
              }
            >
              <InputNumber min={0} max={6000} step={30} precision={0} style={{ width: '100%' }} suffix={t('requests.common.minutes', { n: '' }).trim()} data-testid="request-pay" />
            </Form.Item>
          )}
    </>
  );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="large"
      onFinish={submit}
      requiredMark
      data-testid="request-form"
    >
      {onBehalf ? (
        <>
          <Form.Item name="resident" label={t('requests.fields.resident')} rules={[{ required: true, message: t('requests.help.residentRequired') }]} extra={t('requests.help.residentHint')}>
            <Select
              showSearch={{ filterOption: false, onSearch }}
              labelInValue
              placeholder={t('requests.help.residentPlaceholder')}
              notFoundContent={searching ? <Spin size="small" /> : t('requests.help.noPeople')}
              options={people.map((p) => ({ value: p.id, label: p.name, title: `${p.name} ${p.phone}` }))}
              optionRender={(o) => <span>{(o.data as { title: string }).title}</span>}
              data-testid="request-resident"
            />
          </Form.Item>
          {resident ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('requests.common.onBehalfOf', { name: resident.label })} data-testid="request-on-behalf" /> : null}
        </>
      ) : null}
      <Form.Item name="category" label={t('requests.fields.category')} rules={[{ required: true, message: t('requests.help.categoryRequired') }]}>
        <Flex wrap gap={8} data-testid="request-category">
          {choices.map((c) => (
            <Tag.CheckableTag key={c.value} checked={category === c.value} onChange={() => form.setFieldValue('category', c.value)} style={{ ...bigTag, border: '1px solid #d9d9d9' }} data-testid={`category-${c.value}`}>
              {c.label}
            </Tag.CheckableTag>
          ))}
        </Flex>
      </Form.Item>
      <Form.Item name="description" label={t('requests.fields.description')} rules={[{ required: true, whitespace: true, min: 2, message: t('requests.help.descriptionRequired') }]}>
        <Input.TextArea rows={3} maxLength={1000} placeholder={t('requests.help.descriptionPlaceholder')} data-testid="request-description" />
      </Form.Item>
      {homeRegion && !otherPlace ? (
        <Form.Item label={t('requests.fields.region')}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text strong data-testid="request-home-region">
              {user?.regionName ?? t('requests.help.myCommunity')}
            </Typography.Text>
            <Button type="link" onClick={() => setOtherPlace(true)} style={{ paddingInline: 0 }} data-testid="request-other-place">
              {t('requests.help.otherPlace')}
            </Button>
          </Flex>
        </Form.Item>
      ) : (
        <Form.Item name="regionPath" label={t('requests.fields.region')} rules={[{ required: true, message: t('requests.help.regionRequired') }]}>
          <RegionCascader roots={roots} testId="request-region" />
        </Form.Item>
      )}
      <Form.Item name="address" label={t('requests.fields.address')} rules={[{ required: true, whitespace: true, min: 2, message: t('requests.help.addressRequired') }]}>
        <Input maxLength={200} placeholder={t('requests.help.addressPlaceholder')} data-testid="request-address" />
      </Form.Item>
      {onBehalf ? (
        <Form.Item name="preferred" label={t('requests.fields.preferred')}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} allowEmpty={[true, true]} inputReadOnly data-testid="request-preferred" />
        </Form.Item>
      ) : (
        <Form.Item name="when" label={t('requests.fields.preferred')} initialValue="asap">
          <Radio.Group optionType="button" buttonStyle="solid" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="request-when">
            {WHEN_CHOICES.map((w) => (
              <Radio.Button key={w} value={w} style={{ borderRadius: 8, borderInlineStartWidth: 1 }}>
                <span data-testid={`when-${w}`}>{t(`requests.help.when.${w}`)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
      )}
      {onBehalf ? (
        optional
      ) : (
        <Collapse ghost style={{ marginBottom: 16 }} data-testid="request-more" items={[{ key: 'more', label: t('requests.help.more'), forceRender: true, children: optional }]} />
      )}
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="request-problem" /> : null}
      <Button type="primary" htmlType="submit" block icon={<SendOutlined />} loading={busy} style={{ minHeight: largeText ? 64 : 52, fontSize: largeText ? 22 : 18 }} data-testid="request-submit">
        {t('requests.help.submit')}
      </Button>
    </Form>
  );
}
