import { lazy } from 'react';
import { ShopOutlined } from '@ant-design/icons';
import type { ConsoleNavItem } from '../console/console-nav';

/** The console's charity sales page (慈善义卖), spread into CONSOLE_NAV. */
export const CHARITY_NAV: readonly ConsoleNavItem[] = [
  {
    key: 'charity',
    route: 'charity',
    path: '/console/charity',
    label: 'console.menu.charity',
    icon: <ShopOutlined />,
    roles: ['region_admin'],
    page: lazy(() => import('../../pages/console/charity-page')),
  },
];
