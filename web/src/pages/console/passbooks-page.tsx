import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, Segmented, Select, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { searchPeople } from '../../features/access/use-grants';
import { ledgerApi, type Ledger, type PassbookItem } from '../../features/ledger/api';
import { BalanceFigures } from '../../features/ledger/balance-cards';
import { passbookCsv } from '../../features/ledger/csv';
import { formatAmount, formatSigned } from '../../features/ledger/format';
import { kindLabel, statusLabel } from '../../features/ledger/labels';
import { ledgerRefusal } from '../../features/ledger/refusal';
import { useFormat } from '../../i18n/use-format';
import { fetchApi } from '../../api/query';

/** 存折查询: find a volunteer of my regions and read their passbook (read only), with an export. */
export default function PassbooksPage() {
  const { t } = useTranslation();
  const [person, setPerson] = useState<User | null>(null);
  return (
    <Flex vertical gap={16} data-testid="passbooks-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ledger.passbooks.title')}
      </Typography.Title>
      <Card>
        <Flex gap={12} align="center" wrap>
          <Typography.Text>{t('ledger.passbooks.find')}</Typography.Text>
          <PersonPicker value={person} onChange={setPerson} />
        </Flex>
      </Card>
      {person ? <PersonPassbook key={person.id} person={person} /> : <EmptyState testId="passbooks-choose" title={t('ledger.passbooks.choose')} hint={t('ledger.passbooks.chooseHint')} />}
    </Flex>
  );
}

function PersonPicker({ value, onChange }: { value: User | null; onChange: (u: User | null) => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<User[]>([]);
  const [searching, setSearching] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    const text = q.trim();
    if (!text) {
      setOptions([]);
      return;
    }
    const ctl = new AbortController();
    timer.current = setTimeout(() => {
      setSearching(true);
      setProblem(null);
      searchPeople(text, ctl.signal).then(
        (page) => {
          if (ctl.signal.aborted) return;
          setOptions(page.items);
          setSearching(false);
        },
        (err: unknown) => {
          if (ctl.signal.aborted) return;
          setSearching(false);
          setProblem(ledgerRefusal(err, t, lang, { ledger: 'points', amount: 0 }));
        },
      );
    }, 300);
    return () => {
      if (timer.current) clearTimeout(timer.current);
      ctl.abort();
    };
  }, [q, t, lang]);

  return (
    <Flex vertical gap={4}>
      <Select<string>
        showSearch={{ filterOption: false, onSearch: setQ }}
        value={value?.id}
        placeholder={t('ledger.passbooks.findPlaceholder')}
        style={{ width: 360 }}
        allowClear
        onClear={() => onChange(null)}
        onChange={(id) => onChange(options.find((o) => o.id === id) ?? null)}
        notFoundContent={searching ? <Spin size="small" /> : q.trim() ? t('ledger.passbooks.noMatch') : null}
        options={(value && !options.some((o) => o.id === value.id) ? [value, ...options] : options).map((u) => ({
          value: u.id,
          label: `${u.name} · ${u.phone}${u.regionName ? ` · ${u.regionName}` : ''}`,
        }))}
        data-testid="passbooks-person"
      />
      {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
    </Flex>
  );
}

function PersonPassbook({ person }: { person: User }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const [ledger, setLedger] = useState<Ledger>('points');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const { data, error, isFetching: loading, refetch: reload } = useQuery(ledgerApi.volunteerPassbook(person.id, { ledger, ...paging }));

  const exportCsv = async () => {
    setExporting(true);
    try {
      const book = await fetchApi(ledgerApi.volunteerPassbook(person.id, { ledger, page: 1, pageSize: 100 }));
      const csv = passbookCsv(book.items, {
        headers: [t('ledger.passbooks.at'), t('ledger.passbooks.kind'), t('ledger.passbooks.amount'), t('ledger.passbooks.balanceAfter'), t('ledger.passbooks.status'), t('ledger.passbooks.memo')],
        row: (i) => [dateTime(i.at), kindLabel(t, i.kind), formatSigned(i.ledger, i.amount, lang), formatAmount(i.ledger, i.balanceAfter, lang), statusLabel(t, i.settledAs ?? i.status), i.memo ?? ''],
      });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${person.name}-${t(`ledger.ledgers.${ledger}`)}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      void message.error(t('ledger.passbooks.exportFailed', { reason: ledgerRefusal(err, t, lang, { ledger, amount: 0 }) }));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<PassbookItem> = [
    { key: 'at', title: t('ledger.passbooks.at'), dataIndex: 'at', width: 190, render: (v: string) => dateTime(v) },
    { key: 'kind', title: t('ledger.passbooks.kind'), dataIndex: 'kind', render: (k: string) => kindLabel(t, k) },
    {
      key: 'amount',
      title: t('ledger.passbooks.amount'),
      dataIndex: 'amount',
      align: 'right',
      render: (a: number, i) => <span style={{ color: a > 0 ? '#389e0d' : a < 0 ? '#cf1322' : undefined, fontWeight: 600 }}>{formatSigned(i.ledger, a, lang)}</span>,
    },
    { key: 'after', title: t('ledger.passbooks.balanceAfter'), dataIndex: 'balanceAfter', align: 'right', render: (b: number, i) => formatAmount(i.ledger, b, lang) },
    { key: 'status', title: t('ledger.passbooks.status'), render: (_: unknown, i: PassbookItem) => { const s = i.settledAs ?? i.status; return <Tag color={s === 'pending' ? 'orange' : s === 'posted' || s === 'post_pending' ? 'green' : 'default'}>{statusLabel(t, s)}</Tag>; } },
    { key: 'memo', title: t('ledger.passbooks.memo'), dataIndex: 'memo', render: (m: string | null) => m ?? t('common.none') },
  ];

  return (
    <Card
      title={`${person.name} · ${person.regionName ?? person.regionCode}`}
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportCsv} title={t('ledger.passbooks.exportHint')} data-testid="passbooks-export">
          {t('ledger.passbooks.export')}
        </Button>
      }
      data-testid="passbooks-book"
    >
      <Flex vertical gap={16}>
        <Alert type="info" showIcon title={t('ledger.passbooks.readOnly')} />
        {error && !data ? (
          <ErrorState error={error} onRetry={reload} />
        ) : (
          <>
            <div style={{ maxWidth: 520 }}>
              <BalanceFigures balances={data?.balances} />
            </div>
            <Segmented<Ledger>
              value={ledger}
              onChange={(l) => {
                setLedger(l);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
              options={[
                { value: 'points', label: t('ledger.ledgers.points') },
                { value: 'time', label: t('ledger.ledgers.time') },
              ]}
              style={{ alignSelf: 'flex-start' }}
            />
            {loading && !data ? (
              <LoadingBlock rows={6} />
            ) : (
              <Table<PassbookItem>
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={data?.items ?? []}
                loading={loading}
                scroll={{ x: 900 }}
                data-testid="passbooks-table"
                locale={{ emptyText: <EmptyState title={ledger === 'points' ? t('ledger.passbook.emptyPoints') : t('ledger.passbook.emptyTime')} /> }}
                pagination={{
                  current: paging.page,
                  pageSize: paging.pageSize,
                  total: data?.total ?? 0,
                  showSizeChanger: true,
                  pageSizeOptions: [10, 20, 50, 100],
                  showTotal: (total) => t('common.total', { total }),
                  onChange: (page, pageSize) => setPaging((p) => ({ page: pageSize !== p.pageSize ? 1 : page, pageSize })),
                }}
              />
            )}
          </>
        )}
      </Flex>
    </Card>
  );
}
