import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Col, Flex, Layout, Pagination, Row, Typography } from 'antd';
import { GiftOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { LanguageSwitch } from '../../components/language-switch';
import { wishesApi } from '../../features/requests/api';
import { WishCard, WishStatsCards } from '../../features/wishes/wish-parts';

const PAGE_SIZE = 12;
const LOGIN_TO_CLAIM = `/login?next=${encodeURIComponent('/wish-wall')}`;

/** `/wishes` without login: the figures on top, then the wishes — never who they are for. */
export default function PublicWishesPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const stats = useQuery(wishesApi.stats(undefined));
  const list = useQuery(wishesApi.list({ page, pageSize: PAGE_SIZE }));

  return (
    <Layout style={{ minHeight: '100vh', background: '#fff7f3' }} data-testid="public-wishes-page">
      <div style={{ maxWidth: 1100, width: '100%', margin: '0 auto', padding: 16 }}>
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Flex align="center" gap={8}>
              <GiftOutlined style={{ fontSize: 28, color: '#d4380d' }} />
              <div>
                <Typography.Title level={2} style={{ margin: 0 }}>
                  {t('requests.wishes.wallTitle')}
                </Typography.Title>
                <Typography.Text type="secondary">{t('app.name')}</Typography.Text>
              </div>
            </Flex>
            <Flex gap={8} align="center" wrap>
              <Link to="/portal" data-testid="public-wishes-portal">
                <Button size="large">{t('portal.brand')}</Button>
              </Link>
              <LanguageSwitch />
              <Link to={LOGIN_TO_CLAIM}>
                <Button type="primary" size="large" data-testid="public-wishes-login">
                  {t('requests.wishes.loginToClaim')}
                </Button>
              </Link>
            </Flex>
          </Flex>
          <Typography.Paragraph style={{ margin: 0 }}>{t('requests.wishes.wallIntro')}</Typography.Paragraph>
          <WishStatsCards stats={stats.data} loading={stats.isFetching} />
          {list.isFetching && !list.data ? (
            <LoadingBlock rows={6} />
          ) : list.error && !list.data ? (
            <ErrorState error={list.error} onRetry={list.refetch} />
          ) : !list.data || list.data.items.length === 0 ? (
            <EmptyState testId="public-wishes-empty" title={t('requests.wishes.empty')} hint={t('requests.wishes.emptyHint')} />
          ) : (
            <>
              <Row gutter={[12, 12]}>
                {list.data.items.map((w) => (
                  <Col key={w.id} xs={24} sm={12} lg={8}>
                    <WishCard
                      wish={w}
                      action={
                        w.status === 'open' ? (
                          <Link to={LOGIN_TO_CLAIM}>
                            <Button block size="large" data-testid="public-wish-claim">
                              {t('requests.wishes.loginToClaim')}
                            </Button>
                          </Link>
                        ) : undefined
                      }
                    />
                  </Col>
                ))}
              </Row>
              {list.data.total > PAGE_SIZE ? <Pagination current={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={setPage} style={{ alignSelf: 'center' }} /> : null}
            </>
          )}
        </Flex>
      </div>
    </Layout>
  );
}
