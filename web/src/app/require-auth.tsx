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

/**
 * Pages that need a login: anonymous visitors go to `/login?next=<this page>`; with `publicHome`,
 * one who opens the bare `/` goes there instead (the public portal).
 */
export function RequireAuth({ children, publicHome }: { children: ReactNode; publicHome?: string }) {
  const { status, error, refresh } = useMe();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'anonymous') {
    const home = publicHome && location.pathname === '/' && !location.search;
    return <Navigate to={home ? publicHome : loginPath(location.pathname + location.search)} replace />;
  }
  if (status === 'error') return <ErrorState error={error} onRetry={() => void refresh()} />;
  return <>{children}</>;
}
