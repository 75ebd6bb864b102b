import { Button, Card, Flex, Tag, Typography } from 'antd';
import { LikeOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import type { CouncilTopic } from './api';

const COLORS = { open: 'blue', scheduled: 'purple', decided: 'orange', done: 'green', closed: 'default' } as const;

/** One topic followed to its end: status, supports, the meetings it went to, the decisions with who follows up and by when. */
export function TopicCard({ topic, onSupport, extra }: { topic: CouncilTopic; onSupport?: () => void; extra?: React.ReactNode }) {
  const { t } = useTranslation();
  const { date, dateTime } = useFormat();
  return (
    <Card size="small" data-testid="council-topic" data-id={topic.id}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} align="flex-start">
          <Typography.Text strong style={{ fontSize: 16 }}>{topic.title}</Typography.Text>
          <Flex gap={4} wrap justify="flex-end">
            {topic.overdue ? <Tag color="red" icon={<WarningOutlined />} data-testid="council-overdue">{t('council.overdue')}</Tag> : null}
            <Tag color={COLORS[topic.status]} data-testid="council-topic-status">{t(`council.status.${topic.status}`)}</Tag>
          </Flex>
        </Flex>
        <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: true }}>{topic.description}</Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('council.by', { name: topic.raisedByName })} · {date(topic.createdAt)}
          {topic.onBehalf ? ` · ${t('council.onBehalf')}` : ''}
        </Typography.Text>
        {topic.meetings.map((m) => (
          <Typography.Text key={m.id} style={{ fontSize: 13 }}>{t('council.meeting', { title: m.title, time: dateTime(m.startsAt) })}</Typography.Text>
        ))}
        {topic.decisions.map((d) => (
          <Flex key={d.id} vertical style={{ borderLeft: `3px solid ${d.overdue ? '#ff4d4f' : d.status === 'done' ? '#52c41a' : '#faad14'}`, paddingLeft: 8 }} data-testid="council-decision">
            <Typography.Text style={{ fontSize: 13 }}>{t('council.decision', { text: d.decision })}</Typography.Text>
            <Typography.Text type={d.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>{t('council.owner', { name: d.ownerName, date: date(d.dueDate) })}</Typography.Text>
            {d.doneNote ? <Typography.Text type="success" style={{ fontSize: 12 }}>{t('council.doneNote', { note: d.doneNote })}</Typography.Text> : null}
          </Flex>
        ))}
        {topic.closedNote ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('council.closedNote', { note: topic.closedNote })}</Typography.Text> : null}
        {topic.requestId ? <Tag color="cyan" style={{ alignSelf: 'flex-start' }}>{t('council.request')}</Tag> : null}
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text type="secondary" data-testid="council-supports">{t('council.supports', { n: topic.supportCount })}</Typography.Text>
          {onSupport && !topic.isMine && topic.status !== 'done' && topic.status !== 'closed' ? (
            <Button icon={<LikeOutlined />} type={topic.supportedByMe ? 'default' : 'primary'} ghost={!topic.supportedByMe} disabled={topic.supportedByMe} onClick={onSupport} style={{ minHeight: 44 }} data-testid="council-support">
              {topic.supportedByMe ? t('council.supported') : t('council.support')}
            </Button>
          ) : null}
          {extra}
        </Flex>
      </Flex>
    </Card>
  );
}
