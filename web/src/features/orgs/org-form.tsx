import { useState } from 'react';
import { Alert, Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORG_TYPES, type OrgType } from '@shared/constants';
import type { Org } from '../../api/types';
import { useFormat } from '../../i18n/use-format';
import { peopleApi, type OrgCreate } from '../people/api';
import { showFormProblem } from '../people/form-problem';
import { lastCode, orgTypeLabel } from '../people/labels';
import { RegionCascader } from '../regions/region-cascader';

interface OrgValues {
  name: string;
  type?: OrgType;
  region?: string[];
  supervisingUnit?: string;
  contactName?: string;
  contactPhone?: string;
  description?: string;
}
const FIELDS = ['name', 'type', 'region', 'supervisingUnit', 'contactName', 'contactPhone', 'description'] as const;
const CONTACT_PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

const opt = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/** Register an organisation (`POST /orgs`), or edit one (`PATCH /orgs/:id`, no region change). */
export function OrgForm({ org, onDone, size = 'large' }: { org?: Org; onDone: (o: Org) => void; size?: 'large' | 'middle' }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const [form] = Form.useForm<OrgValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onFinish = async (v: OrgValues) => {
    setBusy(true);
    setProblem(null);
    const body = {
      name: v.name.trim(),
      type: v.type!,
      supervisingUnit: opt(v.supervisingUnit),
      contactName: opt(v.contactName),
      contactPhone: opt(v.contactPhone),
      description: opt(v.description),
    };
    try {
      const saved = org ? await peopleApi.updateOrg(org.id, body) : await peopleApi.createOrg({ ...body, regionCode: lastCode(v.region)! } as OrgCreate);
      onDone(saved);
    } catch (err) {
      setProblem(showFormProblem(form, err, t, lang, FIELDS, { regionCode: 'region' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<OrgValues>
      form={form}
      layout="vertical"
      size={size}
      onFinish={onFinish}
      data-testid="org-form"
      initialValues={
        org
          ? {
              name: org.name,
              type: org.type,
              supervisingUnit: org.supervisingUnit ?? '',
              contactName: org.contactName ?? '',
              contactPhone: org.contactPhone ?? '',
              description: org.description ?? '',
            }
          : undefined
      }
    >
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} data-testid="org-form-problem" /> : null}
      <Form.Item name="name" label={t('people.orgForm.name')} rules={[{ required: true, whitespace: true, min: 2, max: 100, message: t('people.orgForm.nameRequired') }]}>
        <Input maxLength={100} placeholder={t('people.orgForm.namePlaceholder')} data-testid="org-name" />
      </Form.Item>
      <Form.Item name="type" label={t('people.orgForm.type')} rules={[{ required: true, message: t('people.orgForm.typeRequired') }]}>
        <Select<OrgType> options={ORG_TYPES.map((o) => ({ value: o, label: orgTypeLabel(o, lang) }))} data-testid="org-type" />
      </Form.Item>
      {org ? null : (
        <Form.Item name="region" label={t('people.orgForm.region')} rules={[{ required: true, type: 'array', min: 1, message: t('people.orgForm.regionRequired') }]}>
          <RegionCascader testId="org-region" placeholder={t('register.regionPlaceholder')} />
        </Form.Item>
      )}
      <Form.Item name="supervisingUnit" label={t('people.orgForm.supervisingUnit')}>
        <Input maxLength={100} placeholder={t('people.orgForm.supervisingUnitPlaceholder')} data-testid="org-supervising" />
      </Form.Item>
      <Form.Item name="contactName" label={t('people.orgForm.contactName')}>
        <Input maxLength={40} data-testid="org-contact-name" />
      </Form.Item>
      <Form.Item name="contactPhone" label={t('people.orgForm.contactPhone')} rules={[{ pattern: CONTACT_PHONE, message: t('people.orgForm.contactPhoneInvalid') }]}>
        <Input maxLength={20} inputMode="tel" data-testid="org-contact-phone" />
      </Form.Item>
      <Form.Item name="description" label={t('people.orgForm.description')}>
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('people.orgForm.descriptionPlaceholder')} data-testid="org-description" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block={size === 'large'} loading={busy} data-testid="org-submit">
        {org ? t('people.common.save') : t('people.orgForm.submit')}
      </Button>
    </Form>
  );
}
