import { Col, Form, InputNumber, Row, Segmented, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import type { Ledger, Passbook } from './api';
import { formatAmount } from './format';
import { toMinutes } from './relations';

export interface AmountValues {
  ledger: Ledger;
  points?: number | null;
  hours?: number | null;
  minutes?: number | null;
}

/** The amount a form's values name: points, or hours and minutes as minutes; null when none is given. */
export function amountOf(v: AmountValues): number | null {
  if (v.ledger === 'points') return v.points ?? null;
  return toMinutes(v.hours, v.minutes);
}

/** Which field a server's `details.fields.amount` belongs next to. */
export function amountField(ledger: Ledger): 'points' | 'minutes' {
  return ledger === 'points' ? 'points' : 'minutes';
}

/**
 * Pick a ledger (积分 / 时间) and an amount: points as a number, time as hours and minutes, with
 * what is available shown under it and checked before the server is asked.
 */
export function AmountFields<T extends AmountValues>({ form, balances, testPrefix }: { form: FormInstance<T>; balances: Passbook['balances'] | undefined; testPrefix: string }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const ledger = (Form.useWatch('ledger', form) as Ledger | undefined) ?? 'points';
  const available = balances ? balances[ledger] : undefined;

  const check = async () => {
    const v = form.getFieldsValue(true) as AmountValues;
    const amount = amountOf({ ...v, ledger });
    if (amount === null) throw new Error(t('ledger.transfer.amountRequired'));
    if (amount <= 0) throw new Error(t('ledger.transfer.amountPositive'));
    if (available !== undefined && amount > available) throw new Error(t('ledger.transfer.overBalance', { value: formatAmount(ledger, available, lang) }));
  };
  const availableText = available === undefined ? null : (
    <Typography.Text type="secondary" data-testid={`${testPrefix}-available`}>
      {t('ledger.transfer.available', { value: formatAmount(ledger, available, lang) })}
    </Typography.Text>
  );

  return (
    <>
      <Form.Item name="ledger" label={t('ledger.transfer.ledger')}>
        <Segmented<Ledger>
          block
          size="large"
          options={[
            { value: 'points', label: <span data-testid={`${testPrefix}-ledger-points`}>{t('ledger.ledgers.points')}</span> },
            { value: 'time', label: <span data-testid={`${testPrefix}-ledger-time`}>{t('ledger.ledgers.time')}</span> },
          ]}
        />
      </Form.Item>
      {ledger === 'points' ? (
        <Form.Item name="points" label={t('ledger.transfer.amountPoints')} extra={availableText} rules={[{ validator: check }]}>
          <InputNumber min={1} precision={0} inputMode="numeric" style={{ width: '100%' }} data-testid={`${testPrefix}-points`} />
        </Form.Item>
      ) : (
        <Form.Item label={t('ledger.transfer.amountTime')} required extra={availableText} style={{ marginBottom: 0 }}>
          <Row gutter={8}>
            <Col span={12}>
              <Form.Item name="hours">
                <InputNumber min={0} precision={0} inputMode="numeric" suffix={t('ledger.common.hours')} style={{ width: '100%' }} data-testid={`${testPrefix}-hours`} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="minutes" dependencies={['hours']} rules={[{ validator: check }]}>
                <InputNumber min={0} max={59} precision={0} inputMode="numeric" suffix={t('ledger.common.minutes')} style={{ width: '100%' }} data-testid={`${testPrefix}-minutes`} />
              </Form.Item>
            </Col>
          </Row>
        </Form.Item>
      )}
    </>
  );
}
