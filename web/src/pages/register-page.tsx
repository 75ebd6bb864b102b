import { useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Divider, Form, Input, Select, Typography } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { GUARDIAN_RELATIONS, TERMS_VERSION } from '@shared/constants';
import { parseIdNumber } from '@shared/lib/id-number';
import { Password, PersonName, Phone } from '@shared/schemas/auth';
import { RegionCode } from '@shared/schemas/common';
import { isApiError } from '../api/client';
import { describeError } from '../api/error-text';
import { PhoneShell } from '../components/phone-shell';
import { useMe } from '../features/auth/auth-context';
import { ageRule } from '../features/auth/minor';
import { zodRule } from '../features/auth/zod-rule';
import { RegionCascader } from '../features/regions/region-cascader';
import { currentLang } from '../i18n';
import { useFormat } from '../i18n/use-format';
import { toFormFieldErrors } from '../lib/form-errors';
import { safeNext } from '../lib/safe-next';
import { FullPageSpin } from '../app/require-auth';
import { AuthHeader } from './auth-header';
import { LegalLinks } from '../features/legal/legal-links';

interface RegisterValues {
  name: string;
  idNumber: string;
  phone: string;
  password: string;
  confirm: string;
  /** The chosen path in the region tree; the last code is sent. */
  regionCode: string[];
  consent: boolean;
  /** Only for 14–17 year olds. */
  guardianName?: string;
  guardianPhone?: string;
  guardianRelation?: (typeof GUARDIAN_RELATIONS)[number];
}

const FORM_FIELDS = ['name', 'idNumber', 'phone', 'password', 'confirm', 'regionCode', 'consent', 'guardianName', 'guardianPhone', 'guardianRelation'] as const;
/** The server names the guardian's fields `guardian.name` …; the form keeps them flat. */
const SERVER_NAMES = { guardian: 'guardianName', 'guardian.name': 'guardianName', 'guardian.phone': 'guardianPhone', 'guardian.relation': 'guardianRelation' } as const;

type Problem = { kind: 'already' } | { kind: 'fields'; rest: string[] } | { kind: 'other'; title: string; hint: string | null };

/** `/register`: real-name registration; the person is logged in afterwards. */
export default function RegisterPage() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n.language);
  const { date } = useFormat();
  const { message } = App.useApp();
  const { status, register } = useMe();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const [form] = Form.useForm<RegisterValues>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const idNumber = Form.useWatch('idNumber', form);
  const idInfo = useMemo(() => {
    if (!idNumber) return null;
    const r = parseIdNumber(idNumber);
    return 'problem' in r ? null : { ...r, rule: ageRule(r.birthDate) };
  }, [idNumber]);
  const needsGuardian = idInfo?.rule === 'needs_guardian';

  if (status === 'loading') return <FullPageSpin />;
  if (status === 'authenticated' && !submitting) return <Navigate to={next} replace />;

  const onFinish = async (v: RegisterValues) => {
    setSubmitting(true);
    setProblem(null);
    try {
      await register({
        name: v.name.trim(),
        idNumber: v.idNumber.trim().toUpperCase(),
        phone: v.phone.trim(),
        password: v.password,
        regionCode: v.regionCode[v.regionCode.length - 1] ?? '',
        consentVersion: TERMS_VERSION,
        ...(needsGuardian && v.guardianName && v.guardianPhone && v.guardianRelation
          ? { guardian: { name: v.guardianName.trim(), phone: v.guardianPhone.trim(), relation: v.guardianRelation } }
          : {}),
      });
      void message.success(t('register.welcome'));
      navigate(next, { replace: true });
    } catch (err) {
      if (isApiError(err) && err.code === 'ALREADY_REGISTERED') {
        setProblem({ kind: 'already' });
      } else if (isApiError(err) && Object.keys(err.fields).length > 0) {
        const { fields, rest } = toFormFieldErrors(err.fields, lang, FORM_FIELDS, SERVER_NAMES);
        form.setFields(fields);
        setProblem({ kind: 'fields', rest });
        if (fields[0]) form.scrollToField(fields[0].name);
      } else {
        setProblem({ kind: 'other', ...describeError(err, t, lang) });
      }
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PhoneShell>
      <div style={{ paddingTop: 24 }}>
        <AuthHeader title={t('register.title')} subtitle={t('register.subtitle')} />
        {problem?.kind === 'already' ? (
          <Alert
            type="error"
            showIcon
            data-testid="register-error"
            style={{ marginBottom: 16 }}
            title={t('errors.ALREADY_REGISTERED')}
            description={
              <>
                {t('register.alreadyRegistered')} <Link to={next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'}>{t('register.toLogin')}</Link>
              </>
            }
          />
        ) : null}
        {problem?.kind === 'fields' ? (
          <Alert
            type="error"
            showIcon
            data-testid="register-error"
            style={{ marginBottom: 16 }}
            title={t('errors.VALIDATION_FAILED')}
            description={[t('register.fixFields'), ...problem.rest].join(' ')}
          />
        ) : null}
        {problem?.kind === 'other' ? (
          <Alert type="error" showIcon data-testid="register-error" style={{ marginBottom: 16 }} title={problem.title} description={problem.hint ?? undefined} />
        ) : null}

        <Form<RegisterValues>
          form={form}
          name="register"
          layout="vertical"
          requiredMark={false}
          size="large"
          scrollToFirstError
          onFinish={onFinish}
          data-testid="register-form"
        >
          <Form.Item
            name="name"
            label={t('register.name')}
            validateTrigger="onBlur"
            rules={[{ required: true, whitespace: true, message: t('register.nameRequired') }, zodRule(PersonName, t('register.nameInvalid'))]}
          >
            <Input autoComplete="name" maxLength={40} placeholder={t('register.namePlaceholder')} data-testid="register-name" />
          </Form.Item>

          <Form.Item
            name="idNumber"
            label={t('register.idNumber')}
            validateTrigger={['onChange', 'onBlur']}
            validateDebounce={400}
            extra={
              idInfo ? (
                <span data-testid="register-id-derived">
                  {t('register.idDerived', { birthDate: date(idInfo.birthDate), sex: t(`sex.${idInfo.sex}`) })}
                </span>
              ) : undefined
            }
            rules={[
              { required: true, whitespace: true, message: t('register.idNumberRequired') },
              {
                validator: async (_rule, value: unknown) => {
                  if (typeof value !== 'string' || value.trim() === '') return;
                  const r = parseIdNumber(value);
                  if ('problem' in r) throw new Error(t(`idNumber.${r.problem}`));
                  if (ageRule(r.birthDate) === 'too_young') throw new Error(t('register.tooYoung'));
                },
              },
            ]}
          >
            <Input autoComplete="off" maxLength={18} placeholder={t('register.idNumberPlaceholder')} data-testid="register-id-number" />
          </Form.Item>

          {needsGuardian ? (
            <div data-testid="register-guardian">
              <Divider titlePlacement="start">{t('register.guardianTitle')}</Divider>
              <Typography.Paragraph type="secondary">{t('register.guardianHint')}</Typography.Paragraph>
              <Form.Item
                name="guardianName"
                label={t('register.guardianName')}
                validateTrigger="onBlur"
                rules={[{ required: true, whitespace: true, message: t('register.guardianNameRequired') }, zodRule(PersonName, t('register.nameInvalid'))]}
              >
                <Input maxLength={40} data-testid="register-guardian-name" />
              </Form.Item>
              <Form.Item
                name="guardianPhone"
                label={t('register.guardianPhone')}
                validateTrigger="onBlur"
                rules={[{ required: true, whitespace: true, message: t('register.guardianPhoneRequired') }, zodRule(Phone, t('register.phoneInvalid'))]}
              >
                <Input inputMode="tel" maxLength={11} data-testid="register-guardian-phone" />
              </Form.Item>
              <Form.Item name="guardianRelation" label={t('register.guardianRelation')} rules={[{ required: true, message: t('register.guardianRelationRequired') }]}>
                <Select
                  options={GUARDIAN_RELATIONS.map((r) => ({ value: r, label: t(`guardianRelations.${r}`) }))}
                  data-testid="register-guardian-relation"
                />
              </Form.Item>
              <Divider />
            </div>
          ) : null}

          <Form.Item
            name="phone"
            label={t('register.phone')}
            validateTrigger="onBlur"
            rules={[{ required: true, whitespace: true, message: t('register.phoneRequired') }, zodRule(Phone, t('register.phoneInvalid'))]}
          >
            <Input inputMode="tel" autoComplete="tel" maxLength={11} placeholder={t('register.phonePlaceholder')} data-testid="register-phone" />
          </Form.Item>

          <Form.Item
            name="password"
            label={t('register.password')}
            validateTrigger="onBlur"
            rules={[{ required: true, message: t('register.passwordRequired') }, zodRule(Password, t('register.passwordInvalid'))]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} placeholder={t('register.passwordPlaceholder')} data-testid="register-password" />
          </Form.Item>

          <Form.Item
            name="confirm"
            label={t('register.confirmPassword')}
            dependencies={['password']}
            validateTrigger="onBlur"
            rules={[
              { required: true, message: t('register.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: async (_rule, value: unknown) => {
                  if (value && value !== getFieldValue('password')) throw new Error(t('register.confirmMismatch'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} placeholder={t('register.confirmPlaceholder')} data-testid="register-confirm" />
          </Form.Item>

          <Form.Item
            name="regionCode"
            label={t('register.region')}
            extra={t('register.regionHint')}
            rules={[
              { required: true, type: 'array', min: 1, message: t('register.regionRequired') },
              {
                validator: async (_rule, value: unknown) => {
                  const code = Array.isArray(value) ? value[value.length - 1] : undefined;
                  if (code !== undefined && !RegionCode.safeParse(code).success) throw new Error(t('register.regionRequired'));
                },
              },
            ]}
          >
            <RegionCascader placeholder={t('register.regionPlaceholder')} testId="register-region" />
          </Form.Item>

          <Form.Item
            name="consent"
            extra={<LegalLinks style={{ textAlign: 'left', margin: 0 }} />}
            valuePropName="checked"
            rules={[
              {
                validator: async (_rule, value: unknown) => {
                  if (!value) throw new Error(t('register.consentRequired'));
                },
              },
            ]}
          >
            <Checkbox data-testid="register-consent">{t('register.consent')}</Checkbox>
          </Form.Item>

          <Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="register-submit">
              {t('register.submit')}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph style={{ textAlign: 'center' }}>
          {t('register.hasAccount')}{' '}
          <Link to={next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'} data-testid="to-login" style={{ display: 'inline-block', padding: '12px 4px' }}>
            {t('register.toLogin')}
          </Link>
        </Typography.Paragraph>
      </div>
    </PhoneShell>
  );
}
