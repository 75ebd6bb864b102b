import { useCallback, useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Flex, Row, Segmented, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { regionRoots } from '../../features/access/grant-rules';
import { RegionCascader } from '../../features/regions/region-cascader';
import { PERIODS, periodRange, type PeriodKind } from '../../features/portal/period';
import { statsApi, type BreakdownRow, type StatsWork } from '../../features/portal/stats-api';
import { StatsPanel } from '../../features/portal/stats-panel';
import { useFormat } from '../../i18n/use-format';

const WORK: readonly (keyof StatsWork)[] = ['reviewsPending', 'recordsLate', 'disputesOpen'];

/**
 * 数据统计: the figures of a region in the staff member's scope, its charts, the work waiting,
 * the regions below with a drill-down, the Excel export and each region's monthly report (PDF).
 */
export default function StatsPage() {
  const { t } = useTranslation();
  const { count, lang } = useFormat();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin', 'station_admin']), [grants]);
  const [path, setPath] = useState<string[]>(() => (roots[0] ? [roots[0].code] : []));
  const [kind, setKind] = useState<PeriodKind>('year');
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month'));
  const code = path[path.length - 1];
  const drill = useCallback((c: string) => setPath((p) => [...p, c]), []);
  const monthKey = month.format('YYYY-MM');

  if (!code) return <EmptyState testId="stats-no-scope" title={t('stats.title')} hint={t('stats.noScope')} />;
  const period = periodRange(kind, new Date());

  const columns: TableColumnsType<BreakdownRow> = [
    { title: t('stats.table.region'), dataIndex: 'label' },
    ...(['volunteers', 'activities', 'serviceHours', 'participations', 'beneficiaries'] as const).map((k) => ({ title: t(`stats.table.${k}`), dataIndex: k, align: 'right' as const, render: (v: number) => count(k === 'serviceHours' ? Math.round(v) : v) })),
    {
      title: t('stats.table.actions'),
      key: 'actions',
      render: (_: unknown, r: BreakdownRow) => (
        <Flex gap={4} wrap>
          <Button size="small" onClick={() => drill(r.key)} data-testid="stats-drill">
            {t('stats.drill')}
          </Button>
          <Button size="small" icon={<FilePdfOutlined />} href={statsApi.reportUrl(r.key, monthKey)} target="_blank" data-testid="stats-row-report">
            {t('stats.report')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="console-stats">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('stats.title')}
      </Typography.Title>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <Typography.Text>{t('stats.region')}</Typography.Text>
          <RegionCascader roots={roots} value={path} onChange={(p) => p.length && setPath(p)} allowClear={false} testId="stats-region" style={{ minWidth: 260 }} />
          <Typography.Text>{t('stats.period')}</Typography.Text>
          <Segmented<PeriodKind> value={kind} onChange={setKind} options={PERIODS.map((p) => ({ value: p, label: t(`portal.period.${p}`) }))} data-testid="stats-period" />
          <Button icon={<DownloadOutlined />} href={statsApi.exportUrl({ regionCode: code, ...period })} data-testid="stats-export">
            {t('stats.export')}
          </Button>
          <DatePicker picker="month" format={lang === 'zh-CN' ? 'YYYY年M月' : 'YYYY-MM'} value={month} allowClear={false} onChange={(d) => d && setMonth(d)} disabledDate={(d) => d.isAfter(dayjs(), 'month')} placeholder={t('stats.reportMonth')} data-testid="stats-month" />
          <Button icon={<FilePdfOutlined />} href={statsApi.reportUrl(code, monthKey)} target="_blank" data-testid="stats-report">
            {t('stats.report')}
          </Button>
        </Flex>
      </Card>
      <StatsPanel
        regionCode={code}
        kind={kind}
        hasChildren
        onDrill={drill}
        workCards={(work) =>
          work ? (
            <Card size="small" title={t('stats.work.title')} data-testid="stats-work">
              <Row gutter={[12, 12]}>
                {WORK.map((k) => (
                  <Col key={k} xs={8}>
                    <Statistic title={t(`stats.work.${k}`)} value={work[k]} styles={work[k] > 0 && k !== 'reviewsPending' ? { content: { color: '#cf1322' } } : undefined} />
                  </Col>
                ))}
              </Row>
            </Card>
          ) : null
        }
        below={(rows) => <Table<BreakdownRow> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 720 }} style={{ marginTop: 12 }} data-testid="stats-children" />}
      />
    </Flex>
  );
}
