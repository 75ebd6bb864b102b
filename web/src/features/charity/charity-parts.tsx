import { useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, List, Popconfirm, Radio, Row, Select, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFen, parseYuan } from '@shared/lib/money';
import { describeError } from '../../api/error-text';
import { useFormat } from '../../i18n/use-format';
import { useKeyKeeper } from '../ledger/use-submit-once';
import { charityApi, type CharityEventDetail, type CharitySale, type CharityTotals } from './api';

/** ¥3,092.50: every amount on every page goes through formatFen (shared/src/lib/money). */
export function Yuan({ fen, testId, strong }: { fen: number; testId?: string; strong?: boolean }) {
  return (
    <Typography.Text strong={strong} data-testid={testId} data-fen={fen} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      ¥{formatFen(fen)}
    </Typography.Text>
  );
}

/** Raised, paid out, held (and the number of sales): the figures on top of every charity page. */
export function TotalsCards({ totals, testId = 'charity-totals' }: { totals: Omit<CharityTotals, 'saleLines'> & { saleLines?: number }; testId?: string }) {
  const { t } = useTranslation();
  const cells = [
    { key: 'raised', fen: totals.raisedFen, color: '#cf1322' },
    { key: 'disbursed', fen: totals.disbursedFen, color: '#595959' },
    { key: 'held', fen: totals.heldFen, color: '#389e0d' },
  ] as const;
  return (
    <Row gutter={[8, 8]} data-testid={testId}>
      {cells.map((c) => (
        <Col xs={8} key={c.key}>
          <Card size="small" styles={{ body: { padding: 10 } }}>
            <Statistic
              title={t(`charity.totals.${c.key}`)}
              value={c.fen}
              formatter={() => `¥${formatFen(c.fen)}`}
              styles={{ content: { fontSize: 'clamp(14px, 4.2vw, 20px)', color: c.color, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } }}
              data-testid={`${testId}-${c.key}`}
              data-fen={c.fen}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

type SaleValues = { stallId: string; itemId?: string; sellerId?: string; quantity: number; amountYuan?: string; note?: string };

/**
 * 记一笔: stall, item (its price × quantity fills the amount), seller, what was received in yuan
 * (read into fen by parseYuan, never through a float). Big buttons for a phone at the stall; one
 * idempotency key per submission, so a double tap records the sale once.
 */
export function SaleForm({ event, onRecorded }: { event: CharityEventDetail; onRecorded: (r: { sale: CharitySale; totals: CharityTotals }) => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<SaleValues>();
  const keys = useKeyKeeper();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const stallId = Form.useWatch('stallId', form);
  const itemId = Form.useWatch('itemId', form);
  const quantity = Form.useWatch('quantity', form) ?? 1;
  const item = event.items.find((i) => i.id === itemId);
  const priceFen = item ? item.priceFen * (quantity || 1) : null;
  if (event.status !== 'open') return <Alert type="info" showIcon title={t('charity.sale.closed')} data-testid="charity-sale-closed" />;

  const submit = async (v: SaleValues) => {
    const typed = v.amountYuan?.trim() ? parseYuan(v.amountYuan) : null;
    if (v.amountYuan?.trim() && typed === null) {
      form.setFields([{ name: 'amountYuan', errors: [t('charity.sale.amountBad')] }]);
      return;
    }
    if (typed === null && priceFen === null) {
      form.setFields([{ name: 'amountYuan', errors: [t('charity.sale.amountBad')] }]);
      return;
    }
    const body = {
      stallId: v.stallId,
      quantity: v.quantity || 1,
      ...(v.itemId ? { itemId: v.itemId } : {}),
      ...(v.sellerId ? { sellerId: v.sellerId } : {}),
      ...(typed !== null ? { amountFen: typed } : {}),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    };
    setBusy(true);
    setProblem(null);
    try {
      const r = await charityApi.recordSale(event.id, body, keys.keyFor(body));
      keys.done();
      void message.success(t('charity.sale.recorded', { value: formatFen(r.sale.amountFen) }));
      form.setFieldsValue({ itemId: undefined, quantity: 1, amountYuan: '', note: '' });
      onRecorded(r);
    } catch (err) {
      const d = describeError(err, t, lang);
      setProblem(d.hint ? `${d.title}：${d.hint}` : d.title);
    } finally {
      setBusy(false);
    }
  };

  const stallItems = event.items.filter((i) => i.stallId === stallId);
  const stallSellers = event.sellers.filter((s) => s.stallId === stallId);
  return (
    <Form<SaleValues> form={form} layout="vertical" onFinish={submit} initialValues={{ quantity: 1, stallId: event.stalls[0]?.id }} data-testid="charity-sale-form">
      <Form.Item name="stallId" label={t('charity.sale.stall')} rules={[{ required: true, message: t('charity.console.fillRequired') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" onChange={() => form.setFieldsValue({ itemId: undefined, sellerId: undefined })} data-testid="charity-sale-stall">
          {event.stalls.map((s) => (
            <Radio.Button key={s.id} value={s.id} style={{ minHeight: 44, lineHeight: '42px' }} data-testid={`charity-stall-${s.name}`}>
              {s.name}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      {stallItems.length ? (
        <Form.Item name="itemId" label={t('charity.sale.item')}>
          <Select
            allowClear
            size="large"
            placeholder={t('charity.sale.noItem')}
            options={stallItems.map((i) => ({ value: i.id, label: `${i.name} · ¥${formatFen(i.priceFen)}` }))}
            data-testid="charity-sale-item"
          />
        </Form.Item>
      ) : null}
      {stallSellers.length ? (
        <Form.Item name="sellerId" label={t('charity.sale.seller')}>
          <Select allowClear size="large" placeholder={t('charity.sale.noSeller')} options={stallSellers.map((s) => ({ value: s.id, label: s.name }))} data-testid="charity-sale-seller" />
        </Form.Item>
      ) : null}
      <Flex gap={12}>
        <Form.Item name="quantity" label={t('charity.sale.quantity')} style={{ flex: '0 0 110px' }}>
          <InputNumber min={1} max={10000} precision={0} size="large" style={{ width: '100%' }} data-testid="charity-sale-quantity" />
        </Form.Item>
        <Form.Item
          name="amountYuan"
          label={t('charity.sale.amount')}
          style={{ flex: 1 }}
          extra={priceFen !== null ? t('charity.sale.amountHint', { value: formatFen(priceFen) }) : undefined}
          rules={[{ validator: (_, v: string | undefined) => (!v?.trim() || parseYuan(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('charity.sale.amountBad')))) }]}
        >
          <Input size="large" inputMode="decimal" prefix="¥" placeholder={priceFen !== null ? formatFen(priceFen, { grouping: false }) : '0.00'} data-testid="charity-sale-amount" />
        </Form.Item>
      </Flex>
      <Form.Item name="note" label={t('charity.sale.note')}>
        <Input maxLength={200} data-testid="charity-sale-note" />
      </Form.Item>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="charity-sale-error" /> : null}
      <Button type="primary" htmlType="submit" size="large" block loading={busy} style={{ minHeight: 48 }} data-testid="charity-sale-submit">
        {t('charity.sale.submit')}
      </Button>
    </Form>
  );
}

/** The sale lines, newest first; a line can be reversed (once) with a reason. */
export function SaleList({ sales, onReversed }: { sales: CharitySale[]; onReversed: () => void }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  if (!sales.length) return <Typography.Text type="secondary" data-testid="charity-sales-empty">{t('charity.sale.empty')}</Typography.Text>;
  const reverse = async (id: string) => {
    try {
      await charityApi.reverseSale(id, reason.trim() || t('charity.sale.reversal'));
      setReason('');
      onReversed();
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    }
  };
  return (
    <List
      size="small"
      dataSource={sales}
      data-testid="charity-sales"
      renderItem={(s) => (
        <List.Item
          data-testid="charity-sale-row"
          actions={
            s.reversesId || s.reversed
              ? []
              : [
                  <Popconfirm key="r" title={<Input placeholder={t('charity.sale.reverseReason')} value={reason} onChange={(e) => setReason(e.target.value)} />} onConfirm={() => void reverse(s.id)}>
                    <Button size="small" danger type="link" data-testid="charity-sale-reverse">
                      {t('charity.sale.reverse')}
                    </Button>
                  </Popconfirm>,
                ]
          }
        >
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <span>
              <Yuan fen={s.amountFen} strong /> · {s.stallName}
              {s.itemName ? ` · ${s.itemName} × ${Math.abs(s.quantity)}` : ''}
              {s.reversesId ? <Tag color="orange" style={{ marginLeft: 6 }}>{t('charity.sale.reversal')}</Tag> : null}
              {s.reversed ? <Tag style={{ marginLeft: 6 }}>{t('charity.sale.reversed')}</Tag> : null}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {dateTime(s.recordedAt)} · {t('charity.sale.by', { name: s.recordedByName })}
              {s.note ? ` · ${s.note}` : ''}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}
