import { Button, Card, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/page-state';

/** 爱心超市: the shelves of nearby stations (the supermarket module fills this in). */
export function MarketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div data-testid="market-page">
      <Typography.Title level={3}>{t('market.title')}</Typography.Title>
      <Card>
        <EmptyState
          testId="market-empty"
          title={t('market.empty')}
          hint={t('market.emptyHint')}
          action={<Button onClick={() => navigate('/')}>{t('common.backHome')}</Button>}
        />
      </Card>
    </div>
  );
}
