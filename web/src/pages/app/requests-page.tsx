import { useQuery } from '@tanstack/react-query';
import { alsoKeyed } from '../../api/query';
import { useState } from 'react';
import { App, Button, Card, Collapse, Flex, Pagination, Rate, Tag, Typography } from 'antd';
import { HeartOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { requestsApi, type ServiceRequest } from '../../features/requests/api';
import { categoryName, minutesText } from '../../features/requests/labels';
import { PhonePageHeader } from '../../components/phone-page-header';
import { PhoneLink } from '../../components/phone-link';
import { OverdueTag, RateModal, ReasonModal, RequestHistory, RequestSteps, StatusTag } from '../../features/requests/request-parts';
import { useFormat } from '../../i18n/use-format';
import { pickLanguage } from '../../lib/bilingual';

const PAGE_SIZE = 10;

/** 我的求助: my requests with their steps; cancel before the service, rate after it. */
export default function RequestsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const { data, error, isFetching: loading, refetch: reload } = useQuery(requestsApi.list({ scope: 'mine', page, pageSize: PAGE_SIZE }));

  return (
    <Flex vertical gap={16} data-testid="requests-page">
      <PhonePageHeader
        title={t('requests.mine.title')}
        extra={
          <Button type="primary" icon={<HeartOutlined />} onClick={() => navigate('/help')} data-testid="requests-ask">
            {t('requests.entries.help')}
          </Button>
        }
      />
      {loading && !data ? (
        <Card>
          <LoadingBlock rows={5} />
        </Card>
      ) : error && !data ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data || data.items.length === 0 ? (
        <Card>
          <EmptyState
            testId="requests-empty"
            title={t('requests.mine.empty')}
            hint={t('requests.mine.emptyHint')}
            action={
              <Button type="primary" size="large" onClick={() => navigate('/help')}>
                {t('requests.entries.help')}
              </Button>
            }
          />
        </Card>
      ) : (
        <>
          {data.items.map((r) => (
            <MyRequestCard key={r.id} request={r} onChanged={reload} />
          ))}
          {data.total > PAGE_SIZE ? <Pagination simple current={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} style={{ alignSelf: 'center' }} /> : null}
        </>
      )}
    </Flex>
  );
}

function MyRequestCard({ request: r, onChanged }: { request: ServiceRequest; onChanged: () => void }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const [rating, setRating] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const detail = useQuery({ ...alsoKeyed(requestsApi.get(r.id), r.status), enabled: Boolean(showHistory) });
  const canCancel = r.status === 'ordered' || r.status === 'dispatched' || r.status === 'accepted';

  return (
    <Card data-testid="my-request" data-id={r.id}>
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 17 }}>
            {categoryName(r.category, lang)}
          </Typography.Text>
          <Flex gap={4}>
            <OverdueTag overdue={r.overdue} />
            <StatusTag status={r.status} />
          </Flex>
        </Flex>
        <Typography.Paragraph style={{ margin: 0 }}>{r.description}</Typography.Paragraph>
        <Typography.Text type="secondary">
          {r.address} · {dateTime(r.createdAt)}
        </Typography.Text>
        {r.assignedOrgName ? (
          <Flex wrap align="center" gap={8}>
            <Typography.Text type="secondary">{`${t('requests.fields.assignedTo')}：${r.assignedOrgName}`}</Typography.Text>
            {r.assignedOrgPhone ? <PhoneLink phone={r.assignedOrgPhone} testId="my-request-team-phone" /> : null}
          </Flex>
        ) : null}
        {r.payMinutes > 0 ? <Tag style={{ alignSelf: 'flex-start' }}>{t('requests.mine.payMinutes', { amount: minutesText(t, r.payMinutes) })}</Tag> : null}
        <RequestSteps status={r.status} compact />
        {r.status === 'rated' && r.stars ? (
          <Flex vertical gap={4} data-testid="my-request-rating">
            <Rate disabled value={r.stars} />
            {r.comment ? <Typography.Text type="secondary">{r.comment}</Typography.Text> : null}
          </Flex>
        ) : null}
        {r.status === 'cancelled' && r.cancelReason ? <Typography.Text type="secondary">{`${t('requests.fields.cancelReason')}：${pickLanguage(r.cancelReason, lang)}`}</Typography.Text> : null}
        {r.status === 'served' ? (
          <Button type="primary" size="large" block onClick={() => setRating(true)} data-testid="my-request-rate">
            {t('requests.mine.rate')}
          </Button>
        ) : null}
        {canCancel ? (
          <Button size="large" block danger onClick={() => setCancelling(true)} data-testid="my-request-cancel">
            {t('requests.mine.cancel')}
          </Button>
        ) : null}
        <Collapse
          ghost
          onChange={(k) => setShowHistory((Array.isArray(k) ? k : [k]).length > 0)}
          items={[
            {
              key: 'h',
              label: <span data-testid="my-request-history-toggle">{t('requests.mine.history')}</span>,
              children: detail.isFetching && !detail.data ? <LoadingBlock rows={2} /> : detail.error ? <ErrorState error={detail.error} onRetry={detail.refetch} /> : detail.data ? <RequestHistory history={detail.data.history} /> : null,
            },
          ]}
        />
      </Flex>
      <RateModal
        request={r}
        open={rating}
        onClose={() => setRating(false)}
        onDone={(after) => {
          setRating(false);
          void message.success(after.status === 'rated' ? t('requests.mine.rated') : t('requests.mine.closedNotHappened'));
          onChanged();
        }}
      />
      <ReasonModal
        open={cancelling}
        title={t('requests.mine.cancelTitle')}
        okText={t('requests.mine.cancel')}
        testId="my-request-cancel"
        onClose={() => setCancelling(false)}
        onSubmit={async (reason) => {
          await requestsApi.cancel(r.id, reason);
          setCancelling(false);
          void message.success(t('requests.mine.cancelled'));
          onChanged();
        }}
      />
    </Card>
  );
}
