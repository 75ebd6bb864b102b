import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Pagination, Typography } from 'antd';
import { EnvironmentOutlined, LoginOutlined, LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { describeError } from '../../api/error-text';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { AcceptModal } from '../../features/requests/accept-modal';
import { requestsApi, type ServiceRequest } from '../../features/requests/api';
import { geolocate, type Position } from '../../features/requests/geolocate';
import { categoryName } from '../../features/requests/labels';
import { PhonePageHeader } from '../../components/phone-page-header';
import { OverdueTag, ReasonModal, RequestSteps, StatusTag } from '../../features/requests/request-parts';
import { useFormat } from '../../i18n/use-format';

const PAGE_SIZE = 10;

/** 我的接单: what was dispatched to me or my teams — accept or decline; check in and out at the address. */
export default function RequestsAssignedPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { data, error, isFetching: loading, refetch: reload } = useQuery(requestsApi.list({ scope: 'assigned', page, pageSize: PAGE_SIZE }));
  return (
    <Flex vertical gap={16} data-testid="assigned-page">
      <PhonePageHeader title={t('requests.assigned.title')} />
      {loading && !data ? (
        <Card>
          <LoadingBlock rows={5} />
        </Card>
      ) : error && !data ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data || data.items.length === 0 ? (
        <Card>
          <EmptyState testId="assigned-empty" title={t('requests.assigned.empty')} hint={t('requests.assigned.emptyHint')} />
        </Card>
      ) : (
        <>
          {data.items.map((r) => (
            <AssignedCard key={r.id} request={r} onChanged={reload} />
          ))}
          {data.total > PAGE_SIZE ? <Pagination simple current={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} style={{ alignSelf: 'center' }} /> : null}
        </>
      )}
    </Flex>
  );
}

function AssignedCard({ request: r, onChanged }: { request: ServiceRequest; onChanged: () => void }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { user } = useMe();
  const { message } = App.useApp();
  const [accepting, setAccepting] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [busy, setBusy] = useState<'checkin' | 'checkout' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const isHelper = !!user && r.helperIds.includes(user.id);

  const mark = async (what: 'checkin' | 'checkout') => {
    setBusy(what);
    setProblem(null);
    setNote(null);
    let pos: Position | Record<string, never> = {};
    try {
      pos = await geolocate();
    } catch (err) {
      setNote(t('requests.assigned.noLocation', { reason: err instanceof Error ? err.message : String(err) }));
    }
    try {
      await (what === 'checkin' ? requestsApi.checkin(r.id, pos) : requestsApi.checkout(r.id, pos));
      void message.success(what === 'checkin' ? t('requests.assigned.checkedIn') : t('requests.assigned.checkedOut'));
      onChanged();
    } catch (err) {
      if (isApiError(err) && err.code === 'OUTSIDE_GEOFENCE') {
        setProblem(t('requests.assigned.outside', { distance: String(err.details.distanceMeters ?? '?'), radius: String(err.details.radiusMeters ?? 300) }));
      } else {
        const d = describeError(err, t, lang);
        setProblem(d.hint ? `${d.title}：${d.hint}` : d.title);
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card data-testid="assigned-request" data-id={r.id}>
      <Flex vertical gap={10}>
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
        <Typography.Text>
          <EnvironmentOutlined /> {r.regionName ? `${r.regionName} · ` : ''}
          {r.address}
        </Typography.Text>
        <Typography.Text type="secondary">{t('requests.assigned.contact', { name: r.contactName, phone: r.contactPhone })}</Typography.Text>
        {r.serveDueAt ? <Typography.Text type="secondary">{t('requests.assigned.due', { time: dateTime(r.serveDueAt) })}</Typography.Text> : null}
        {r.assignedOrgName ? <Typography.Text type="secondary">{`${t('requests.fields.assignedTo')}：${r.assignedOrgName}`}</Typography.Text> : null}
        <RequestSteps status={r.status} compact />
        {note ? <Alert type="warning" showIcon title={note} /> : null}
        {problem ? <Alert type="error" showIcon title={problem} data-testid="assigned-problem" /> : null}
        {r.status === 'dispatched' ? (
          <Flex gap={8}>
            <Button type="primary" size="large" style={{ flex: 1 }} onClick={() => setAccepting(true)} data-testid="assigned-accept">
              {t('requests.assigned.accept')}
            </Button>
            <Button size="large" danger style={{ flex: 1 }} onClick={() => setDeclining(true)} data-testid="assigned-decline">
              {t('requests.assigned.decline')}
            </Button>
          </Flex>
        ) : null}
        {r.status === 'accepted' && isHelper ? (
          <Button type="primary" size="large" block icon={<LoginOutlined />} loading={busy === 'checkin'} onClick={() => mark('checkin')} style={{ height: 56, fontSize: 18 }} data-testid="assigned-checkin">
            {busy === 'checkin' ? t('requests.assigned.locating') : t('requests.assigned.checkin')}
          </Button>
        ) : null}
        {r.status === 'serving' && isHelper ? (
          <Button type="primary" size="large" block icon={<LogoutOutlined />} loading={busy === 'checkout'} onClick={() => mark('checkout')} style={{ height: 56, fontSize: 18 }} data-testid="assigned-checkout">
            {busy === 'checkout' ? t('requests.assigned.locating') : t('requests.assigned.checkout')}
          </Button>
        ) : null}
        {r.status === 'served' ? <Typography.Text type="success">{t('requests.assigned.waitRate')}</Typography.Text> : null}
      </Flex>
      <AcceptModal
        request={r}
        open={accepting}
        onClose={() => setAccepting(false)}
        onDone={() => {
          setAccepting(false);
          void message.success(t('requests.assigned.accepted'));
          onChanged();
        }}
      />
      <ReasonModal
        open={declining}
        title={t('requests.assigned.declineTitle')}
        okText={t('requests.assigned.decline')}
        testId="assigned-decline"
        onClose={() => setDeclining(false)}
        onSubmit={async (reason) => {
          await requestsApi.decline(r.id, reason);
          setDeclining(false);
          void message.success(t('requests.assigned.declined'));
          onChanged();
        }}
      />
    </Card>
  );
}
