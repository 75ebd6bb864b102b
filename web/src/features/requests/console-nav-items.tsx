import { lazy } from 'react';
import { GiftOutlined, NodeIndexOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { ConsoleNavItem } from '../console/console-nav';

/** The console's help-request and wish pages, spread into CONSOLE_NAV in menu order. */
export const REQUESTS_CONSOLE_NAV: readonly ConsoleNavItem[] = [
  {
    key: 'dispatch',
    route: 'dispatch',
    path: '/console/dispatch',
    label: 'console.menu.dispatch',
    icon: <NodeIndexOutlined />,
    roles: ['region_admin'],
    page: lazy(() => import('../../pages/console/dispatch-page')),
  },
  {
    key: 'request-accept',
    route: 'requests-accept',
    path: '/console/requests-accept',
    label: 'console.menu.requestAccept',
    icon: <ScheduleOutlined />,
    roles: ['org_admin'],
    page: lazy(() => import('../../pages/console/requests-accept-page')),
  },
  {
    key: 'wishes',
    route: 'wishes',
    path: '/console/wishes',
    label: 'console.menu.wishes',
    icon: <GiftOutlined />,
    roles: ['region_admin', 'station_admin'],
    page: lazy(() => import('../../pages/console/wishes-page')),
  },
];
