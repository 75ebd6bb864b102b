import { useQuery } from '@tanstack/react-query';
import { CreditCardOutlined, RiseOutlined, ScanOutlined, TrophyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EntryList, type Entry } from '../../components/entry-list';
import { partnersApi } from '../partners/api';

/** 我的 → 荣誉: stars and certificates, my rankings, the benefit card, and for a partner's staff the card check. */
export function HonoursEntries() {
  const { t } = useTranslation();
  const partners = useQuery(partnersApi.myPartners());
  const entries: Entry[] = [
    { to: '/stars', key: 'stars', icon: <TrophyOutlined />, title: t('honours.entries.stars'), hint: t('honours.entries.starsHint') },
    { to: '/rankings', key: 'rankings', icon: <RiseOutlined />, title: t('rankings.mine.entry'), hint: t('rankings.mine.entryHint') },
    { to: '/benefits', key: 'benefits', icon: <CreditCardOutlined />, title: t('partners.card.entry'), hint: t('partners.card.entryHint') },
    ...(partners.data?.items.length ? [{ to: '/partner', key: 'partner', icon: <ScanOutlined />, title: t('partners.verify.entry'), hint: t('partners.verify.entryHint') }] : []),
  ];
  return <EntryList title={t('honours.entries.title')} testId="me-honours" entries={entries} />;
}
