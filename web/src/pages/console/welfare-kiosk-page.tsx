import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button, Flex, Progress, Result, Spin, Typography } from 'antd';
import { ArrowLeftOutlined, ClockCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { fetchApi } from '../../api/query';
import { ErrorState } from '../../components/page-state';
import { useRotatingQr } from '../../features/activities/use-rotating-qr';
import { reasonText } from '../../features/activities/labels';
import { postsApi } from '../../features/posts/api';
import { useFormat } from '../../i18n/use-format';


/** `/console/welfare-posts/:id/kiosk`: the screen at the post — the rotating QR code (the same signed one-minute tokens as activities) and who is here today. */
export default function WelfareKioskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { lang } = useFormat();
  const navigate = useNavigate();
  const post = useQuery(postsApi.get(id));
  const { code, codeError, qr, url } = useRotatingQr(id, (signal) => fetchApi(postsApi.checkinCode(id), signal));
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const clock = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(clock);
  }, []);

  const secondsLeft = code ? Math.max(0, Math.ceil((new Date(code.expiresAt).getTime() - now) / 1000)) : 0;
  return (
    <div data-testid="welfare-kiosk" style={{ position: 'fixed', inset: 0, zIndex: 1000, background: 'linear-gradient(160deg, #f6ffed 0%, #ffffff 45%)', overflow: 'auto', display: 'flex', flexDirection: 'column' }}>
      <Flex style={{ padding: '12px 24px' }}>
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(`/console/welfare-posts/${id}`)}>
          {t('posts.kiosk.back')}
        </Button>
      </Flex>
      {post.error ? (
        <ErrorState error={post.error} onRetry={post.refetch} />
      ) : (
        <Flex flex={1} align="center" justify="center" gap={48} wrap style={{ padding: '0 32px 32px' }}>
          <Flex vertical gap={16} style={{ maxWidth: 520 }}>
            <Typography.Title style={{ margin: 0, fontSize: 'clamp(28px, 3.4vw, 48px)' }} data-testid="welfare-kiosk-title">
              {post.data?.title ?? ''}
            </Typography.Title>
            {post.data && (
              <>
                <Typography.Text style={{ fontSize: 22 }}>
                  <ClockCircleOutlined /> {post.data.startTime}–{post.data.endTime}
                </Typography.Text>
                <Typography.Text style={{ fontSize: 22 }}>
                  <EnvironmentOutlined /> {post.data.address}
                </Typography.Text>
              </>
            )}
            <Typography.Text style={{ fontSize: 28 }} data-testid="welfare-kiosk-present">
              {t('posts.kiosk.present')}: {code?.presentToday ?? 0} / {code?.workers ?? 0}
            </Typography.Text>
          </Flex>
          <Flex vertical align="center" gap={12}>
            <div style={{ background: '#fff', padding: 16, borderRadius: 16, boxShadow: '0 12px 40px rgba(0,0,0,0.12)', width: 'min(62vh, 520px)', aspectRatio: '1' }}>
              {qr ? (
                <img src={qr} alt={t('posts.kiosk.title')} style={{ width: '100%', height: '100%', display: 'block', imageRendering: 'pixelated' }} data-testid="welfare-kiosk-qr" />
              ) : codeError ? (
                <Result status="warning" title={reasonText(codeError, t, lang)} />
              ) : (
                <Flex align="center" justify="center" style={{ height: '100%' }}>
                  <Spin size="large" />
                </Flex>
              )}
            </div>
            <Typography.Text style={{ fontSize: 24 }} strong>
              {t('posts.kiosk.scan')}
            </Typography.Text>
            {code && (
              <Flex vertical align="center">
                <Progress percent={Math.min(100, (secondsLeft / 120) * 100)} showInfo={false} strokeColor="#389e0d" style={{ width: 240 }} />
                <Typography.Text type="secondary">{t('posts.kiosk.validFor', { n: secondsLeft })}</Typography.Text>
              </Flex>
            )}
            {url && (
              <Typography.Text type="secondary" style={{ fontSize: 11, maxWidth: 520, wordBreak: 'break-all', opacity: 0.6 }} data-testid="welfare-kiosk-url" data-url={url}>
                {url}
              </Typography.Text>
            )}
          </Flex>
        </Flex>
      )}
    </div>
  );
}
