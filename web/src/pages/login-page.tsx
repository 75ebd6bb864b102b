import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, MobileOutlined } from '@ant-design/icons';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client';
import { useRequest } from '../api/use-request';
import { describeError, durationText } from '../api/error-text';
import type { LoginBody } from '../api/types';
import type { SetupStatus } from '@shared/schemas/setup';
import { PhoneShell } from '../components/phone-shell';
import { useMe } from '../features/auth/auth-context';
import { currentLang } from '../i18n';
import { toFormFieldErrors } from '../lib/form-errors';
import { safeNext } from '../lib/safe-next';
import { FullPageSpin } from '../app/require-auth';
import { AuthHeader } from './auth-header';
import { LegalLinks } from '../features/legal/legal-links';

interface Problem {
  title: string;
  hint: string | null;
}

/** Tokens of a command that must not break inside (a line may break between them). */
const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** How a fresh installation makes its first administrator: the same two ways the server's log names. */
function FirstAdminHint() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>{t('login.needsAdminHint')}</Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {t('login.needsAdminEnv')} <Typography.Text code>AIXIN_ADMIN_PHONE</Typography.Text> <Typography.Text code>AIXIN_ADMIN_PASSWORD</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        {t('login.needsAdminCli')}{' '}
        <Typography.Text code>
          <span style={NOWRAP}>npx aixin admin create</span> <span style={NOWRAP}>--phone {t('login.needsAdminPhone')}</span>{' '}
          <span style={NOWRAP}>--password {t('login.needsAdminPassword')}</span>
        </Typography.Text>
      </Typography.Paragraph>
    </>
  );
}

/** `/login`: phone and password; then the `?next=` page or home. */
export function LoginPage() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n.language);
  const { status, login, grants } = useMe();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [form] = Form.useForm<LoginBody>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  // a fresh installation says how its first administrator is made
  const setup = useRequest((signal) => api.get<SetupStatus>('/setup/status', undefined, signal), []);

  if (status === 'loading') return <FullPageSpin />;
  // staff land at their desk unless a page was asked for
  // staff land at their desk: the console, or for a partner's staff only, the card-verify page they work from
  const desk = grants.length > 0 && grants.every((g) => g.role === 'partner') ? '/partner' : '/console';
  if (status === 'authenticated' && !submitting) return <Navigate to={next === '/' && grants.length > 0 ? desk : next} replace />;

  const onFinish = async (values: LoginBody) => {
    setSubmitting(true);
    setProblem(null);
    try {
      await login({ phone: values.phone.trim(), password: values.password });
    } catch (err) {
      if (isApiError(err) && err.code === 'BAD_CREDENTIALS') {
        const left = err.details.attemptsLeft;
        setProblem({ title: t('login.badCredentials'), hint: typeof left === 'number' && left <= 3 ? t('login.attemptsLeft', { n: left }) : null });
      } else if (isApiError(err) && err.code === 'RATE_LIMITED') {
        const seconds = err.details.retryAfterSeconds;
        setProblem({ title: t('login.rateLimited'), hint: typeof seconds === 'number' ? t('state.retryIn', { time: durationText(t, seconds) }) : t('errors.RATE_LIMITED') });
      } else {
        if (isApiError(err)) {
          const { fields } = toFormFieldErrors(err.fields, lang, ['phone', 'password']);
          if (fields.length) form.setFields(fields);
        }
        setProblem(describeError(err, t, lang));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PhoneShell>
      <div style={{ paddingTop: 24 }}>
        <AuthHeader title={t('login.title')} subtitle={t('login.subtitle')} />
        {setup.data?.needsAdmin ? (
          <Alert type="info" showIcon title={t('login.needsAdminTitle')} description={<FirstAdminHint />} style={{ marginBottom: 16 }} data-testid="login-needs-admin" />
        ) : null}
        {problem ? (
          <Alert
            type="error"
            showIcon
            title={problem.title}
            description={problem.hint ?? undefined}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        ) : null}
        <Form<LoginBody> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} data-testid="login-form" size="large">
          <Form.Item name="phone" label={t('login.phone')} rules={[{ required: true, whitespace: true, message: t('login.phoneRequired') }]}>
            <Input prefix={<MobileOutlined />} inputMode="tel" autoComplete="username" maxLength={20} placeholder={t('login.phonePlaceholder')} data-testid="login-phone" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={128} placeholder={t('login.passwordPlaceholder')} data-testid="login-password" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph style={{ textAlign: 'center' }}>
          {t('login.noAccount')}{' '}
          <Link to={next !== '/' ? `/register?next=${encodeURIComponent(next)}` : '/register'} data-testid="to-register" style={{ display: 'inline-block', padding: '12px 4px' }}>
            {t('login.toRegister')}
          </Link>
        </Typography.Paragraph>
        <Typography.Paragraph style={{ textAlign: 'center' }}>
          <Link to="/reset-password" data-testid="to-reset" style={{ display: 'inline-block', padding: '12px 4px' }}>
            {t('login.forgot')}
          </Link>
        </Typography.Paragraph>
        <Typography.Paragraph style={{ textAlign: 'center' }}>
          {t('login.claimed')}{' '}
          <Link to="/claim" data-testid="to-claim" style={{ display: 'inline-block', padding: '12px 4px' }}>
            {t('login.toClaim')}
          </Link>
        </Typography.Paragraph>
        <LegalLinks />
      </div>
    </PhoneShell>
  );
}
