import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Route } from 'react-router-dom';
import { LoadingBlock } from '../../components/page-state';

const PassbookPage = lazy(() => import('./passbook-page'));
const RelativesPage = lazy(() => import('./relatives-page'));
const TransferPage = lazy(() => import('./transfer-page'));
const DonatePage = lazy(() => import('./transfer-donate-page'));

function Lazy({ page: Page }: { page: LazyExoticComponent<ComponentType> }) {
  return (
    <Suspense fallback={<LoadingBlock rows={6} />}>
      <Page />
    </Suspense>
  );
}

/** The volunteer app's time-bank pages (我的 → 爱心存折, 我的家人, 转赠时间, 捐赠), placed inside the app layout. */
export const ledgerAppRoutes = (
  <>
    <Route path="passbook" element={<Lazy page={PassbookPage} />} />
    <Route path="relatives" element={<Lazy page={RelativesPage} />} />
    <Route path="transfer" element={<Lazy page={TransferPage} />} />
    <Route path="donate" element={<Lazy page={DonatePage} />} />
  </>
);
