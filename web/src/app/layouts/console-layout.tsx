import { useState } from 'react';
import { App, Button, Flex, Layout, Menu, Typography } from 'antd';
import { HeartFilled, LogoutOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/error-text';
import { LanguageSwitch } from '../../components/language-switch';
import { useMe } from '../../features/auth/auth-context';
import { CONSOLE_NAV } from '../../features/console/console-nav';
import { matchNavPath, visibleItems } from '../../features/console/nav-filter';
import { currentLang } from '../../i18n';
import { BRAND_COLOR } from '../providers';

/** The staff console: a side menu that follows the person's grants, and a header. */
export function ConsoleLayout() {
  const { t, i18n } = useTranslation();
  const { user, grants, logout } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [collapsed, setCollapsed] = useState(false);

  const items = visibleItems(CONSOLE_NAV, grants);
  const selected = matchNavPath(CONSOLE_NAV, location.pathname);

  const onLogout = async () => {
    try {
      await logout();
      navigate('/login', { replace: true });
    } catch (err) {
      void message.error(describeError(err, t, currentLang(i18n.language)).title);
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="console-layout">
      <Layout.Sider theme="light" breakpoint="lg" collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220} style={{ borderRight: '1px solid #f0f0f0' }}>
        <Flex align="center" gap={8} style={{ height: 64, padding: '0 24px', overflow: 'hidden', whiteSpace: 'nowrap' }}>
          <HeartFilled style={{ color: BRAND_COLOR, fontSize: 22 }} />
          {collapsed ? null : <Typography.Text strong>{t('console.title')}</Typography.Text>}
        </Flex>
        <Menu
          mode="inline"
          data-testid="console-menu"
          selectedKeys={selected ? [selected.key] : []}
          items={items.map((item) => ({ key: item.key, icon: item.icon, label: t(item.label), onClick: () => navigate(item.path) }))}
          style={{ borderInlineEnd: 'none' }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', borderBottom: '1px solid #f0f0f0' }}>
          <Flex justify="flex-end" align="center" gap={16} style={{ height: '100%' }} wrap>
            <Typography.Text data-testid="console-user">
              <UserOutlined /> {user?.name}
            </Typography.Text>
            <LanguageSwitch size="small" />
            <Button type="link" icon={<MobileOutlined />} onClick={() => navigate('/')} data-testid="console-back-to-app">
              {t('console.backToApp')}
            </Button>
            <Button icon={<LogoutOutlined />} onClick={() => void onLogout()} data-testid="console-logout">
              {t('console.logout')}
            </Button>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
