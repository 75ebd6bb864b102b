import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { CommentOutlined, StarOutlined } from '@ant-design/icons';
import { Route } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EntryList } from '../../components/entry-list';
import { LoadingBlock } from '../../components/page-state';

const CouncilPage = lazy(() => import('../../pages/app/council-page'));
const CivilityPage = lazy(() => import('../../pages/app/civility-page'));

/** 我的 → 社区议事: the residents' council and my household's civility rating. */
export function CommunityEntries() {
  const { t } = useTranslation();
  return (
    <EntryList
      title={t('council.menu.council')}
      testId="me-community"
      entries={[
        { to: '/council', key: 'council', icon: <CommentOutlined />, title: t('council.entry'), hint: t('council.entryHint') },
        { to: '/civility', key: 'civility', icon: <StarOutlined />, title: t('civility.entry'), hint: t('civility.entryHint') },
      ]}
    />
  );
}

function Lazy({ page: Page }: { page: LazyExoticComponent<ComponentType> }) {
  return (
    <Suspense fallback={<LoadingBlock rows={6} />}>
      <Page />
    </Suspense>
  );
}

export const communityAppRoutes = (
  <>
    <Route path="council" element={<Lazy page={CouncilPage} />} />
    <Route path="civility" element={<Lazy page={CivilityPage} />} />
  </>
);
