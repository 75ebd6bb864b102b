import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { ShopOutlined } from '@ant-design/icons';
import { Route } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EntryList } from '../../components/entry-list';
import { LoadingBlock } from '../../components/page-state';
import { charityApi } from './api';

const CharityPage = lazy(() => import('../../pages/app/charity-page'));

/** 我的 → 义卖记账: shown only to those who record sales at a charity sale (or run one). */
export function CharityEntries() {
  const { t } = useTranslation();
  const mine = useQuery(charityApi.list({ pageSize: 1 }));
  if (!mine.data?.total) return null;
  return <EntryList title={t('charity.nav')} testId="me-charity" entries={[{ to: '/charity', key: 'charity', icon: <ShopOutlined />, title: t('charity.app.entry'), hint: t('charity.app.entryHint') }]} />;
}

const page = (
  <Suspense fallback={<LoadingBlock rows={6} />}>
    <CharityPage />
  </Suspense>
);

/** The recorder's till on a phone, inside the app layout. */
export const charityAppRoutes = (
  <>
    <Route path="charity" element={page} />
    <Route path="charity/:id" element={page} />
  </>
);
