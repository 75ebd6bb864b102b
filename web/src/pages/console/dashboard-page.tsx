import { Button, Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../features/auth/auth-context';
import { scopeText } from '../../features/access/scope-text';
import { CONSOLE_NAV } from '../../features/console/console-nav';
import { visibleItems } from '../../features/console/nav-filter';
import { useFormat } from '../../i18n/use-format';
import { WorkWaiting } from '../../features/console/work-waiting';

/** 工作台: what this person manages (one card per grant) and the pages they can open. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { user, grants } = useMe();
  const { dateTime } = useFormat();
  const navigate = useNavigate();
  const shortcuts = visibleItems(CONSOLE_NAV, grants).filter((i) => i.key !== 'dashboard');

  return (
    <Flex vertical gap={24} data-testid="console-dashboard">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('dashboard.welcome', { name: user?.name ?? '' })}
      </Typography.Title>

      <WorkWaiting grants={grants} />

      <section>
        <Typography.Title level={5}>{t('dashboard.myScopes')}</Typography.Title>
        <Row gutter={[16, 16]}>
          {grants.map((g) => (
            <Col key={g.id} xs={24} sm={12} lg={8} xl={6}>
              <Card data-testid="grant-card">
                <Flex vertical gap={8}>
                  <div>
                    <Tag color="blue" icon={<SafetyCertificateOutlined />}>
                      {t(`roles.${g.role}`)}
                    </Tag>
                  </div>
                  <Typography.Text strong>{scopeText(g, t)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('dashboard.grantedAt', { time: dateTime(g.createdAt) })}
                  </Typography.Text>
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      </section>

      {shortcuts.length > 0 ? (
        <section>
          <Typography.Title level={5}>{t('dashboard.shortcuts')}</Typography.Title>
          <Flex gap={12} wrap>
            {shortcuts.map((item) => (
              <Button key={item.key} icon={item.icon} size="large" onClick={() => navigate(item.path)} data-testid={`shortcut-${item.key}`}>
                {t(item.label)}
              </Button>
            ))}
          </Flex>
        </section>
      ) : null}
    </Flex>
  );
}
