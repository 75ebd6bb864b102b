import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { reasonText } from '../../features/activities/labels';
import { postsApi } from '../../features/posts/api';
import { useFormat } from '../../i18n/use-format';

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** `/portal/welfare-notices/:id`: the public notice of a placement for its period, with a way to object. */
export default function PortalWelfareNoticePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { date, lang } = useFormat();
  const n = useQuery(postsApi.notice(id));
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (n.isFetching && !n.data) return <LoadingBlock rows={5} />;
  if (n.error || !n.data) return <ErrorState error={n.error} onRetry={n.refetch} />;
  const notice = n.data;
  const send = async (v: { content: string; contact?: string }) => {
    setBusy(true);
    setError(null);
    try {
      await postsApi.object(id, { content: v.content, ...(v.contact ? { contact: v.contact } : {}) });
      setSent(true);
    } catch (err) {
      setError(reasonText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  const pay = notice.payMinFen === notice.payMaxFen ? yuan(notice.payMinFen) : `${yuan(notice.payMinFen)}–${yuan(notice.payMaxFen)}`;
  return (
    <Flex vertical gap={16} data-testid="portal-welfare-notice">
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('posts.notice.title')}
          </Typography.Title>
          <Tag color={notice.open ? 'red' : 'default'}>{notice.open ? t('posts.notice.open') : t('posts.notice.closed')}</Tag>
        </Flex>
        <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('posts.notice.worker')}>{notice.workerName}</Descriptions.Item>
          <Descriptions.Item label={t('posts.notice.post')}>{`${notice.postTitle}（${t(`posts.kinds.${notice.kind}`)} · ${t(`posts.categories.${notice.category}`)}）`}</Descriptions.Item>
          <Descriptions.Item label={t('posts.console.columns.town')}>{`${notice.townName} ${notice.address}`}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph>{t('posts.notice.pay', { pay })}</Typography.Paragraph>
        <Typography.Paragraph strong>{t('posts.notice.period', { from: date(notice.startsOn), to: date(notice.endsOn) })}</Typography.Paragraph>
      </Card>
      {notice.open && (
        <Card title={t('posts.notice.object')}>
          {sent ? (
            <Alert type="success" showIcon title={t('posts.notice.sent')} data-testid="objection-sent" />
          ) : (
            <Form form={form} layout="vertical" onFinish={(v: { content: string; contact?: string }) => void send(v)}>
              <Typography.Paragraph type="secondary">{t('posts.notice.objectHint')}</Typography.Paragraph>
              <Form.Item name="content" label={t('posts.notice.content')} rules={[{ required: true, min: 5 }]}>
                <Input.TextArea rows={4} maxLength={1000} data-testid="objection-content" />
              </Form.Item>
              <Form.Item name="contact" label={t('posts.notice.contact')}>
                <Input maxLength={50} />
              </Form.Item>
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
              <Button type="primary" htmlType="submit" loading={busy} size="large" data-testid="objection-send">
                {t('posts.notice.send')}
              </Button>
            </Form>
          )}
        </Card>
      )}
    </Flex>
  );
}
