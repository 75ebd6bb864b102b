import type { ReactNode } from 'react';
import { Button, Empty, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/error-text';
import { currentLang } from '../i18n';

/** A list or card that is loading: grey lines where the content will be. */
export function LoadingBlock({ rows = 3, testId }: { rows?: number; testId?: string }) {
  return (
    <div data-testid={testId ?? 'loading'} aria-busy="true">
      <Skeleton active paragraph={{ rows }} />
    </div>
  );
}

/** Nothing to show: says so, and what to do next. */
export function EmptyState({ title, hint, action, testId }: { title: string; hint?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <Empty
      data-testid={testId ?? 'empty'}
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <div>
          <div style={{ fontWeight: 600, color: 'rgba(0,0,0,0.75)' }}>{title}</div>
          {hint ? <div style={{ marginTop: 4, color: 'rgba(0,0,0,0.5)' }}>{hint}</div> : null}
        </div>
      }
    >
      {action}
    </Empty>
  );
}

/** A failed load: why, in plain words, and a button to try again. */
export function ErrorState({ error, onRetry, testId }: { error: unknown; onRetry?: () => void; testId?: string }) {
  const { t, i18n } = useTranslation();
  const { title, hint } = describeError(error, t, currentLang(i18n.language));
  return (
    <Result
      data-testid={testId ?? 'error'}
      status="warning"
      title={`${t('state.loadFailed')}：${title}`}
      subTitle={hint ?? undefined}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
