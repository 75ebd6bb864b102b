import { useQuery } from '@tanstack/react-query';
import { SolutionOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EntryList } from '../../components/entry-list';
import { postsApi } from './api';

/** 我的 → 我的公益岗位: shown to a person who holds a public-welfare post or is in its procedure. */
export function PostEntries() {
  const { t } = useTranslation();
  const mine = useQuery(postsApi.mine());
  if (!mine.data?.placement) return null;
  return <EntryList title={t('posts.mine.title')} testId="me-welfare" entries={[{ to: '/welfare-post', key: 'welfare-post', icon: <SolutionOutlined />, title: t('posts.mine.entry'), hint: t('posts.mine.entryHint') }]} />;
}
