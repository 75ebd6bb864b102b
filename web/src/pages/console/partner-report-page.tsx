import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { UseReportRow } from '@shared/schemas/partners';
import { useRequest } from '../../api/use-request';
import { ErrorState } from '../../components/page-state';
import { regionRoots } from '../../features/access/grant-rules';
import { useMe } from '../../features/auth/auth-context';
import { partnersApi } from '../../features/partners/api';
import { RegionCascader } from '../../features/regions/region-cascader';
import { useFormat } from '../../i18n/use-format';

/**
 * 权益使用统计: uses by partner, benefit and month, with the Excel file — for a region of a region
 * admin's scope, or (a partner's staff) for the partner they work for.
 */
export default function PartnerReportPage() {
  const { t, i18n } = useTranslation();
  const { count } = useFormat();
  const monthLabel = (m: string) => dayjs(`${m}-01`).format(i18n.language === 'en' ? 'MMM YYYY' : 'YYYY年M月');
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const asPartner = roots.length === 0 && grants.some((g) => g.role === 'partner');
  const mine = useRequest((s) => (asPartner ? partnersApi.myPartners(s) : Promise.resolve(undefined)), [asPartner]);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const partnerId = asPartner ? (picked ?? mine.data?.items[0]?.id) : undefined;
  const [path, setPath] = useState<string[]>(() => (roots[0] ? [roots[0].code] : []));
  const [span, setSpan] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(11, 'month'), dayjs()]);
  const regionCode = asPartner ? undefined : path[path.length - 1];
  const query = { ...(regionCode ? { regionCode } : {}), ...(partnerId ? { partnerId } : {}), from: span[0].format('YYYY-MM'), to: span[1].format('YYYY-MM') };
  const ready = !!(regionCode || partnerId);
  const report = useRequest((s) => (ready ? partnersApi.report(query, s) : Promise.resolve(undefined)), [JSON.stringify(query)]);
  const scoped = roots.length > 0 || (asPartner && !!partnerId);
  const columns: TableColumnsType<UseReportRow> = [
    { key: 'month', title: t('partners.report.month'), render: (_v, r) => monthLabel(r.month) },
    { key: 'partner', title: t('partners.report.partner'), dataIndex: 'partnerName' },
    { key: 'benefit', title: t('partners.report.benefit'), dataIndex: 'benefitTitle' },
    { key: 'uses', title: t('partners.report.uses'), align: 'right', render: (_v, r) => count(r.uses) },
    { key: 'volunteers', title: t('partners.report.volunteers'), align: 'right', render: (_v, r) => count(r.volunteers) },
  ];
  return (
    <Flex vertical gap={16} data-testid="partner-report-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('partners.report.title')}
      </Typography.Title>
      {!scoped ? (
        mine.loading && asPartner ? null : <Alert type="warning" showIcon title={t('partners.console.noScope')} />
      ) : (
        <Card>
          <Flex gap={12} wrap align="center">
            {asPartner ? (
              <Select
                value={partnerId}
                onChange={setPicked}
                options={(mine.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                style={{ width: 280 }}
                data-testid="partner-report-partner"
              />
            ) : (
              <RegionCascader roots={roots} value={path} onChange={setPath} allowClear={false} style={{ width: 280 }} testId="partner-report-region" />
            )}
            <DatePicker.RangePicker picker="month" value={span} allowClear={false} onChange={(v) => v?.[0] && v[1] && setSpan([v[0], v[1]])} aria-label={t('partners.report.period')} />
            <Button icon={<DownloadOutlined />} href={partnersApi.reportXlsxUrl(query)} data-testid="partner-report-export">
              {t('partners.report.export')}
            </Button>
          </Flex>
        </Card>
      )}
      {report.error && !report.data ? (
        <ErrorState error={report.error} onRetry={report.reload} />
      ) : (
        scoped && (
          <Card title={report.data ? t('partners.report.total', { n: report.data.totalUses }) : undefined}>
            <Table<UseReportRow>
              rowKey={(r) => `${r.month}:${r.benefitId}`}
              size="middle"
              loading={report.loading}
              columns={columns}
              dataSource={report.data?.rows ?? []}
              scroll={{ x: 640 }}
              pagination={false}
              locale={{ emptyText: t('partners.report.empty') }}
            />
          </Card>
        )
      )}
    </Flex>
  );
}
