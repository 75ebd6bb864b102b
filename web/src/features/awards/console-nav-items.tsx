import { lazy } from 'react';
import { CrownOutlined } from '@ant-design/icons';
import type { ConsoleNavItem } from '../console/console-nav';

/** 评选表彰: region admins run campaigns and review; organisation admins nominate. */
export const AWARDS_CONSOLE_NAV: readonly ConsoleNavItem[] = [
  {
    key: 'awards',
    route: 'awards',
    path: '/console/awards',
    label: 'console.menu.awards',
    icon: <CrownOutlined />,
    roles: ['region_admin', 'org_admin'],
    page: lazy(() => import('../../pages/console/awards-page')),
  },
];
