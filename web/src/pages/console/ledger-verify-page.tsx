import { useState } from 'react';
import { fetchApi } from '../../api/query';
import { Button, Card, Col, Flex, Result, Row, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { ledgerApi, type LedgerVerifyResult } from '../../features/ledger/api';
import { useFormat } from '../../i18n/use-format';

type Problem = LedgerVerifyResult['problems'][number];

/** 账本校验: runs the proof of the ledger (balances against transfers, zero sums, hash chains) and shows what it found. */
export default function LedgerVerifyPage() {
  const { t } = useTranslation();
  const { count, dateTime } = useFormat();
  const [state, setState] = useState<{ running: boolean; result?: LedgerVerifyResult; error?: unknown; at?: Date }>({ running: false });

  const run = async () => {
    setState((s) => ({ ...s, running: true, error: undefined }));
    try {
      const result = await fetchApi(ledgerApi.verify());
      setState({ running: false, result, at: new Date() });
    } catch (error) {
      setState({ running: false, error });
    }
  };

  const columns: TableColumnsType<Problem & { n: number }> = [
    { key: 'n', title: '#', dataIndex: 'n', width: 60 },
    { key: 'kind', title: t('ledger.verify.problemKind'), dataIndex: 'kind', width: 200, render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
    { key: 'message', title: t('ledger.verify.problemMessage'), dataIndex: 'message' },
    {
      key: 'details',
      title: t('ledger.verify.details'),
      dataIndex: 'details',
      render: (d: Problem['details']) => (d ? <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>{JSON.stringify(d)}</Typography.Text> : t('common.none')),
    },
  ];
  const r = state.result;

  return (
    <Flex vertical gap={16} data-testid="ledger-verify-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('ledger.verify.title')}
        </Typography.Title>
        <Button type="primary" size="large" icon={<SafetyCertificateOutlined />} loading={state.running} onClick={run} data-testid="verify-run">
          {r ? t('ledger.verify.rerun') : t('ledger.verify.run')}
        </Button>
      </Flex>
      <Typography.Text type="secondary">{t('ledger.verify.intro')}</Typography.Text>
      <Card>
        {state.running ? (
          <Flex vertical gap={8}>
            <Typography.Text>{t('ledger.verify.running')}</Typography.Text>
            <LoadingBlock rows={4} />
          </Flex>
        ) : state.error ? (
          isApiError(state.error) && state.error.code === 'FORBIDDEN' ? (
            <Result status="403" title={t('ledger.verify.forbidden')} data-testid="verify-forbidden" />
          ) : (
            <ErrorState error={state.error} onRetry={run} />
          )
        ) : !r ? (
          <EmptyState testId="verify-not-run" title={t('ledger.verify.notRun')} hint={t('ledger.verify.notRunHint')} />
        ) : (
          <Flex vertical gap={16} data-testid="verify-result">
            <Result
              status={r.ok ? 'success' : 'error'}
              title={<span data-testid="verify-verdict">{r.ok ? t('ledger.verify.ok') : t('ledger.verify.bad', { count: r.problems.length })}</span>}
              subTitle={
                r.ok ? t('ledger.verify.okSub', { accounts: count(r.accounts), transfers: count(r.transfers) }) : t('ledger.verify.badSub', { accounts: count(r.accounts), transfers: count(r.transfers) })
              }
            />
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Statistic title={t('ledger.verify.accounts')} value={r.accounts} formatter={() => count(r.accounts)} />
              </Col>
              <Col xs={24} md={8}>
                <Statistic title={t('ledger.verify.transfers')} value={r.transfers} formatter={() => count(r.transfers)} />
              </Col>
              <Col xs={24} md={8}>
                <Statistic title={t('ledger.verify.checkedAt')} value={dateTime(state.at ?? null)} formatter={(v) => v} />
              </Col>
            </Row>
            {r.problems.length > 0 ? (
              <Table
                rowKey="n"
                size="small"
                columns={columns}
                dataSource={r.problems.map((p, i) => ({ ...p, n: i + 1 }))}
                pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
                data-testid="verify-problems"
              />
            ) : null}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
