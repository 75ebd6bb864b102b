import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, List, Modal, Select, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/error-text';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { regionRoots } from '../../features/access/grant-rules';
import { useMe } from '../../features/auth/auth-context';
import { councilApi, type CouncilMeeting, type CouncilTopic } from '../../features/council/api';
import { TopicCard } from '../../features/council/topic-card';
import { RegionCascader } from '../../features/regions/region-cascader';
import { lastOf } from '../../features/requests/labels';
import { useFormat } from '../../i18n/use-format';

/** 小板凳议事会 for the community's staff: topics (→ a residents' request), meetings with minutes and decisions, overdue follow-ups. */
export default function CouncilConsolePage() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message, modal } = App.useApp();
  const topics = useQuery(councilApi.topics({ pageSize: 100 }));
  const meetings = useQuery(councilApi.meetings({ pageSize: 50 }));
  const overdue = useQuery(councilApi.overdue({ pageSize: 100 }));
  const reload = () => {
    void topics.refetch();
    void meetings.refetch();
    void overdue.refetch();
  };
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      void message.success(t('council.console.saved'));
      reload();
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    }
  };
  const ask = (title: string, onOk: (text: string) => Promise<unknown>) => {
    let text = '';
    modal.confirm({ title, content: <Input.TextArea rows={3} onChange={(e) => (text = e.target.value)} data-testid="council-prompt" />, onOk: () => act(() => onOk(text.trim())) });
  };
  return (
    <Flex vertical gap={16} data-testid="council-console">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('council.title')}</Typography.Title>
      <Tabs
        items={[
          {
            key: 'topics',
            label: t('council.console.topics'),
            children: topics.error && !topics.data ? <ErrorState error={topics.error} onRetry={topics.refetch} /> : !topics.data ? <LoadingBlock rows={6} /> : (
              <Flex vertical gap={12}>
                {topics.data.items.length === 0 ? <Typography.Text type="secondary">{t('council.empty')}</Typography.Text> : null}
                {topics.data.items.map((topic) => (
                  <TopicCard
                    key={topic.id}
                    topic={topic}
                    extra={
                      <Flex gap={8} wrap>
                        {topic.decisions.filter((d) => d.status === 'open').map((d) => (
                          <Button key={d.id} size="small" onClick={() => ask(t('council.console.doneNotePrompt'), (note) => councilApi.done(d.id, note))} data-testid="council-decision-done">{t('council.console.markDone')}</Button>
                        ))}
                        {!topic.requestId ? (
                          <Button size="small" onClick={() => ask(t('council.console.address'), (address) => councilApi.toRequest(topic.id, { address }))} data-testid="council-to-request">{t('council.console.toRequest')}</Button>
                        ) : null}
                      </Flex>
                    }
                  />
                ))}
              </Flex>
            ),
          },
          {
            key: 'meetings',
            label: t('council.console.meetings'),
            children: (
              <Flex vertical gap={12}>
                <Schedule topics={topics.data?.items ?? []} onDone={reload} />
                {meetings.data?.items.map((m) => <MeetingCard key={m.id} m={m} onDone={reload} />)}
              </Flex>
            ),
          },
          {
            key: 'overdue',
            label: `${t('council.console.overdueTab')}${overdue.data?.total ? ` (${overdue.data.total})` : ''}`,
            children: !overdue.data ? <LoadingBlock /> : overdue.data.items.length === 0 ? <Typography.Text type="secondary">{t('council.console.noOverdue')}</Typography.Text> : (
              <List
                dataSource={overdue.data.items}
                data-testid="council-overdue-list"
                renderItem={(d) => (
                  <List.Item actions={[<Button key="d" size="small" onClick={() => ask(t('council.console.doneNotePrompt'), (note) => councilApi.done(d.id, note))}>{t('council.console.markDone')}</Button>]}>
                    <Flex vertical>
                      <Typography.Text strong>{d.topicTitle} · {d.regionName}</Typography.Text>
                      <Typography.Text>{t('council.decision', { text: d.decision })}</Typography.Text>
                      <Typography.Text type="danger">{t('council.owner', { name: d.ownerName, date: d.dueDate })}</Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            ),
          },
        ]}
      />
    </Flex>
  );
}

function Schedule({ topics, onDone }: { topics: CouncilTopic[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const [form] = Form.useForm<{ regionPath: string[]; title: string; place: string; startsAt: Dayjs; topicIds: string[] }>();
  const submit = async (v: { regionPath: string[]; title: string; place: string; startsAt: Dayjs; topicIds: string[] }) => {
    try {
      await councilApi.schedule({ regionCode: lastOf(v.regionPath)!, title: v.title.trim(), place: v.place.trim(), startsAt: v.startsAt.format(), topicIds: v.topicIds });
      form.resetFields();
      onDone();
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    }
  };
  const required = [{ required: true, message: t('council.console.fillRequired') }];
  return (
    <Card size="small" title={t('council.console.schedule')}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ startsAt: dayjs().add(3, 'day').hour(19).minute(0) }}>
        <Flex gap={12} wrap>
          <Form.Item name="regionPath" label={t('civility.console.region')} rules={required} style={{ flex: '1 1 220px' }}><RegionCascader roots={roots} testId="council-region" /></Form.Item>
          <Form.Item name="title" label={t('council.console.meetingTitle')} rules={required} style={{ flex: '1 1 220px' }}><Input maxLength={100} /></Form.Item>
          <Form.Item name="place" label={t('council.console.place')} rules={required} style={{ flex: '1 1 220px' }}><Input maxLength={200} /></Form.Item>
          <Form.Item name="startsAt" label={t('council.console.time')} rules={required}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
        </Flex>
        <Form.Item name="topicIds" label={t('council.console.topicsPick')} rules={required}>
          <Select mode="multiple" options={topics.filter((x) => x.status === 'open' || x.status === 'scheduled').map((x) => ({ value: x.id, label: `${x.title}（${t('council.supports', { n: x.supportCount })}）` }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit">{t('council.console.schedule')}</Button>
      </Form>
    </Card>
  );
}

function MeetingCard({ m, onDone }: { m: CouncilMeeting; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Record<string, string | number | Dayjs | undefined>>();
  const submit = async (v: Record<string, string | number | Dayjs | undefined>) => {
    const decisions = m.topics
      .filter((x) => typeof v[`d_${x.id}`] === 'string' && (v[`d_${x.id}`] as string).trim())
      .map((x) => ({ topicId: x.id, decision: (v[`d_${x.id}`] as string).trim(), ownerName: String(v[`o_${x.id}`] ?? '').trim(), dueDate: (v[`due_${x.id}`] as Dayjs | undefined)?.format('YYYY-MM-DD') ?? '' }));
    const closed = m.topics.filter((x) => !decisions.some((d) => d.topicId === x.id) && typeof v[`c_${x.id}`] === 'string' && (v[`c_${x.id}`] as string).trim()).map((x) => ({ topicId: x.id, note: (v[`c_${x.id}`] as string).trim() }));
    try {
      await councilApi.minutes(m.id, { minutes: String(v.minutes ?? '').trim(), attendees: Number(v.attendees ?? 0), decisions, closed });
      setOpen(false);
      onDone();
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    }
  };
  return (
    <Card size="small" title={`${m.title} · ${dateTime(m.startsAt)} · ${m.place}`} extra={m.status === 'scheduled' ? <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid="council-minutes">{t('council.console.minutes')}</Button> : null} data-testid="council-meeting">
      <Flex vertical gap={4}>
        {m.topics.map((x) => <Typography.Text key={x.id}>· {x.title}（{t(`council.status.${x.status}`)}）</Typography.Text>)}
        {m.minutes ? <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{m.minutes}</Typography.Paragraph> : null}
        {m.decisions.map((d) => <Typography.Text key={d.id} type={d.overdue ? 'danger' : undefined}>{t('council.decision', { text: d.decision })} — {t('council.owner', { name: d.ownerName, date: d.dueDate })}</Typography.Text>)}
      </Flex>
      <Modal open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} title={t('council.console.minutes')} width={720} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="minutes" label={t('council.console.minutesText')} rules={[{ required: true, min: 10, message: t('council.console.fillRequired') }]}><Input.TextArea rows={4} /></Form.Item>
          <Form.Item name="attendees" label={t('council.console.attendees')} rules={[{ required: true, message: t('council.console.fillRequired') }]}><InputNumber min={1} /></Form.Item>
          {m.topics.map((x) => (
            <Card key={x.id} size="small" style={{ marginBottom: 8 }} title={t('council.console.decisionFor', { title: x.title })}>
              <Form.Item name={`d_${x.id}`}><Input.TextArea rows={2} /></Form.Item>
              <Flex gap={8} wrap>
                <Form.Item name={`o_${x.id}`} label={t('council.console.ownerName')}><Input /></Form.Item>
                <Form.Item name={`due_${x.id}`} label={t('council.console.dueDate')}><DatePicker /></Form.Item>
                <Form.Item name={`c_${x.id}`} label={t('council.console.closeWith')} style={{ flex: 1 }}><Input /></Form.Item>
              </Flex>
            </Card>
          ))}
        </Form>
      </Modal>
    </Card>
  );
}
