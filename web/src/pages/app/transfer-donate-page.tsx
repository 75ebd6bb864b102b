import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { GiftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { AmountFields, amountField, amountOf, type AmountValues } from '../../features/ledger/amount-fields';
import { ledgerApi } from '../../features/ledger/api';
import { BalanceFigures } from '../../features/ledger/balance-cards';
import { formatAmount } from '../../features/ledger/format';
import { PhonePageHeader } from '../../components/phone-page-header';
import { ledgerRefusal, showFieldProblems } from '../../features/ledger/refusal';
import { useKeyKeeper } from '../../features/ledger/use-submit-once';
import { useMyBalances } from '../../features/ledger/use-passbook';
import { useFormat } from '../../i18n/use-format';
import { RecoveryNotice } from '../../features/people/recovery-card';

interface DonateValues extends AmountValues {
  memo?: string;
}

/** 捐赠: give points or time to the city's public pool, after a confirm. */
export default function DonatePage() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<DonateValues>();
  const money = useMyBalances();
  const keeper = useKeyKeeper();
  const [problem, setProblem] = useState<string | null>(null);

  const send = (v: DonateValues) => {
    setProblem(null);
    const amount = amountOf(v);
    if (amount === null) return;
    const body = { ledger: v.ledger, amount, memo: v.memo?.trim() || undefined };
    const amountText = formatAmount(v.ledger, amount, lang);
    modal.confirm({
      title: t('ledger.donate.confirmTitle'),
      content: <span data-testid="donate-confirm-body">{t('ledger.donate.confirmBody', { amount: amountText })}</span>,
      okText: t('ledger.donate.confirmOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { size: 'large', 'data-testid': 'donate-confirm' },
      cancelButtonProps: { size: 'large' },
      onOk: async () => {
        const idempotencyKey = keeper.keyFor(body);
        try {
          await ledgerApi.donate({ ...body, idempotencyKey });
          keeper.done();
          void message.success(t('ledger.donate.done', { amount: amountText }));
          form.resetFields(['points', 'hours', 'minutes', 'memo']);
          money.reload();
        } catch (err) {
          const fieldText = showFieldProblems(form, err, t, lang, ['points', 'minutes', 'memo'], { amount: amountField(v.ledger) });
          setProblem(fieldText ?? ledgerRefusal(err, t, lang, { ledger: v.ledger, amount, available: money.balances?.[v.ledger] }));
        }
      },
    });
  };

  return (
    <Flex vertical gap={16} data-testid="donate-page">
      <PhonePageHeader title={t('ledger.donate.title')} />
      <RecoveryNotice />
      <BalanceFigures balances={money.balances} />
      <Card>
        <Form<DonateValues> form={form} layout="vertical" size="large" initialValues={{ ledger: 'points' }} onFinish={send} data-testid="donate-form">
          <Typography.Paragraph type="secondary">{t('ledger.donate.intro')}</Typography.Paragraph>
          <AmountFields form={form} balances={money.balances} testPrefix="donate" />
          <Form.Item name="memo" label={t('ledger.transfer.memo')}>
            <Input maxLength={200} data-testid="donate-memo" />
          </Form.Item>
          {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="donate-problem" /> : null}
          <Button type="primary" htmlType="submit" block icon={<GiftOutlined />} data-testid="donate-submit">
            {t('ledger.donate.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
