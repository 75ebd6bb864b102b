import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Route } from 'react-router-dom';
import { LoadingBlock } from '../../components/page-state';

const GridHomePage = lazy(() => import('../../pages/app/grid-home-page'));
const GridVisitPage = lazy(() => import('../../pages/app/grid-visit-page'));

function Lazy({ page: Page }: { page: LazyExoticComponent<ComponentType> }) {
  return (
    <Suspense fallback={<LoadingBlock rows={6} />}>
      <Page />
    </Suspense>
  );
}

/** The grid worker's pages (网格走访), inside the app layout. */
export const careAppRoutes = (
  <>
    <Route path="grid" element={<Lazy page={GridHomePage} />} />
    <Route path="grid/visits/:visitId" element={<Lazy page={GridVisitPage} />} />
  </>
);
