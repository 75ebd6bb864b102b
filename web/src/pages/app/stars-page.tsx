import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, Image, Progress, Statistic, Tag, Typography } from 'antd';
import { FilePdfOutlined, IdcardOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import QRCode from 'qrcode';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { PhonePageHeader } from '../../components/phone-page-header';
import { MyAwardsCard } from '../../features/awards/my-awards-card';
import { certificatePdfHref, honoursApi, verifyPath, type Certificate, type MyStars, type VolunteerCard } from '../../features/honours/api';
import { useFormat } from '../../i18n/use-format';
import { fetchApi } from '../../api/query';

/** 我的星级与证明: star level and progress, the volunteer card's QR code, certificates (download, verify, ask for one). */
export default function StarsPage() {
  const { t } = useTranslation();
  const stars = useQuery(honoursApi.myStars());
  const certs = useQuery(honoursApi.myCertificates());
  return (
    <Flex vertical gap={16} data-testid="stars-page">
      <PhonePageHeader title={t('honours.stars.title')} />
      {stars.error && !stars.data ? <ErrorState error={stars.error} onRetry={stars.refetch} /> : !stars.data ? <LoadingBlock rows={4} /> : <StarsCard stars={stars.data} />}
      <MyAwardsCard />
      <CardBlock />
      <RequestForm onDone={certs.refetch} />
      <Card title={t('honours.certs.title')}>
        {certs.error && !certs.data ? (
          <ErrorState error={certs.error} onRetry={certs.refetch} />
        ) : !certs.data ? (
          <LoadingBlock rows={3} />
        ) : certs.data.items.filter((c) => c.kind !== 'card').length === 0 ? (
          <EmptyState title={t('honours.certs.empty')} hint={t('honours.certs.emptyHint')} testId="certs-empty" />
        ) : (
          <Flex vertical gap={12}>
            {certs.data.items
              .filter((c) => c.kind !== 'card')
              .map((c) => (
                <CertificateItem key={c.id} c={c} />
              ))}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}

function StarsCard({ stars }: { stars: MyStars }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const next = stars.next;
  const percent = next ? Math.min(100, Math.round((stars.hours / next.hours) * 100)) : 100;
  return (
    <Card data-testid="stars-card">
      <Flex gap={16} wrap>
        <Statistic title={t('honours.stars.level')} value={stars.level ? t('honours.stars.stars', { n: stars.level }) : t('honours.stars.none')} />
        <Statistic title={t('honours.stars.hours')} value={t('honours.stars.hoursValue', { n: stars.hours })} />
      </Flex>
      <Progress percent={percent} showInfo={false} strokeColor="#c0392b" />
      <Typography.Text type="secondary" data-testid="stars-next">
        {next ? t('honours.stars.next', { level: next.level, hours: next.remainingHours }) : t('honours.stars.top')}
      </Typography.Text>
      {stars.pending && (
        <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('honours.stars.pending', { level: stars.pending.level, date: date(new Date(new Date(stars.pending.noticeEndsAt).getTime() - 1)) })} />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: '0.85em' }}>
        {t('honours.stars.ladder', { steps: stars.ladder.thresholdsHours.map((h, i) => `${t('honours.stars.stars', { n: i + 1 })} ${h}h`).join(' · ') })}
      </Typography.Paragraph>
    </Card>
  );
}

function CardBlock() {
  const { t } = useTranslation();
  const [card, setCard] = useState<VolunteerCard | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!card) return;
    QRCode.toDataURL(new URL(card.qrPayload, window.location.origin).toString(), { width: 320, margin: 1, errorCorrectionLevel: 'M' }).then(setQr, setError);
  }, [card]);
  const show = () => fetchApi(honoursApi.card()).then(setCard, setError);
  return (
    <Card title={t('honours.card.title')} data-testid="volunteer-card">
      {error ? <ErrorState error={error} onRetry={() => void show()} /> : null}
      {!card ? (
        <Button block size="large" icon={<IdcardOutlined />} onClick={() => void show()} data-testid="show-card">
          {t('honours.card.show')}
        </Button>
      ) : (
        <Flex vertical align="center" gap={8}>
          <Typography.Text strong>{card.certificate.facts.name}</Typography.Text>
          <Typography.Text type="secondary">
            {t('honours.card.volunteerNo')} {card.certificate.facts.volunteerNo} · {card.certificate.facts.starLevel ? t('honours.stars.stars', { n: card.certificate.facts.starLevel }) : t('honours.stars.none')}
          </Typography.Text>
          {qr ? <Image src={qr} width={220} preview={false} alt={card.certificate.number} /> : <LoadingBlock rows={3} />}
          <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
            {card.certificate.number} · {t('honours.card.hint')}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}

function RequestForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // this year so far: one tap for the commonest request
  const [span, setSpan] = useState<[Dayjs | null, Dayjs | null] | null>(() => [dayjs().startOf('year'), dayjs()]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    if (!span?.[0] || !span[1]) return;
    setBusy(true);
    setProblem(null);
    try {
      await honoursApi.requestCertificate({ kind: 'period', from: span[0].format('YYYY-MM-DD'), to: span[1].format('YYYY-MM-DD') });
      onDone();
    } catch (err) {
      if (isApiError(err) && err.code === 'VALIDATION_FAILED') setProblem(t('honours.certs.noRecords'));
      else void message.error(isApiError(err) ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('honours.certs.request')}>
      <Flex vertical gap={12}>
        <Typography.Text>{t('honours.certs.period')}</Typography.Text>
        <DatePicker.RangePicker size="large" value={span} onChange={(v) => setSpan(v as [Dayjs | null, Dayjs | null] | null)} inputReadOnly data-testid="cert-period" style={{ width: '100%' }} />
        {problem && <Alert type="warning" showIcon title={problem} data-testid="cert-problem" />}
        <Button type="primary" size="large" block loading={busy} disabled={!span?.[0] || !span[1]} onClick={() => void submit()} data-testid="cert-request">
          {t('honours.certs.submit')}
        </Button>
      </Flex>
    </Card>
  );
}

function CertificateItem({ c }: { c: Certificate }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  return (
    <Card size="small" data-testid="cert-item">
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8}>
          <Typography.Text strong>{t(`honours.certs.${c.kind}_kind`)}</Typography.Text>
          <Tag color={c.status === 'valid' ? 'green' : 'default'} data-testid="cert-status">
            {t(`honours.certs.${c.status}`)}
          </Tag>
        </Flex>
        <Typography.Text type="secondary">
          {t('honours.certs.number')} <span data-testid="cert-number">{c.number}</span>
        </Typography.Text>
        <Typography.Text>
          {c.facts.honour ? `${c.facts.honour.award} · ${c.facts.honour.campaign}` : `${date(c.facts.from)} – ${date(c.facts.to)} · ${t('honours.certs.hours', { n: c.facts.hours })}`}
        </Typography.Text>
        <Typography.Text type="secondary">{t('honours.certs.issued', { date: date(c.facts.issuedOn) })}</Typography.Text>
        <Flex gap={8}>
          <Button icon={<FilePdfOutlined />} href={certificatePdfHref(c.id)} download data-testid="cert-pdf">
            {t('honours.certs.download')}
          </Button>
          <Link to={verifyPath(c.verifyUrl)} data-testid="cert-verify-link">
            <Button icon={<SafetyCertificateOutlined />}>{t('honours.certs.verify')}</Button>
          </Link>
        </Flex>
      </Flex>
    </Card>
  );
}
