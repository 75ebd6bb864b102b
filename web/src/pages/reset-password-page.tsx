import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client';
import { describeError } from '../api/error-text';
import { PhoneShell } from '../components/phone-shell';
import { useMe } from '../features/auth/auth-context';
import { currentLang } from '../i18n';
import { toFormFieldErrors } from '../lib/form-errors';
import { FullPageSpin } from '../app/require-auth';
import { AuthHeader } from './auth-header';

interface Values {
  phone: string;
  code: string;
  password: string;
}

/**
 * `/reset-password`: forgot the password, and no SMS. The one-time code comes from the staff at
 * the community's station (ask at the counter) or from a relative whose relation staff verified
 * (they issue it in their app); with it the person sets a new password and is signed in.
 */
export default function ResetPasswordPage() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n.language);
  const { status, refresh } = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<{ title: string; hint: string | null } | null>(null);

  if (status === 'loading') return <FullPageSpin />;
  if (status === 'authenticated' && !submitting) return <Navigate to="/" replace />;

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setProblem(null);
    try {
      await api.post('/auth/password-reset', { body: { phone: v.phone.trim(), code: v.code.trim().toUpperCase(), password: v.password } });
      await refresh();
      navigate('/', { replace: true });
    } catch (err) {
      if (isApiError(err) && err.code === 'BAD_CREDENTIALS') setProblem({ title: t('reset.failed'), hint: null });
      else {
        if (isApiError(err)) {
          const { fields } = toFormFieldErrors(err.fields, lang, ['phone', 'code', 'password']);
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
      <div style={{ paddingTop: 24 }} data-testid="reset-page">
        <AuthHeader title={t('reset.title')} subtitle={t('reset.subtitle')} />
        <Alert type="info" showIcon title={t('reset.howTitle')} description={t('reset.how')} style={{ marginBottom: 16 }} />
        {problem ? <Alert type="error" showIcon title={problem.title} description={problem.hint ?? undefined} style={{ marginBottom: 16 }} data-testid="reset-error" /> : null}
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} data-testid="reset-form" size="large">
          <Form.Item name="phone" label={t('claim.phone')} rules={required}>
            <Input inputMode="tel" autoComplete="username" maxLength={20} data-testid="reset-phone" />
          </Form.Item>
          <Form.Item name="code" label={t('reset.code')} rules={required}>
            <Input maxLength={12} autoComplete="one-time-code" placeholder={t('claim.codePlaceholder')} data-testid="reset-code" />
          </Form.Item>
          <Form.Item name="password" label={t('reset.password')} extra={t('claim.passwordHint')} rules={[{ required: true, message: t('claim.required') }]}>
            <Input.Password autoComplete="new-password" maxLength={128} data-testid="reset-password" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="reset-submit">
              {t('reset.submit')}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph style={{ textAlign: 'center' }}>
          <Link to="/login" style={{ display: 'inline-block', padding: '12px 4px' }}>
            {t('claim.backToLogin')}
          </Link>
        </Typography.Paragraph>
      </div>
    </PhoneShell>
  );
}
