import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { VolunteerLayout } from './layouts/volunteer-layout';
import { FullPageSpin, RequireAuth } from './require-auth';
import { LoginPage } from '../pages/login-page';
import { ClaimPage } from '../pages/claim-page';
import { NotFoundPage } from '../pages/not-found-page';
import { HomePage } from '../pages/app/home-page';
import { ActivitiesPage } from '../pages/app/activities-page';
import { MarketPage } from '../pages/app/market-page';
import { MePage } from '../pages/app/me-page';
import { peopleAppRoutes } from '../pages/app/profile-routes';
import { ledgerAppRoutes } from '../pages/app/passbook-routes';
import { activitiesAppRoutes } from '../features/activities/app-routes';
import { requestsAppRoutes, requestsPublicRoutes } from '../features/requests/app-routes';
import { honoursAppRoutes, honoursPublicRoutes } from '../features/honours/routes';

// zod (client-side checks) comes with the register page; the console is its own chunk
const RegisterPage = lazy(() => import('../pages/register-page'));
const ResetPasswordPage = lazy(() => import('../pages/reset-password-page'));
const LegalPage = lazy(() => import('../pages/legal-page'));
const ConsoleApp = lazy(() => import('../pages/console/console-app'));
// the public portal (no login): its own chunk, with ECharts
const PortalApp = lazy(() => import('../pages/portal/portal-app'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/claim" element={<ClaimPage />} />
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
