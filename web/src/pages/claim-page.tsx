import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client';
import { describeError } from '../api/error-text';
import type { ClaimBody } from '../api/types';
import { PhoneShell } from '../components/phone-shell';
import { useMe } from '../features/auth/auth-context';
import { currentLang } from '../i18n';
import { toFormFieldErrors } from '../lib/form-errors';
import { FullPageSpin } from '../app/require-auth';
import { AuthHeader } from './auth-header';
import { LegalLinks } from '../features/legal/legal-links';

/**
 * `/claim`: a person whom staff registered (an elder at the counter, say) takes the account over
 * with the one-time code staff printed, and sets a password; then they are logged in.
 */
export function ClaimPage() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n.language);
  const { status, refresh } = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<ClaimBody>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<{ title: string; hint: string | null } | null>(null);

  if (status === 'loading') return <FullPageSpin />;
  if (status === 'authenticated' && !submitting) return <Navigate to="/" replace />;

  const onFinish = async (values: ClaimBody) => {
    setSubmitting(true);
    setProblem(null);
    try {
      await api.post('/auth/claim', { body: {
        phone: values.phone.trim(),
        idNumber: values.idNumber.trim().toUpperCase(),
        name: values.name.trim(),
        claimCode: values.claimCode.trim().toUpperCase(),
        password: values.password,
      } });
      await refresh();
      navigate('/', { replace: true });
    } catch (err) {
      if (isApiError(err) && err.code === 'BAD_CREDENTIALS') {
        setProblem({ title: t('claim.failed'), hint: null });
      } else {
        if (isApiError(err)) {
          const { fields } = toFormFieldErrors(err.fields, lang, ['phone', 'idNumber', 'name', 'claimCode', 'password']);
          if (fields.length) form.setFields(fields);
        }
        setProblem(describeError(err, t, lang));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('claim.required') }];
  return (
    <PhoneShell>
      <div style={{ paddingTop: 24 }}>
        <AuthHeader title={t('claim.title')} subtitle={t('claim.subtitle')} />
        {problem ? <Alert type="error" showIcon title={problem.title} description={problem.hint ?? undefined} style={{ marginBottom: 16 }} data-testid="claim-error" /> : null}
        <Form<ClaimBody> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} data-testid="claim-form" size="large">
          <Form.Item name="phone" label={t('claim.phone')} rules={required}>
            <Input inputMode="tel" autoComplete="username" maxLength={20} data-testid="claim-phone" />
          </Form.Item>
          <Form.Item name="idNumber" label={t('claim.idNumber')} rules={required}>
            <Input maxLength={18} autoComplete="off" data-testid="claim-id-number" />
          </Form.Item>
          <Form.Item name="name" label={t('claim.name')} rules={required}>
            <Input maxLength={40} autoComplete="name" data-testid="claim-name" />
          </Form.Item>
          <Form.Item name="claimCode" label={t('claim.code')} rules={required}>
            <Input maxLength={12} autoComplete="one-time-code" placeholder={t('claim.codePlaceholder')} data-testid="claim-code" />
          </Form.Item>
          <Form.Item name="password" label={t('claim.password')} extra={t('claim.passwordHint')} rules={[{ required: true, message: t('claim.required') }]}>
            <Input.Password autoComplete="new-password" maxLength={128} data-testid="claim-password" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="claim-submit">
              {t('claim.submit')}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph style={{ textAlign: 'center' }}>
          <Link to="/login" style={{ display: 'inline-block', padding: '12px 4px' }}>
            {t('claim.backToLogin')}
          </Link>
        </Typography.Paragraph>
        <LegalLinks />
      </div>
    </PhoneShell>
  );
}
