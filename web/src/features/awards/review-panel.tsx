import { useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Table, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useRequest } from '../../api/use-request';
import { ErrorState } from '../../components/page-state';
import { useFormat } from '../../i18n/use-format';
import { ReasonModal, type ReasonAsk } from '../orgs/reason-modal';
import { awardsApi, type Campaign, type Nomination } from './api';
import { NominationStatusTag } from './labels';
import { scheduleNow } from './schedule';
import { useSubmit } from './use-submit';
import { PaperClipOutlined } from '@ant-design/icons';

/** The nominations of a campaign: the region reviews, sees the votes of new accounts apart, moves the windows, decides and publishes; an organisation follows its own. */
export function NominationsPanel({ campaign, orgId, onChanged, reloadKey }: { campaign: Campaign; orgId?: string | undefined; onChanged: () => void; reloadKey: number }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const { message } = App.useApp();
  const region = !orgId;
  const list = useRequest((s) => awardsApi.nominations(campaign.id, { orgId }, s), [campaign.id, orgId, reloadKey]);
  const [ask, setAsk] = useState<ReasonAsk | null>(null);
  const [winners, setWinners] = useState<string[]>([]);
  const submit = useSubmit();
  const busy = submit.busy;
  const reviewable = campaign.phase === 'nominating' || campaign.phase === 'reviewing';
  const run = (f: () => Promise<unknown>, ok: string) =>
    submit.run(
      async () => {
        await f();
        void message.success(ok);
        list.reload();
        onChanged();
      },
      (line) => void message.error(line),
    );
  const review = (n: Nomination, decision: 'approve' | 'reject') =>
    decision === 'approve'
      ? void run(() => awardsApi.review(n.id, { decision }), t('awards.console.reviewed'))
      : setAsk({
          title: `${t('awards.console.reject')}：${n.subjectName}`,
          required: true,
          okText: t('awards.console.reject'),
          danger: true,
          placeholder: t('awards.console.rejectReason'),
          run: async (reason) => {
            await awardsApi.review(n.id, { decision, reason: reason ?? '' });
            list.reload();
          },
        });
  const category = (key: string) => campaign.categories.find((k) => k.key === key)?.name ?? key;
  return (
    <Card title={t('awards.console.nominations')} size="small" data-testid="nominations-panel">
      {region && campaign.phase !== 'published' ? (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          {campaign.phase === 'nominating' || campaign.phase === 'reviewing' || campaign.phase === 'upcoming' ? (
            <Button loading={busy} onClick={() => void run(() => awardsApi.schedule(campaign.id, scheduleNow(campaign, 'openVoting')), t('awards.console.scheduled'))} data-testid="open-voting">
              {t('awards.console.closeNominations')}
            </Button>
          ) : null}
          {campaign.phase === 'voting' ? (
            <Button loading={busy} onClick={() => void run(() => awardsApi.schedule(campaign.id, scheduleNow(campaign, 'closeVoting')), t('awards.console.scheduled'))} data-testid="close-voting">
              {t('awards.console.closeVoting')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<Nomination>
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 720 }}
          columns={[
            ...(region && campaign.phase === 'deciding'
              ? [{ key: 'win', width: 48, render: (_: unknown, n: Nomination) => (n.status === 'approved' ? <Checkbox checked={winners.includes(n.id)} onChange={(e) => setWinners((w) => (e.target.checked ? [...w, n.id] : w.filter((x) => x !== n.id)))} data-testid="winner-check" /> : null) }]
              : []),
            { key: 'cat', title: t('awards.console.category'), render: (_: unknown, n: Nomination) => category(n.categoryKey) },
            { key: 'name', title: t('awards.console.subject'), render: (_: unknown, n: Nomination) => <span data-testid="nomination-name">{n.subjectName}</span> },
            { key: 'org', title: t('awards.console.org'), dataIndex: 'nominatingOrgName' },
            { key: 'reasons', title: t('awards.console.reasons'), render: (_: unknown, n: Nomination) => (
                <div style={{ maxWidth: 280 }}>
                  <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '…' }} style={{ margin: 0 }}>
                    {n.reasons}
                  </Typography.Paragraph>
                  {/* the evidence stays in view, outside the folded reasons: links, and files (a paper clip) */}
                  {n.evidence.map((e) => (
                    <div key={e.url}>
                      <a href={e.url} target="_blank" rel="noreferrer noopener" data-testid="nomination-evidence">
                        {e.fileId ? <PaperClipOutlined /> : null} {e.title || e.url}
                      </a>
                    </div>
                  ))}
                </div>
              ) },
            { key: 'status', title: '', render: (_: unknown, n: Nomination) => <span data-testid="nomination-status"><NominationStatusTag status={n.status} />{n.reviewReason ? <Typography.Text type="secondary"> {n.reviewReason}</Typography.Text> : null}</span> },
            { key: 'votes', title: t('awards.console.votes'), dataIndex: 'votes' },
            ...(region ? [{ key: 'new', title: <Tooltip title={t('awards.console.newVotesHint')}>{t('awards.console.newVotes')} <QuestionCircleOutlined /></Tooltip>, dataIndex: 'newAccountVotes' }] : []),
            { key: 'at', title: '', render: (_: unknown, n: Nomination) => <Typography.Text type="secondary">{dateTime(n.createdAt)}</Typography.Text> },
            ...(region && reviewable
              ? [{ key: 'act', render: (_: unknown, n: Nomination) => (n.status === 'pending' ? <Flex gap={4}><Button size="small" type="primary" onClick={() => review(n, 'approve')} data-testid="approve-nomination">{t('awards.console.approve')}</Button><Button size="small" danger onClick={() => review(n, 'reject')}>{t('awards.console.reject')}</Button></Flex> : null) }]
              : []),
          ]}
        />
      )}
      {region && campaign.phase === 'deciding' ? (
        <Flex vertical gap={8} style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('awards.console.publishHint')}</Typography.Text>
          <Button type="primary" loading={busy} onClick={() => void run(() => awardsApi.publish(campaign.id, winners), t('awards.console.published'))} data-testid="publish-results">
            {t('awards.console.publish')}（{winners.length}）
          </Button>
        </Flex>
      ) : null}
      <ReasonModal ask={ask} onClose={() => setAsk(null)} />
    </Card>
  );
}
