import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Button, Card, Flex, Segmented, Typography } from 'antd';
import { AuditOutlined, NotificationOutlined, ShopOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { LoadingBlock } from '../../components/page-state';
import { activitiesApi } from '../../features/activities/api';
import { PERIODS, type PeriodKind } from '../../features/portal/period';
import { StatsPanel } from '../../features/portal/stats-panel';
import { usePortal, withRegion } from '../../features/portal/use-portal-region';
import { UpcomingCard } from '../../features/portal/upcoming-card';

/** 门户首页: the region's headline figures and charts, then the activities coming up. */
export default function PortalHomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: region, setRegion } = usePortal();
  const [kind, setKind] = useState<PeriodKind>('all');
  const code = region?.code ?? undefined;
  const upcoming = useQuery(activitiesApi.list({ regionCode: code, pageSize: 3 }));
  const drill = useCallback((c: string) => setRegion(c), [setRegion]);

  return (
    <Flex vertical gap={12} data-testid="portal-home">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('portal.home.figuresTitle', { region: region?.detail?.name ?? '' })}
        </Typography.Title>
        <Segmented<PeriodKind> value={kind} onChange={setKind} options={PERIODS.map((p) => ({ value: p, label: t(`portal.period.${p}`) }))} data-testid="portal-period" />
      </Flex>
      {region ? <StatsPanel regionCode={code} kind={kind} hasChildren={region.children.length > 0} onDrill={drill} /> : <LoadingBlock rows={5} />}
      <UpcomingCard
        title={t('portal.home.upcoming')}
        state={upcoming}
        empty={{ title: t('portal.activities.empty'), hint: t('portal.activities.emptyHint') }}
        extra={
          <Button type="link" onClick={() => navigate(withRegion('/portal/activities', code))} data-testid="portal-upcoming-more">
            {t('portal.home.more')}
          </Button>
        }
      />
      {/* what the community makes public: every page open without logging in, reachable on a phone too */}
      <Card size="small" title={t('portal.home.public')} data-testid="portal-public-links">
        <Flex gap={8} wrap>
          <Button icon={<NotificationOutlined />} onClick={() => navigate(withRegion('/portal/welfare-notices', code))} data-testid="portal-link-notices">
            {t('posts.notice.listTitle')}
          </Button>
          <Button icon={<AuditOutlined />} onClick={() => navigate(withRegion('/portal/board', code))} data-testid="portal-link-board">
            {t('civility.portal.title')}
          </Button>
          <Button icon={<ShopOutlined />} onClick={() => navigate(withRegion('/portal/charity', code))} data-testid="portal-link-charity">
            {t('charity.tab')}
          </Button>
        </Flex>
      </Card>
    </Flex>
  );
}
