import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { VolunteerLayout } from './layouts/volunteer-layout';
import { FullPageSpin, RequireAuth } from './require-auth';
import { LoginPage } from '../pages/login-page';
import { NotFoundPage } from '../pages/not-found-page';
import { peopleAppRoutes } from '../pages/app/profile-routes';
import { ledgerAppRoutes } from '../pages/app/passbook-routes';
import { activitiesAppRoutes } from '../features/activities/app-routes';
import { requestsAppRoutes, requestsPublicRoutes } from '../features/requests/app-routes';
import { honoursAppRoutes, honoursPublicRoutes } from '../features/honours/routes';
import { charityAppRoutes } from '../features/charity/charity-entries';
import { communityAppRoutes } from '../features/council/community-entries';
import { careAppRoutes } from '../features/care/app-routes';
import { postsAppRoutes } from '../features/posts/app-routes';

// zod (client-side checks) comes with the register page; the console is its own chunk
const RegisterPage = lazy(() => import('../pages/register-page'));
const ResetPasswordPage = lazy(() => import('../pages/reset-password-page'));
const LegalPage = lazy(() => import('../pages/legal-page'));
const ConsoleApp = lazy(() => import('../pages/console/console-app'));
// the public portal (no login): its own chunk, with ECharts
const PortalApp = lazy(() => import('../pages/portal/portal-app'));
// the app's tabs load after login, so the login page on a slow phone carries only what it needs
// (the layout's <Suspense> shows a skeleton meanwhile)
const ClaimPage = lazy(() => import('../pages/claim-page').then((m) => ({ default: m.ClaimPage })));
const HomePage = lazy(() => import('../pages/app/home-page').then((m) => ({ default: m.HomePage })));
const ActivitiesPage = lazy(() => import('../pages/app/activities-page').then((m) => ({ default: m.ActivitiesPage })));
const MarketPage = lazy(() => import('../pages/app/market-page').then((m) => ({ default: m.MarketPage })));
const MePage = lazy(() => import('../pages/app/me-page').then((m) => ({ default: m.MePage })));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/claim"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <ClaimPage />
          </Suspense>
        }
      />
      <Route path="/reset-password" element={<Suspense fallback={<FullPageSpin />}><ResetPasswordPage /></Suspense>} />
      <Route path="/terms" element={<Suspense fallback={<FullPageSpin />}><LegalPage kind="terms" /></Suspense>} />
      <Route path="/privacy" element={<Suspense fallback={<FullPageSpin />}><LegalPage kind="privacy" /></Suspense>} />
      {requestsPublicRoutes}
      {honoursPublicRoutes}
      <Route
        path="/portal/*"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <PortalApp />
          </Suspense>
        }
      />
      <Route
        path="/register"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <RegisterPage />
          </Suspense>
        }
      />
      <Route
        element={
          <RequireAuth publicHome="/portal">
            <VolunteerLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="activities" element={<ActivitiesPage />} />
        <Route path="market" element={<MarketPage />} />
        <Route path="me" element={<MePage />} />
        {peopleAppRoutes}
        {ledgerAppRoutes}
        {activitiesAppRoutes}
        {requestsAppRoutes}
        {honoursAppRoutes}
        {charityAppRoutes}
        {communityAppRoutes}
        {careAppRoutes}
        {postsAppRoutes}
      </Route>
      <Route
        path="/console/*"
        element={
          <RequireAuth>
            <Suspense fallback={<FullPageSpin />}>
              <ConsoleApp />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
