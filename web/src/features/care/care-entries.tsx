import { useQuery } from '@tanstack/react-query';
import { ApartmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EntryList } from '../../components/entry-list';
import { careApi } from './api';

/** 我的 → 网格工作: shown to grid workers and building heads (those with grids to work in). */
export function CareEntries() {
  const { t } = useTranslation();
  const grids = useQuery(careApi.myGrids());
  if (!grids.data?.items.length) return null;
  return (
    <EntryList
      title={t('care.entries.title')}
      testId="me-care"
      entries={[{ to: '/grid', key: 'grid', icon: <ApartmentOutlined />, title: t('care.entries.home'), hint: t('care.entries.homeHint') }]}
    />
  );
}
