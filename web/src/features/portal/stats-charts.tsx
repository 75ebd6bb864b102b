import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../lib/format';
import { categoryLabel } from '../activities/labels';
import { useFormat } from '../../i18n/use-format';
import { useEChart, type ChartClick, type ChartOption } from './echarts';
import type { BreakdownRow } from './stats-api';

const RED = '#e8443a';
const GOLD = '#faad14';
const PALETTE = ['#e8443a', '#fa8c16', '#fadb14', '#52c41a', '#13c2c2', '#1677ff', '#722ed1', '#eb2f96', '#8c8c8c', '#a0d911', '#2f54eb'];

/** `2026-11` → `11月` (or `2026年11月` when the rows span years), `2026-11` in English. */
export function monthLabel(key: string, lang: Lang, withYear: boolean): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m) return key;
  if (lang === 'en') return key;
  return withYear ? `${m[1]}年${Number(m[2])}月` : `${Number(m[2])}月`;
}

function ChartBox({ option, testId, rows, height, onPick }: { option: ChartOption; testId: string; rows: number; height: number; onPick?: (p: ChartClick) => void }) {
  const ref = useEChart(option, onPick);
  return <div ref={ref} data-testid={testId} data-rows={rows} style={{ width: '100%', height }} />;
}

/** 服务趋势: service hours (bars) and participations (line) by month. */
export function TrendChart({ rows, height = 260 }: { rows: BreakdownRow[]; height?: number }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const option = useMemo<ChartOption>(() => {
    const years = new Set(rows.map((r) => r.key.slice(0, 4)));
    return {
      color: [RED, GOLD],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 44, right: 44, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: rows.map((r) => monthLabel(r.key, lang, years.size > 1)) },
      // the legend names both axes: hours on the left, participations on the right
      yAxis: [{ type: 'value' }, { type: 'value', splitLine: { show: false } }],
      series: [
        { type: 'bar', name: t('portal.figures.serviceHours'), data: rows.map((r) => r.serviceHours), barMaxWidth: 24 },
        { type: 'line', name: t('portal.figures.participations'), yAxisIndex: 1, smooth: true, data: rows.map((r) => r.participations) },
      ],
    };
  }, [rows, lang, t]);
  return <ChartBox option={option} testId="chart-trend" rows={rows.length} height={height} />;
}

/** 服务类别: the share of service hours by category (a ring); of activities while no hours are counted yet. */
export function CategoryChart({ rows, height = 280 }: { rows: BreakdownRow[]; height?: number }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const option = useMemo<ChartOption>(() => {
    const metric = rows.some((r) => r.serviceHours > 0) ? 'serviceHours' : 'activities';
    return {
      color: PALETTE,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      series: [
        {
          type: 'pie',
          name: t(`portal.figures.${metric}`),
          radius: ['38%', '64%'],
          center: ['50%', '50%'],
          label: { formatter: '{b}' },
          // a known category in the page's language; otherwise the server's label
          data: rows.map((r) => ({ name: categoryLabel(r.key, lang) === r.key ? r.label : categoryLabel(r.key, lang), value: r[metric] })),
        },
      ],
    };
  }, [rows, lang, t]);
  return <ChartBox option={option} testId="chart-category" rows={rows.length} height={height} />;
}

/** 区域对比: the child regions side by side; a click on a bar drills into that region. */
export function RegionCompareChart({ rows, onPick, height = 280 }: { rows: BreakdownRow[]; onPick?: (code: string) => void; height?: number }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(
    () => ({
      color: [RED, GOLD],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 44, right: 16, top: 36, bottom: 48 },
      // the region names are tappable too: easier on a phone than a thin or empty bar
      xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: rows.length > 5 ? 30 : 0 }, triggerEvent: !!onPick },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', name: t('portal.figures.serviceHours'), data: rows.map((r) => r.serviceHours), barMaxWidth: 28, cursor: onPick ? 'pointer' : 'default' },
        { type: 'bar', name: t('portal.figures.volunteers'), data: rows.map((r) => r.volunteers), barMaxWidth: 28, cursor: onPick ? 'pointer' : 'default' },
      ],
    }),
    [rows, t, onPick],
  );
  return (
    <ChartBox
      option={option}
      testId="chart-regions"
      rows={rows.length}
      height={height}
      onPick={
        onPick
          ? (p) => {
              const row = p.componentType === 'xAxis' ? rows.find((r) => r.label === p.value) : p.dataIndex !== undefined ? rows[p.dataIndex] : undefined;
              if (row) onPick(row.key);
            }
          : undefined
      }
    />
  );
}
