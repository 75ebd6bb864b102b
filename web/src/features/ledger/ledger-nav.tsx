import { lazy } from 'react';
import { BookOutlined, ControlOutlined, SafetyOutlined, TrophyOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import type { ConsoleNavItem } from '../console/console-nav';

/** The console's time-bank pages, spread into CONSOLE_NAV in menu order. */
export const LEDGER_NAV: readonly ConsoleNavItem[] = [
  {
    key: 'policies',
    route: 'policies',
    path: '/console/policies',
    label: 'console.menu.policies',
    icon: <ControlOutlined />,
    roles: ['region_admin'],
    page: lazy(() => import('../../pages/console/policies-page')),
  },
  {
    key: 'star-ladder',
    route: 'star-ladder',
    path: '/console/star-ladder',
    label: 'console.menu.starLadder',
    icon: <TrophyOutlined />,
    roles: ['region_admin'],
    page: lazy(() => import('../../pages/console/star-ladder-page')),
  },
  {
    key: 'passbooks',
    route: 'passbooks',
    path: '/console/passbooks',
    label: 'console.menu.passbooks',
    icon: <BookOutlined />,
    roles: ['region_admin'],
    page: lazy(() => import('../../pages/console/passbooks-page')),
  },
  {
    key: 'relatives',
    route: 'relatives',
    path: '/console/relatives',
    label: 'console.menu.relativesReview',
    icon: <UsergroupAddOutlined />,
    roles: ['region_admin'],
    page: lazy(() => import('../../pages/console/relatives-page')),
  },
  {
    key: 'ledger-verify',
    route: 'ledger-verify',
    path: '/console/ledger-verify',
    label: 'console.menu.verify',
    icon: <SafetyOutlined />,
    roles: ['region_admin'],
    page: lazy(() => import('../../pages/console/ledger-verify-page')),
  },
];
