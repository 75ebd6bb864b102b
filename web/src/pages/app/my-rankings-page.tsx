import { useState } from 'react';
import { Button, Card, Flex, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useRequest } from '../../api/use-request';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { PhonePageHeader } from '../../components/phone-page-header';
import { useMe } from '../../features/auth/auth-context';
import { rankingsApi, valueOf, type Metric, type MyRanking, type PeriodChoice } from '../../features/rankings/api';
import { RankingSwitches } from '../../features/rankings/ranking-switches';
import { useFormat } from '../../i18n/use-format';

type ScopeKey = 'city' | 'district' | 'community';

/** The regions a person is ranked in: their city, district and own community (each once). */
function scopesOf(regionCode: string): Array<{ key: ScopeKey; code: string }> {
  const all: Array<{ key: ScopeKey; code: string }> = [
    { key: 'city', code: `${regionCode.slice(0, 4)}00` },
    { key: 'district', code: regionCode.slice(0, 6) },
    { key: 'community', code: regionCode },
  ];
  return all.filter((s, i) => s.code.length >= 6 && all.findIndex((x) => x.code === s.code) === i);
}

/** 我的排名: my place by hours, points or participations in my city, district and community, for a year or a month. */
export default function MyRankingsPage() {
  const { t } = useTranslation();
  const { user } = useMe();
  const [period, setPeriod] = useState<PeriodChoice>({ period: 'year' });
  const [metric, setMetric] = useState<Metric>('hours');
  const scopes = scopesOf(user?.regionCode ?? '');
  const mine = useRequest(
    (s) => Promise.all(scopes.map((x) => rankingsApi.mine({ ...period, regionCode: x.code, metric }, s))),
    [user?.regionCode, period.period, period.year, period.month, metric],
  );
  const first = mine.data?.[0];
  return (
    <Flex vertical gap={16} data-testid="my-rankings-page">
      <PhonePageHeader title={t('rankings.mine.title')} />
      <RankingSwitches value={period} shown={first} onChange={setPeriod} metric={metric} onMetric={setMetric} />
      {mine.error && !mine.data ? (
        <ErrorState error={mine.error} onRetry={mine.reload} />
      ) : !mine.data ? (
        <LoadingBlock rows={4} />
      ) : (
        mine.data.map((r, i) => <ScopeCard key={scopes[i]!.code} scope={scopes[i]!.key} r={r} />)
      )}
      {first?.scope.regionCode ? (
        <Link to={`/portal/rankings?region=${encodeURIComponent(first.scope.regionCode)}`}>
          <Button block data-testid="my-rankings-public">
            {t('rankings.mine.public')}
          </Button>
        </Link>
      ) : null}
    </Flex>
  );
}

function ScopeCard({ scope, r }: { scope: ScopeKey; r: MyRanking }) {
  const { t } = useTranslation();
  const { count } = useFormat();
  return (
    <Card size="small" data-testid={`my-ranking-${scope}`} title={`${t(`rankings.mine.scope.${scope}`)} · ${r.scope.name}`}>
      <Flex gap={24} align="center" wrap>
        <Statistic title={t('rankings.mine.title')} value={r.rankBeyond ? t('rankings.beyond', { n: count(r.rankBeyond) }) : r.rank ? t('rankings.rank', { n: r.rank }) : t('rankings.mine.none')} />
        <Statistic title={t(`rankings.metric.${r.metric}`)} value={t(`rankings.value.${r.metric}`, { n: valueOf(r, r.metric) })} />
      </Flex>
      {r.rank ? null : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('rankings.mine.noneHint')}
        </Typography.Text>
      )}
    </Card>
  );
}
