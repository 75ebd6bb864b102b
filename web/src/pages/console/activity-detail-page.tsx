import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, QrcodeOutlined, SendOutlined, StopOutlined, UserAddOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { activitiesApi, type Activity, type Beneficiaries, type RosterEntry, type SettleEntry, type Signup } from '../../features/activities/api';
import { FlagTags, StatusTag, beneficiaryOptions, categoryLabel, reasonText, timeRange } from '../../features/activities/labels';
import { toBeijingIso } from '../../features/activities/geo';
import { pickLanguage } from '../../lib/bilingual';
import { useFormat } from '../../i18n/use-format';

/** One activity for its organisation: actions, and tabs for sign-ups, roster, settlement and records. */
export default function ActivityDetailConsolePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { lang, dateTime, date } = useFormat();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const { data: a, error, isFetching: loading, refetch: reload } = useQuery(activitiesApi.get(id));
  const [cancelOpen, setCancelOpen] = useState(false);

  if (loading && !a) return <LoadingBlock rows={10} />;
  if (error || !a) return <ErrorState error={error} onRetry={reload} />;

  const editable = a.status === 'draft' || a.status === 'rejected';
  const submit = () =>
    modal.confirm({
      title: t('activities.console.submitConfirm'),
      okText: t('activities.console.submit'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'activity-submit-confirm' },
      onOk: async () => {
        try {
          await activitiesApi.submit(a.id);
          void message.success(t('activities.console.submitted'));
          reload();
        } catch (err) {
          void message.error(reasonText(err, t, lang));
        }
      },
    });

  return (
    <Flex vertical gap={16} data-testid="console-activity-detail">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/console/activities')} style={{ alignSelf: 'flex-start', paddingInline: 0 }}>
        {t('activities.console.backToList')}
      </Button>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="console-activity-title">
            {a.title}
          </Typography.Title>
          <StatusTag status={a.status} />
        </Space>
        <Space wrap>
          {editable ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => navigate(`/console/activities/${a.id}/edit`)} data-testid="activity-edit">
                {t('activities.console.edit')}
              </Button>
              <Button type="primary" icon={<SendOutlined />} onClick={submit} data-testid="activity-submit">
                {t('activities.console.submit')}
              </Button>
            </>
          ) : null}
          {a.status === 'published' ? (
            <Button type="primary" icon={<QrcodeOutlined />} onClick={() => navigate(`/console/activities/${a.id}/kiosk`)} data-testid="activity-kiosk">
              {t('activities.kiosk.open')}
            </Button>
          ) : null}
          {a.status !== 'cancelled' && !a.settledAt ? (
            <Button danger icon={<StopOutlined />} onClick={() => setCancelOpen(true)} data-testid="activity-cancel">
              {t('activities.console.cancel')}
            </Button>
          ) : null}
        </Space>
      </Flex>
      {a.status === 'rejected' && a.reviewReason ? <Alert type="error" showIcon title={t('activities.console.rejectedBecause', { reason: a.reviewReason })} /> : null}
      <Card>
        <Descriptions
          column={{ xs: 1, md: 2, xl: 3 }}
          size="small"
          items={[
            { key: 'time', label: t('activities.detail.time'), children: timeRange(a.startsAt, a.endsAt, dateTime) },
            { key: 'place', label: t('activities.detail.place'), children: a.address },
            { key: 'region', label: t('activities.form.region'), children: a.regionName ?? a.regionCode },
            { key: 'cat', label: t('activities.form.category'), children: categoryLabel(a.category, lang) },
            { key: 'cap', label: t('activities.detail.capacity'), children: t('activities.detail.capacityValue', { confirmed: a.confirmedCount, capacity: a.capacity }) },
            { key: 'pic', label: t('activities.detail.personInCharge'), children: a.personInCharge },
            { key: 'fence', label: t('activities.form.geofence'), children: `${a.geofenceMeters} ${t('activities.form.meters')}` },
            { key: 'deadline', label: t('activities.settle.deadline'), children: date(a.settleDeadline) },
            { key: 'settled', label: t('activities.settle.settledAt'), children: dateTime(a.settledAt) },
            {
              key: 'served',
              label: t('activities.detail.served'),
              children: a.beneficiaries
                ? t('activities.detail.servedValue', { n: a.beneficiaries.count, who: beneficiaryOptions(lang).find((o) => o.value === a.beneficiaries!.category)?.label ?? '' })
                : t('common.none'),
            },
          ]}
        />
      </Card>
      <Card>
        <Tabs
          destroyOnHidden
          items={[
            { key: 'signups', label: t('activities.console.tabSignups'), children: <SignupsTab activity={a} /> },
            { key: 'roster', label: <span data-testid="tab-roster">{t('activities.console.tabRoster')}</span>, children: <RosterTab activity={a} /> },
            { key: 'settle', label: <span data-testid="tab-settle">{t('activities.console.tabSettle')}</span>, children: <SettleTab activity={a} onSettled={reload} /> },
            { key: 'records', label: <span data-testid="tab-records">{t('activities.console.tabRecords')}</span>, children: <RecordsTab activity={a} /> },
          ]}
        />
      </Card>
      {cancelOpen ? <CancelModal activity={a} onClose={() => setCancelOpen(false)} onDone={reload} /> : null}
    </Flex>
  );
}

function CancelModal({ activity, onClose, onDone }: { activity: Activity; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const ok = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await activitiesApi.cancel(activity.id, reason.trim());
      onDone();
      onClose();
    } catch (err) {
      setFailure(reasonText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('activities.console.cancelTitle', { title: activity.title })} onCancel={onClose} onOk={() => void ok()} confirmLoading={busy} okButtonProps={{ danger: true }} okText={t('activities.console.cancel')} cancelText={t('common.cancel')}>
      <Typography.Paragraph type="secondary">{t('activities.console.cancelHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('activities.common.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('activities.common.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={300} />
        </Form.Item>
      </Form>
      {failure ? <Alert type="error" showIcon title={failure} /> : null}
    </Modal>
  );
}

function SignupsTab({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const { data, error, isFetching: loading, refetch: reload } = useQuery(activitiesApi.signups(activity.id));
  if (loading && !data) return <LoadingBlock rows={4} />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  const items = (data?.items ?? []).filter((s) => s.status !== 'cancelled');
  return (
    <Flex vertical gap={12}>
      {activity.status === 'published' ? <MemberSignup activity={activity} onDone={reload} /> : null}
      {items.length === 0 ? (
        <EmptyState title={t('activities.console.noSignups')} hint={activity.status === 'published' ? t('activities.console.noSignupsHint') : t('activities.console.noSignupsDraft')} />
      ) : (
        <SignupTable activity={activity} items={items} onChanged={reload} />
      )}
    </Flex>
  );
}

/** 代报名: the organisation's admin signs up an active member (a volunteer without a smartphone). */
function MemberSignup({ activity, onDone }: { activity: Activity; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [userId, setUserId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { data } = useQuery(activitiesApi.activeMembers(activity.orgId));
  const members = data?.items ?? [];
  const submit = async () => {
    if (!userId) return;
    setBusy(true);
    setProblem(null);
    try {
      const s = await activitiesApi.signUp(activity.id, userId);
      const name = members.find((m) => m.userId === userId)?.userName ?? '';
      message.success(t('activities.console.signUpMemberOk', { name, status: t(`activities.signupStatus.${s.status}`) }));
      setUserId(undefined);
      onDone();
    } catch (err) {
      setProblem(isApiError(err) ? pickLanguage(err.message, lang) : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('activities.console.signUpMember')} data-testid="member-signup">
      <Typography.Paragraph type="secondary">{members.length ? t('activities.console.signUpMemberHint') : t('activities.console.noMembers')}</Typography.Paragraph>
      <Space wrap>
        <Select
          style={{ minWidth: 240 }}
          showSearch
          optionFilterProp="label"
          placeholder={t('activities.console.pickMember')}
          value={userId}
          onChange={setUserId}
          options={members.map((m) => ({ value: m.userId, label: `${m.userName}${m.volunteerNo ? ` · ${m.volunteerNo}` : ''}` }))}
          data-testid="member-signup-select"
        />
        <Button type="primary" icon={<UserAddOutlined />} loading={busy} disabled={!userId} onClick={() => void submit()} data-testid="member-signup-submit">
          {t('activities.console.signUpMember')}
        </Button>
      </Space>
      {problem ? <Alert style={{ marginTop: 8 }} type="error" showIcon title={problem} /> : null}
    </Card>
  );
}

function SignupTable({ activity, items, onChanged }: { activity: Activity; items: Signup[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const { dateTime, lang } = useFormat();
  const { message, modal } = App.useApp();
  const cancel = (s: Signup) =>
    modal.confirm({
      title: t('activities.console.cancelMemberSignup'),
      content: t('activities.console.cancelMemberConfirm', { name: s.userName ?? '' }),
      onOk: async () => {
        try {
          await activitiesApi.cancelFor(activity.id, s.userId);
          onChanged();
        } catch (err) {
          message.error(isApiError(err) ? pickLanguage(err.message, lang) : String(err));
        }
      },
    });
  return (
    <Table<Signup>
      rowKey="id"
      dataSource={items}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        { key: 'name', title: t('activities.console.volunteer'), render: (_, s) => s.userName ?? s.userId },
        {
          key: 'status',
          title: t('activities.console.signupStatus'),
          render: (_, s) => (s.status === 'waitlisted' ? <Tag color="gold">{t('activities.console.waitlistPos', { n: s.waitlistPosition ?? 0 })}</Tag> : <Tag color="green">{t('activities.signupStatus.confirmed')}</Tag>),
        },
        { key: 'by', title: t('activities.console.onBehalf'), render: (_, s) => (s.onBehalf ? t('activities.common.yes') : t('activities.common.no')) },
        { key: 'at', title: t('activities.console.signedUpAt'), render: (_, s) => dateTime(s.createdAt) },
        {
          key: 'actions',
          title: '',
          render: (_, s) =>
            activity.status === 'published' ? (
              <Button size="small" danger onClick={() => cancel(s)} data-testid="cancel-member-signup">
                {t('activities.console.cancelMemberSignup')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

function RosterTab({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const [manual, setManual] = useState(false);
  const { data, error, isFetching: loading, refetch: reload } = useQuery(activitiesApi.roster(activity.id));
  if (loading && !data) return <LoadingBlock rows={4} />;
  if (error || !data) return <ErrorState error={error} onRetry={reload} />;
  const missing = data.items.filter((r) => !r.attendance && r.signupStatus === 'confirmed');
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('activities.console.rosterHint')}</Typography.Text>
        {activity.status === 'published' ? (
          <Button icon={<UserAddOutlined />} onClick={() => setManual(true)} disabled={missing.length === 0} data-testid="manual-attendance">
            {t('activities.manual.open')}
          </Button>
        ) : null}
      </Flex>
      {data.items.length === 0 ? (
        <EmptyState title={t('activities.console.noRoster')} hint={t('activities.console.noRosterHint')} />
      ) : (
        <Table<RosterEntry>
          rowKey="userId"
          dataSource={data.items}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 800 }}
          columns={[
            { key: 'name', title: t('activities.console.volunteer'), render: (_, r) => <span data-testid="roster-name">{r.userName}</span> },
            { key: 'no', title: t('activities.console.volunteerNo'), render: (_, r) => r.volunteerNo ?? t('common.none') },
            { key: 'in', title: t('activities.console.checkinAt'), render: (_, r) => <span data-testid="roster-checkin">{dateTime(r.attendance?.checkinAt)}</span> },
            { key: 'out', title: t('activities.console.checkoutAt'), render: (_, r) => dateTime(r.attendance?.checkoutAt) },
            { key: 'dist', title: t('activities.console.distance'), render: (_, r) => (r.attendance?.checkinDistanceMeters != null ? `${r.attendance.checkinDistanceMeters} ${t('activities.form.meters')}` : t('common.none')) },
            { key: 'min', title: t('activities.settle.measured'), render: (_, r) => r.attendance?.minutes ?? t('common.none') },
            { key: 'flags', title: t('activities.console.flags'), render: (_, r) => <FlagTags flags={r.attendance?.flags ?? []} /> },
          ]}
        />
      )}
      {manual ? <ManualModal activity={activity} people={missing} onClose={() => setManual(false)} onDone={reload} /> : null}
    </Flex>
  );
}

function ManualModal({ activity, people, onClose, onDone }: { activity: Activity; people: RosterEntry[]; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ userId: string; checkinAt: Dayjs; checkoutAt?: Dayjs; note: string }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setFailure(null);
    try {
      await activitiesApi.manualAttendance(activity.id, {
        userId: v.userId,
        checkinAt: toBeijingIso(v.checkinAt.toDate()),
        ...(v.checkoutAt ? { checkoutAt: toBeijingIso(v.checkoutAt.toDate()) } : {}),
        note: v.note.trim(),
      });
      const name = people.find((p) => p.userId === v.userId)?.userName ?? '';
      void message.success(t('activities.manual.done', { name }));
      onDone();
      onClose();
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) {
        form.setFields(Object.entries(err.fields).map(([name, m]) => ({ name: name as 'note', errors: [pickLanguage(m, lang)] })));
      } else setFailure(reasonText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('activities.manual.title')} onCancel={onClose} onOk={() => void ok()} confirmLoading={busy} okText={t('activities.common.submit')} cancelText={t('common.cancel')}>
      <Typography.Paragraph type="secondary">{t('activities.manual.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="userId" label={t('activities.console.volunteer')} rules={[{ required: true, message: t('activities.manual.personRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={people.map((p) => ({ value: p.userId, label: p.userName }))} />
        </Form.Item>
        <Form.Item name="checkinAt" label={t('activities.console.checkinAt')} rules={[{ required: true, message: t('activities.manual.checkinRequired') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="checkoutAt" label={t('activities.console.checkoutAt')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('activities.manual.note')} rules={[{ required: true, whitespace: true, min: 2, message: t('activities.manual.noteRequired') }]}>
          <Input.TextArea rows={2} maxLength={300} placeholder={t('activities.manual.notePlaceholder')} />
        </Form.Item>
      </Form>
      {failure ? <Alert type="error" showIcon title={failure} /> : null}
    </Modal>
  );
}

type Decision = 'include' | 'exclude';
interface SettleRow {
  entry: RosterEntry;
  minutes: number | null;
  reason: string;
  /** Flagged attendance (no location, outside the fence, closed automatically) needs one. */
  decision: Decision | null;
}

function SettleTab({ activity, onSettled }: { activity: Activity; onSettled: () => void }) {
  const { t } = useTranslation();
  const { lang, date } = useFormat();
  const { message } = App.useApp();
  const { data, error, isFetching: loading, refetch: reload } = useQuery(activitiesApi.roster(activity.id));
  const [edits, setEdits] = useState<Record<string, { minutes: number | null; reason: string; decision?: Decision | null }>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [served, setServed] = useState<{ count: number | null; category: Beneficiaries['category'] }>({ count: activity.beneficiaries?.count ?? null, category: activity.beneficiaries?.category ?? 'residents' });

  if (loading && !data) return <LoadingBlock rows={4} />;
  if (error || !data) return <ErrorState error={error} onRetry={reload} />;

  const attended = data.items.filter((r) => r.attendance);
  const open = attended.filter((r) => !r.record && r.attendance?.settleDecision !== 'exclude');
  const rows: SettleRow[] = open.map((entry) => ({
    entry,
    minutes: edits[entry.userId]?.minutes ?? entry.attendance?.minutes ?? null,
    reason: edits[entry.userId]?.reason ?? '',
    decision: edits[entry.userId]?.decision ?? entry.attendance?.settleDecision ?? null,
  }));
  const flagged = (r: SettleRow) => (r.entry.attendance?.settleFlags.length ?? 0) > 0;
  const changed = (r: SettleRow) => r.minutes !== (r.entry.attendance?.minutes ?? null);
  const needsReason = (r: SettleRow) => changed(r) || r.decision === 'exclude';

  const set = (userId: string, patch: Partial<{ minutes: number | null; reason: string; decision: Decision | null }>) => {
    const row = rows.find((r) => r.entry.userId === userId);
    setEdits((e) => ({ ...e, [userId]: { minutes: row?.minutes ?? null, reason: row?.reason ?? '', decision: row?.decision ?? null, ...e[userId], ...patch } }));
    setProblems((p) => {
      const { [userId]: _drop, ...rest } = p;
      return rest;
    });
  };

  const settle = async () => {
    setFailure(null);
    const local: Record<string, string> = {};
    for (const r of rows) {
      if (flagged(r) && !r.decision) local[r.entry.userId] = t('activities.settle.decisionRequired');
      else if (r.decision === 'exclude') {
        if (r.reason.trim().length < 2) local[r.entry.userId] = t('activities.settle.excludeReasonRequired');
      } else if (r.minutes === null) local[r.entry.userId] = t('activities.settle.minutesRequired');
      else if (changed(r) && r.reason.trim().length < 2) local[r.entry.userId] = t('activities.settle.reasonRequired');
    }
    if (Object.keys(local).length) {
      setProblems(local);
      setFailure(t('activities.form.fixFields'));
      return;
    }
    const entries: SettleEntry[] = rows.map((r) => {
      const decision = flagged(r) && r.decision ? { decision: r.decision } : {};
      if (r.decision === 'exclude') return { userId: r.entry.userId, reason: r.reason.trim(), decision: 'exclude' };
      return changed(r) ? { userId: r.entry.userId, minutes: r.minutes ?? 0, reason: r.reason.trim(), ...decision } : { userId: r.entry.userId, ...decision };
    });
    setBusy(true);
    try {
      const res = await activitiesApi.settle(activity.id, entries, served.count === null ? undefined : { count: served.count, category: served.category });
      void message.success(t('activities.settle.done', { n: res.records.length }));
      if (res.skipped.length) void message.warning(t('activities.settle.skippedSelf', { n: res.skipped.length }));
      setEdits({});
      reload();
      onSettled();
    } catch (err) {
      const undecided = isApiError(err) && Array.isArray(err.details.undecided) ? (err.details.undecided as Array<{ userId: string }>) : [];
      if (undecided.length) {
        setProblems(Object.fromEntries(undecided.map((u) => [u.userId, t('activities.settle.decisionRequired')])));
        setFailure(t('activities.form.fixFields'));
      } else if (isApiError(err) && Object.keys(err.fields).length) {
        const byUser: Record<string, string> = {};
        for (const [key, m] of Object.entries(err.fields)) {
          const i = /^entries\.(\d+)\./.exec(key);
          const row = i ? entries[Number(i[1])] : undefined;
          if (row) byUser[row.userId] = pickLanguage(m, lang);
        }
        setProblems(byUser);
        setFailure(t('activities.form.fixFields'));
      } else setFailure(reasonText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };

  const started = new Date(activity.startsAt) <= new Date();
  return (
    <Flex vertical gap={12} data-testid="settle-tab">
      <Typography.Text type="secondary">{t('activities.settle.hint', { date: date(data.settleDeadline) })}</Typography.Text>
      {!started ? <Alert type="info" showIcon title={t('activities.settle.notStarted')} /> : null}
      {attended.length === 0 ? (
        <EmptyState title={t('activities.settle.nobody')} hint={t('activities.settle.nobodyHint')} />
      ) : rows.length === 0 ? (
        <Alert type="success" showIcon title={t('activities.settle.allDone')} data-testid="settle-all-done" />
      ) : (
        <>
          <Table<SettleRow>
            rowKey={(r) => r.entry.userId}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 800 }}
            columns={[
              { key: 'name', title: t('activities.console.volunteer'), render: (_, r) => r.entry.userName },
              { key: 'flags', title: t('activities.console.flags'), render: (_, r) => <FlagTags flags={r.entry.attendance?.flags ?? []} /> },
              { key: 'measured', title: t('activities.settle.measured'), render: (_, r) => r.entry.attendance?.minutes ?? t('activities.settle.notOut') },
              {
                key: 'decision',
                title: t('activities.settle.decision'),
                render: (_, r) =>
                  flagged(r) ? (
                    <Select<Decision>
                      value={r.decision ?? undefined}
                      placeholder={t('activities.settle.decisionPlaceholder')}
                      onChange={(v) => set(r.entry.userId, { decision: v })}
                      options={[
                        { value: 'include', label: t('activities.settle.include') },
                        { value: 'exclude', label: t('activities.settle.exclude') },
                      ]}
                      style={{ width: 120 }}
                      data-testid="settle-decision"
                    />
                  ) : (
                    t('common.none')
                  ),
              },
              {
                key: 'minutes',
                title: t('activities.settle.minutes'),
                render: (_, r) => (
                  <InputNumber min={0} max={100000} precision={0} value={r.minutes} onChange={(v) => set(r.entry.userId, { minutes: v ?? null })} data-testid="settle-minutes" style={{ width: 110 }} />
                ),
              },
              {
                key: 'reason',
                title: t('activities.settle.reason'),
                render: (_, r) => (
                  <Flex vertical>
                    <Input
                      value={r.reason}
                      disabled={!needsReason(r)}
                      status={problems[r.entry.userId] ? 'error' : undefined}
                      placeholder={needsReason(r) ? t('activities.settle.reasonPlaceholder') : t('activities.settle.reasonUnchanged')}
                      onChange={(e) => set(r.entry.userId, { reason: e.target.value })}
                      data-testid="settle-reason"
                    />
                    {problems[r.entry.userId] ? (
                      <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="settle-problem">
                        {problems[r.entry.userId]}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                ),
              },
            ]}
          />
          <Flex gap={8} wrap align="center" data-testid="settle-served">
            <Typography.Text>{t('activities.settle.served')}</Typography.Text>
            <InputNumber min={0} max={1000000} precision={0} value={served.count} placeholder={t('activities.settle.servedPlaceholder')} onChange={(v) => setServed((s) => ({ ...s, count: v ?? null }))} style={{ width: 140 }} data-testid="settle-served-count" />
            <Select<Beneficiaries['category']> value={served.category} onChange={(v) => setServed((s) => ({ ...s, category: v }))} options={beneficiaryOptions(lang)} style={{ width: 160 }} data-testid="settle-served-category" />
            <Typography.Text type="secondary">{t('activities.settle.servedHint')}</Typography.Text>
          </Flex>
          {failure ? <Alert type="error" showIcon title={failure} /> : null}
          <Button type="primary" loading={busy} disabled={!started} onClick={() => void settle()} style={{ alignSelf: 'flex-end' }} data-testid="settle-submit">
            {t('activities.settle.submit', { n: rows.length })}
          </Button>
        </>
      )}
    </Flex>
  );
}

function RecordsTab({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const { data, error, isFetching: loading, refetch: reload } = useQuery(activitiesApi.roster(activity.id));
  if (loading && !data) return <LoadingBlock rows={4} />;
  if (error || !data) return <ErrorState error={error} onRetry={reload} />;
  const rows = data.items.filter((r) => r.record);
  if (rows.length === 0) return <EmptyState title={t('activities.console.noRecords')} hint={t('activities.console.noRecordsHint')} />;
  return (
    <Table<RosterEntry>
      rowKey="userId"
      dataSource={rows}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        { key: 'name', title: t('activities.console.volunteer'), render: (_, r) => <span data-testid="record-row-name">{r.userName}</span> },
        { key: 'min', title: t('activities.records.minutes'), render: (_, r) => r.record?.minutes },
        { key: 'cred', title: t('activities.records.credited'), render: (_, r) => r.record?.creditedMinutes },
        { key: 'pts', title: t('activities.records.points'), render: (_, r) => <span data-testid="record-row-points">{r.record?.points}</span> },
      ]}
    />
  );
}
