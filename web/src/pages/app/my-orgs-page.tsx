import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { App, Button, Card, Flex, Input, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/error-text';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { MEMBERSHIP_STATUS_COLOR } from '../../features/orgs/org-status';
import { peopleApi, type Membership } from '../../features/people/api';
import { PhonePageHeader } from '../../components/phone-page-header';
import { useFormat } from '../../i18n/use-format';

/** 我的组织: invitations to answer, my organisations and requests, leave. */
export default function MyOrgsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, error, isFetching: loading, refetch: reload } = useQuery(peopleApi.myMemberships());
  const items = data?.items ?? [];
  const invitations = items.filter((m) => m.status === 'invited');
  const rest = items.filter((m) => m.status !== 'invited');

  return (
    <Flex vertical gap={16} data-testid="my-orgs-page">
      <PhonePageHeader title={t('people.myOrgs.title')} />
      {error && !data ? (
        <ErrorState error={error} onRetry={reload} />
      ) : loading && !data ? (
        <LoadingBlock rows={6} />
      ) : (
        <>
          {invitations.length > 0 ? (
            <Card title={t('people.myOrgs.invitations')} data-testid="my-invitations">
              <Flex vertical gap={12}>
                {invitations.map((m) => (
                  <InvitationRow key={m.id} m={m} onDone={reload} />
                ))}
              </Flex>
            </Card>
          ) : null}
          <Card title={t('people.myOrgs.memberships')}>
            {rest.length === 0 ? (
              <EmptyState
                title={t('people.myOrgs.empty')}
                hint={t('people.myOrgs.emptyHint')}
                action={
                  <Button type="primary" size="large" onClick={() => navigate('/join')}>
                    {t('people.myOrgs.toJoin')}
                  </Button>
                }
              />
            ) : (
              <Flex vertical gap={12}>
                {rest.map((m) => (
                  <MembershipRow key={m.id} m={m} onDone={reload} />
                ))}
              </Flex>
            )}
          </Card>
          <Button size="large" block onClick={() => navigate('/join')} data-testid="my-orgs-to-join">
            {t('people.myOrgs.toJoin')}
          </Button>
        </>
      )}
    </Flex>
  );
}

function InvitationRow({ m, onDone }: { m: Membership; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const { refresh } = useMe();
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const answer = async (accept: boolean) => {
    setBusy(accept ? 'accept' : 'decline');
    try {
      await peopleApi.respond(m.id, accept);
      void message.success(accept ? t('people.myOrgs.accepted', { org: m.orgName }) : t('people.myOrgs.declined'));
      if (accept && m.role !== 'member') await refresh();
      onDone();
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Flex vertical gap={8} data-testid="invitation-row">
      <Typography.Text>{t('people.myOrgs.invitationText', { org: m.orgName, role: t(`people.memberRoles.${m.role}`) })}</Typography.Text>
      <Flex gap={12}>
        <Button block size="large" loading={busy === 'decline'} onClick={() => answer(false)} data-testid="invitation-decline">
          {t('people.myOrgs.decline')}
        </Button>
        <Button block size="large" type="primary" loading={busy === 'accept'} onClick={() => answer(true)} data-testid="invitation-accept">
          {t('people.myOrgs.accept')}
        </Button>
      </Flex>
    </Flex>
  );
}

function MembershipRow({ m, onDone }: { m: Membership; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message, modal } = App.useApp();
  const canLeave = m.status === 'active' || m.status === 'requested';

  const onLeave = () => {
    let reason = '';
    modal.confirm({
      title: m.status === 'active' ? t('people.myOrgs.leaveConfirm', { org: m.orgName }) : t('people.myOrgs.cancelConfirm', { org: m.orgName }),
      content: m.status === 'active' ? <Input.TextArea maxLength={200} placeholder={t('people.myOrgs.leaveReason')} onChange={(e) => (reason = e.target.value)} data-testid="leave-reason" /> : null,
      okText: m.status === 'active' ? t('people.myOrgs.leave') : t('people.myOrgs.cancelRequest'),
      okButtonProps: { danger: true, 'data-testid': 'leave-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await peopleApi.leave(m.id, reason.trim() || undefined);
          void message.success(t('people.myOrgs.left', { org: m.orgName }));
          onDone();
        } catch (err) {
          void message.error(describeError(err, t, lang).title);
        }
      },
    });
  };

  return (
    <Flex justify="space-between" align="center" gap={12} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 12 }} data-testid="membership-row">
      <div>
        <Typography.Text strong>{m.orgName}</Typography.Text>{' '}
        <Tag color={MEMBERSHIP_STATUS_COLOR[m.status]} data-testid="membership-status">
          {t(`people.memberStatus.${m.status}`)}
        </Tag>
        {m.status === 'active' && m.role !== 'member' ? <Tag color="purple">{t(`people.memberRoles.${m.role}`)}</Tag> : null}
        <div>
          <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
            {m.status === 'active' ? t('people.myOrgs.joinedAt', { time: dateTime(m.decidedAt ?? m.createdAt) }) : t('people.myOrgs.requestedAt', { time: dateTime(m.createdAt) })}
          </Typography.Text>
        </div>
        {m.reason ? (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
              {t('people.myOrgs.reasonText', { reason: m.reason })}
            </Typography.Text>
          </div>
        ) : null}
      </div>
      {canLeave ? (
        <Button danger onClick={onLeave} style={{ minHeight: 44 }} data-testid="membership-leave">
          {m.status === 'active' ? t('people.myOrgs.leave') : t('people.myOrgs.cancelRequest')}
        </Button>
      ) : null}
    </Flex>
  );
}
