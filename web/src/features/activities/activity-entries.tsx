import { BellOutlined, CalendarOutlined, FileDoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EntryList, type Entry } from '../../components/entry-list';

/** 我的 → 志愿活动: my activities, my service records, my inbox. */
export function ActivityEntries() {
  const { t } = useTranslation();
  const entries: Entry[] = [
    { to: '/activities?tab=mine', key: 'my-activities', icon: <CalendarOutlined />, title: t('activities.entries.mine'), hint: t('activities.entries.mineHint') },
    { to: '/records', key: 'records', icon: <FileDoneOutlined />, title: t('activities.entries.records'), hint: t('activities.entries.recordsHint') },
    { to: '/notifications', key: 'inbox', icon: <BellOutlined />, title: t('activities.entries.inbox'), hint: t('activities.entries.inboxHint') },
  ];
  return <EntryList title={t('activities.entries.title')} testId="me-activities" entries={entries} />;
}
