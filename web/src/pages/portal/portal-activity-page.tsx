import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { apiQuery } from '../../api/query';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { activitiesApi, type Activity } from '../../features/activities/api';
import { categoryLabel, timeRange } from '../../features/activities/labels';
import { outlineFor } from '../../features/portal/region-maps';
import { StationMap } from '../../features/portal/station-map';
import { useFormat } from '../../i18n/use-format';

/** People served, once the activity is settled (a count, or `{count, category}`). */
function servedCount(a: Activity): number | null {
  const b = (a as Activity & { beneficiaries?: number | { count?: number } | null }).beneficiaries;
  if (typeof b === 'number') return b;
  return typeof b?.count === 'number' ? b.count : null;
}

/** 活动详情 (public): what, when, where (on the outline), who organises it, and a button to sign up after logging in. */
export default function PortalActivityPage() {
  const { t } = useTranslation();
  const { lang, dateTime, count } = useFormat();
  const { id = '' } = useParams();
  const { data: a, error, isFetching: loading, refetch: reload } = useQuery(activitiesApi.get(id));
  const trail = useQuery({ ...apiQuery('/regions/{code}', { params: { code: a?.regionCode ?? '' } }), enabled: Boolean(a) });

  if (loading && !a) return <LoadingBlock rows={8} />;
  if (error || !a) return <ErrorState error={error} onRetry={reload} />;
  const ended = new Date(a.endsAt) < new Date();
  const left = Math.max(0, a.capacity - a.confirmedCount);
  const served = servedCount(a);
  const outline = trail.data ? outlineFor(trail.data.path.map((r) => r.code)) : null;

  return (
    <Flex vertical gap={12} data-testid="portal-activity">
      <Link to="/portal/activities">{`‹ ${t('portal.activity.back')}`}</Link>
      <Card>
        <Flex vertical gap={8}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="portal-activity-title">
            {a.title}
          </Typography.Title>
          <div>
            <Tag color="red">{categoryLabel(a.category, lang)}</Tag>
          </div>
          {a.status === 'cancelled' ? <Alert type="warning" showIcon message={t('portal.activity.cancelled')} /> : ended ? <Alert type="info" showIcon message={t('portal.activity.ended')} /> : null}
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('portal.activity.time')}>{timeRange(a.startsAt, a.endsAt, dateTime)}</Descriptions.Item>
            <Descriptions.Item label={t('portal.activity.place')}>{[a.regionName, a.address].filter(Boolean).join(' · ')}</Descriptions.Item>
            <Descriptions.Item label={t('portal.activity.org')}>
              <Link to={`/portal/orgs/${a.orgId}`} data-testid="portal-activity-org">
                {a.orgName}
              </Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('portal.activity.places')}>{left === 0 ? t('portal.activity.full') : t('portal.activity.placesLeft', { n: left, capacity: a.capacity })}</Descriptions.Item>
            {served !== null ? <Descriptions.Item label={t('portal.activity.beneficiaries')}>{count(served)}</Descriptions.Item> : null}
          </Descriptions>
          {a.status === 'published' && !ended ? (
            <Link to={`/activities/${a.id}`}>
              <Button type="primary" size="large" block data-testid="portal-activity-signup">
                {t('portal.activity.signUp')}
              </Button>
            </Link>
          ) : null}
        </Flex>
      </Card>
      <Card size="small" title={t('portal.activity.description')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.description}</Typography.Paragraph>
      </Card>
      {trail.data ? (
        <Card size="small" title={t('portal.activity.place')}>
          <StationMap outline={outline} points={[{ id: a.id, name: a.address, lat: a.lat, lng: a.lng }]} selected={a.id} height={240} />
        </Card>
      ) : null}
    </Flex>
  );
}
