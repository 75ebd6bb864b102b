import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Flex, Result, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { LanguageSwitch } from '../../components/language-switch';
import { honoursApi } from '../../features/honours/api';
import { useFormat } from '../../i18n/use-format';

/** 证明核验: anyone, logged out, sees a certificate's frozen facts (name masked) and whether it stands. */
export default function VerifyPage() {
  const { t } = useTranslation();
  const { date } = useFormat();
  const { number = '' } = useParams();
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  const { data, error, isFetching: loading, refetch: reload } = useQuery(honoursApi.verify(number, code));
  const f = data?.facts;
  return (
    <div style={{ maxWidth: 720, margin: '0 auto', padding: 16 }} data-testid="verify-page">
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('honours.verify.title')}
        </Typography.Title>
        <LanguageSwitch />
      </Flex>
      {loading && !data ? (
        <LoadingBlock rows={6} />
      ) : error ? (
        isApiError(error) && error.code === 'NOT_FOUND' ? (
          <Alert type="error" showIcon title={t('honours.verify.notFound')} data-testid="verify-not-found" />
        ) : (
          <ErrorState error={error} onRetry={reload} />
        )
      ) : data && f ? (
        <Card>
          <Result
            status={data.status === 'valid' ? 'success' : 'warning'}
            title={<span data-testid="verify-status">{data.status === 'valid' ? t('honours.verify.valid') : t('honours.verify.revoked')}</span>}
            subTitle={data.revokedReason ? t('honours.verify.revokedReason', { reason: data.revokedReason }) : undefined}
          />
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'no', label: t('honours.verify.number'), children: data.number },
              { key: 'name', label: t('honours.verify.name'), children: <span data-testid="verify-name">{f.name}</span> },
              { key: 'id', label: t('honours.verify.idNumber'), children: f.idNumberMasked ?? '—' },
              { key: 'vno', label: t('honours.verify.volunteerNo'), children: f.volunteerNo ?? '—' },
              ...(data.kind === 'card'
                ? [{ key: 'level', label: t('honours.verify.level'), children: String(f.starLevel ?? 0) }]
                : data.kind === 'honour' && f.honour
                ? [
                    { key: 'award', label: t('awards.verify.award'), children: <span data-testid="verify-award">{f.honour.award}</span> },
                    { key: 'campaign', label: t('awards.verify.campaign'), children: f.honour.campaign },
                    { key: 'body', label: t('awards.verify.body'), children: f.honour.body },
                  ]
                : [
                    { key: 'span', label: t('honours.verify.span'), children: `${date(f.from)} – ${date(f.to)}` },
                    { key: 'units', label: t('honours.verify.units'), children: f.units.join('、') },
                  ]),
              { key: 'hours', label: t('honours.verify.hours'), children: <span data-testid="verify-hours">{t('honours.stars.hoursValue', { n: f.hours })}</span> },
              { key: 'issued', label: t('honours.verify.issuedOn'), children: date(f.issuedOn) },
            ]}
          />
        </Card>
      ) : null}
    </div>
  );
}
