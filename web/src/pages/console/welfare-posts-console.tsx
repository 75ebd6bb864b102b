import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { LoadingBlock } from '../../components/page-state';
import { NotFoundPage } from '../not-found-page';

const ListPage = lazy(() => import('./welfare-posts-page'));
const DetailPage = lazy(() => import('./welfare-post-detail-page'));
const KioskPage = lazy(() => import('./welfare-kiosk-page'));

/** `/console/welfare-posts/*`: posts, placements, checks and report; one post's month; its QR kiosk. */
export default function WelfarePostsConsole() {
  return (
    <Suspense fallback={<LoadingBlock rows={6} />}>
      <Routes>
        <Route index element={<ListPage />} />
        <Route path=":id" element={<DetailPage />} />
        <Route path=":id/kiosk" element={<KioskPage />} />
        <Route path="*" element={<NotFoundPage home="/console/welfare-posts" />} />
      </Routes>
    </Suspense>
  );
}
