import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Tag, Typography } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { awardsApi } from '../../features/awards/api';
import { PhaseTag } from '../../features/awards/labels';
import { PagedList, PORTAL_PAGE_SIZE } from '../../features/portal/paged-list';
import { usePortalPage } from '../../features/portal/use-portal-page';
import { withRegion } from '../../features/portal/use-portal-region';
import { useFormat } from '../../i18n/use-format';

/** 荣誉墙: the published honours of the region (volunteers by name only with their consent), and its award campaigns. */
export default function PortalHonoursPage() {
  const { t } = useTranslation();
  const { date } = useFormat();
  const navigate = useNavigate();
  const { code, page, setPage } = usePortalPage();
  const wall = useQuery(awardsApi.wall(code, page, PORTAL_PAGE_SIZE));
  const campaigns = useQuery(awardsApi.campaigns({ regionCode: code, page: 1, pageSize: 20 }));

  return (
    <Flex vertical gap={12} data-testid="portal-honours">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('awards.wall.campaigns')}
      </Typography.Title>
      <PagedList state={campaigns} page={1} onPage={() => undefined} empty={{ testId: 'portal-campaigns-empty', title: t('awards.wall.noCampaigns'), hint: t('awards.wall.noCampaignsHint') }}>
        {(items) =>
          items.map((c) => (
            <Card key={c.id} hoverable size="small" onClick={() => navigate(withRegion(`/portal/campaigns/${c.id}`, code))} data-testid="portal-campaign-card">
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>{c.title}</Typography.Text>
                <PhaseTag phase={c.phase} />
              </Flex>
              <Typography.Text type="secondary">
                {c.regionName} · {c.categories.map((k) => k.name).join('、')}
              </Typography.Text>
            </Card>
          ))
        }
      </PagedList>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('awards.wall.title')}
      </Typography.Title>
      <PagedList state={wall} page={page} onPage={setPage} empty={{ testId: 'honour-wall-empty', title: t('awards.wall.empty'), hint: t('awards.wall.emptyHint') }}>
        {(items) => (
          <div className="ax-honour-grid">
            {items.map((h) => (
              <Card key={h.id} size="small" data-testid="honour-entry" style={{ borderColor: '#ffd591', background: '#fffbe6' }}>
                <Flex vertical gap={4}>
                  <Tag color="volcano" style={{ alignSelf: 'flex-start' }}>
                    <TrophyOutlined /> {h.categoryName}
                  </Tag>
                  <Typography.Text strong style={{ fontSize: '1.15em' }} data-testid="honour-name">
                    {h.name}
                  </Typography.Text>
                  {h.kind !== 'team' && h.orgName ? <Typography.Text type="secondary">{h.orgName}</Typography.Text> : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {h.campaignTitle} · {date(h.awardedAt)}
                  </Typography.Text>
                </Flex>
              </Card>
            ))}
          </div>
        )}
      </PagedList>
    </Flex>
  );
}
