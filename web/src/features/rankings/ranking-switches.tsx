import { Flex, Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Metric, PeriodChoice, RankingKind } from './api';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * The ranking's switches: year or month (and which), the figure, and — on the portal — volunteers
 * or teams. `shown` is the period the last answer was for (the defaults are the server's today).
 */
export function RankingSwitches({
  value,
  shown,
  onChange,
  metric,
  onMetric,
  kind,
  onKind,
}: {
  value: PeriodChoice;
  shown: { year: number; month: number | null } | undefined;
  onChange: (p: PeriodChoice) => void;
  metric: Metric;
  onMetric: (m: Metric) => void;
  kind?: RankingKind;
  onKind?: (k: RankingKind) => void;
}) {
  const { t } = useTranslation();
  const year = value.year ?? shown?.year;
  const month = value.month ?? shown?.month ?? undefined;
  // the last five years up to this one (or up to the one shown, if later)
  const latest = Math.max(new Date().getFullYear(), year ?? 0);
  const years = Array.from({ length: 5 }, (_, i) => latest - i);
  return (
    <Flex gap={8} wrap align="center" data-testid="ranking-switches">
      <Segmented<'year' | 'month'>
        value={value.period}
        onChange={(p) => onChange({ period: p, year, month })}
        options={[
          { value: 'year', label: t('rankings.period.year') },
          { value: 'month', label: t('rankings.period.month') },
        ]}
        data-testid="ranking-period"
      />
      {year ? (
        <Select
          value={year}
          onChange={(y: number) => onChange({ ...value, year: y, month })}
          options={years.map((y) => ({ value: y, label: t('rankings.yearValue', { year: y }) }))}
          style={{ width: 100 }}
          data-testid="ranking-year"
        />
      ) : null}
      {value.period === 'month' && month ? (
        <Select
          value={month}
          onChange={(m: number) => onChange({ ...value, year, month: m })}
          options={MONTHS.map((m) => ({ value: m, label: t('rankings.monthValue', { month: m }) }))}
          style={{ width: 100 }}
          data-testid="ranking-month"
        />
      ) : null}
      <Segmented<Metric>
        value={metric}
        onChange={onMetric}
        options={(['hours', 'points', 'participations'] as const).map((m) => ({ value: m, label: t(`rankings.metric.${m}`) }))}
        data-testid="ranking-metric"
      />
      {kind && onKind ? (
        <Segmented<RankingKind>
          value={kind}
          onChange={onKind}
          options={(['volunteers', 'teams'] as const).map((k) => ({ value: k, label: t(`rankings.kind.${k}`) }))}
          data-testid="ranking-kind"
        />
      ) : null}
    </Flex>
  );
}
