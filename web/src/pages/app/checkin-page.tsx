import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Alert, Button, Card, ConfigProvider, Flex, Result, Spin, Typography } from 'antd';
import { AimOutlined, CheckCircleFilled, ClockCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { activitiesApi, type Attendance } from '../../features/activities/api';
import { FlagTags, reasonText, timeRange } from '../../features/activities/labels';
import { currentPosition, distanceMeters, hoursAndMinutes, type PositionResult } from '../../features/activities/geo';
import { useFormat } from '../../i18n/use-format';
import type { Lang } from '../../lib/format';

type Outcome = { kind: 'in'; attendance: Attendance; repeat: boolean } | { kind: 'out'; attendance: Attendance } | { kind: 'failed'; text: string; rescan: boolean };

/** Why a check-in or check-out was refused, in plain words. */
function failureText(err: unknown, t: TFunction, lang: Lang, dateTime: (v: string) => string): { text: string; rescan: boolean } {
  if (isApiError(err)) {
    const d = err.details;
    if (err.code === 'CHECKIN_CODE_EXPIRED') return { text: t('activities.checkin.expired'), rescan: true };
    if (err.code === 'OUTSIDE_GEOFENCE' && typeof d.distanceMeters === 'number')
      return { text: t('activities.checkin.outside', { d: d.distanceMeters, r: d.radiusMeters as number }), rescan: false };
    if (err.code === 'NOT_SIGNED_UP' && d.waitlisted === true) return { text: t('activities.checkin.waitlisted'), rescan: false };
    if (err.code === 'INVALID_STATE' && d.reason === 'not_open' && typeof d.opensAt === 'string') return { text: t('activities.checkin.notOpen', { time: dateTime(d.opensAt) }), rescan: false };
    if (err.code === 'INVALID_STATE' && d.reason === 'closed') return { text: reasonText(err, t, lang), rescan: false };
  }
  return { text: reasonText(err, t, lang), rescan: false };
}

/** `/checkin/:activityId?t=TOKEN`: opened by scanning the kiosk's QR code with the phone camera. */
export default function CheckinPage() {
  const { activityId = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const navigate = useNavigate();
  const [pos, setPos] = useState<PositionResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { data: a, error, isFetching: loading, refetch: reload } = useQuery(activitiesApi.get(activityId));

  useEffect(() => {
    let live = true;
    void currentPosition(10_000).then((p) => live && setPos(p));
    return () => {
      live = false;
    };
  }, []);

  if (loading && !a) return <LoadingBlock rows={6} testId="checkin-loading" />;
  if (error || !a) return <ErrorState error={error} onRetry={reload} />;

  const distance = pos?.ok ? distanceMeters(pos, a) : null;
  const coords = pos?.ok ? { lat: pos.lat, lng: pos.lng } : {};
  const attendance = outcome && outcome.kind !== 'failed' ? outcome.attendance : null;
  const checkedIn = !!attendance && !attendance.checkoutAt;

  const act = async (what: 'in' | 'out') => {
    setBusy(true);
    try {
      if (what === 'in') {
        const r = await activitiesApi.checkin(a.id, { token, ...coords });
        const at = r.attendance;
        if (at.checkoutAt) setOutcome({ kind: 'out', attendance: at });
        else setOutcome({ kind: 'in', attendance: at, repeat: Date.now() - new Date(at.checkinAt).getTime() > 90_000 });
      } else {
        const r = await activitiesApi.checkout(a.id, { token, ...coords });
        setOutcome({ kind: 'out', attendance: r.attendance });
      }
    } catch (err) {
      setOutcome({ kind: 'failed', ...failureText(err, t, lang, dateTime) });
    } finally {
      setBusy(false);
    }
  };

  const time = (v: string) => dateTime(v);

  return (
    <Flex vertical gap={16} data-testid="checkin-page">
      <Card>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="checkin-activity">
          {a.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          <ClockCircleOutlined /> {timeRange(a.startsAt, a.endsAt, dateTime)}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          <EnvironmentOutlined /> {a.address}
        </Typography.Paragraph>
      </Card>

      <Card data-testid="checkin-distance">
        {pos === null ? (
          <Flex gap={8} align="center">
            <Spin size="small" /> <Typography.Text>{t('activities.checkin.locating')}</Typography.Text>
          </Flex>
        ) : distance !== null ? (
          <Flex vertical gap={4}>
            <Typography.Text style={{ fontSize: '1.25em' }} strong>
              <AimOutlined /> {t('activities.checkin.distance', { d: distance })}
            </Typography.Text>
            <Typography.Text type={distance <= a.geofenceMeters ? 'success' : 'warning'}>
              {distance <= a.geofenceMeters ? t('activities.checkin.withinFence', { r: a.geofenceMeters }) : t('activities.checkin.outsideFence', { r: a.geofenceMeters })}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="warning">{t('activities.checkin.noLocation')}</Typography.Text>
        )}
      </Card>

      {!token ? (
        <Alert type="warning" showIcon title={t('activities.checkin.noToken')} data-testid="checkin-result" />
      ) : (
        <>
          {outcome?.kind === 'in' || outcome?.kind === 'out' ? (
            <Result
              data-testid="checkin-result"
              status="success"
              icon={<CheckCircleFilled />}
              style={{ padding: '16px 0' }}
              title={
                <span data-testid="checkin-result-title">
                  {outcome.kind === 'out' ? t('activities.checkin.successOut') : outcome.repeat ? t('activities.checkin.already') : t('activities.checkin.successIn')}
                </span>
              }
              subTitle={
                <Flex vertical gap={4} align="center">
                  <span>{t('activities.checkin.checkedInAt', { time: time(outcome.attendance.checkinAt) })}</span>
                  {outcome.attendance.checkoutAt ? <span>{t('activities.checkin.checkedOutAt', { time: time(outcome.attendance.checkoutAt) })}</span> : null}
                  {outcome.kind === 'out' && outcome.attendance.minutes !== null ? (
                    <span data-testid="checkin-minutes">
                      {t('activities.checkin.minutes', { h: hoursAndMinutes(outcome.attendance.minutes)[0], m: hoursAndMinutes(outcome.attendance.minutes)[1] })}
                    </span>
                  ) : null}
                  <div>
                    <FlagTags flags={outcome.attendance.flags} />
                  </div>
                  {outcome.attendance.flags.length ? <Typography.Text type="secondary">{t('activities.checkin.flagsHint')}</Typography.Text> : null}
                </Flex>
              }
            />
          ) : outcome?.kind === 'failed' ? (
            <Alert type="error" showIcon title={t('activities.checkin.failed')} description={outcome.text} data-testid="checkin-result" />
          ) : null}

          {outcome?.kind === 'out' ? (
            <Button block size="large" onClick={() => navigate('/records')} data-testid="checkin-to-records">
              {t('activities.checkin.toRecords')}
            </Button>
          ) : outcome?.kind === 'failed' && outcome.rescan ? null : (
            <Flex vertical align="center" gap={8}>
              <ConfigProvider wave={{ disabled: true }}>
              <Button
                type="primary"
                shape="circle"
                loading={busy}
                disabled={pos === null && !busy}
                onClick={() => void act(checkedIn ? 'out' : 'in')}
                data-testid={checkedIn ? 'checkout-button' : 'checkin-button'}
                style={{ width: 168, height: 168, fontSize: 32, fontWeight: 700, boxShadow: '0 8px 24px rgba(207,19,34,0.3)' }}
              >
                {checkedIn ? t('activities.checkin.checkout') : t('activities.checkin.checkin')}
              </Button>
              </ConfigProvider>
              <Typography.Text type="secondary">{checkedIn ? t('activities.checkin.checkoutHint') : pos === null ? t('activities.checkin.waitLocation') : t('activities.checkin.tapHint')}</Typography.Text>
            </Flex>
          )}
        </>
      )}
    </Flex>
  );
}
