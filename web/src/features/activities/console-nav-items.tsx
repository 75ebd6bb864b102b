import { lazy } from 'react';
import { AuditOutlined, CalendarOutlined, ExceptionOutlined, FileAddOutlined, FieldTimeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { ConsoleNavItem } from '../console/console-nav';

/** The activities module's console pages (spread into CONSOLE_NAV). */
export const ACTIVITIES_CONSOLE_NAV: readonly ConsoleNavItem[] = [
  {
    key: 'activities',
    route: 'activities/*',
    path: '/console/activities',
    label: 'console.menu.activities',
    icon: <CalendarOutlined />,
    roles: ['org_admin', 'region_admin'],
    page: lazy(() => import('../../pages/console/activities-page')),
  },
  {
    key: 'activityReview',
    route: 'activity-review',
    path: '/console/activity-review',
    label: 'console.menu.activityReview',
    icon: <AuditOutlined />,
    roles: ['region_admin'],
    page: lazy(() => import('../../pages/console/review-page')),
  },
  {
    key: 'settlements',
    route: 'settlements',
    path: '/console/settlements',
    label: 'console.menu.settlements',
    icon: <FieldTimeOutlined />,
    roles: ['org_admin', 'region_admin'],
    page: lazy(() => import('../../pages/console/settlements-page')),
  },
  {
    key: 'disputes',
    route: 'disputes',
    path: '/console/disputes',
    label: 'console.menu.disputes',
    icon: <ExceptionOutlined />,
    roles: ['org_admin', 'region_admin'],
    page: lazy(() => import('../../pages/console/disputes-page')),
  },
  {
    key: 'retroRecord',
    route: 'service-records/new',
    path: '/console/service-records/new',
    label: 'console.menu.retroRecord',
    icon: <FileAddOutlined />,
    roles: ['org_admin'],
    page: lazy(() => import('../../pages/console/activity-retro-page')),
  },
  {
    key: 'retroApprovals',
    route: 'service-records/pending',
    path: '/console/service-records/pending',
    label: 'console.menu.retroApprovals',
    icon: <SafetyCertificateOutlined />,
    roles: ['org_admin', 'region_admin'],
    page: lazy(() => import('../../pages/console/retro-approvals-page')),
  },
];
