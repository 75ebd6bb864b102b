import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import { HeartOutlined, SwapOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useRequest } from '../../api/use-request';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { AmountFields, amountField, amountOf, type AmountValues } from '../../features/ledger/amount-fields';
import { ledgerApi } from '../../features/ledger/api';
import { BalanceFigures } from '../../features/ledger/balance-cards';
import { formatAmount } from '../../features/ledger/format';
import { PhonePageHeader } from '../../components/phone-page-header';
import { ledgerRefusal, showFieldProblems } from '../../features/ledger/refusal';
import { otherUserId, relationFromMyView } from '../../features/ledger/relations';
import { useKeyKeeper } from '../../features/ledger/use-submit-once';
import { useMyBalances } from '../../features/ledger/use-passbook';
import { useFormat } from '../../i18n/use-format';
import { RecoveryNotice } from '../../features/people/recovery-card';

interface TransferValues extends AmountValues {
  toUserId?: string;
  memo?: string;
}

/** 转赠时间: give points or time to a verified relative, after a confirm naming the amount and the person. */
export default function TransferPage() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const navigate = useNavigate();
  const { user } = useMe();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<TransferValues>();
  const relatives = useRequest((s) => ledgerApi.myRelatives(s), []);
  const money = useMyBalances();
  const keeper = useKeyKeeper();
  const [problem, setProblem] = useState<string | null>(null);
  const myId = user?.id ?? '';

  const choices = useMemo(
    () =>
      (relatives.data?.items ?? [])
        .filter((l) => l.status === 'verified')
        .map((l) => ({ userId: otherUserId(l, myId), name: l.otherName ?? '—', relation: t(`ledger.relations.${relationFromMyView(l, myId)}`) })),
    [relatives.data, myId, t],
  );

  const send = async (v: TransferValues) => {
    setProblem(null);
    const amount = amountOf(v);
    const to = choices.find((c) => c.userId === v.toUserId);
    if (amount === null || !to) return;
    const memo = v.memo?.trim() || undefined;
    const body = { toUserId: to.userId, ledger: v.ledger, amount, memo };
    const amountText = formatAmount(v.ledger, amount, lang);
    modal.confirm({
      title: t('ledger.transfer.confirmTitle'),
      content: <span data-testid="transfer-confirm-body">{t('ledger.transfer.confirmBody', { amount: amountText, name: to.name, relation: to.relation })}</span>,
      okText: t('ledger.transfer.confirmOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { size: 'large', 'data-testid': 'transfer-confirm' },
      cancelButtonProps: { size: 'large' },
      onOk: async () => {
        // the same values keep the same key: a retry or a second tap is answered, not written twice
        const idempotencyKey = keeper.keyFor(body);
        try {
          await ledgerApi.transfer({ ...body, idempotencyKey });
          keeper.done();
          void message.success(t('ledger.transfer.done', { name: to.name, amount: amountText }));
          form.resetFields(['points', 'hours', 'minutes', 'memo']);
          money.reload();
        } catch (err) {
          const fieldText = showFieldProblems(form, err, t, lang, ['toUserId', 'points', 'minutes', 'memo'], { amount: amountField(v.ledger) });
          setProblem(fieldText ?? ledgerRefusal(err, t, lang, { ledger: v.ledger, amount, available: money.balances?.[v.ledger] }));
        }
      },
    });
  };

  return (
    <Flex vertical gap={16} data-testid="transfer-page">
      <PhonePageHeader title={t('ledger.transfer.title')} />
      <RecoveryNotice />
      <BalanceFigures balances={money.balances} />
      <Card>
        {relatives.loading && !relatives.data ? (
          <LoadingBlock rows={4} />
        ) : relatives.error && !relatives.data ? (
          <ErrorState error={relatives.error} onRetry={relatives.reload} />
        ) : choices.length === 0 ? (
          <EmptyState
            testId="transfer-no-relatives"
            title={t('ledger.transfer.noVerified')}
            hint={t('ledger.transfer.noVerifiedHint')}
            action={
              <Button type="primary" size="large" icon={<HeartOutlined />} onClick={() => navigate('/relatives')}>
                {t('ledger.transfer.goRelatives')}
              </Button>
            }
          />
        ) : (
          <Form<TransferValues> form={form} layout="vertical" size="large" initialValues={{ ledger: 'time' }} onFinish={send} data-testid="transfer-form">
            <Typography.Paragraph type="secondary">{t('ledger.transfer.intro')}</Typography.Paragraph>
            <Form.Item name="toUserId" label={t('ledger.transfer.to')} rules={[{ required: true, message: t('ledger.transfer.toRequired') }]}>
              <Select data-testid="transfer-to" options={choices.map((c) => ({ value: c.userId, label: `${c.name}（${c.relation}）` }))} />
            </Form.Item>
            <AmountFields form={form} balances={money.balances} testPrefix="transfer" />
            <Form.Item name="memo" label={t('ledger.transfer.memo')}>
              <Input maxLength={200} placeholder={t('ledger.transfer.memoPlaceholder')} data-testid="transfer-memo" />
            </Form.Item>
            {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="transfer-problem" /> : null}
            <Button type="primary" htmlType="submit" block icon={<SwapOutlined />} data-testid="transfer-submit">
              {t('ledger.transfer.submit')}
            </Button>
          </Form>
        )}
      </Card>
    </Flex>
  );
}
