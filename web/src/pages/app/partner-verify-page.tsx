import { useNavigate } from 'react-router-dom';
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Select, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useRequest } from '../../api/use-request';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { PhonePageHeader } from '../../components/phone-page-header';
import { newIdempotencyKey } from '../../features/ledger/idempotency';
import { partnersApi, type CardCheck, type MyPartner } from '../../features/partners/api';
import { StandingRow } from '../../features/partners/benefit-list';
import { canScan, QrScanner } from '../../components/qr-scanner';
import { useFormat } from '../../i18n/use-format';

/** 核验权益卡 (phone first): a partner's staff member scans or types a card code, sees the level and the benefits, logs a use. */
export default function PartnerVerifyPage() {
  const { t } = useTranslation();
  const mine = useRequest((s) => partnersApi.myPartners(s), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const list = mine.data?.items ?? [];
  const partner = list.find((p) => p.id === chosen) ?? list[0];
  return (
    <Flex vertical gap={16} data-testid="partner-verify-page">
      <PhonePageHeader title={t('partners.verify.title')} />
      {mine.error && !mine.data ? (
        <ErrorState error={mine.error} onRetry={mine.reload} />
      ) : !mine.data ? (
        <LoadingBlock rows={4} />
      ) : !partner ? (
        <Alert type="info" showIcon title={t('partners.verify.notStaff')} data-testid="verify-not-staff" />
      ) : (
        <>
          {list.length > 1 && (
            <Select size="large" value={partner.id} onChange={setChosen} options={list.map((p) => ({ value: p.id, label: p.name }))} aria-label={t('partners.verify.partner')} />
          )}
          <Verifier key={partner.id} partner={partner} />
        </>
      )}
    </Flex>
  );
}

function Verifier({ partner }: { partner: MyPartner }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { dateTime } = useFormat();
  const { message } = App.useApp();
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ code: string; check: CardCheck; keys: Record<string, string> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const uses = useRequest((s) => partnersApi.uses(partner.id, { pageSize: 10 }, s), [partner.id]);

  const check = async (raw: string) => {
    const c = raw.replace(/[\s·-]/g, '');
    if (!c) return;
    setBusy(true);
    setError(null);
    try {
      const r = await partnersApi.check(partner.id, c);
      // one idempotency key per benefit and check: a double tap logs one use
      setResult({ code: c, check: r, keys: Object.fromEntries(r.benefits.map((b) => [b.id, newIdempotencyKey()])) });
    } catch (err) {
      setResult(null);
      setError(isApiError(err) ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const logUse = async (benefitId: string) => {
    if (!result) return;
    setBusy(true);
    try {
      const u = await partnersApi.use(partner.id, result.code, benefitId, result.keys[benefitId]!);
      void message.success(t('partners.verify.logged', { title: u.benefitTitle }));
      uses.reload();
      const again = await partnersApi.check(partner.id, result.code).catch(() => null);
      if (again) setResult({ ...result, check: again, keys: { ...result.keys, [benefitId]: newIdempotencyKey() } });
    } catch (err) {
      setError(isApiError(err) ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card title={partner.name}>
        <Typography.Text type="secondary">{t('partners.verify.codeHint')}</Typography.Text>
        {scanning && (
          <div style={{ marginTop: 12 }}>
            <QrScanner
              onCode={(c) => {
                setScanning(false);
                setCode(c);
                void check(c);
              }}
            />
          </div>
        )}
        <Flex gap={8} style={{ marginTop: 12 }}>
          <Input size="large" value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={() => void check(code)} placeholder={t('partners.verify.code')} inputMode="numeric" allowClear data-testid="verify-code" />
          {canScan() && <Button size="large" icon={<CameraOutlined />} onClick={() => setScanning(!scanning)} aria-label={scanning ? t('partners.verify.stopScan') : t('partners.verify.scan')} />}
        </Flex>
        <Button type="primary" size="large" block style={{ marginTop: 12 }} loading={busy && !result} onClick={() => void check(code)} data-testid="verify-check">
          {t('partners.verify.check')}
        </Button>
        {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} data-testid="verify-error" />}
      </Card>
      {result && (
        <Card data-testid="verify-result">
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'v', label: t('partners.verify.volunteer'), children: <span data-testid="verify-name">{result.check.volunteerName}</span> },
              { key: 'l', label: t('partners.verify.level'), children: <span data-testid="verify-level">{result.check.starLevel ? t('partners.card.level', { n: result.check.starLevel }) : t('partners.card.noStars')}</span> },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
            {t('partners.verify.expires', { time: dateTime(result.check.codeExpiresAt) })}
          </Typography.Text>
          {result.check.benefits.map((b) => (
            <StandingRow
              key={b.id}
              b={b}
              action={
                <Button type="primary" disabled={!b.applies} loading={busy} onClick={() => void logUse(b.id)} data-testid="verify-log-use">
                  {t('partners.verify.logUse')}
                </Button>
              }
            />
          ))}
        </Card>
      )}
      <Card title={t('partners.verify.recent')}>
        {uses.error && !uses.data ? (
          <ErrorState error={uses.error} onRetry={uses.reload} />
        ) : !uses.data ? (
          <LoadingBlock rows={2} />
        ) : uses.data.items.length === 0 ? (
          <EmptyState title={t('partners.verify.noUses')} testId="uses-empty" />
        ) : (
          uses.data.items.map((u) => (
            <Flex key={u.id} justify="space-between" gap={8} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="use-row">
              <span>
                {u.volunteerName} · {u.benefitTitle}
              </span>
              <Typography.Text type="secondary">{dateTime(u.usedAt)}</Typography.Text>
            </Flex>
          ))
        )}
        <Button type="link" style={{ paddingInline: 0, marginTop: 8 }} onClick={() => navigate('/console/partner-report')} data-testid="verify-to-report">
          {t('partners.verify.report')}
        </Button>
      </Card>
    </>
  );
}
