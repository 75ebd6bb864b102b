import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { AuditOutlined, BarChartOutlined, DashboardOutlined, ShopOutlined, TeamOutlined } from '@ant-design/icons';
import type { Messages } from '../../i18n/zh-CN';
import { ANY_GRANT, type RoleGated } from './nav-filter';
import { PEOPLE_NAV } from '../people/people-nav';
import { LEDGER_NAV } from '../ledger/ledger-nav';
import { ACTIVITIES_CONSOLE_NAV } from '../activities/console-nav-items';
import { REQUESTS_CONSOLE_NAV } from '../requests/console-nav-items';
import { AWARDS_CONSOLE_NAV } from '../awards/console-nav-items';
import { PARTNERS_NAV } from '../partners/partners-nav';
import { CHARITY_NAV } from '../charity/charity-nav';
import { COMMUNITY_NAV } from '../council/council-nav';
import { CARE_NAV } from '../care/care-nav';
import { POSTS_NAV } from '../posts/posts-nav';

export interface ConsoleNavItem extends RoleGated {
  key: string;
  /** The route under /console: `''` is the console's home. */
  route: string;
  /** The full path, for links and the selected menu item. */
  path: string;
  label: `console.menu.${keyof Messages['console']['menu']}`;
  icon: ReactNode;
  page: LazyExoticComponent<ComponentType>;
}

/**
 * The staff console's pages, in menu order. The side menu and the routes are both built from
 * this list, and each item names the roles that see it: a new module adds one item here
 * (and its label in both languages) and nothing else.
 */
export const CONSOLE_NAV: readonly ConsoleNavItem[] = [
  {
    key: 'dashboard',
    route: '',
    path: '/console',
    label: 'console.menu.dashboard',
    icon: <DashboardOutlined />,
    roles: ANY_GRANT,
    page: lazy(() => import('../../pages/console/dashboard-page')),
  },
  {
    key: 'stats',
    route: 'stats',
    path: '/console/stats',
    label: 'console.menu.stats',
    icon: <BarChartOutlined />,
    roles: ['region_admin', 'station_admin'],
    page: lazy(() => import('../../pages/console/stats-page')),
  },
  {
    key: 'audit',
    route: 'audit',
    path: '/console/audit',
    label: 'console.menu.audit',
    icon: <AuditOutlined />,
    roles: ['region_admin'],
    page: lazy(() => import('../../pages/console/audit-page')),
  },
  {
    key: 'grants',
    route: 'grants',
    path: '/console/grants',
    label: 'console.menu.grants',
    icon: <TeamOutlined />,
    roles: ['region_admin', 'org_admin', 'station_admin'],
    page: lazy(() => import('../../pages/console/grants-page')),
  },
  ...PEOPLE_NAV,
  ...LEDGER_NAV,
  ...ACTIVITIES_CONSOLE_NAV,
  ...REQUESTS_CONSOLE_NAV,
  ...AWARDS_CONSOLE_NAV,
  ...PARTNERS_NAV,
  ...CHARITY_NAV,
  ...COMMUNITY_NAV,
  ...CARE_NAV,
  ...POSTS_NAV,
  {
    key: 'market',
    route: 'market',
    path: '/console/market',
    label: 'console.menu.market',
    icon: <ShopOutlined />,
    roles: ['region_admin', 'station_admin'],
    page: lazy(() => import('../../pages/console/market-page')),
  },
];
