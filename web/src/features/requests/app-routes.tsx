import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Route } from 'react-router-dom';
import { LoadingBlock } from '../../components/page-state';

const HelpPage = lazy(() => import('../../pages/app/help-page'));
const RequestsPage = lazy(() => import('../../pages/app/requests-page'));
const AssignedPage = lazy(() => import('../../pages/app/requests-assigned-page'));
const WishesPage = lazy(() => import('../../pages/app/wishes-page'));

function Lazy({ page: Page }: { page: LazyExoticComponent<ComponentType> }) {
  return (
    <Suspense fallback={<LoadingBlock rows={6} />}>
      <Page />
    </Suspense>
  );
}

/** The volunteer app's help and wish pages (我要求助, 我的求助, 我的接单, 心愿墙), inside the app layout. */
export const requestsAppRoutes = (
  <>
    <Route path="help" element={<Lazy page={HelpPage} />} />
    <Route path="requests" element={<Lazy page={RequestsPage} />} />
    <Route path="requests/assigned" element={<Lazy page={AssignedPage} />} />
    <Route path="wish-wall" element={<Lazy page={WishesPage} />} />
  </>
);

const PublicWishesPage = lazy(() => import('../../pages/public/wishes-page'));

/** The public wish wall, without login. */
export const requestsPublicRoutes = <Route path="/wishes" element={<Lazy page={PublicWishesPage} />} />;
