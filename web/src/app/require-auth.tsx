import type { ReactNode } from 'react';
import { Flex, Spin } from 'antd';
import { Navigate, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../features/auth/auth-context';
import { ErrorState } from '../components/page-state';
import { loginPath } from '../lib/safe-next';

export function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }} data-testid="page-loading">
      <Spin size="large" description={t('common.loading')} />
    </Flex>
  );
}

/** Pages that need a login: anonymous visitors go to `/login?next=<this page>`. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, error, refresh } = useMe();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'anonymous') return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  if (status === 'error') return <ErrorState error={error} onRetry={() => void refresh()} />;
  return <>{children}</>;
}
