import { lazy, Suspense, type ReactNode } from 'react';
import { Button, Flex, Typography } from 'antd';
import { CalendarOutlined, EnvironmentOutlined, GiftOutlined, HeartFilled, HomeOutlined, RiseOutlined, ShopOutlined, TeamOutlined, TrophyOutlined } from '@ant-design/icons';
import { Link, NavLink, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/language-switch';
import { LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { RegionSwitcher } from '../../features/portal/region-switcher';
import { usePortalRegion, withRegion } from '../../features/portal/use-portal-region';
import { NotFoundPage } from '../not-found-page';

const HomePage = lazy(() => import('./portal-home-page'));
const ActivitiesPage = lazy(() => import('./portal-activities-page'));
const ActivityPage = lazy(() => import('./portal-activity-page'));
const OrgsPage = lazy(() => import('./portal-orgs-page'));
const OrgPage = lazy(() => import('./portal-org-page'));
const StationsPage = lazy(() => import('./portal-stations-page'));
const HonoursPage = lazy(() => import('./portal-honours-page'));
const CampaignPage = lazy(() => import('./portal-campaign-page'));
const RankingsPage = lazy(() => import('./portal-rankings-page'));
const CharityPage = lazy(() => import('./portal-charity-page'));
const CharityAccountPage = lazy(() => import('./portal-charity-account-page'));
const BoardPage = lazy(() => import('./portal-board-page'));
const NoticesPage = lazy(() => import('./portal-welfare-notices-page'));
const NoticePage = lazy(() => import('./portal-welfare-notice-page'));

const TABS = [
  { to: '/portal', key: 'home', icon: <HomeOutlined />, label: 'portal.nav.home' },
  { to: '/portal/activities', key: 'activities', icon: <CalendarOutlined />, label: 'portal.nav.activities' },
  { to: '/portal/orgs', key: 'orgs', icon: <TeamOutlined />, label: 'portal.nav.orgs' },
  { to: '/portal/stations', key: 'stations', icon: <EnvironmentOutlined />, label: 'portal.nav.stations' },
  { to: '/portal/honours', key: 'honours', icon: <TrophyOutlined />, label: 'portal.nav.honours' },
  { to: '/portal/rankings', key: 'rankings', icon: <RiseOutlined />, label: 'rankings.nav' },
  { to: '/portal/charity', key: 'charity', icon: <ShopOutlined />, label: 'charity.tab' },
  // the desk's menu only: a phone's tab bar keeps to the tabs that fit 375 px
  { to: '/portal/board', key: 'board', icon: <ShopOutlined />, label: 'civility.portal.title', deskOnly: true },
  { to: '/portal/welfare-notices', key: 'notices', icon: <ShopOutlined />, label: 'posts.notice.listTitle', deskOnly: true },
  { to: '/wishes', key: 'wishes', icon: <GiftOutlined />, label: 'portal.nav.wishes' },
] as const;

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<LoadingBlock rows={6} />}>{children}</Suspense>;
}

/** The portal's frame: the header (brand, language, log in), the region switcher, the tabs. */
function PortalLayout() {
  const { t } = useTranslation();
  const { status } = useMe();
  const region = usePortalRegion();
  // an activity's or an organisation's own page has no region to switch
  const detail = /^\/portal\/(activities|orgs|campaigns|charity|welfare-notices)\/[^/]+/.test(useLocation().pathname);
  const code = region.data?.code ?? region.asked;
  const links = TABS.map((tab) => ({ ...tab, href: tab.key === 'wishes' ? tab.to : withRegion(tab.to, code) }));

  return (
    <div data-testid="portal" style={{ minHeight: '100vh', background: '#f7f7f8' }}>
      <header className="ax-portal-header">
        <div className="ax-portal-inner">
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Link to={withRegion('/portal', code)} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <HeartFilled style={{ fontSize: 26 }} />
              <span>
                <Typography.Title level={4} style={{ margin: 0, color: '#fff' }} data-testid="portal-brand">
                  {region.data?.detail ? t('portal.brandOf', { region: region.data.detail.name }) : t('portal.brand')}
                </Typography.Title>
              </span>
            </Link>
            <Flex gap={8} align="center">
              <LanguageSwitch size="small" />
              {status === 'authenticated' ? (
                <Link to="/">
                  <Button size="small" data-testid="portal-my-app">
                    {t('portal.myApp')}
                  </Button>
                </Link>
              ) : (
                <Link to={`/login?next=${encodeURIComponent('/')}`}>
                  <Button size="small" data-testid="portal-login">
                    {t('portal.login')}
                  </Button>
                </Link>
              )}
            </Flex>
          </Flex>
          <nav className="ax-portal-desk-nav" style={{ marginTop: 8 }}>
            <Flex gap={4} wrap>
              {links.map((tab) => (
                <NavLink key={tab.key} to={tab.href} end={tab.key === 'home'} className={({ isActive }) => (isActive ? 'active' : '')} data-testid={`portal-nav-${tab.key}`}>
                  {t(tab.label)}
                </NavLink>
              ))}
            </Flex>
          </nav>
        </div>
      </header>
      <main className="ax-portal-inner ax-portal-main">
        <Flex vertical gap={12}>
          {detail ? null : <RegionSwitcher region={region.data} loading={region.loading} onChange={region.setRegion} />}
          <Outlet context={region} />
          <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
            {t('portal.footer')}
          </Typography.Text>
        </Flex>
      </main>
      <nav className="ax-tabbar ax-portal-tabbar" aria-label={t('portal.brand')} data-testid="portal-tabs">
        {links.filter((tab) => !('deskOnly' in tab)).map((tab) => (
          <NavLink key={tab.key} to={tab.href} end={tab.key === 'home'} className={({ isActive }) => `ax-tab${isActive ? ' active' : ''}`} data-testid={`portal-tab-${tab.key}`}>
            {tab.icon}
            <span>{t(tab.label)}</span>
          </NavLink>
        ))}
      </nav>
    </div>
  );
}

/** `/portal/*`: the public portal, open without logging in (its own lazily loaded chunk). */
export default function PortalApp() {
  return (
    <Routes>
      <Route element={<PortalLayout />}>
        <Route index element={<Lazy><HomePage /></Lazy>} />
        <Route path="activities" element={<Lazy><ActivitiesPage /></Lazy>} />
        <Route path="activities/:id" element={<Lazy><ActivityPage /></Lazy>} />
        <Route path="orgs" element={<Lazy><OrgsPage /></Lazy>} />
        <Route path="orgs/:id" element={<Lazy><OrgPage /></Lazy>} />
        <Route path="stations" element={<Lazy><StationsPage /></Lazy>} />
        <Route path="honours" element={<Lazy><HonoursPage /></Lazy>} />
        <Route path="campaigns/:id" element={<Lazy><CampaignPage /></Lazy>} />
        <Route path="rankings" element={<Lazy><RankingsPage /></Lazy>} />
        <Route path="charity" element={<Lazy><CharityPage /></Lazy>} />
        <Route path="charity/:id" element={<Lazy><CharityAccountPage /></Lazy>} />
        <Route path="board" element={<Lazy><BoardPage /></Lazy>} />
        <Route path="welfare-notices" element={<Lazy><NoticesPage /></Lazy>} />
        <Route path="welfare-notices/:id" element={<Lazy><NoticePage /></Lazy>} />
        <Route path="*" element={<NotFoundPage home="/portal" />} />
      </Route>
    </Routes>
  );
}
