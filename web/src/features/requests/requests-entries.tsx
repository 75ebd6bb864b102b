import { GiftOutlined, HeartOutlined, ScheduleOutlined, SolutionOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EntryList, type Entry } from '../../components/entry-list';

/** 我的 → 求助与心愿: ask for help, my requests, my assignments, the wish wall. */
export function RequestsEntries() {
  const { t } = useTranslation();
  const entries: Entry[] = [
    { to: '/help', key: 'help', icon: <HeartOutlined />, title: t('requests.entries.help'), hint: t('requests.entries.helpHint') },
    { to: '/requests', key: 'requests', icon: <SolutionOutlined />, title: t('requests.entries.mine'), hint: t('requests.entries.mineHint') },
    { to: '/requests/assigned', key: 'assigned', icon: <ScheduleOutlined />, title: t('requests.entries.assigned'), hint: t('requests.entries.assignedHint') },
    { to: '/wish-wall', key: 'wishes', icon: <GiftOutlined />, title: t('requests.entries.wall'), hint: t('requests.entries.wallHint') },
  ];
  return <EntryList title={t('requests.entries.title')} testId="me-requests" entries={entries} />;
}
