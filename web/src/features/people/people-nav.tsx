import { lazy } from 'react';
import { ApartmentOutlined, CloudUploadOutlined, EnvironmentOutlined, IdcardOutlined, SolutionOutlined, UserAddOutlined } from '@ant-design/icons';
import type { ConsoleNavItem } from '../console/console-nav';

/** The console's people pages (volunteers, organisations, stations), spread into CONSOLE_NAV in menu order. */
export const PEOPLE_NAV: readonly ConsoleNavItem[] = [
  {
    key: 'volunteers',
    route: 'volunteers',
    path: '/console/volunteers',
    label: 'console.menu.volunteers',
    icon: <IdcardOutlined />,
    roles: ['region_admin'],
    page: lazy(() => import('../../pages/console/volunteers-page')),
  },
  {
    key: 'on-behalf',
    route: 'volunteers-new',
    path: '/console/volunteers-new',
    label: 'console.menu.onBehalf',
    icon: <UserAddOutlined />,
    roles: ['region_admin', 'station_admin'],
    page: lazy(() => import('../../pages/console/volunteers-new-page')),
  },
  {
    key: 'imports',
    route: 'imports',
    path: '/console/imports',
    label: 'console.menu.imports',
    icon: <CloudUploadOutlined />,
    roles: ['region_admin'],
    page: lazy(() => import('../../pages/console/imports-page')),
  },
  {
    key: 'org-review',
    route: 'orgs/*',
    path: '/console/orgs',
    label: 'console.menu.orgReview',
    icon: <SolutionOutlined />,
    roles: ['region_admin'],
    page: lazy(() => import('../../pages/console/orgs-page')),
  },
  {
    key: 'my-orgs',
    route: 'my-orgs/*',
    path: '/console/my-orgs',
    label: 'console.menu.myOrgs',
    icon: <ApartmentOutlined />,
    roles: ['org_admin'],
    page: lazy(() => import('../../pages/console/orgs-mine-page')),
  },
  {
    key: 'stations',
    route: 'stations',
    path: '/console/stations',
    label: 'console.menu.stations',
    icon: <EnvironmentOutlined />,
    roles: ['region_admin', 'station_admin'],
    page: lazy(() => import('../../pages/console/stations-page')),
  },
];
