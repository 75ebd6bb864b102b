import { lazy } from 'react';
import { SolutionOutlined } from '@ant-design/icons';
import type { ConsoleNavItem } from '../console/console-nav';

/** The console's public-welfare posts (公益性岗位), spread into CONSOLE_NAV. */
export const POSTS_NAV: readonly ConsoleNavItem[] = [
  {
    key: 'welfarePosts',
    route: 'welfare-posts/*',
    path: '/console/welfare-posts',
    label: 'console.menu.welfarePosts',
    icon: <SolutionOutlined />,
    roles: ['region_admin', 'org_admin'],
    page: lazy(() => import('../../pages/console/welfare-posts-console')),
  },
];
