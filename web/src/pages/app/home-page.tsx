import { Button, Card, Flex, Typography } from 'antd';
import { HeartFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ActivityEntries, NextActivityCard } from '../../features/activities/home-cards';
import { useMe } from '../../features/auth/auth-context';
import { HomeBalances } from '../../features/ledger/home-balances';
import { LargeTextOffer } from '../../features/preferences/large-text-offer';
import { usePreferences } from '../../features/preferences/preferences';

/**
 * 首页: a greeting, my next activity and my points and hours. Activities and the time bank
 * are later modules: until they answer, the cards say plainly that there is nothing yet.
 */
export function HomePage() {
  const { t } = useTranslation();
  const { user, grants } = useMe();
  const navigate = useNavigate();
  const { largeText } = usePreferences();
  // an elder (or anyone in large text) finds asking for help first, as one big button
  const helpFirst = largeText || (user?.age ?? 0) >= 60;

  return (
    <Flex vertical gap={16} data-testid="home-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-greeting">
          {t('home.greeting', { name: user?.name ?? '' })}
        </Typography.Title>
        <Typography.Text type="secondary">{t('home.greetingSub')}</Typography.Text>
      </div>

      <LargeTextOffer />
      {helpFirst ? (
        <Button type="primary" size="large" block icon={<HeartFilled />} onClick={() => navigate('/help')} style={{ height: 72, fontSize: 24, fontWeight: 600 }} data-testid="home-ask-help">
          {t('home.askHelp')}
        </Button>
      ) : null}

      <NextActivityCard />
      <ActivityEntries />

      <HomeBalances />

      {grants.length > 0 ? (
        <Card data-testid="home-staff">
          <Flex vertical gap={8}>
            <Typography.Text strong>
              <SafetyCertificateOutlined /> {t('home.staffTitle')}
            </Typography.Text>
            <Typography.Text type="secondary">{t('home.staffHint')}</Typography.Text>
            <Button block onClick={() => navigate('/console')} data-testid="home-to-console">
              {t('home.toConsole')}
            </Button>
          </Flex>
        </Card>
      ) : null}
    </Flex>
  );
}
