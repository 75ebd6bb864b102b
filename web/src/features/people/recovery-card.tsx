import { useState } from 'react';
import { Alert, App, Button, Card, Flex, List, Popconfirm, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AccountRecovery as AccountRecoverySchema } from '@shared/schemas/people';
import { api } from '../../api/client';
import { useRequest } from '../../api/use-request';
import { describeError } from '../../api/error-text';
import { useFormat } from '../../i18n/use-format';

type Recovery = z.infer<typeof AccountRecoverySchema>;

/**
 * The counter's view of a person's account recoveries by a one-time code: who issued each code,
 * whether the account is still held, and the in-person check that lifts the hold (refused to the
 * code's issuer by the server). Shown beside the reset-code card on the volunteer's page.
 */
export function RecoveryCard({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const list = useRequest((s) => api.get<{ items: Recovery[] }>(`/users/${encodeURIComponent(userId)}/recoveries`, undefined, s), [userId]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const open = items.some((r) => !r.confirmedAt);

  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api.post(`/users/${encodeURIComponent(userId)}/recoveries/confirm`);
      void message.success(t('people.recovery.confirmed_ok'));
      list.reload();
    } catch (err) {
      const d = describeError(err, t, lang);
      setProblem(d.hint ? `${d.title}：${d.hint}` : d.title);
    } finally {
      setBusy(false);
    }
  };

  if (list.error || (list.data && items.length === 0)) return null;
  return (
    <Card size="small" title={t('people.recovery.title')} data-testid="recovery-card" loading={list.loading && !list.data}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('people.recovery.intro')}</Typography.Text>
        {problem ? <Alert type="error" showIcon message={problem} /> : null}
        <List
          size="small"
          dataSource={items}
          renderItem={(r) => (
            <List.Item data-testid="recovery-item">
              <Flex vertical gap={4}>
                <Typography.Text>{t('people.recovery.line', { time: dateTime(r.recoveredAt), kind: t(`people.recovery.kind_${r.kind}`), issuer: r.issuedByName })}</Typography.Text>
                {r.confirmedAt ? (
                  <Tag color="green">{t('people.recovery.confirmed', { name: r.confirmedByName ?? '', time: dateTime(r.confirmedAt) })}</Tag>
                ) : r.held ? (
                  <Tag color="red">{t('people.recovery.held', { time: dateTime(r.holdUntil) })}</Tag>
                ) : (
                  <Tag color="orange">{t('people.recovery.open', { issuer: r.issuedByName })}</Tag>
                )}
              </Flex>
            </List.Item>
          )}
        />
        {open ? (
          <Popconfirm title={t('people.recovery.confirm')} description={t('people.recovery.confirmAsk', { name })} onConfirm={confirm}>
            <Button type="primary" loading={busy} data-testid="recovery-confirm">
              {t('people.recovery.confirm')}
            </Button>
          </Popconfirm>
        ) : null}
      </Flex>
    </Card>
  );
}

/** The holder's notice (passbook, transfer pages): why nothing can leave the account yet, and who issued the code. */
export function RecoveryNotice() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const list = useRequest((s) => api.get<{ items: Recovery[] }>('/me/recoveries', undefined, s), []);
  const latest = list.data?.items[0];
  if (!latest) return null;
  const issuer = latest.issuedByName;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="recovery-notice"
      message={t('people.recovery.noticeTitle')}
      description={
        <>
          <div>{latest.held ? t('people.recovery.noticeHeld', { time: dateTime(latest.holdUntil), issuer }) : t('people.recovery.noticeOpen', { issuer })}</div>
          <div>{t('people.recovery.noticeHow')}</div>
        </>
      }
    />
  );
}
