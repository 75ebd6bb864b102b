import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { App, Button, Col, Flex, Pagination, Row, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { wishesApi, type AnyWish } from '../../features/requests/api';
import { PhonePageHeader } from '../../components/phone-page-header';
import { ClaimModal, DeliverModal, WishCard, WishStatsCards, rememberClaim, rememberedClaims } from '../../features/wishes/wish-parts';
import { useFormat } from '../../i18n/use-format';
import { fetchApi } from '../../api/query';

type Tab = 'open' | 'all' | 'mine';
const PAGE_SIZE = 12;

/** 心愿墙 (app): the figures, the open wishes to claim, and my claims to deliver. */
export default function WishesPage() {
  const { t } = useTranslation();
  const { date } = useFormat();
  const { message } = App.useApp();
  const { user } = useMe();
  const [tab, setTab] = useState<Tab>('open');
  const [page, setPage] = useState(1);
  const [claiming, setClaiming] = useState<AnyWish | null>(null);
  const [delivering, setDelivering] = useState<AnyWish | null>(null);
  const stats = useQuery(wishesApi.stats(undefined));
  const shown = useQuery({ ...wishesApi.list({ status: tab === 'open' ? 'open' : undefined, page, pageSize: PAGE_SIZE }), enabled: tab !== 'mine' });
  const mine = useQuery({
    queryKey: ['/wishes', { query: { status: ['claimed', 'delivered'] } }, 'mine', user?.name ?? null],
    queryFn: async ({ signal }) => {
      // mine: claimed or delivered wishes this device claimed, or claimed in my name
      const ids = new Set(rememberedClaims());
      const pages = await Promise.all((['claimed', 'delivered'] as const).map((status) => fetchApi(wishesApi.list({ status, page: 1, pageSize: 100 }), signal)));
      const items = pages.flatMap((p) => p.items).filter((w) => ids.has(w.id) || (!!user && w.claimantName === user.name));
      return { items, total: items.length };
    },
    enabled: tab === 'mine',
  });
  const list = tab === 'mine' ? mine : shown;

  const changeTab = (v: Tab) => {
    setTab(v);
    setPage(1);
  };

  return (
    <Flex vertical gap={16} data-testid="wishes-page">
      <PhonePageHeader title={t('requests.wishes.wallTitle')} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('requests.wishes.wallIntro')}
      </Typography.Paragraph>
      <WishStatsCards stats={stats.data} loading={stats.isFetching} />
      <Segmented<Tab>
        block
        size="large"
        value={tab}
        onChange={changeTab}
        options={[
          { value: 'open', label: <span data-testid="wishes-tab-open">{t('requests.wishes.tabOpen')}</span> },
          { value: 'all', label: <span data-testid="wishes-tab-all">{t('requests.wishes.tabAll')}</span> },
          { value: 'mine', label: <span data-testid="wishes-tab-mine">{t('requests.wishes.tabMine')}</span> },
        ]}
      />
      {list.isFetching && !list.data ? (
        <LoadingBlock rows={5} />
      ) : list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.refetch} />
      ) : !list.data || list.data.items.length === 0 ? (
        tab === 'mine' ? (
          <EmptyState testId="wishes-empty" title={t('requests.wishes.noClaims')} hint={t('requests.wishes.noClaimsHint')} action={<Button onClick={() => changeTab('open')}>{t('requests.wishes.tabOpen')}</Button>} />
        ) : tab === 'open' ? (
          <EmptyState testId="wishes-empty" title={t('requests.wishes.emptyOpen')} hint={t('requests.wishes.emptyOpenHint')} />
        ) : (
          <EmptyState testId="wishes-empty" title={t('requests.wishes.empty')} hint={t('requests.wishes.emptyHint')} />
        )
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {list.data.items.map((w) => (
              <Col key={w.id} xs={24} sm={12}>
                <WishCard
                  wish={w}
                  action={
                    w.status === 'open' ? (
                      <Button type="primary" size="large" block onClick={() => setClaiming(w)} data-testid="wish-claim">
                        {t('requests.wishes.claim')}
                      </Button>
                    ) : tab === 'mine' && w.status === 'claimed' ? (
                      <Button type="primary" size="large" block onClick={() => setDelivering(w)} data-testid="wish-deliver">
                        {t('requests.wishes.deliver')}
                      </Button>
                    ) : undefined
                  }
                />
              </Col>
            ))}
          </Row>
          {tab !== 'mine' && list.data.total > PAGE_SIZE ? <Pagination simple current={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={setPage} style={{ alignSelf: 'center' }} /> : null}
        </>
      )}
      <ClaimModal
        wish={claiming}
        onClose={() => {
          setClaiming(null);
          list.refetch();
        }}
        onDone={(w) => {
          rememberClaim(w.id);
          setClaiming(null);
          void message.success(t('requests.wishes.claimed', { time: date(w.claimDueAt) }));
          stats.refetch();
          changeTab('mine');
        }}
      />
      <DeliverModal
        wish={delivering}
        onClose={() => setDelivering(null)}
        onDone={() => {
          setDelivering(null);
          void message.success(t('requests.wishes.delivered'));
          list.refetch();
        }}
      />
    </Flex>
  );
}
