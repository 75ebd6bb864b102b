import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Row, Segmented, Tag, Typography } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { civilityApi } from '../../features/civility/api';
import { usePortalPage } from '../../features/portal/use-portal-page';
import { useFormat } from '../../i18n/use-format';

/** 道德红黑榜 and 十星级文明户 in public: only reviewed entries in their period, only households that consented. */
export default function PortalBoardPage() {
  const { t } = useTranslation();
  const { date } = useFormat();
  const { code } = usePortalPage();
  const [board, setBoard] = useState<'red' | 'black'>('red');
  const entries = useQuery(civilityApi.publicBoard({ regionCode: code, board, pageSize: 50 }));
  const ratings = useQuery(civilityApi.publicRatings({ regionCode: code, pageSize: 50 }));
  return (
    <Flex vertical gap={12} data-testid="portal-board">
      <Typography.Title level={4} style={{ margin: 0 }}>{t('civility.portal.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('civility.portal.intro')}</Typography.Text>
      <Segmented value={board} onChange={(v) => setBoard(v as 'red' | 'black')} options={[{ value: 'red', label: t('civility.board.red') }, { value: 'black', label: t('civility.board.black') }]} />
      {entries.error && !entries.data ? <ErrorState error={entries.error} onRetry={entries.refetch} /> : !entries.data ? <LoadingBlock rows={4} /> : entries.data.items.length === 0 ? (
        <EmptyState title={t('civility.portal.empty')} testId="portal-board-empty" />
      ) : (
        <Row gutter={[12, 12]}>
          {entries.data.items.map((e) => (
            <Col xs={24} md={12} key={e.id}>
              <Card size="small" data-testid="portal-board-entry" style={{ borderTop: `3px solid ${e.board === 'red' ? '#cf1322' : '#434343'}` }}>
                <Flex vertical gap={4}>
                  <Typography.Text strong>{e.title}{e.subjectName ? ` · ${e.subjectName}` : ''}</Typography.Text>
                  <Typography.Text>{e.deed}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('civility.evidence', { text: e.evidence })}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.regionName} · {t('civility.period', { from: date(e.periodFrom), to: date(e.periodTo) })}</Typography.Text>
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>{t('civility.portal.ratings')}</Typography.Title>
      <Typography.Text type="secondary">{t('civility.portal.ratingsHint')}</Typography.Text>
      {!ratings.data ? <LoadingBlock rows={2} /> : ratings.data.items.length === 0 ? <EmptyState title={t('civility.portal.noRatings')} /> : (
        <Row gutter={[12, 12]}>
          {ratings.data.items.map((r) => (
            <Col xs={24} md={8} key={r.id}>
              <Card size="small" data-testid="portal-civility-rating">
                <Typography.Text strong>{r.household}</Typography.Text> <Tag color="gold"><StarFilled /> {t('civility.stars', { n: r.starCount })}</Tag>
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.regionName} · {t('civility.year', { year: r.year })}</Typography.Text></div>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}
