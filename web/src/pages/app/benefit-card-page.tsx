import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Card, Flex, Image, Typography } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { PhonePageHeader } from '../../components/phone-page-header';
import { partnersApi, type BenefitCard } from '../../features/partners/api';
import { StandingRow } from '../../features/partners/benefit-list';

/** 权益卡: a rotating QR code (a new one every minute, fetched by itself), my level, the benefits I can use and why not the others. */
export default function BenefitCardPage() {
  const { t } = useTranslation();
  const card = useQuery(partnersApi.myCard());
  const { refetch: reload } = card;
  const refreshAt = card.data?.refreshAt;
  useEffect(() => {
    if (!refreshAt) return;
    const timer = window.setTimeout(reload, Math.max(1000, new Date(refreshAt).getTime() - Date.now() + 500));
    return () => window.clearTimeout(timer);
  }, [refreshAt, reload]);
  return (
    <Flex vertical gap={16} data-testid="benefit-card-page">
      <PhonePageHeader title={t('partners.card.title')} back="/stars" />
      {card.error && !card.data ? <ErrorState error={card.error} onRetry={card.refetch} /> : !card.data ? <LoadingBlock rows={6} /> : <CardView card={card.data} />}
    </Flex>
  );
}

function CardView({ card }: { card: BenefitCard }) {
  const { t } = useTranslation();
  const grouped = card.code.replace(/^(\d{6})(\d{8})([\dX])(\d{6})$/, '$1 $2 $3 · $4');
  return (
    <>
      <Card style={{ textAlign: 'center', background: 'linear-gradient(160deg, #fff1f0, #fff)' }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="benefit-card-name">
          {card.name}
        </Typography.Title>
        <Typography.Text data-testid="benefit-card-level">
          <StarFilled style={{ color: '#faad14' }} /> {card.starLevel ? t('partners.card.level', { n: card.starLevel }) : t('partners.card.noStars')}
        </Typography.Text>
        <div style={{ margin: '12px auto', maxWidth: 260 }}>
          <Image src={card.qr} preview={false} width="100%" alt={t('partners.card.title')} data-testid="benefit-card-qr" />
        </div>
        <Typography.Text type="secondary">{t('partners.card.codeLabel')}</Typography.Text>
        <div>
          <Typography.Text strong copyable={{ text: card.code }} style={{ fontSize: 18, letterSpacing: 1, fontVariantNumeric: 'tabular-nums' }} data-testid="benefit-card-code" data-code={card.code}>
            {grouped}
          </Typography.Text>
        </div>
        <Typography.Paragraph type="secondary" style={{ fontSize: '0.85em', margin: '8px 0 0' }}>
          {t('partners.card.refreshes')}
        </Typography.Paragraph>
      </Card>
      <Card title={t('partners.card.benefits')}>
        {card.benefits.length === 0 ? (
          <EmptyState title={t('partners.card.none')} testId="benefits-empty" />
        ) : (
          card.benefits.map((b) => <StandingRow key={b.id} b={b} showPartner />)
        )}
      </Card>
    </>
  );
}
