import { Button, Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { CalendarOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';

/**
 * 首页: a greeting, my next activity and my points and hours. Activities and the time bank
 * are later modules: until they answer, the cards say plainly that there is nothing yet.
 */
export function HomePage() {
  const { t } = useTranslation();
  const { user, grants } = useMe();
  const navigate = useNavigate();

  return (
    <Flex vertical gap={16} data-testid="home-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-greeting">
          {t('home.greeting', { name: user?.name ?? '' })}
        </Typography.Title>
        <Typography.Text type="secondary">{t('home.greetingSub')}</Typography.Text>
      </div>

      <Card title={t('home.nextActivity')} data-testid="home-next-activity">
        <EmptyState
          title={t('home.noActivity')}
          hint={t('home.noActivityHint')}
          action={
            <Button type="primary" icon={<CalendarOutlined />} onClick={() => navigate('/activities')}>
              {t('home.browseActivities')}
            </Button>
          }
        />
      </Card>

      <Card data-testid="home-balances">
        <Row gutter={16}>
          <Col span={12}>
            <Statistic title={t('home.points')} value={t('common.none')} />
          </Col>
          <Col span={12}>
            <Statistic title={t('home.hours')} value={t('common.none')} />
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('home.balanceHint')}
        </Typography.Paragraph>
      </Card>

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
