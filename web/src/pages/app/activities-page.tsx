import { Button, Card, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/page-state';

/** 活动: the published activities of the person's region (the activities module fills this in). */
export function ActivitiesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div data-testid="activities-page">
      <Typography.Title level={3}>{t('activities.title')}</Typography.Title>
      <Card>
        <EmptyState
          testId="activities-empty"
          title={t('activities.empty')}
          hint={t('activities.emptyHint')}
          action={<Button onClick={() => navigate('/')}>{t('common.backHome')}</Button>}
        />
      </Card>
    </div>
  );
}
