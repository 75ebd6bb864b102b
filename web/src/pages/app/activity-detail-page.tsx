import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { activitiesApi } from '../../features/activities/api';
import { StatusTag, categoryLabel, reasonText, timeRange } from '../../features/activities/labels';
import { useFormat } from '../../i18n/use-format';

/** One activity for a volunteer: what, when, where, and sign up / cancel. */
export default function ActivityDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ type: 'success' | 'error' | 'info'; text: string } | null>(null);
  const { data: a, error, isFetching: loading, refetch: reload } = useQuery(activitiesApi.get(id));

  if (loading && !a) return <LoadingBlock rows={8} testId="activity-loading" />;
  if (error || !a) return <ErrorState error={error} onRetry={reload} />;

  const left = Math.max(0, a.capacity - a.confirmedCount);
  const ended = new Date(a.endsAt) < new Date();
  const open = a.status === 'published' && !ended;

  const signUp = async () => {
    setBusy(true);
    setNotice(null);
    try {
      const s = await activitiesApi.signUp(a.id);
      setNotice(
        s.status === 'waitlisted'
          ? { type: 'info', text: t('activities.detail.waitlisted', { n: s.waitlistPosition ?? 1 }) }
          : { type: 'success', text: t('activities.detail.signedUp') },
      );
      reload();
    } catch (err) {
      setNotice({ type: 'error', text: reasonText(err, t, lang) });
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    modal.confirm({
      title: t('activities.detail.cancelConfirm'),
      okText: t('activities.detail.cancelSignup'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'activity-cancel-confirm' },
      onOk: async () => {
        setNotice(null);
        try {
          await activitiesApi.cancelMine(a.id);
          void message.success(t('activities.detail.cancelled'));
          reload();
        } catch (err) {
          setNotice({ type: 'error', text: reasonText(err, t, lang) });
        }
      },
    });
  };

  return (
    <Flex vertical gap={12} data-testid="activity-detail">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ alignSelf: 'flex-start', paddingInline: 0 }}>
        {t('activities.common.back')}
      </Button>
      <Card>
        <Flex vertical gap={8}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="activity-title">
            {a.title}
          </Typography.Title>
          <div>
            <Tag color="red">{categoryLabel(a.category, lang)}</Tag>
            {a.status !== 'published' ? <StatusTag status={a.status} /> : null}
            {a.mySignup === 'confirmed' ? <Tag color="green">{t('activities.list.signedUp')}</Tag> : null}
            {a.mySignup === 'waitlisted' ? <Tag color="gold">{t('activities.list.waitlisted')}</Tag> : null}
          </div>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'time', label: t('activities.detail.time'), children: timeRange(a.startsAt, a.endsAt, dateTime) },
              { key: 'place', label: t('activities.detail.place'), children: a.address },
              { key: 'org', label: t('activities.detail.org'), children: a.orgName },
              { key: 'pic', label: t('activities.detail.personInCharge'), children: a.personInCharge },
              {
                key: 'cap',
                label: t('activities.detail.capacity'),
                children: (
                  <span data-testid="activity-capacity">
                    {t('activities.detail.capacityValue', { confirmed: a.confirmedCount, capacity: a.capacity })} · {left === 0 ? t('activities.list.full') : t('activities.list.placesLeft', { n: left })}
                  </span>
                ),
              },
              ...(a.minAge !== null || a.maxAge !== null
                ? [{ key: 'age', label: t('activities.detail.ages'), children: `${a.minAge ?? 0}–${a.maxAge ?? '∞'}` }]
                : []),
              ...(a.requiredSkills.length ? [{ key: 'skills', label: t('activities.detail.skills'), children: a.requiredSkills.join('、') }] : []),
              ...(a.risks ? [{ key: 'risks', label: t('activities.detail.risks'), children: a.risks }] : []),
              ...(a.isRisky ? [{ key: 'ins', label: t('activities.detail.insured'), children: a.insured ? t('activities.common.yes') : t('activities.common.no') }] : []),
            ]}
          />
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{a.description}</Typography.Paragraph>
        </Flex>
      </Card>

      {notice ? <Alert type={notice.type} showIcon title={notice.text} data-testid="activity-notice" /> : null}

      {open ? (
        a.mySignup ? (
          <Flex vertical gap={8}>
            {a.mySignup === 'confirmed' ? (
              <Alert type="info" showIcon icon={<QrcodeOutlined />} title={t('activities.detail.checkinHint')} />
            ) : null}
            <Typography.Text type="secondary">{t('activities.detail.cancelDeadline', { n: a.cancelDeadlineMinutes })}</Typography.Text>
            <Button danger block size="large" onClick={cancel} data-testid="activity-cancel-signup">
              {t('activities.detail.cancelSignup')}
            </Button>
          </Flex>
        ) : (
          <Button type="primary" block size="large" loading={busy} onClick={() => void signUp()} data-testid="activity-signup">
            {left === 0 ? t('activities.detail.joinWaitlist') : t('activities.detail.signUp')}
          </Button>
        )
      ) : (
        <Alert type="warning" showIcon title={a.status === 'cancelled' ? t('activities.detail.isCancelled') : ended ? t('activities.detail.ended') : t('activities.detail.notOpen')} />
      )}
    </Flex>
  );
}
