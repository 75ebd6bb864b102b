import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Route } from 'react-router-dom';
import { LoadingBlock } from '../../components/page-state';

const MyPostPage = lazy(() => import('../../pages/app/welfare-post-page'));
const CheckinPage = lazy(() => import('../../pages/app/welfare-checkin-page'));

function Lazy({ page: Page }: { page: LazyExoticComponent<ComponentType> }) {
  return (
    <Suspense fallback={<LoadingBlock rows={6} />}>
      <Page />
    </Suspense>
  );
}

/** The worker's public-welfare post pages, inside the app layout (behind the login). */
export const postsAppRoutes = (
  <>
    <Route path="welfare-post" element={<Lazy page={MyPostPage} />} />
    <Route path="welfare-checkin/:postId" element={<Lazy page={CheckinPage} />} />
  </>
);
