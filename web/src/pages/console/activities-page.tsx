import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { LoadingBlock } from '../../components/page-state';
import { NotFoundPage } from '../not-found-page';

const ListPage = lazy(() => import('./activities-list-page'));
const FormPage = lazy(() => import('./activity-form-page'));
const DetailPage = lazy(() => import('./activity-detail-page'));
const KioskPage = lazy(() => import('./kiosk-page'));

/** `/console/activities/*`: the organisation's activities, their form, detail and QR kiosk. */
export default function ActivitiesConsole() {
  return (
    <Suspense fallback={<LoadingBlock rows={6} />}>
      <Routes>
        <Route index element={<ListPage />} />
        <Route path="new" element={<FormPage />} />
        <Route path=":id" element={<DetailPage />} />
        <Route path=":id/edit" element={<FormPage />} />
        <Route path=":id/kiosk" element={<KioskPage />} />
        <Route path="*" element={<NotFoundPage home="/console/activities" />} />
      </Routes>
    </Suspense>
  );
}
