import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/page-state';
import { postsApi, type MonthlyReport } from './api';

type Row = MonthlyReport['rows'][number];
const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The monthly report per worker (the payroll's rows) with its totals and the Excel file: for a region or one post. */
export function ReportTable({ month, regionCode, postId }: { month: string; regionCode?: string; postId?: string }) {
  const { t } = useTranslation();
  const query = { month, ...(regionCode ? { regionCode } : {}), ...(postId ? { postId } : {}) };
  const rep = useQuery(postsApi.report(query));
  if (rep.error && !rep.data) return <ErrorState error={rep.error} onRetry={rep.refetch} />;
  const columns: TableColumnsType<Row> = [
    { key: 'town', title: t('posts.console.columns.town'), render: (_v, r) => r.townName },
    { key: 'post', title: t('posts.console.columns.title'), render: (_v, r) => r.postTitle },
    { key: 'name', title: t('posts.console.columns.worker'), render: (_v, r) => r.workerName },
    { key: 'expected', title: t('posts.console.columns.expected'), render: (_v, r) => r.daysExpected },
    { key: 'days', title: t('posts.console.columns.days'), render: (_v, r) => <span data-testid="report-days">{r.daysPresent}</span> },
    { key: 'confirmed', title: t('posts.console.columns.confirmed'), render: (_v, r) => <span data-testid="report-confirmed">{r.daysConfirmed ?? '—'}</span> },
    { key: 'open', title: t('posts.console.columns.flagsOpen'), render: (_v, r) => r.flagsOpen },
    { key: 'closed', title: t('posts.console.columns.flagsClosed'), render: (_v, r) => r.flagsClosed },
    { key: 'pay', title: t('posts.console.columns.pay'), render: (_v, r) => (r.payMinFen === r.payMaxFen ? yuan(r.payMinFen) : `${yuan(r.payMinFen)}–${yuan(r.payMaxFen)}`) },
  ];
  const tot = rep.data?.totals;
  return (
    <Flex vertical gap={12} data-testid="welfare-report">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text data-testid="report-totals">
          {tot ? t('posts.console.totals', { posts: tot.posts, workers: tot.workers, days: tot.daysPresent, open: tot.flagsOpen, closed: tot.flagsClosed }) : ''}
        </Typography.Text>
        <Button icon={<DownloadOutlined />} href={postsApi.reportXlsxUrl(query)} data-testid="report-export">
          {t('posts.console.export')}
        </Button>
      </Flex>
      <Table<Row>
        rowKey="placementId"
        size="small"
        loading={rep.isFetching}
        columns={columns}
        dataSource={rep.data?.rows ?? []}
        scroll={{ x: 760 }}
        pagination={false}
        onRow={() => ({ 'data-testid': 'report-row' }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: t('posts.console.noReport') }}
      />
    </Flex>
  );
}
