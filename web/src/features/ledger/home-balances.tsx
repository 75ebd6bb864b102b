import { Button, Card, Flex, Typography } from 'antd';
import { BookOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/page-state';
import { BalanceFigures } from './balance-cards';
import { useMyBalances } from './use-passbook';

/** 首页's balances card: my points and time from the passbook, and the way into it. */
export function HomeBalances() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { balances, error, reload } = useMyBalances();
  return (
    <Card title={t('ledger.home.title')} data-testid="home-balances">
      {error && !balances ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <Flex vertical gap={12}>
          <BalanceFigures balances={balances} pointsTitle={t('ledger.home.points')} timeTitle={t('ledger.home.time')} />
          {balances && balances.points === 0 && balances.time === 0 ? (
            <Typography.Text type="secondary" data-testid="home-balances-hint">
              {t('ledger.home.emptyHint')}
            </Typography.Text>
          ) : null}
          <Button block size="large" icon={<BookOutlined />} onClick={() => navigate('/passbook')} data-testid="home-to-passbook">
            {t('ledger.home.toPassbook')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
