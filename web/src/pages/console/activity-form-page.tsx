import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { App, Flex, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { activitiesApi, type Activity } from '../../features/activities/api';
import { ActivityForm, toCreateBody, valuesOf, type ActivityFormValues } from '../../features/activities/activity-form';

/** `/console/activities/new` and `/console/activities/:id/edit`. */
export default function ActivityFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data, error, isFetching: loading, refetch: reload } = useQuery({ ...activitiesApi.get(id ?? ''), enabled: Boolean(id) });
  // a new activity saved once (say, its submission was refused) is edited from then on, not created again
  const [created, setCreated] = useState<Activity | null>(null);

  if (id && loading && !data) return <LoadingBlock rows={10} />;
  if (id && (error || !data)) return <ErrorState error={error} onRetry={reload} />;

  const onSubmit = async (v: ActivityFormValues, andSubmit: boolean) => {
    const current = data ?? created;
    let a: Activity;
    if (current) {
      const body = toCreateBody({ ...v, orgId: current.orgId, regionPath: [current.regionCode] });
      const { orgId: _o, regionCode: _r, stationId: _s, repeatWeeklyUntil: _w, cancelDeadlineMinutes: _c, minAge, maxAge, risks, ...rest } = body;
      a = await activitiesApi.update(current.id, { ...rest, minAge: minAge ?? null, maxAge: maxAge ?? null, risks: risks ?? null });
    } else {
      const made = await activitiesApi.create(toCreateBody(v));
      if (made.occurrences > 1) void message.info(t('activities.console.series', { n: made.occurrences }));
      setCreated(made);
      a = made;
    }
    // a refused submission throws to the form, which shows the reasons by the fields and keeps every value
    if (andSubmit) await activitiesApi.submit(a.id);
    void message.success(andSubmit ? t('activities.console.submitted') : t('activities.console.saved'));
    navigate(`/console/activities/${a.id}`, { replace: true });
  };

  return (
    <Flex vertical gap={16} data-testid="activity-form-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {data ? t('activities.console.edit') : t('activities.console.create')}
      </Typography.Title>
      {data?.status === 'rejected' && data.reviewReason ? <Typography.Text type="danger">{t('activities.console.rejectedBecause', { reason: data.reviewReason })}</Typography.Text> : null}
      <ActivityForm initial={data ? valuesOf(data) : undefined} editing={!!data} onSubmit={onSubmit} onCancel={() => navigate(-1)} />
    </Flex>
  );
}
