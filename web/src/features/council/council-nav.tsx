import { lazy } from 'react';
import { CommentOutlined, StarOutlined } from '@ant-design/icons';
import type { ConsoleNavItem } from '../console/console-nav';

/** The console's 小板凳议事会 and 文明户与红黑榜 pages, spread into CONSOLE_NAV. */
export const COMMUNITY_NAV: readonly ConsoleNavItem[] = [
  { key: 'council', route: 'council', path: '/console/council', label: 'console.menu.council', icon: <CommentOutlined />, roles: ['region_admin'], page: lazy(() => import('../../pages/console/council-page')) },
  { key: 'civility', route: 'civility', path: '/console/civility', label: 'console.menu.civility', icon: <StarOutlined />, roles: ['region_admin'], page: lazy(() => import('../../pages/console/civility-page')) },
];
