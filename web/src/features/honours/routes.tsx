import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Route } from 'react-router-dom';
import { LoadingBlock } from '../../components/page-state';

const StarsPage = lazy(() => import('../../pages/app/stars-page'));
const MyRankingsPage = lazy(() => import('../../pages/app/my-rankings-page'));
const VerifyPage = lazy(() => import('../../pages/public/verify-page'));
const BenefitCardPage = lazy(() => import('../../pages/app/benefit-card-page'));
const PartnerVerifyPage = lazy(() => import('../../pages/app/partner-verify-page'));

function Lazy({ page: Page }: { page: LazyExoticComponent<ComponentType> }) {
  return (
    <Suspense fallback={<LoadingBlock rows={6} />}>
      <Page />
    </Suspense>
  );
}

/** 我的星级与证明, 我的排名, the benefit card (权益卡) and a partner's card check, inside the app layout. */
export const honoursAppRoutes = [
  <Route key="stars" path="stars" element={<Lazy page={StarsPage} />} />,
  <Route key="rankings" path="rankings" element={<Lazy page={MyRankingsPage} />} />,
  <Route key="benefits" path="benefits" element={<Lazy page={BenefitCardPage} />} />,
  <Route key="partner" path="partner" element={<Lazy page={PartnerVerifyPage} />} />,
];

/** The public certificate check, without login. */
export const honoursPublicRoutes = <Route path="/verify/:number" element={<Lazy page={VerifyPage} />} />;
