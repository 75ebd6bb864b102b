import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Alert, Button, Card, ConfigProvider, Flex, Result, Spin, Typography } from 'antd';
import { AimOutlined, CheckCircleFilled, ClockCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { reasonText } from '../../features/activities/labels';
import { currentPosition, distanceMeters, type PositionResult } from '../../features/activities/geo';
import { postsApi, type PostCheckinResult } from '../../features/posts/api';
import { useFormat } from '../../i18n/use-format';

type Outcome = { ok: true; r: PostCheckinResult; repeat: boolean } | { ok: false; text: string };

/** `/welfare-checkin/:postId?t=TOKEN`: opened by scanning the post's kiosk with the phone — one big button, the distance, a clear answer. */
export default function WelfareCheckinPage() {
  const { postId = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const navigate = useNavigate();
  const [pos, setPos] = useState<PositionResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const mine = useQuery(postsApi.mine());

  useEffect(() => {
    let live = true;
    void currentPosition(10_000).then((p) => live && setPos(p));
    return () => {
      live = false;
    };
  }, []);

  if (mine.isFetching && !mine.data) return <LoadingBlock rows={5} />;
  if (mine.error || !mine.data) return <ErrorState error={mine.error} onRetry={mine.refetch} />;
  const post = mine.data.post?.id === postId ? mine.data.post : null;
  const distance = pos?.ok && post ? distanceMeters(pos, post) : null;

  const checkIn = async () => {
    setBusy(true);
    try {
      const r = await postsApi.checkin(postId, { token, ...(pos?.ok ? { lat: pos.lat, lng: pos.lng } : {}) });
      setOutcome({ ok: true, r, repeat: Date.now() - new Date(r.attendance.checkinAt).getTime() > 90_000 });
    } catch (err) {
      const text = isApiError(err) && err.code === 'CHECKIN_CODE_EXPIRED' ? t('posts.checkin.expired') : isApiError(err) && err.code === 'NOT_SIGNED_UP' ? t('posts.checkin.notPlaced') : reasonText(err, t, lang);
      setOutcome({ ok: false, text });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16} data-testid="welfare-checkin-page">
      <Card>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="welfare-checkin-post">
          {post?.title ?? t('posts.checkin.title')}
        </Typography.Title>
        {post && (
          <>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              <ClockCircleOutlined /> {post.startTime}–{post.endTime}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              <EnvironmentOutlined /> {post.address}
            </Typography.Paragraph>
          </>
        )}
      </Card>
      <Card data-testid="welfare-checkin-distance">
        {pos === null ? (
          <Flex gap={8} align="center">
            <Spin size="small" />
          </Flex>
        ) : !post ? (
          <Typography.Text type="warning">{t('posts.checkin.notPlaced')}</Typography.Text>
        ) : distance !== null ? (
          <Typography.Text strong style={{ fontSize: '1.2em' }} type={distance <= post.geofenceMeters ? 'success' : 'warning'}>
            <AimOutlined /> {t('posts.checkin.distance', { d: distance, r: post.geofenceMeters })}
          </Typography.Text>
        ) : (
          <Typography.Text type="warning">{t('posts.checkin.noPosition')}</Typography.Text>
        )}
      </Card>
      {outcome?.ok ? (
        <Result
          status="success"
          icon={<CheckCircleFilled />}
          style={{ padding: '16px 0' }}
          title={<span data-testid="welfare-checkin-result">{outcome.repeat ? t('posts.checkin.repeat') : t('posts.checkin.success')}</span>}
          subTitle={
            <Flex vertical gap={4} align="center">
              <span>{dateTime(outcome.r.attendance.checkinAt)}</span>
              {outcome.r.attendance.outsideFence && <Typography.Text type="warning">{t('posts.checkin.outside', { d: outcome.r.attendance.distanceMeters ?? 0 })}</Typography.Text>}
              {outcome.r.attendance.noLocation && <Typography.Text type="warning">{t('posts.checkin.noPosition')}</Typography.Text>}
            </Flex>
          }
          extra={
            <Button size="large" onClick={() => navigate('/welfare-post')} data-testid="welfare-checkin-to-mine">
              {t('posts.checkin.toMine')}
            </Button>
          }
        />
      ) : (
        <>
          {outcome && !outcome.ok && <Alert type="error" showIcon title={t('posts.checkin.failed')} description={outcome.text} data-testid="welfare-checkin-error" />}
          <Flex vertical align="center" gap={8}>
            <ConfigProvider wave={{ disabled: true }}>
              <Button
                type="primary"
                shape="circle"
                loading={busy}
                disabled={(pos === null && !busy) || !token}
                onClick={() => void checkIn()}
                data-testid="welfare-checkin-button"
                style={{ width: 168, height: 168, fontSize: 28, fontWeight: 700, boxShadow: '0 8px 24px rgba(207,19,34,0.3)' }}
              >
                {t('posts.checkin.confirm')}
              </Button>
            </ConfigProvider>
          </Flex>
        </>
      )}
    </Flex>
  );
}
