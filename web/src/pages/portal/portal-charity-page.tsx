import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Row, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { charityApi } from '../../features/charity/api';
import { TotalsCards, Yuan } from '../../features/charity/charity-parts';
import { PagedList, PORTAL_PAGE_SIZE } from '../../features/portal/paged-list';
import { usePortalPage } from '../../features/portal/use-portal-page';
import { useFormat } from '../../i18n/use-format';

/** 慈善义卖: the region's totals by community and its charity sales, each opening its public account. */
export default function PortalCharityPage() {
  const { t } = useTranslation();
  const { date } = useFormat();
  const navigate = useNavigate();
  const { code, page, setPage } = usePortalPage();
  const totals = useQuery(charityApi.totals(code));
  const list = useQuery(charityApi.publicEvents({ regionCode: code, page, pageSize: PORTAL_PAGE_SIZE }));
  return (
    <Flex vertical gap={12} data-testid="portal-charity">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('charity.portal.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('charity.portal.intro')}</Typography.Text>
      {totals.error && !totals.data ? (
        <ErrorState error={totals.error} onRetry={totals.refetch} />
      ) : !totals.data ? (
        <LoadingBlock rows={2} />
      ) : (
        <>
          <TotalsCards totals={totals.data.total} testId="charity-region-totals" />
          {totals.data.items.length ? (
            <Card size="small" title={t('charity.portal.byCommunity')}>
              <Table
                size="small"
                rowKey="regionCode"
                pagination={false}
                scroll={{ x: 420 }}
                dataSource={totals.data.items}
                data-testid="charity-by-community"
                columns={[
                  { key: 'name', title: t('charity.portal.community'), render: (_, r) => r.regionName },
                  { key: 'events', title: t('charity.portal.events'), width: 60, render: (_, r) => r.events },
                  { key: 'raised', title: t('charity.totals.raised'), align: 'right', render: (_, r) => <Yuan fen={r.raisedFen} /> },
                  { key: 'disbursed', title: t('charity.totals.disbursed'), align: 'right', render: (_, r) => <Yuan fen={r.disbursedFen} /> },
                  { key: 'held', title: t('charity.totals.held'), align: 'right', render: (_, r) => <Yuan fen={r.heldFen} /> },
                ]}
              />
            </Card>
          ) : null}
        </>
      )}
      <PagedList state={list} page={page} onPage={setPage} empty={{ testId: 'portal-charity-empty', title: t('charity.portal.empty'), hint: t('charity.portal.intro') }}>
        {(items) => (
          <Row gutter={[12, 12]}>
            {items.map((e) => (
              <Col xs={24} md={12} key={e.id}>
                <Card hoverable size="small" onClick={() => navigate(`/portal/charity/${e.id}`)} data-testid="portal-charity-event" data-id={e.id}>
                  <Flex vertical gap={4}>
                    <Flex justify="space-between" gap={8}>
                      <Typography.Text strong>{e.title}</Typography.Text>
                      <Tag color={e.status === 'open' ? 'green' : 'default'}>{t(`charity.status.${e.status}`)}</Tag>
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {e.regionName} · {e.place} · {date(e.startsAt)}
                    </Typography.Text>
                    <span>
                      {t('charity.totals.raised')} <Yuan fen={e.totals.raisedFen} strong /> · {t('charity.totals.held')} <Yuan fen={e.totals.heldFen} />
                    </span>
                  </Flex>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </PagedList>
    </Flex>
  );
}
