import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Route } from 'react-router-dom';
import { LoadingBlock } from '../../components/page-state';

const ActivityDetailPage = lazy(() => import('../../pages/app/activity-detail-page'));
const CheckinPage = lazy(() => import('../../pages/app/checkin-page'));
const RecordsPage = lazy(() => import('../../pages/app/records-page'));
const NotificationsPage = lazy(() => import('../../pages/app/notifications-page'));

function Lazy({ page: Page }: { page: LazyExoticComponent<ComponentType> }) {
  return (
    <Suspense fallback={<LoadingBlock rows={6} />}>
      <Page />
    </Suspense>
  );
}

/** The volunteer app's activity pages, placed inside the app layout (so behind the login). */
export const activitiesAppRoutes = (
  <>
    <Route path="activities/:id" element={<Lazy page={ActivityDetailPage} />} />
    <Route path="checkin/:activityId" element={<Lazy page={CheckinPage} />} />
    <Route path="records" element={<Lazy page={RecordsPage} />} />
    <Route path="notifications" element={<Lazy page={NotificationsPage} />} />
  </>
);
