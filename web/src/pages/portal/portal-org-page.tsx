import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { apiQuery } from '../../api/query';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { activitiesApi } from '../../features/activities/api';
import { categoryLabel } from '../../features/activities/labels';
import { orgTypeLabel } from '../../features/portal/org-labels';
import { useFormat } from '../../i18n/use-format';
import { UpcomingCard } from '../../features/portal/upcoming-card';

/**
 * 组织主页 (public): what the organisation is and does, and its activities coming up. Its
 * contact person is not shown here: the public reaches it through its activities.
 */
export default function PortalOrgPage() {
  const { t } = useTranslation();
  const { lang, date } = useFormat();
  const { id = '' } = useParams();
  const org = useQuery(apiQuery('/orgs/{id}', { params: { id } }));
  const acts = useQuery(activitiesApi.list({ orgId: id, pageSize: 5 }));

  if (org.isFetching && !org.data) return <LoadingBlock rows={8} />;
  if (org.error || !org.data) return <ErrorState error={org.error} onRetry={org.refetch} />;
  const o = org.data;

  return (
    <Flex vertical gap={12} data-testid="portal-org">
      <Link to="/portal/orgs">{`‹ ${t('portal.org.back')}`}</Link>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="portal-org-name">
          {o.name}
        </Typography.Title>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('portal.org.type')}>{orgTypeLabel(o.type, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('portal.org.region')}>{o.regionName ?? '—'}</Descriptions.Item>
          {o.supervisingUnit ? <Descriptions.Item label={t('portal.org.supervisingUnit')}>{o.supervisingUnit}</Descriptions.Item> : null}
          <Descriptions.Item label={t('portal.org.categories')}>
            <span>
              {o.serviceCategories.map((c) => (
                <Tag key={c} color="volcano">
                  {categoryLabel(c, lang)}
                </Tag>
              ))}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('portal.org.since')}>{date(o.createdAt)}</Descriptions.Item>
        </Descriptions>
        {o.description ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{o.description}</Typography.Paragraph> : null}
      </Card>
      <UpcomingCard title={t('portal.org.activities')} state={acts} empty={{ title: t('portal.org.noActivities'), hint: t('portal.org.noActivitiesHint') }} />
    </Flex>
  );
}
