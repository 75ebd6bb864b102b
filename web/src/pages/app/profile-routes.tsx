import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Route } from 'react-router-dom';
import { LoadingBlock } from '../../components/page-state';

const ProfilePage = lazy(() => import('./profile-page'));
const MyOrgsPage = lazy(() => import('./my-orgs-page'));
const JoinPage = lazy(() => import('./join-page'));
const JoinOrgPage = lazy(() => import('./join-org-page'));
const OrgsNewPage = lazy(() => import('./orgs-new-page'));

function Lazy({ page: Page }: { page: LazyExoticComponent<ComponentType> }) {
  return (
    <Suspense fallback={<LoadingBlock rows={6} />}>
      <Page />
    </Suspense>
  );
}

/** The volunteer app's people pages (我的 → 志愿者档案, 我的组织, 加入组织, 登记组织), placed inside the app layout. */
export const peopleAppRoutes = (
  <>
    <Route path="profile" element={<Lazy page={ProfilePage} />} />
    <Route path="my-orgs" element={<Lazy page={MyOrgsPage} />} />
    <Route path="join" element={<Lazy page={JoinPage} />} />
    <Route path="join/:id" element={<Lazy page={JoinOrgPage} />} />
    <Route path="orgs/new" element={<Lazy page={OrgsNewPage} />} />
  </>
);
