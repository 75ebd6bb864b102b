import { lazy } from 'react';
import { ApartmentOutlined } from '@ant-design/icons';
import type { ConsoleNavItem } from '../console/console-nav';

/** The console's community-care page (网格关爱), spread into CONSOLE_NAV. */
export const CARE_NAV: readonly ConsoleNavItem[] = [
  {
    key: 'care',
    route: 'care',
    path: '/console/care',
    label: 'console.menu.care',
    icon: <ApartmentOutlined />,
    roles: ['region_admin'],
    page: lazy(() => import('../../pages/console/care-page')),
  },
];
