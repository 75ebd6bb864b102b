import { HonoursEntries } from '../../features/honours/honours-entries';
import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Switch, Tag, Typography } from 'antd';
import { DesktopOutlined, LogoutOutlined, MobileOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/error-text';
import type { SessionInfo } from '../../api/types';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { LanguageSwitch } from '../../components/language-switch';
import { useMe } from '../../features/auth/auth-context';
import { PeopleEntries } from '../../features/people/people-entries';
import { RequestsEntries } from '../../features/requests/requests-entries';
import { CharityEntries } from '../../features/charity/charity-entries';
import { CommunityEntries } from '../../features/council/community-entries';
import { LedgerEntries } from '../../features/ledger/ledger-entries';
import { ActivityEntries } from '../../features/activities/activity-entries';
import { CareEntries } from '../../features/care/care-entries';
import { PostEntries } from '../../features/posts/post-entries';
import { useSessions } from '../../features/auth/use-sessions';
import { scopeText } from '../../features/access/scope-text';
import { usePreferences } from '../../features/preferences/preferences';
import { useFormat } from '../../i18n/use-format';
import { describeUserAgent } from '../../lib/user-agent';

/** 我的: my details, my roles, settings, my signed-in devices, log out. */
export function MePage() {
  const { t } = useTranslation();
  const { user, grants, logout } = useMe();
  const { date, lang } = useFormat();
  const { largeText, setLargeText } = usePreferences();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();

  if (!user) return null;

  const onLogout = () => {
    modal.confirm({
      title: t('me.logoutConfirm'),
      okText: t('me.logout'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'logout-confirm' },
      onOk: async () => {
        try {
          await logout();
          void message.success(t('me.loggedOut'));
          navigate('/login', { replace: true });
        } catch (err) {
          void message.error(describeError(err, t, lang).title);
        }
      },
    });
  };

  return (
    <Flex vertical gap={16} data-testid="me-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('me.title')}
      </Typography.Title>

      <Card title={t('me.profile')} data-testid="me-profile">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'name', label: t('me.name'), children: <span data-testid="me-name">{user.name}</span> },
            { key: 'id', label: t('me.idNumber'), children: <span data-testid="me-id-number">{user.idNumberMasked ?? t('common.none')}</span> },
            { key: 'phone', label: t('me.phone'), children: <span data-testid="me-phone">{user.phone}</span> },
            { key: 'region', label: t('me.region'), children: <span data-testid="me-region">{user.regionName ?? user.regionCode}</span> },
            { key: 'birth', label: t('me.birthDate'), children: <span data-testid="me-birth-date">{date(user.birthDate)}</span> },
            { key: 'sex', label: t('me.sex'), children: <span data-testid="me-sex">{user.sex ? t(`sex.${user.sex}`) : t('common.none')}</span> },
          ]}
        />
      </Card>

      <CareEntries />

      <ActivityEntries />
      <PostEntries />

      <LedgerEntries />

      <HonoursEntries />

      <RequestsEntries />

      <CommunityEntries />

      <CharityEntries />

      <PeopleEntries />

      <Card title={t('me.roles')} data-testid="me-roles">
        <Flex vertical gap={8}>
          <div>
            <Tag color="red">{t('me.volunteer')}</Tag>
          </div>
          {grants.length === 0 ? (
            <Typography.Text type="secondary">{t('me.noRoles')}</Typography.Text>
          ) : (
            <>
              {grants.map((g) => (
                <Flex key={g.id} gap={8} align="center" wrap data-testid="me-grant">
                  <Tag color="blue" icon={<SafetyCertificateOutlined />}>
                    {t(`roles.${g.role}`)}
                  </Tag>
                  <Typography.Text>{scopeText(g, t)}</Typography.Text>
                </Flex>
              ))}
              <Button type="primary" block onClick={() => navigate('/console')} data-testid="me-to-console">
                {t('me.toConsole')}
              </Button>
            </>
          )}
        </Flex>
      </Card>

      <Card title={t('me.settings')} data-testid="me-settings">
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" gap={12} wrap>
            <Typography.Text>{t('me.language')}</Typography.Text>
            <LanguageSwitch size="large" />
          </Flex>
          {/* the whole row is the switch's label, so the tap target is the row, not the 22px switch */}
          <label style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, minHeight: 44, cursor: 'pointer' }}>
            <div>
              <Typography.Text>{t('me.largeText')}</Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                  {t('me.largeTextHint')}
                </Typography.Text>
              </div>
            </div>
            <Switch checked={largeText} onChange={setLargeText} data-testid="large-text-switch" style={{ minWidth: 56 }} />
          </label>
        </Flex>
      </Card>

      <SessionsCard />

      <Button danger block size="large" icon={<LogoutOutlined />} onClick={onLogout} data-testid="logout">
        {t('me.logout')}
      </Button>
    </Flex>
  );
}

function SessionsCard() {
  const { t } = useTranslation();
  const { sessions, isFetching: loading, error, refetch: reload, revoke, data } = useSessions();
  return (
    <Card title={t('me.sessions')} data-testid="me-sessions">
      <Typography.Paragraph type="secondary">{t('me.sessionsHint')}</Typography.Paragraph>
      {loading && !data ? (
        <LoadingBlock rows={2} />
      ) : error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : sessions.length === 0 ? (
        <EmptyState title={t('me.sessionsEmpty')} />
      ) : (
        <Flex vertical gap={12}>
          {sessions.map((s) => (
            <SessionRow key={s.id} session={s} onRevoke={revoke} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

function SessionRow({ session, onRevoke }: { session: SessionInfo; onRevoke: (id: string) => Promise<void> }) {
  const { t } = useTranslation();
  const { dateTime, lang } = useFormat();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const ua = describeUserAgent(session.userAgent);
  const device = [ua.browser, ua.os].filter(Boolean).join(' · ') || t('me.unknownDevice');
  const isPhone = ua.os === 'iOS' || ua.os === 'Android' || ua.os === 'HarmonyOS';

  const revoke = async () => {
    setBusy(true);
    try {
      await onRevoke(session.id);
      void message.success(t('me.revoked'));
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex justify="space-between" align="center" gap={12} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 12 }} data-testid="session-row">
      <Flex gap={12} align="flex-start">
        <span style={{ fontSize: 22, color: '#999' }}>{isPhone ? <MobileOutlined /> : <DesktopOutlined />}</span>
        <div>
          <Typography.Text strong>{device}</Typography.Text> {session.current ? <Tag color="green">{t('me.currentDevice')}</Tag> : null}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
              {t('me.lastSeenAt', { time: dateTime(session.lastSeenAt) })}
            </Typography.Text>
          </div>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
              {t('me.signedInAt', { time: dateTime(session.createdAt) })}
              {session.ip ? ` · ${t('me.ip', { ip: session.ip })}` : ''}
            </Typography.Text>
          </div>
        </div>
      </Flex>
      {session.current ? null : (
        <Popconfirm title={t('me.revokeConfirm')} okText={t('me.revoke')} cancelText={t('common.cancel')} onConfirm={revoke}>
          <Button loading={busy} data-testid="session-revoke">
            {t('me.revoke')}
          </Button>
        </Popconfirm>
      )}
    </Flex>
  );
}
