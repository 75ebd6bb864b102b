import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { App, Badge, Button, Card, Flex, Select, Statistic, Tag, Typography } from 'antd';
import { HomeOutlined, PhoneOutlined, WarningOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { PhonePageHeader } from '../../components/phone-page-header';
import { careApi, type PensionItem, type Visit } from '../../features/care/api';
import { describeError } from '../../api/error-text';
import { useMe } from '../../features/auth/auth-context';
import { useFormat } from '../../i18n/use-format';

/** 网格走访: the grid worker's (or building head's) home on the phone — overdue first, then today's, and the drive's open list. */
export default function GridHomePage() {
  const { t } = useTranslation();
  const mine = useQuery(careApi.myVisits());
  return (
    <Flex vertical gap={16} data-testid="grid-home">
      <PhonePageHeader title={t('care.home.title')} />
      {mine.error && !mine.data ? (
        <ErrorState error={mine.error} onRetry={mine.refetch} />
      ) : !mine.data ? (
        <LoadingBlock rows={6} />
      ) : (
        <>
          <Card size="small">
            <Flex justify="space-around">
              <Statistic title={t('care.home.overdue')} value={mine.data.overdue.length} styles={{ content: { color: mine.data.overdue.length ? '#cf1322' : undefined } }} data-testid="grid-count-overdue" />
              <Statistic title={t('care.home.today')} value={mine.data.today.length} data-testid="grid-count-today" />
              <Statistic title={t('care.home.doneToday')} value={mine.data.doneToday} data-testid="grid-count-done" />
              <Statistic title={t('care.home.pensionPending')} value={mine.data.pensionPending} data-testid="grid-count-pension" />
            </Flex>
          </Card>
          <Card title={<span><WarningOutlined style={{ color: '#cf1322' }} /> {t('care.home.overdue')}</span>} data-testid="grid-overdue" styles={{ body: { padding: 0 } }}>
            {mine.data.overdue.length === 0 ? <EmptyState title={t('care.home.noneOverdue')} testId="grid-overdue-empty" /> : mine.data.overdue.map((v) => <VisitRow key={v.id} v={v} />)}
          </Card>
          <Card title={t('care.home.today')} data-testid="grid-today" styles={{ body: { padding: 0 } }}>
            {mine.data.today.length === 0 ? <EmptyState title={t('care.home.noneToday')} hint={t('care.home.noneTodayHint')} testId="grid-today-empty" /> : mine.data.today.map((v) => <VisitRow key={v.id} v={v} />)}
          </Card>
          <PensionList onChange={() => void mine.refetch()} />
        </>
      )}
    </Flex>
  );
}

const REASONS = ['cannot_walk', 'away', 'no_smartphone', 'deceased'] as const;

/** 养老认证名单: the drive's residents in my grids not yet done; marked here on their behalf (本人已认证, 协助认证, 未认证 + why). */
function PensionList({ onChange }: { onChange: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { user } = useMe();
  const { message } = App.useApp();
  const items = useQuery(careApi.myPensionItems());
  const [busy, setBusy] = useState<string | null>(null);
  const mark = async (item: PensionItem, body: Parameters<typeof careApi.markItem>[1]) => {
    setBusy(item.id);
    try {
      await careApi.markItem(item.id, body);
      void message.success(t('care.console.saved'));
      void items.refetch();
      onChange();
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title={t('care.pension.title')} data-testid="grid-pension" styles={{ body: { padding: 0 } }}>
      {items.error && !items.data ? (
        <ErrorState error={items.error} onRetry={items.refetch} />
      ) : !items.data ? (
        <LoadingBlock rows={3} />
      ) : items.data.items.length === 0 ? (
        <EmptyState title={t('care.pension.none')} testId="grid-pension-empty" />
      ) : (
        items.data.items.map((i) => (
          <div key={i.id} style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }} data-testid="grid-pension-row">
            <Flex justify="space-between" wrap gap={4}>
              <Typography.Text strong>{i.name}</Typography.Text>
              <Typography.Text type="secondary">{i.idNumberMasked}</Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>{i.address}</Typography.Text>{' '}
            {i.status === 'not_yet' && i.reason ? <Tag color="red">{t(`care.pension.reasons.${i.reason}`)}</Tag> : <Tag>{t('care.console.statusPending')}</Tag>}
            <Flex wrap gap={8} style={{ marginTop: 8 }}>
              <Button size="large" loading={busy === i.id} onClick={() => void mark(i, { status: 'self' })} data-testid="pension-self">{t('care.console.statusSelf')}</Button>
              <Button size="large" type="primary" loading={busy === i.id} onClick={() => void mark(i, { status: 'helped', helpedById: user!.id, helpPlace: 'home' })} data-testid="pension-helped">{t('care.pension.helpedAtHome')}</Button>
              <Select<(typeof REASONS)[number]>
                size="large"
                placeholder={t('care.console.statusNotYet')}
                style={{ minWidth: 140 }}
                value={i.reason ?? undefined}
                onChange={(reason) => void mark(i, { status: 'not_yet', reason })}
                options={REASONS.map((r) => ({ value: r, label: t(`care.pension.reasons.${r}`) }))}
                data-testid="pension-not-yet"
              />
            </Flex>
          </div>
        ))
      )}
    </Card>
  );
}

function VisitRow({ v }: { v: Visit }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const navigate = useNavigate();
  return (
    <Flex align="center" gap={12} style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0', minHeight: 64 }} data-testid="grid-visit-row" data-visit-id={v.id}>
      <div style={{ flex: 1, minWidth: 0 }}>
        <Typography.Text strong>{v.place}</Typography.Text> <Typography.Text type="secondary">{v.residentMasked}</Typography.Text>
        <div>
          <Tag color={v.source === 'pension' ? 'purple' : v.source === 'campaign' ? 'orange' : 'blue'}>{t(`care.sources.${v.source}`)}</Tag>
          {v.tags.map((tag) => (
            <Tag key={tag} color="red">{t(`care.tags.${tag}`)}</Tag>
          ))}
        </div>
        <Typography.Text type={v.overdue ? 'danger' : 'secondary'} style={{ fontSize: '0.85em' }}>
          {t('care.home.due', { when: dateTime(v.dueAt) })}
        </Typography.Text>
        {v.escalationLevel >= 2 && <Badge status="error" text={t('care.home.escalated')} style={{ marginLeft: 8, fontSize: '0.85em' }} />}
      </div>
      <Button type="primary" size="large" icon={v.source === 'pension' ? <PhoneOutlined /> : <HomeOutlined />} onClick={() => navigate(`/grid/visits/${v.id}`, { state: { visit: v } })} data-testid="grid-visit-open">
        {t('care.home.record')}
      </Button>
    </Flex>
  );
}
