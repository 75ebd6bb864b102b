import { useQuery } from '@tanstack/react-query';
import { alsoKeyed } from '../../api/query';
import { useEffect, useState } from 'react';
import { App, Button, Card, Drawer, Flex, Image, InputNumber, Popconfirm, Select, Statistic, Tabs, Tag, Typography } from 'antd';
import { GiftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/error-text';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { marketApi, type Product, type Redemption } from '../../features/market/api';
import { useKeyKeeper } from '../../features/ledger/use-submit-once';
import { currentLang } from '../../i18n';
import { useFormat } from '../../i18n/use-format';

const STATION_KEY = 'aixin.market.station';

/** 爱心超市 (phone): the shelves of the stations of my region, an order with its confirmation, my orders with the pickup code. */
export function MarketPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState('shelf');
  return (
    <div data-testid="market-page">
      <Typography.Title level={3}>{t('market.title')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'shelf', label: t('market.shelf'), children: <Shelf onOrdered={() => setTab('orders')} /> },
          { key: 'orders', label: <span data-testid="market-tab-orders">{t('market.myOrders')}</span>, children: tab === 'orders' ? <MyOrders /> : null },
        ]}
      />
    </div>
  );
}

function Shelf({ onOrdered }: { onOrdered: () => void }) {
  const { t } = useTranslation();
  const { user } = useMe();
  // the stations of my district: the community's stations and the district's own
  const regionCode = user?.regionCode ? user.regionCode.slice(0, 6) : undefined;
  const stations = useQuery(marketApi.stations({ regionCode, pageSize: 100 }));
  const [stationId, setStationId] = useState<string | undefined>(() => localStorage.getItem(STATION_KEY) ?? undefined);
  const list = stations.data?.items ?? [];
  const mine = list.find((s) => s.id === stationId) ?? list.find((s) => s.regionCode === user?.regionCode) ?? list[0];
  const [open, setOpen] = useState<Product | null>(null);
  const shelf = useQuery({ ...marketApi.shelf(mine?.id ?? '', { pageSize: 100 }), enabled: Boolean(mine) });

  if (stations.isFetching && !stations.data) return <LoadingBlock />;
  if (stations.error) return <ErrorState error={stations.error} onRetry={stations.refetch} />;
  if (!mine) return <EmptyState title={t('market.noStations')} hint={t('market.emptyHint')} />;
  return (
    <Flex vertical gap={12}>
      <Select
        data-testid="market-station"
        size="large"
        value={mine.id}
        aria-label={t('market.chooseStation')}
        options={list.map((s) => ({ value: s.id, label: s.name }))}
        onChange={(v: string) => {
          setStationId(v);
          localStorage.setItem(STATION_KEY, v);
        }}
      />
      {shelf.isFetching && !shelf.data ? (
        <LoadingBlock />
      ) : shelf.error ? (
        <ErrorState error={shelf.error} onRetry={shelf.refetch} />
      ) : !shelf.data?.items.length ? (
        <Card>
          <EmptyState testId="market-empty" title={t('market.empty')} hint={t('market.emptyHint')} />
        </Card>
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 12 }}>
          {shelf.data.items.map((p) => (
            <Card
              key={p.id}
              hoverable
              data-testid="market-product"
              onClick={() => setOpen(p)}
              cover={
                p.pictureUrl ? (
                  <img alt={p.name} src={p.pictureUrl} style={{ height: 120, objectFit: 'cover' }} />
                ) : (
                  <Flex align="center" justify="center" style={{ height: 120, background: '#fff1f0', fontSize: 40, color: '#cf1322' }}>
                    <GiftOutlined />
                  </Flex>
                )
              }
              styles={{ body: { padding: 12 } }}
            >
              <Typography.Text strong ellipsis>
                {p.name}
              </Typography.Text>
              <div style={{ color: '#cf1322', fontSize: 18, fontWeight: 600 }}>{t('market.points', { n: p.pointsPrice })}</div>
              <Typography.Text type="secondary">{p.stock > 0 ? t('market.stock', { n: p.stock }) : t('market.soldOut')}</Typography.Text>
            </Card>
          ))}
        </div>
      )}
      <OrderDrawer
        product={open}
        onClose={() => setOpen(null)}
        onDone={() => {
          setOpen(null);
          shelf.refetch();
          onOrdered();
        }}
      />
    </Flex>
  );
}

function OrderDrawer({ product, onClose, onDone }: { product: Product | null; onClose: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const keeper = useKeyKeeper();
  const balances = useQuery({ ...alsoKeyed(marketApi.balances(), product?.id), enabled: Boolean(product) });
  useEffect(() => setQuantity(1), [product?.id]);
  if (!product) return null;
  const need = product.pointsPrice * quantity;
  const have = balances.data?.points ?? 0;
  const after = have - need;
  const max = Math.max(1, Math.min(product.stock, product.monthlyLimitPerPerson ?? 100, 100));
  const submit = async () => {
    setBusy(true);
    try {
      await marketApi.redeem(product.id, quantity, undefined, keeper.keyFor({ productId: product.id, quantity }));
      keeper.done();
      void message.success(t('market.redeemed'));
      onDone();
    } catch (err) {
      void message.error(describeError(err, t, currentLang(i18n.language)).title);
      balances.refetch();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open placement="bottom" height="auto" title={product.name} onClose={onClose} data-testid="market-order">
      <Flex vertical gap={12}>
        {product.pictureUrl ? <Image src={product.pictureUrl} alt={product.name} height={180} style={{ objectFit: 'cover' }} /> : null}
        {product.description ? <Typography.Paragraph>{product.description}</Typography.Paragraph> : null}
        <Flex gap={8} wrap>
          <Tag color="red">{t('market.points', { n: product.pointsPrice })}</Tag>
          <Tag>{product.stock > 0 ? t('market.stock', { n: product.stock }) : t('market.soldOut')}</Tag>
          {product.monthlyLimitPerPerson ? <Tag color="orange">{t('market.monthlyLimit', { n: product.monthlyLimitPerPerson })}</Tag> : null}
        </Flex>
        <Flex align="center" gap={12}>
          <span>{t('market.quantity')}</span>
          <InputNumber size="large" min={1} max={max} value={quantity} onChange={(v) => setQuantity(v ?? 1)} data-testid="market-quantity" />
        </Flex>
        <Card size="small" title={t('market.confirmTitle')}>
          <Flex justify="space-between">
            <Statistic title={t('market.confirmPoints')} value={need} />
            <Statistic title={t('market.balanceNow')} value={balances.isFetching ? '…' : have} />
            <Statistic title={t('market.balanceAfter')} value={balances.isFetching ? '…' : after} valueStyle={{ color: after < 0 ? '#cf1322' : '#389e0d' }} data-testid="market-balance-after" />
          </Flex>
          {!balances.isFetching && after < 0 ? <Typography.Text type="danger">{t('market.notEnough')}</Typography.Text> : null}
        </Card>
        <Button type="primary" size="large" block loading={busy} disabled={product.stock < 1 || (!balances.isFetching && after < 0)} onClick={() => void submit()} data-testid="market-confirm" style={{ height: 52 }}>
          {t('market.confirm')}
        </Button>
      </Flex>
    </Drawer>
  );
}

function MyOrders() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { dateTime } = useFormat();
  const orders = useQuery(marketApi.myOrders({ pageSize: 50 }));
  if (orders.isFetching && !orders.data) return <LoadingBlock />;
  if (orders.error) return <ErrorState error={orders.error} onRetry={orders.refetch} />;
  if (!orders.data?.items.length) return <EmptyState testId="market-orders-empty" title={t('market.noOrders')} hint={t('market.noOrdersHint')} />;
  const cancel = async (r: Redemption) => {
    try {
      await marketApi.cancel(r.id);
      void message.success(t('market.cancelled'));
      orders.refetch();
    } catch (err) {
      void message.error(describeError(err, t, currentLang(i18n.language)).title);
    }
  };
  return (
    <Flex vertical gap={12}>
      {orders.data.items.map((r) => (
        <Card key={r.id} data-testid="market-my-order" title={`${r.productName} ×${r.quantity}`} extra={<Tag color={r.status === 'reserved' ? 'processing' : r.status === 'fulfilled' ? 'success' : 'default'}>{t(`market.status.${r.status}`)}</Tag>}>
          <Typography.Text type="secondary">
            {r.stationName} · {t('market.points', { n: r.points })} · {dateTime(r.createdAt)}
          </Typography.Text>
          {r.onBehalf ? <div>{t('market.onBehalfBy', { name: r.placedByName ?? '' })}</div> : null}
          {r.status === 'reserved' && r.pickupCode ? (
            <Flex vertical align="center" gap={8} style={{ marginTop: 12 }}>
              <Typography.Text>{t('market.pickupCode')}</Typography.Text>
              <div data-testid="market-pickup-code" style={{ fontSize: 40, fontWeight: 700, letterSpacing: 8, fontFamily: 'monospace' }}>
                {r.pickupCode}
              </div>
              {r.pickupQr ? <img src={r.pickupQr} alt={t('market.pickupCode')} width={200} height={200} data-testid="market-pickup-qr" /> : null}
              <Typography.Text type="secondary">{t('market.expiresAt', { time: dateTime(r.expiresAt) })}</Typography.Text>
              <Typography.Text type="secondary">{t('market.pickupHint')}</Typography.Text>
              <Popconfirm title={t('market.cancelConfirm')} onConfirm={() => void cancel(r)}>
                <Button danger size="large" data-testid="market-cancel">
                  {t('market.cancel')}
                </Button>
              </Popconfirm>
            </Flex>
          ) : null}
        </Card>
      ))}
    </Flex>
  );
}
