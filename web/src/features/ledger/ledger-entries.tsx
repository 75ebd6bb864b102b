import { BookOutlined, GiftOutlined, HeartOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EntryList, type Entry } from '../../components/entry-list';

/** 我的 → 时间银行: passbook, family, give time, donate. */
export function LedgerEntries() {
  const { t } = useTranslation();
  const entries: Entry[] = [
    { to: '/passbook', key: 'passbook', icon: <BookOutlined />, title: t('ledger.entries.passbook'), hint: t('ledger.entries.passbookHint') },
    { to: '/relatives', key: 'relatives', icon: <HeartOutlined />, title: t('ledger.entries.relatives'), hint: t('ledger.entries.relativesHint') },
    { to: '/transfer', key: 'transfer', icon: <SwapOutlined />, title: t('ledger.entries.transfer'), hint: t('ledger.entries.transferHint') },
    { to: '/donate', key: 'donate', icon: <GiftOutlined />, title: t('ledger.entries.donate'), hint: t('ledger.entries.donateHint') },
  ];
  return <EntryList title={t('ledger.entries.title')} testId="me-ledger" entries={entries} />;
}
