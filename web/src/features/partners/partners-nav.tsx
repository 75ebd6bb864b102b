import { lazy } from 'react';
import { GiftOutlined, LineChartOutlined } from '@ant-design/icons';
import type { ConsoleNavItem } from '../console/console-nav';

/** The console's partner-benefit pages (志愿服务激励), spread into CONSOLE_NAV. */
export const PARTNERS_NAV: readonly ConsoleNavItem[] = [
  {
    key: 'partners',
    route: 'partners',
    path: '/console/partners',
    label: 'console.menu.partners',
    icon: <GiftOutlined />,
    roles: ['region_admin'],
    page: lazy(() => import('../../pages/console/partners-page')),
  },
  {
    key: 'partner-report',
    route: 'partner-report',
    path: '/console/partner-report',
    label: 'console.menu.partnerReport',
    icon: <LineChartOutlined />,
    // region admins for their regions' partners, a partner's staff for their own partner
    roles: ['region_admin', 'partner'],
    page: lazy(() => import('../../pages/console/partner-report-page')),
  },
];
