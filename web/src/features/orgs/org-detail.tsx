import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { PhoneLink } from '../../components/phone-link';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Flex, Input, Select, Spin, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, LeftOutlined, UserAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { MEMBER_ROLES, type MemberRole } from '@shared/constants';
import { describeError } from '../../api/error-text';
import type { Org, User } from '../../api/types';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useFormat } from '../../i18n/use-format';
import { exportHref, peopleApi, type Membership } from '../people/api';
import { orgTypeLabel } from '../people/labels';
import { OrgForm } from './org-form';
import { MEMBERSHIP_STATUS_COLOR, ORG_STATUS_COLOR } from './org-status';
import { ReasonModal, type ReasonAsk } from './reason-modal';
import { fetchApi } from '../../api/query';

type TabKey = 'requested' | 'invited' | 'active' | 'history';

/** 组织详情: the organisation, its members by status (requests, invitations, members, history), add a member, export. */
export function OrgDetail({ id, back, canEdit }: { id: string; back: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const org = useQuery(peopleApi.org(id));
  const [tab, setTab] = useState<TabKey>('requested');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const [tick, setTick] = useState(0);

  if (org.error && !org.data) return <ErrorState error={org.error} onRetry={org.refetch} />;
  if (!org.data) return <LoadingBlock rows={8} />;
  const o: Org = org.data;

  return (
    <Flex vertical gap={16} data-testid="org-detail">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8}>
          <Link to={back} aria-label={t('people.orgDetail.back')}>
            <LeftOutlined />
          </Link>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="org-detail-name">
            {o.name}
          </Typography.Title>
          <Tag color={ORG_STATUS_COLOR[o.status]} data-testid="org-detail-status">
            {t(`people.orgStatus.${o.status}`)}
          </Tag>
        </Flex>
        <Flex gap={8}>
          {canEdit ? <Button onClick={() => setEditing(true)}>{t('people.orgDetail.edit')}</Button> : null}
          <Button icon={<DownloadOutlined />} href={exportHref(`/orgs/${encodeURIComponent(o.id)}/members.xlsx`, tab === 'history' ? {} : { status: tab })}>
            {t('people.common.export')}
          </Button>
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)} disabled={o.status !== 'active'} data-testid="member-add">
            {t('people.orgDetail.add')}
          </Button>
        </Flex>
      </Flex>
      {o.statusReason ? <Alert type="warning" showIcon message={t('people.orgs.statusReason', { reason: o.statusReason })} /> : null}
      <Card title={t('people.orgDetail.info')} size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'type', label: t('people.orgs.type'), children: orgTypeLabel(o.type, lang) },
            { key: 'region', label: t('people.orgs.region'), children: o.regionName ?? o.regionCode },
            { key: 'members', label: t('people.orgs.members'), children: o.memberCount ?? t('common.none') },
            { key: 'sup', label: t('people.orgDetail.supervisingUnit'), children: o.supervisingUnit ?? t('common.none') },
            { key: 'contact', label: t('people.orgs.contact'), children: o.contactName || o.contactPhone ? <span>{o.contactName} {o.contactPhone ? <PhoneLink phone={o.contactPhone} /> : null}</span> : t('common.none') },
            { key: 'at', label: t('people.orgs.createdAt'), children: dateTime(o.createdAt) },
            ...(o.description ? [{ key: 'desc', label: t('people.orgDetail.description'), children: o.description, span: 3 }] : []),
          ]}
        />
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as TabKey)}
          items={(['requested', 'invited', 'active', 'history'] as const).map((k) => ({
            key: k,
            label: <span data-testid={`members-tab-${k}`}>{t(`people.orgDetail.tabs.${k}`)}</span>,
            children: tab === k ? <MemberTable orgId={o.id} tab={k} key={`${k}-${tick}`} onChanged={() => org.refetch()} /> : null,
          }))}
        />
      </Card>
      <Drawer open={adding} onClose={() => setAdding(false)} title={t('people.orgDetail.addTitle')} size={480} destroyOnHidden>
        <AddMember
          orgId={o.id}
          onDone={() => {
            setTick((n) => n + 1);
            org.refetch();
          }}
        />
      </Drawer>
      <Drawer open={editing} onClose={() => setEditing(false)} title={t('people.orgDetail.edit')} size={520} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('people.orgDetail.editHint')}</Typography.Paragraph>
        <OrgForm
          org={o}
          size="middle"
          onDone={() => {
            setEditing(false);
            org.refetch();
          }}
        />
      </Drawer>
    </Flex>
  );
}

const HISTORY = new Set(['rejected', 'declined', 'left', 'removed']);

function MemberTable({ orgId, tab, onChanged }: { orgId: string; tab: TabKey; onChanged: () => void }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [q, setQ] = useState('');
  const [ask, setAsk] = useState<ReasonAsk | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // the history tab has no single status: it loads every row and keeps the finished ones
  const { data, error, isFetching: loading, refetch: reload } = useQuery(peopleApi.members(orgId, { status: tab === 'history' ? undefined : tab, q: q || undefined, page: tab === 'history' ? 1 : page.page, pageSize: tab === 'history' ? 100 : page.pageSize }));
  const rows = tab === 'history' ? (data?.items ?? []).filter((m) => HISTORY.has(m.status)) : (data?.items ?? []);
  const changed = () => {
    reload();
    onChanged();
  };
  const act = async (m: Membership, fn: () => Promise<unknown>, done: string) => {
    setBusy(m.id);
    try {
      await fn();
      void message.success(done);
      changed();
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<Membership> = [
    { key: 'name', title: t('people.common.name'), dataIndex: 'userName' },
    { key: 'no', title: t('people.volunteers.volunteerNo'), dataIndex: 'volunteerNo' },
    { key: 'id', title: t('people.volunteers.idNumber'), dataIndex: 'idNumberMasked' },
    { key: 'phone', title: t('people.common.phone'), dataIndex: 'phone' },
    {
      key: 'role',
      title: t('people.orgDetail.role'),
      dataIndex: 'role',
      render: (r: MemberRole, m) =>
        tab === 'active' ? (
          <Select<MemberRole>
            size="small"
            value={r}
            style={{ width: 110 }}
            disabled={busy === m.id}
            options={MEMBER_ROLES.map((x) => ({ value: x, label: t(`people.memberRoles.${x}`) }))}
            onChange={(role) => act(m, () => peopleApi.setRole(m.id, role), t('people.orgDetail.roleChanged', { name: m.userName, role: t(`people.memberRoles.${role}`) }))}
            data-testid="member-role"
          />
        ) : (
          t(`people.memberRoles.${r}`)
        ),
    },
    ...(tab === 'history'
      ? [{ key: 'status', title: t('people.orgs.status'), dataIndex: 'status', render: (s: Membership['status']) => <Tag color={MEMBERSHIP_STATUS_COLOR[s]}>{t(`people.memberStatus.${s}`)}</Tag> }]
      : []),
    ...(tab === 'requested' ? [{ key: 'msg', title: t('people.orgDetail.message'), dataIndex: 'message', render: (v: string | null) => v ?? t('common.none') }] : []),
    {
      key: 'at',
      title: tab === 'active' ? t('people.orgDetail.joinedAt') : t('people.orgDetail.requestedAt'),
      render: (_: unknown, m) => dateTime(tab === 'active' ? (m.decidedAt ?? m.createdAt) : m.createdAt),
    },
    ...(tab === 'history' ? [{ key: 'reason', title: t('people.common.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? t('common.none') }] : []),
    ...(tab === 'requested' || tab === 'active'
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 180,
            render: (_: unknown, m: Membership) =>
              tab === 'requested' ? (
                <Flex gap={4}>
                  <Button
                    type="link"
                    loading={busy === m.id}
                    onClick={() => act(m, () => peopleApi.decide(m.id, 'approve'), t('people.orgDetail.approved', { name: m.userName }))}
                    data-testid="member-approve"
                  >
                    {t('people.orgDetail.approve')}
                  </Button>
                  <Button
                    type="link"
                    danger
                    onClick={() =>
                      setAsk({
                        title: `${t('people.orgDetail.reject')}：${m.userName}`,
                        required: false,
                        okText: t('people.orgDetail.reject'),
                        danger: true,
                        run: async (reason) => {
                          await peopleApi.decide(m.id, 'reject', reason);
                          void message.success(t('people.orgDetail.rejected', { name: m.userName }));
                          changed();
                        },
                      })
                    }
                    data-testid="member-reject"
                  >
                    {t('people.orgDetail.reject')}
                  </Button>
                </Flex>
              ) : (
                <Button
                  type="link"
                  danger
                  onClick={() =>
                    setAsk({
                      title: t('people.orgDetail.removeConfirm', { name: m.userName }),
                      subject: m.userName,
                      required: false,
                      okText: t('people.orgDetail.remove'),
                      danger: true,
                      run: async (reason) => {
                        await peopleApi.leave(m.id, reason);
                        void message.success(t('people.orgDetail.removed', { name: m.userName }));
                        changed();
                      },
                    })
                  }
                  data-testid="member-remove"
                >
                  {t('people.orgDetail.remove')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const empty = {
    requested: [t('people.orgDetail.emptyRequested'), t('people.orgDetail.emptyRequestedHint')],
    invited: [t('people.orgDetail.emptyInvited'), t('people.orgDetail.emptyInvitedHint')],
    active: [t('people.orgDetail.emptyActive'), t('people.orgDetail.emptyActiveHint')],
    history: [t('people.orgDetail.emptyHistory'), t('people.orgDetail.emptyHistoryHint')],
  }[tab];

  return (
    <Flex vertical gap={12}>
      <Input.Search allowClear placeholder={t('people.orgDetail.q')} style={{ maxWidth: 280 }} onSearch={(v) => setQ(v.trim())} />
      {error && !data ? (
        <ErrorState error={error} onRetry={reload} />
      ) : loading && !data ? (
        <LoadingBlock rows={4} />
      ) : (
        <Table<Membership>
          rowKey="id"
          size="middle"
          data-testid={`members-table-${tab}`}
          columns={columns}
          dataSource={rows}
          loading={loading}
          scroll={{ x: 900 }}
          locale={{ emptyText: <EmptyState title={empty[0]!} hint={empty[1]} /> }}
          pagination={
            tab === 'history'
              ? false
              : {
                  current: page.page,
                  pageSize: page.pageSize,
                  total: data?.total ?? 0,
                  showTotal: (total) => t('common.total', { total }),
                  onChange: (p, s) => setPage({ page: p, pageSize: s }),
                }
          }
        />
      )}
      <ReasonModal ask={ask} onClose={() => setAsk(null)} />
    </Flex>
  );
}

function AddMember({ orgId, onDone }: { orgId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [people, setPeople] = useState<User[]>([]);
  const [searching, setSearching] = useState(false);
  const [searched, setSearched] = useState(false);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [role, setRole] = useState<MemberRole>('member');
  const [busy, setBusy] = useState<string | null>(null);
  const ctl = useRef<AbortController | null>(null);

  const search = async (q: string) => {
    ctl.current?.abort();
    if (!q.trim()) return;
    const c = new AbortController();
    ctl.current = c;
    setSearching(true);
    setSearchError(null);
    try {
      const page = await fetchApi(peopleApi.users(q.trim()), c.signal);
      if (!c.signal.aborted) setPeople(page.items);
    } catch (err) {
      if (!c.signal.aborted) {
        setPeople([]);
        setSearchError(err);
      }
    } finally {
      if (!c.signal.aborted) {
        setSearching(false);
        setSearched(true);
      }
    }
  };

  const add = async (u: User, how: 'add' | 'invite') => {
    setBusy(`${u.id}-${how}`);
    try {
      if (how === 'add') await peopleApi.addMember(orgId, u.id, role);
      else await peopleApi.invite(orgId, u.id, role);
      void message.success(how === 'add' ? t('people.orgDetail.added', { name: u.name }) : t('people.orgDetail.invited', { name: u.name }));
      onDone();
    } catch (err) {
      const d = describeError(err, t, lang);
      void message.error(d.hint ? `${d.title}：${d.hint}` : d.title);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('people.orgDetail.addHint')}</Typography.Text>
      <Input.Search size="large" placeholder={t('people.orgDetail.searchPlaceholder')} enterButton={t('common.search')} onSearch={search} loading={searching} data-testid="member-search" />
      <Flex align="center" gap={8}>
        <Typography.Text>{t('people.orgDetail.role')}</Typography.Text>
        <Select<MemberRole> value={role} onChange={setRole} style={{ width: 140 }} options={MEMBER_ROLES.map((x) => ({ value: x, label: t(`people.memberRoles.${x}`) }))} />
      </Flex>
      {searchError ? <Alert type="error" showIcon message={describeError(searchError, t, lang).title} /> : null}
      {searching ? (
        <Spin />
      ) : searched && people.length === 0 && !searchError ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.orgDetail.noPeople')} />
      ) : (
        people.map((u) => (
          <Card size="small" key={u.id} data-testid="member-candidate">
            <Flex justify="space-between" align="center" gap={8}>
              <div>
                <Typography.Text strong>{u.name}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">{[u.phone, u.idNumberMasked, u.regionName].filter(Boolean).join(' · ')}</Typography.Text>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('people.common.onBehalfOf', { name: u.name })}
                </Typography.Text>
              </div>
              <Flex gap={4}>
                <Button loading={busy === `${u.id}-invite`} onClick={() => add(u, 'invite')} data-testid="member-invite">
                  {t('people.orgDetail.invite')}
                </Button>
                <Button type="primary" loading={busy === `${u.id}-add`} onClick={() => add(u, 'add')} data-testid="member-add-direct">
                  {t('people.orgDetail.addDirect')}
                </Button>
              </Flex>
            </Flex>
          </Card>
        ))
      )}
    </Flex>
  );
}
