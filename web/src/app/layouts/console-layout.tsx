import { useEffect, useState } from 'react';
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

const PHONE = '(max-width: 767px)';

/** The staff console: a side menu that follows the person's grants, and a header. */
export function ConsoleLayout() {
  const { t, i18n } = useTranslation();
  const { user, grants, logout } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  // on a phone (below 768 px) the menu folds away entirely behind its trigger, and the header keeps icons only
  const [narrow, setNarrow] = useState(() => window.matchMedia(PHONE).matches);
  const [collapsed, setCollapsed] = useState(narrow);
  useEffect(() => {
    const mq = window.matchMedia(PHONE);
    const onChange = () => setNarrow(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);

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
      <Layout.Sider
        theme="light"
        breakpoint="lg"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        collapsedWidth={narrow ? 0 : 80}
        width={220}
        style={narrow && !collapsed ? { position: 'fixed', zIndex: 20, height: '100vh', borderRight: '1px solid #f0f0f0' } : { borderRight: '1px solid #f0f0f0' }}
        zeroWidthTriggerStyle={{ top: 12 }}
        data-testid="console-sider"
      >
        <Flex align="center" gap={8} style={{ height: 64, padding: '0 24px', overflow: 'hidden', whiteSpace: 'nowrap' }}>
          <HeartFilled style={{ color: BRAND_COLOR, fontSize: 22 }} />
          {collapsed ? null : <Typography.Text strong>{t('console.title')}</Typography.Text>}
        </Flex>
        <Menu
          mode="inline"
          data-testid="console-menu"
          selectedKeys={selected ? [selected.key] : []}
          items={items.map((item) => ({
            key: item.key,
            icon: item.icon,
            label: t(item.label),
            onClick: () => {
              navigate(item.path);
              if (narrow) setCollapsed(true);
            },
          }))}
          style={{ borderInlineEnd: 'none' }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: narrow ? '0 8px 0 48px' : '0 24px', borderBottom: '1px solid #f0f0f0' }}>
          <Flex justify="flex-end" align="center" gap={narrow ? 4 : 16} style={{ height: '100%' }}>
            <Typography.Text data-testid="console-user">
              <UserOutlined /> {user?.name}
            </Typography.Text>
            <LanguageSwitch size="small" />
            <Button type="link" icon={<MobileOutlined />} onClick={() => navigate('/')} aria-label={t('console.backToApp')} data-testid="console-back-to-app">
              {narrow ? null : t('console.backToApp')}
            </Button>
            <Button icon={<LogoutOutlined />} onClick={() => void onLogout()} aria-label={t('console.logout')} data-testid="console-logout">
              {narrow ? null : t('console.logout')}
            </Button>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
