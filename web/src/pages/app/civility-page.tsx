import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Switch, Tag, Typography } from 'antd';
import { StarFilled, StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/error-text';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { PhonePageHeader } from '../../components/phone-page-header';
import { civilityApi, type MyCivility } from '../../features/civility/api';
import { useFormat } from '../../i18n/use-format';

/** 我家的文明户评定: the household's ratings with a consent switch, and the board entries naming me with an appeal. */
export default function CivilityPage() {
  const { t } = useTranslation();
  const mine = useQuery(civilityApi.mine());
  return (
    <Flex vertical gap={16} data-testid="civility-page">
      <PhonePageHeader title={t('civility.entry')} />
      {mine.error && !mine.data ? <ErrorState error={mine.error} onRetry={mine.refetch} /> : !mine.data ? <LoadingBlock rows={6} /> : <Mine data={mine.data} reload={() => void mine.refetch()} />}
    </Flex>
  );
}

function Mine({ data, reload }: { data: MyCivility; reload: () => void }) {
  const { t } = useTranslation();
  const { lang, date } = useFormat();
  const { message } = App.useApp();
  const [reason, setReason] = useState<Record<string, string>>({});
  const act = async (fn: () => Promise<unknown>, ok?: string) => {
    try {
      await fn();
      if (ok) void message.success(ok);
      reload();
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    }
  };
  return (
    <>
      {data.ratings.length === 0 ? (
        <EmptyState title={t('civility.noRatings')} testId="civility-no-ratings" />
      ) : (
        data.ratings.map((r) => (
          <Card key={r.id} title={`${t('civility.year', { year: r.year })} · ${t('civility.stars', { n: r.starCount })}`} data-testid="civility-rating">
            <Flex vertical gap={6}>
              {r.stars.map((s) => (
                <Flex key={s.key} vertical>
                  <Typography.Text>
                    {s.earned ? <StarFilled style={{ color: '#faad14' }} /> : <StarOutlined style={{ color: '#bbb' }} />} {s.name} <Tag>{s.earned ? t('civility.earned') : t('civility.notEarned')}</Tag>
                  </Typography.Text>
                  {s.evidence ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('civility.evidence', { text: s.evidence })}</Typography.Text> : null}
                </Flex>
              ))}
              <Flex justify="space-between" align="center" gap={8} style={{ marginTop: 8 }}>
                <Typography.Text strong>{t('civility.consent')}</Typography.Text>
                <Switch checked={r.consentPublic} onChange={(v) => void act(() => civilityApi.consent(r.id, v))} data-testid="civility-consent" />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.consentPublic ? `${t('civility.consented')} · ${date(r.consentAt)}${r.consentMethod === 'paper' ? ` · ${t('civility.paper')}` : ''}` : t('civility.notConsented')}
              </Typography.Text>
              <Alert type="info" showIcon title={t('civility.consentHint')} />
            </Flex>
          </Card>
        ))
      )}
      <Card title={t('civility.entries')}>
        {data.entries.length === 0 ? (
          <Typography.Text type="secondary" data-testid="civility-no-entries">{t('civility.noEntries')}</Typography.Text>
        ) : (
          <Flex vertical gap={12}>
            {data.entries.map((e) => (
              <Flex key={e.id} vertical gap={4} data-testid="civility-entry">
                <Typography.Text strong>
                  <Tag color={e.board === 'red' ? 'red' : 'default'}>{t(`civility.board.${e.board}`)}</Tag>
                  {e.title} {e.status === 'withdrawn' ? <Tag>{t('civility.withdrawn')}</Tag> : e.isPublic ? <Tag color="green">{t('civility.public')}</Tag> : <Tag>{t('civility.notPublic')}</Tag>}
                </Typography.Text>
                <Typography.Text>{e.deed}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('civility.evidence', { text: e.evidence })} · {t('civility.period', { from: date(e.periodFrom), to: date(e.periodTo) })}</Typography.Text>
                {e.myAppeal ? (
                  <Typography.Text data-testid="civility-my-appeal">
                    {t('civility.myAppeal', { status: t(`civility.appealStatus.${e.myAppeal.status}`) })}
                    {e.myAppeal.answer ? ` · ${t('civility.answer', { text: e.myAppeal.answer })}` : ''}
                  </Typography.Text>
                ) : e.status === 'active' ? (
                  <Flex vertical gap={6}>
                    <Input.TextArea rows={2} placeholder={t('civility.appealReason')} value={reason[e.id] ?? ''} onChange={(ev) => setReason({ ...reason, [e.id]: ev.target.value })} data-testid="civility-appeal-reason" />
                    <Button disabled={(reason[e.id] ?? '').trim().length < 5} onClick={() => void act(() => civilityApi.appeal(e.id, reason[e.id]!.trim()), t('civility.appealSent'))} style={{ minHeight: 44 }} data-testid="civility-appeal">
                      {t('civility.appeal')}
                    </Button>
                  </Flex>
                ) : null}
              </Flex>
            ))}
          </Flex>
        )}
      </Card>
    </>
  );
}
