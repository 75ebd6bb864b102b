import { useMemo, useState } from 'react';
import { Alert, Button, Divider, Form, Input, Radio, Result, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { GUARDIAN_RELATIONS, type ServiceCategory } from '@shared/constants';
import { IdNumber } from '@shared/schemas/auth';
import { useMe } from '../auth/auth-context';
import { ownScopes, regionRoots } from '../access/grant-rules';
import { zodRule } from '../auth/zod-rule';
import { RegionCascader } from '../regions/region-cascader';
import { useFormat } from '../../i18n/use-format';
import { peopleApi, type Profile } from './api';
import { showFormProblem } from './form-problem';
import { ageOn, birthDateOfId, categoryOptions, cleanSkills, lastCode } from './labels';
import { LegalLinks } from '../legal/legal-links';

interface Values {
  name: string;
  idNumber: string;
  phone: string;
  region?: string[];
  skills?: string[];
  serviceCategories?: ServiceCategory[];
  consentMethod?: 'paper' | 'verbal';
  guardianName?: string;
  guardianPhone?: string;
  guardianRelation?: (typeof GUARDIAN_RELATIONS)[number];
  stationId?: string;
}
const FIELDS = ['name', 'idNumber', 'phone', 'region', 'skills', 'serviceCategories', 'consentMethod', 'guardianName', 'guardianPhone', 'guardianRelation', 'stationId'] as const;
const RENAME = { regionCode: 'region', 'guardian.name': 'guardianName', 'guardian.phone': 'guardianPhone', 'guardian.relation': 'guardianRelation', guardian: 'guardianName' } as const;

/** 代注册: staff register a resident on their behalf (`POST /volunteers`); under 18 a guardian is required. */
export function OnBehalfForm({ onDone }: { onDone?: (p: Profile) => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { grants, user } = useMe();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<Profile | null>(null);
  const roots = useMemo(() => regionRoots(grants, ['region_admin', 'station_admin']), [grants]);
  const stations = useMemo(() => ownScopes(grants.filter((g) => g.role === 'station_admin'), 'station'), [grants]);
  const idNumber = Form.useWatch('idNumber', form);
  const age = ageOn(birthDateOfId(idNumber));
  const minor = age !== null && age < 18;

  const onFinish = async (v: Values) => {
    setBusy(true);
    setProblem(null);
    try {
      const p = await peopleApi.registerOnBehalf({
        name: v.name.trim(),
        idNumber: v.idNumber.trim().toUpperCase(),
        phone: v.phone.trim(),
        regionCode: lastCode(v.region)!,
        skills: cleanSkills(v.skills ?? []),
        serviceCategories: v.serviceCategories ?? [],
        consentMethod: v.consentMethod!,
        ...(minor && v.guardianName ? { guardian: { name: v.guardianName.trim(), phone: (v.guardianPhone ?? '').trim(), relation: v.guardianRelation! } } : {}),
        ...(v.stationId ? { stationId: v.stationId } : {}),
      });
      setDone(p);
      onDone?.(p);
    } catch (err) {
      setProblem(showFormProblem(form, err, t, lang, FIELDS, RENAME));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Result
        status="success"
        data-testid="on-behalf-done"
        title={t('people.onBehalf.done', { name: done.name, no: done.volunteerNo })}
        subTitle={t('people.common.onBehalfOf', { name: done.name })}
        extra={
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              setDone(null);
            }}
          >
            {t('people.onBehalf.another')}
          </Button>
        }
      />
    );
  }

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      data-testid="on-behalf-form"
      initialValues={{ consentMethod: 'paper', stationId: stations[0]?.id, region: roots.length === 1 ? [roots[0]!.code] : undefined }}
    >
      <Typography.Paragraph type="secondary">{t('people.onBehalf.intro')}</Typography.Paragraph>
      {user ? <Alert type="info" showIcon message={`${t('people.menu.onBehalf')} · ${user.name}`} style={{ marginBottom: 16 }} /> : null}
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} data-testid="on-behalf-problem" /> : null}
      <Form.Item name="name" label={t('people.onBehalf.name')} rules={[{ required: true, whitespace: true, message: t('people.onBehalf.nameRequired') }]}>
        <Input maxLength={40} data-testid="ob-name" />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('people.onBehalf.idNumber')}
        rules={[{ required: true, message: t('people.onBehalf.idRequired') }, zodRule(IdNumber, t('people.onBehalf.idInvalid'))]}
        extra={age !== null ? `${t('people.profile.age')}：${t('people.profile.ageValue', { age })}` : undefined}
      >
        <Input maxLength={18} placeholder={t('people.onBehalf.idNumberPlaceholder')} data-testid="ob-id-number" autoComplete="off" />
      </Form.Item>
      <Form.Item name="phone" label={t('people.onBehalf.phone')} rules={[{ required: true, message: t('people.onBehalf.phoneRequired') }, { pattern: /^1[3-9]\d{9}$/, message: t('people.onBehalf.phoneInvalid') }]}>
        <Input maxLength={11} inputMode="tel" placeholder={t('people.onBehalf.phonePlaceholder')} data-testid="ob-phone" />
      </Form.Item>
      <Form.Item name="region" label={t('people.onBehalf.region')} rules={[{ required: true, type: 'array', min: 1, message: t('people.common.regionRequired') }]}>
        <RegionCascader roots={roots.length ? roots : undefined} testId="ob-region" />
      </Form.Item>
      {stations.length > 0 ? (
        <Form.Item name="stationId" label={t('people.onBehalf.station')}>
          <Select options={stations.map((s) => ({ value: s.id, label: s.name }))} data-testid="ob-station" />
        </Form.Item>
      ) : null}
      <Form.Item name="skills" label={t('people.onBehalf.skills')}>
        <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} placeholder={t('people.profile.skillsPlaceholder')} />
      </Form.Item>
      <Form.Item name="serviceCategories" label={t('people.onBehalf.categories')}>
        <Select mode="multiple" options={categoryOptions(lang)} allowClear />
      </Form.Item>
      <Form.Item name="consentMethod" label={t('people.onBehalf.consentMethod')} extra={<LegalLinks style={{ textAlign: 'left', margin: 0 }} />} rules={[{ required: true, message: t('people.onBehalf.consentRequired') }]}>
        <Radio.Group
          options={(['paper', 'verbal'] as const).map((m) => ({ value: m, label: t(`people.consentMethods.${m}`) }))}
          data-testid="ob-consent"
        />
      </Form.Item>
      {minor ? (
        <>
          <Divider titlePlacement="start">{t('people.onBehalf.guardianTitle')}</Divider>
          <Form.Item name="guardianName" label={t('people.onBehalf.guardianName')} rules={[{ required: true, whitespace: true, message: t('people.onBehalf.guardianRequired') }]}>
            <Input maxLength={40} data-testid="ob-guardian-name" />
          </Form.Item>
          <Form.Item name="guardianPhone" label={t('people.onBehalf.guardianPhone')} rules={[{ required: true, message: t('people.onBehalf.guardianRequired') }, { pattern: /^1[3-9]\d{9}$/, message: t('people.onBehalf.phoneInvalid') }]}>
            <Input maxLength={11} inputMode="tel" data-testid="ob-guardian-phone" />
          </Form.Item>
          <Form.Item name="guardianRelation" label={t('people.onBehalf.guardianRelation')} rules={[{ required: true, message: t('people.onBehalf.guardianRequired') }]}>
            <Select options={GUARDIAN_RELATIONS.map((r) => ({ value: r, label: t(`guardianRelations.${r}`) }))} data-testid="ob-guardian-relation" />
          </Form.Item>
        </>
      ) : null}
      <Button type="primary" htmlType="submit" loading={busy} block data-testid="ob-submit">
        {t('people.onBehalf.submit')}
      </Button>
    </Form>
  );
}
