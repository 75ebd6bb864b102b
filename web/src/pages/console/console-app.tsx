import { Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { ConsoleLayout } from '../../app/layouts/console-layout';
import { LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { CONSOLE_NAV, type ConsoleNavItem } from '../../features/console/console-nav';
import { canSee } from '../../features/console/nav-filter';
import { NotFoundPage } from '../not-found-page';
import { ForbiddenPage } from './forbidden-page';

function Gate({ item }: { item: ConsoleNavItem }) {
  const { grants } = useMe();
  if (!canSee(item, grants)) return <ForbiddenPage kind="page" roles={item.roles} />;
  const Page = item.page;
  return (
    <Suspense fallback={<LoadingBlock rows={6} />}>
      <Page />
    </Suspense>
  );
}

/** `/console/*`: the lazily loaded staff console. Its routes come from CONSOLE_NAV. */
export default function ConsoleApp() {
  const { grants } = useMe();
  if (grants.length === 0) return <ForbiddenPage kind="console" />;
  return (
    <Routes>
      <Route element={<ConsoleLayout />}>
        {CONSOLE_NAV.map((item) =>
          item.route === '' ? <Route key={item.key} index element={<Gate item={item} />} /> : <Route key={item.key} path={item.route} element={<Gate item={item} />} />,
        )}
        <Route path="*" element={<NotFoundPage home="/console" />} />
      </Route>
    </Routes>
  );
}
