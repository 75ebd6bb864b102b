import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Route } from 'react-router-dom';
import { LoadingBlock } from '../../components/page-state';

const StarsPage = lazy(() => import('../../pages/app/stars-page'));
const MyRankingsPage = lazy(() => import('../../pages/app/my-rankings-page'));
const VerifyPage = lazy(() => import('../../pages/public/verify-page'));

function Lazy({ page: Page }: { page: LazyExoticComponent<ComponentType> }) {
  return (
    <Suspense fallback={<LoadingBlock rows={6} />}>
      <Page />
    </Suspense>
  );
}

/** 我的星级与证明 and 我的排名, inside the app layout. */
export const honoursAppRoutes = (
  <>
    <Route path="stars" element={<Lazy page={StarsPage} />} />
    <Route path="rankings" element={<Lazy page={MyRankingsPage} />} />
  </>
);

/** The public certificate check, without login. */
export const honoursPublicRoutes = <Route path="/verify/:number" element={<Lazy page={VerifyPage} />} />;
