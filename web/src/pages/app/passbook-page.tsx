import { useState } from 'react';
import { Button, Card, Flex, Segmented, Typography } from 'antd';
import { CalendarOutlined, FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { myPassbookHref, type Ledger } from '../../features/ledger/api';
import { BalanceFigures } from '../../features/ledger/balance-cards';
import { PhonePageHeader } from '../../components/phone-page-header';
import { PassbookEntry } from '../../features/ledger/passbook-entry';
import { usePassbookPages } from '../../features/ledger/use-passbook';
import { RecoveryNotice } from '../../features/people/recovery-card';

/** 爱心存折: balances on top, then the entries of one ledger, newest first, a page at a time; PDF and Excel downloads. */
export default function PassbookPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [ledger, setLedger] = useState<Ledger>('points');
  const book = usePassbookPages(ledger);

  return (
    <Flex vertical gap={16} data-testid="passbook-page">
      <PhonePageHeader title={t('ledger.passbook.title')} />
      <RecoveryNotice />
      {book.error && !book.balances ? <ErrorState error={book.error} onRetry={book.reload} /> : <BalanceFigures balances={book.balances} />}

      <Flex gap={8}>
        <Button block size="large" icon={<FilePdfOutlined />} href={myPassbookHref('pdf', ledger)} download data-testid="passbook-pdf">
          {t('ledger.passbook.downloadPdf')}
        </Button>
        <Button block size="large" icon={<FileExcelOutlined />} href={myPassbookHref('xlsx', ledger)} download data-testid="passbook-xlsx">
          {t('ledger.passbook.downloadExcel')}
        </Button>
      </Flex>
      <Typography.Text type="secondary" style={{ marginTop: -8, fontSize: '0.85em' }}>
        {t('ledger.passbook.downloadHint')}
      </Typography.Text>

      <Card styles={{ body: { paddingTop: 12 } }}>
        <Segmented<Ledger>
          block
          size="large"
          value={ledger}
          onChange={setLedger}
          options={[
            { value: 'points', label: <span data-testid="passbook-tab-points">{t('ledger.ledgers.points')}</span> },
            { value: 'time', label: <span data-testid="passbook-tab-time">{t('ledger.ledgers.time')}</span> },
          ]}
        />
        {book.loading && book.items.length === 0 ? (
          <div style={{ marginTop: 16 }}>
            <LoadingBlock rows={5} />
          </div>
        ) : book.error && book.items.length === 0 ? (
          <ErrorState error={book.error} onRetry={book.reload} />
        ) : book.items.length === 0 ? (
          <EmptyState
            testId="passbook-empty"
            title={ledger === 'points' ? t('ledger.passbook.emptyPoints') : t('ledger.passbook.emptyTime')}
            hint={t('ledger.passbook.emptyHint')}
            action={
              <Button type="primary" size="large" icon={<CalendarOutlined />} onClick={() => navigate('/activities')}>
                {t('ledger.passbook.browse')}
              </Button>
            }
          />
        ) : (
          <div data-testid="passbook-list">
            {book.items.map((item) => (
              <PassbookEntry key={item.id} item={item} />
            ))}
            {book.error ? <ErrorState error={book.error} onRetry={book.loadMore} /> : null}
            <div style={{ textAlign: 'center', marginTop: 12 }}>
              {book.hasMore ? (
                <Button size="large" block loading={book.loading} onClick={book.loadMore} data-testid="passbook-more">
                  {t('ledger.passbook.loadMore')}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t('ledger.passbook.allLoaded', { total: book.total })}</Typography.Text>
              )}
            </div>
          </div>
        )}
      </Card>
    </Flex>
  );
}
