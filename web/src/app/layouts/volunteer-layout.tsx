import { CalendarOutlined, HomeOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { PhoneShell } from '../../components/phone-shell';
import { LoadingBlock } from '../../components/page-state';

const TABS = [
  { to: '/', key: 'home', icon: <HomeOutlined />, label: 'nav.home' },
  { to: '/activities', key: 'activities', icon: <CalendarOutlined />, label: 'nav.activities' },
  { to: '/market', key: 'market', icon: <ShopOutlined />, label: 'nav.market' },
  { to: '/me', key: 'me', icon: <UserOutlined />, label: 'nav.me' },
] as const;

/** The volunteer app: a phone-wide column with the bottom tab bar 首页 / 活动 / 爱心超市 / 我的. */
export function VolunteerLayout() {
  const { t } = useTranslation();
  const tabBar = (
    <nav className="ax-tabbar" aria-label={t('app.name')} data-testid="tab-bar">
      {TABS.map((tab) => (
        <NavLink key={tab.key} to={tab.to} end={tab.to === '/'} className={({ isActive }) => `ax-tab${isActive ? ' active' : ''}`} data-testid={`tab-${tab.key}`}>
          {tab.icon}
          <span>{t(tab.label)}</span>
        </NavLink>
      ))}
    </nav>
  );
  return (
    <PhoneShell footer={tabBar}>
      <Suspense fallback={<LoadingBlock rows={6} />}>
        <Outlet />
      </Suspense>
    </PhoneShell>
  );
}
