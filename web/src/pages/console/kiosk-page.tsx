import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Button, Flex, Progress, Result, Spin, Typography } from 'antd';
import { ArrowLeftOutlined, ClockCircleOutlined, EnvironmentOutlined, FullscreenExitOutlined, FullscreenOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/page-state';
import { activitiesApi } from '../../features/activities/api';
import { useRotatingQr } from '../../features/activities/use-rotating-qr';
import { reasonText, timeRange } from '../../features/activities/labels';
import { KioskMissing } from '../../features/activities/kiosk-missing';
import { useFormat } from '../../i18n/use-format';
import { fetchApi } from '../../api/query';


/** Keeps the screen on while the page is shown (Screen Wake Lock API, where the browser has it). */
function useWakeLock(): boolean {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (typeof navigator === 'undefined' || !('wakeLock' in navigator)) return;
    let lock: WakeLockSentinel | null = null;
    let live = true;
    const acquire = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        lock = await navigator.wakeLock.request('screen');
        if (!live) {
          void lock.release();
          return;
        }
        setHeld(true);
        lock.addEventListener('release', () => setHeld(false));
      } catch {
        setHeld(false);
      }
    };
    void acquire();
    const onVisible = () => void acquire();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', onVisible);
      if (lock) void lock.release();
    };
  }, []);
  return held;
}

/** `/console/activities/:id/kiosk`: the QR screen at the site — rotating code, live counts, stays awake. */
export default function KioskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const navigate = useNavigate();
  const { data: a, error: loadError, refetch: reload } = useQuery(activitiesApi.get(id));
  const { code, codeError, qr, url } = useRotatingQr(id, (signal) => fetchApi(activitiesApi.checkinCode(id), signal));
  const [now, setNow] = useState(() => Date.now());
  const [full, setFull] = useState(false);
  const awake = useWakeLock();
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    const onFs = () => setFull(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', onFs);
    return () => {
      clearInterval(timer);
      document.removeEventListener('fullscreenchange', onFs);
    };
  }, []);

  const toggleFull = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void (rootRef.current ?? document.documentElement).requestFullscreen?.().catch(() => undefined);
  };

  const secondsLeft = code ? Math.max(0, Math.ceil((new Date(code.expiresAt).getTime() - now) / 1000)) : 0;

  return (
    <div
      ref={rootRef}
      data-testid="kiosk-page"
      style={{ position: 'fixed', inset: 0, zIndex: 1000, background: 'linear-gradient(160deg, #fff1f0 0%, #ffffff 45%)', overflow: 'auto', display: 'flex', flexDirection: 'column' }}
    >
      <Flex justify="space-between" align="center" style={{ padding: '12px 24px' }}>
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(`/console/activities/${id}`)} data-testid="kiosk-back">
          {t('activities.kiosk.back')}
        </Button>
        <Flex gap={12} align="center">
          <Typography.Text type="secondary" data-testid="kiosk-awake">
            {awake ? t('activities.kiosk.awake') : t('activities.kiosk.notAwake')}
          </Typography.Text>
          <Button icon={full ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={toggleFull} data-testid="kiosk-fullscreen">
            {full ? t('activities.kiosk.exitFullscreen') : t('activities.kiosk.fullscreen')}
          </Button>
        </Flex>
      </Flex>
      {loadError ? (
        <ErrorState error={loadError} onRetry={reload} />
      ) : (
        <Flex flex={1} align="center" justify="center" gap={48} wrap style={{ padding: '0 32px 32px' }}>
          <Flex vertical gap={16} style={{ maxWidth: 520 }}>
            <Typography.Title style={{ margin: 0, fontSize: 'clamp(28px, 3.4vw, 48px)' }} data-testid="kiosk-title">
              {a?.title ?? ''}
            </Typography.Title>
            {a ? (
              <>
                <Typography.Text style={{ fontSize: 22 }}>
                  <ClockCircleOutlined /> {timeRange(a.startsAt, a.endsAt, dateTime)}
                </Typography.Text>
                <Typography.Text style={{ fontSize: 22 }}>
                  <EnvironmentOutlined /> {a.address}
                </Typography.Text>
              </>
            ) : null}
            <Flex gap={16} style={{ marginTop: 16 }}>
              <Count label={t('activities.kiosk.checkedIn')} value={code?.checkedIn} total={code?.confirmed} testId="kiosk-checked-in" color="#cf1322" />
              <Count label={t('activities.kiosk.checkedOut')} value={code?.checkedOut} total={code?.confirmed} testId="kiosk-checked-out" color="#389e0d" />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 18 }}>
              {t('activities.kiosk.confirmed', { n: code?.confirmed ?? 0 })}
            </Typography.Text>
            <KioskMissing activityId={id} checkedIn={code?.checkedIn} />
          </Flex>
          <Flex vertical align="center" gap={12}>
            <div style={{ background: '#fff', padding: 16, borderRadius: 16, boxShadow: '0 12px 40px rgba(0,0,0,0.12)', width: 'min(62vh, 560px)', aspectRatio: '1' }}>
              {qr ? (
                <img src={qr} alt={t('activities.kiosk.qrAlt')} style={{ width: '100%', height: '100%', display: 'block', imageRendering: 'pixelated' }} data-testid="kiosk-qr" />
              ) : codeError ? (
                <Result status="warning" title={reasonText(codeError, t, lang)} />
              ) : (
                <Flex align="center" justify="center" style={{ height: '100%' }}>
                  <Spin size="large" />
                </Flex>
              )}
            </div>
            <Typography.Text style={{ fontSize: 24 }} strong>
              {t('activities.kiosk.scan')}
            </Typography.Text>
            {code ? (
              <Flex vertical align="center" style={{ width: '100%' }}>
                <Progress percent={Math.min(100, (secondsLeft / 120) * 100)} showInfo={false} strokeColor="#cf1322" style={{ width: 240 }} />
                <Typography.Text type="secondary">{t('activities.kiosk.validFor', { n: secondsLeft })}</Typography.Text>
              </Flex>
            ) : null}
            {codeError && code ? <Typography.Text type="warning">{t('activities.kiosk.stale', { reason: reasonText(codeError, t, lang) })}</Typography.Text> : null}
            {url ? (
              <Typography.Text type="secondary" style={{ fontSize: 11, maxWidth: 520, wordBreak: 'break-all', opacity: 0.6 }} data-testid="kiosk-url" data-url={url}>
                {url}
              </Typography.Text>
            ) : null}
          </Flex>
        </Flex>
      )}
    </div>
  );
}

function Count({ label, value, total, testId, color }: { label: string; value: number | undefined; total: number | undefined; testId: string; color: string }) {
  return (
    <div style={{ background: '#fff', borderRadius: 12, padding: '16px 24px', minWidth: 160, boxShadow: '0 4px 16px rgba(0,0,0,0.06)' }}>
      <div style={{ fontSize: 18, color: '#666' }}>{label}</div>
      <div style={{ fontSize: 56, fontWeight: 700, color, lineHeight: 1.1 }}>
        <span data-testid={testId}>{value ?? '—'}</span>
        {total !== undefined ? <span style={{ fontSize: 24, color: '#999', fontWeight: 400 }}> / {total}</span> : null}
      </div>
    </div>
  );
}
