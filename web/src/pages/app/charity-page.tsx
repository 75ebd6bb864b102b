import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, List, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { PhonePageHeader } from '../../components/phone-page-header';
import { charityApi } from '../../features/charity/api';
import { SaleForm, SaleList, TotalsCards, Yuan } from '../../features/charity/charity-parts';
import { useFormat } from '../../i18n/use-format';

/** 义卖记账 on a phone at the stall: the sales I record for (`/charity`), then one sale's till (`/charity/:id`). */
export default function CharityPage() {
  const { id } = useParams();
  return id ? <Till eventId={id} /> : <MyEvents />;
}

function MyEvents() {
  const { t } = useTranslation();
  const { date } = useFormat();
  const list = useQuery(charityApi.list({ pageSize: 50 }));
  return (
    <Flex vertical gap={16} data-testid="charity-app-page">
      <PhonePageHeader title={t('charity.app.title')} />
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.refetch} />
      ) : !list.data ? (
        <LoadingBlock rows={4} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t('charity.app.none')} hint={t('charity.app.noneHint')} testId="charity-app-empty" />
      ) : (
        <Card title={t('charity.app.choose')} styles={{ body: { padding: 0 } }}>
          <List
            dataSource={list.data.items}
            renderItem={(e) => (
              <Link to={`/charity/${e.id}`} data-testid="charity-app-event">
                <List.Item style={{ padding: '12px 16px', minHeight: 56 }} extra={<RightOutlined />}>
                  <Flex vertical gap={2}>
                    <Typography.Text strong>{e.title}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {e.regionName} · {date(e.startsAt)} <Tag color={e.status === 'open' ? 'green' : 'default'}>{t(`charity.status.${e.status}`)}</Tag>
                    </Typography.Text>
                    <span>
                      {t('charity.totals.raised')} <Yuan fen={e.totals.raisedFen} strong />
                    </span>
                  </Flex>
                </List.Item>
              </Link>
            )}
          />
        </Card>
      )}
    </Flex>
  );
}

function Till({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const event = useQuery(charityApi.get(eventId));
  const sales = useQuery(charityApi.sales(eventId, { pageSize: 20 }));
  const refresh = () => {
    void event.refetch();
    void sales.refetch();
  };
  return (
    <Flex vertical gap={16} data-testid="charity-till">
      <PhonePageHeader title={event.data?.title ?? t('charity.app.title')} back="/charity" />
      {event.error && !event.data ? (
        <ErrorState error={event.error} onRetry={event.refetch} />
      ) : !event.data ? (
        <LoadingBlock rows={6} />
      ) : (
        <>
          <TotalsCards totals={event.data.totals} />
          <Card title={t('charity.sale.title')}>
            <SaleForm event={event.data} onRecorded={refresh} />
          </Card>
          <Card title={t('charity.sale.recent')} extra={<Link to={`/portal/charity/${eventId}`}><Button type="link" size="small" data-testid="charity-public-link">{t('charity.console.publicLink')}</Button></Link>}>
            {sales.error && !sales.data ? <ErrorState error={sales.error} onRetry={sales.refetch} /> : !sales.data ? <LoadingBlock /> : <SaleList sales={sales.data.items} onReversed={refresh} />}
          </Card>
        </>
      )}
    </Flex>
  );
}
