import { ApartmentOutlined, IdcardOutlined, PlusCircleOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EntryList, type Entry } from '../../components/entry-list';

/** 我的 → 志愿服务: my record, my organisations, join one, register one. */
export function PeopleEntries() {
  const { t } = useTranslation();
  const entries: Entry[] = [
    { to: '/profile', key: 'profile', icon: <IdcardOutlined />, title: t('people.entries.profile'), hint: t('people.entries.profileHint') },
    { to: '/my-orgs', key: 'my-orgs', icon: <TeamOutlined />, title: t('people.entries.myOrgs'), hint: t('people.entries.myOrgsHint') },
    { to: '/join', key: 'join', icon: <ApartmentOutlined />, title: t('people.entries.join'), hint: t('people.entries.joinHint') },
    { to: '/orgs/new', key: 'register-org', icon: <PlusCircleOutlined />, title: t('people.entries.registerOrg'), hint: t('people.entries.registerOrgHint') },
  ];
  return <EntryList title={t('people.entries.title')} testId="me-people" entries={entries} />;
}
