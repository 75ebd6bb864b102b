import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { alsoKeyed } from '../../api/query';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { reasonText } from '../../features/activities/labels';
import { chinaMonth, chinaToday, postsApi, type PostMonth } from '../../features/posts/api';
import { ReportTable } from '../../features/posts/report-table';
import { useFormat } from '../../i18n/use-format';

type Worker = PostMonth['workers'][number];
const yuan = (fen: number) => (fen / 100).toFixed(2);

/** `/console/welfare-posts/:id`: one post — its month (each worker's days), the confirmation, days recorded by hand, closed days, the kiosk, the report. */
export default function WelfarePostDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const [month, setMonth] = useState(chinaMonth());
  const [tick, setTick] = useState(0);
  const post = useQuery(postsApi.get(id));
  const m = useQuery(alsoKeyed(postsApi.month(id, month), tick));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [recordForm] = Form.useForm();
  const [closeForm] = Form.useForm();
  const act = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
      setTick((x) => x + 1);
      void message.success(t('posts.console.done'));
    } catch (err) {
      setError(reasonText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  if (post.isFetching && !post.data) return <LoadingBlock rows={6} />;
  if (post.error || !post.data) return <ErrorState error={post.error} onRetry={post.refetch} />;
  const p = post.data;
  const columns: TableColumnsType<Worker> = [
    { key: 'name', title: t('posts.detail.worker'), render: (_v, w) => w.name },
    { key: 'expected', title: t('posts.console.columns.expected'), render: (_v, w) => w.daysExpected },
    { key: 'present', title: t('posts.console.columns.days'), render: (_v, w) => <span data-testid="month-days">{w.daysPresent}</span> },
    {
      key: 'days',
      title: t('posts.console.columns.day'),
      render: (_v, w) => (
        <Flex wrap gap={4}>
          {w.days.map((d) => (
            <Tag key={d.day} color={d.outsideFence ? 'orange' : d.source === 'staff' ? 'blue' : 'green'} title={d.source === 'staff' ? t('posts.detail.staff') : t('posts.detail.phone')}>
              {d.day.slice(8)}
            </Tag>
          ))}
        </Flex>
      ),
    },
  ];
  const conf = m.data?.confirmation;
  return (
    <Flex vertical gap={16} data-testid="welfare-post-detail">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Link to="/console/welfare-posts">
          <ArrowLeftOutlined /> {t('posts.detail.back')}
        </Link>
        <Link to={`/console/welfare-posts/${p.id}/kiosk`} data-testid="welfare-kiosk-open">
          <Button icon={<QrcodeOutlined />}>{t('posts.console.kiosk')}</Button>
        </Link>
      </Flex>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="welfare-post-title">
          {p.title}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('posts.console.columns.town')}>{p.townName}</Descriptions.Item>
          <Descriptions.Item label={t('posts.console.columns.kind')}>{`${t(`posts.kinds.${p.kind}`)} · ${t(`posts.categories.${p.category}`)}`}</Descriptions.Item>
          <Descriptions.Item label={t('posts.console.form.address')}>{p.address}</Descriptions.Item>
          <Descriptions.Item label={t('posts.console.columns.hours')}>{`${p.startTime}–${p.endTime}`}</Descriptions.Item>
          <Descriptions.Item label={t('posts.console.columns.pay')}>{p.payMinFen === p.payMaxFen ? yuan(p.payMinFen) : `${yuan(p.payMinFen)}–${yuan(p.payMaxFen)}`}</Descriptions.Item>
          <Descriptions.Item label={t('posts.console.columns.supervisor')}>{p.supervisorOrgName ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={t('posts.detail.monthTitle', { month })}
        extra={<Input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} style={{ width: 160 }} data-testid="detail-month" aria-label={t('posts.console.month')} />}
      >
        {m.error && !m.data ? (
          <ErrorState error={m.error} onRetry={m.refetch} />
        ) : (
          <Flex vertical gap={12}>
            <Table<Worker> rowKey="placementId" size="small" loading={m.isFetching} columns={columns} dataSource={m.data?.workers ?? []} pagination={false} scroll={{ x: 640 }} onRow={(w) => ({ 'data-testid': 'month-row', 'data-name': w.name }) as React.HTMLAttributes<HTMLElement>} locale={{ emptyText: t('posts.detail.noWorkers') }} />
            {m.data && m.data.closures.length > 0 && <Typography.Text type="secondary">{t('posts.detail.closures', { days: m.data.closures.map((c) => `${c.day.slice(5)} ${c.reason}`).join('、') })}</Typography.Text>}
            {conf ? (
              <Alert type="success" showIcon title={t('posts.detail.confirmed', { name: conf.confirmedBy, time: dateTime(conf.confirmedAt) })} data-testid="month-confirmed" />
            ) : (
              <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={() => void act(() => postsApi.confirm(id, { month }))} data-testid="month-confirm" style={{ alignSelf: 'flex-start' }}>
                {t('posts.detail.confirm')}
              </Button>
            )}
            {error && <Alert type="error" showIcon title={error} data-testid="detail-error" />}
          </Flex>
        )}
      </Card>
      <Card title={t('posts.detail.record')}>
        <Typography.Paragraph type="secondary">{t('posts.detail.recordHint')}</Typography.Paragraph>
        <Form form={recordForm} layout="inline" onFinish={(v: { userId: string; day: string; note: string }) => void act(() => postsApi.record(id, v))} initialValues={{ day: chinaToday() }}>
          <Form.Item name="userId" rules={[{ required: true }]}>
            <Select style={{ width: 160 }} placeholder={t('posts.detail.worker')} options={(m.data?.workers ?? []).map((w) => ({ value: w.userId, label: w.name }))} data-testid="record-worker" />
          </Form.Item>
          <Form.Item name="day" rules={[{ required: true }]}>
            <Input type="date" aria-label={t('posts.detail.day')} />
          </Form.Item>
          <Form.Item name="note" rules={[{ required: true }]}>
            <Input placeholder={t('posts.detail.note')} maxLength={500} />
          </Form.Item>
          <Button htmlType="submit" loading={busy}>
            {t('posts.detail.record')}
          </Button>
        </Form>
      </Card>
      <Card title={t('posts.detail.closeDay')}>
        <Form form={closeForm} layout="inline" onFinish={(v: { day: string; reason: string }) => void act(() => postsApi.close(id, v))}>
          <Form.Item name="day" rules={[{ required: true }]}>
            <Input type="date" aria-label={t('posts.detail.day')} />
          </Form.Item>
          <Form.Item name="reason" rules={[{ required: true }]}>
            <Input placeholder={t('posts.detail.reason')} maxLength={200} />
          </Form.Item>
          <Space>
            <Button htmlType="submit" loading={busy}>
              {t('posts.detail.closeDay')}
            </Button>
          </Space>
        </Form>
      </Card>
      <Card title={t('posts.console.tabs.report')}>
        <ReportTable key={tick} month={month} postId={id} />
      </Card>
    </Flex>
  );
}
