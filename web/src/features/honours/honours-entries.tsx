import { RiseOutlined, TrophyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EntryList, type Entry } from '../../components/entry-list';

/** 我的 → 荣誉: stars and certificates, my rankings. */
export function HonoursEntries() {
  const { t } = useTranslation();
  const entries: Entry[] = [
    { to: '/stars', key: 'stars', icon: <TrophyOutlined />, title: t('honours.entries.stars'), hint: t('honours.entries.starsHint') },
    { to: '/rankings', key: 'rankings', icon: <RiseOutlined />, title: t('rankings.mine.entry'), hint: t('rankings.mine.entryHint') },
  ];
  return <EntryList title={t('honours.entries.title')} testId="me-honours" entries={entries} />;
}
