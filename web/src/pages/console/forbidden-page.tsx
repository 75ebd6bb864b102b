import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Role } from '@shared/constants';

/**
 * 403 in plain words. `kind: 'console'` — the person has no grant at all; `'page'` — their
 * grants do not include a role the page needs.
 */
export function ForbiddenPage({ kind, roles = [] }: { kind: 'console' | 'page'; roles?: readonly Role[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={kind === 'console' ? t('forbidden.console') : t('forbidden.page', { roles: roles.map((r) => t(`roles.${r}`)).join('、') })}
      data-testid="forbidden"
      extra={
        kind === 'console' ? (
          <Button type="primary" onClick={() => navigate('/')}>
            {t('forbidden.toApp')}
          </Button>
        ) : (
          <Button type="primary" onClick={() => navigate('/console')}>
            {t('forbidden.toDashboard')}
          </Button>
        )
      }
    />
  );
}
