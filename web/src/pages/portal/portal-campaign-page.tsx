import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Segmented, Tag, Typography } from 'antd';
import { LikeOutlined, TrophyOutlined } from '@ant-design/icons';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { awardsApi, type Campaign, type Candidate } from '../../features/awards/api';
import { PhaseTag } from '../../features/awards/labels';
import { useSubmit } from '../../features/awards/use-submit';
import { useFormat } from '../../i18n/use-format';

/** A campaign's public page: the rules and windows, the candidates by category, and (signed in, while voting) a vote button. */
export default function PortalCampaignPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const campaign = useQuery(awardsApi.campaign(id));
  const list = useQuery(awardsApi.candidates(id));
  const c = campaign.data;
  if (campaign.error && !c) return <ErrorState error={campaign.error} onRetry={campaign.refetch} />;
  if (!c) return <LoadingBlock rows={6} />;
  return (
    <Flex vertical gap={12} data-testid="portal-campaign">
      <Link to="/portal/honours">{t('awards.campaign.back')}</Link>
      <CampaignHead c={c} />
      {list.error && !list.data ? <ErrorState error={list.error} onRetry={list.refetch} /> : !list.data ? <LoadingBlock rows={4} /> : <Candidates c={c} items={list.data.items} onVoted={list.refetch} />}
    </Flex>
  );
}

function CampaignHead({ c }: { c: Campaign }) {
  const { t } = useTranslation();
  const { date, dateTime } = useFormat();
  return (
    <Card>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="campaign-title">
          {c.title}
        </Typography.Title>
        <PhaseTag phase={c.phase} />
      </Flex>
      {c.description ? <Typography.Paragraph style={{ marginTop: 8 }}>{c.description}</Typography.Paragraph> : null}
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'n', label: t('awards.campaign.nomination'), children: `${dateTime(c.nominationOpensAt)} – ${dateTime(c.nominationClosesAt)}` },
          { key: 'v', label: t('awards.campaign.voting'), children: `${dateTime(c.votingOpensAt)} – ${dateTime(c.votingClosesAt)}` },
          { key: 'p', label: t('awards.campaign.period'), children: `${date(c.periodFrom)} – ${date(c.periodTo)}` },
        ]}
      />
      <Flex gap={4} wrap>
        {c.categories.map((k) => (
          <Tag key={k.key}>
            {k.name} · {t('awards.campaign.quota', { n: k.quota })}
          </Tag>
        ))}
      </Flex>
      {c.minHours > 0 ? <Typography.Text type="secondary">{t('awards.campaign.minHours', { n: c.minHours })}</Typography.Text> : null}
    </Card>
  );
}

function Candidates({ c, items, onVoted }: { c: Campaign; items: Candidate[]; onVoted: () => void }) {
  const { t } = useTranslation();
  const [cat, setCat] = useState(c.categories[0]?.key ?? '');
  const shown = items.filter((i) => i.categoryKey === cat);
  return (
    <Flex vertical gap={8}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('awards.campaign.candidates')}
      </Typography.Title>
      {c.categories.length > 1 ? <Segmented block value={cat} onChange={(v) => setCat(String(v))} options={c.categories.map((k) => ({ value: k.key, label: k.name }))} /> : null}
      {shown.length === 0 ? (
        <EmptyState title={t('awards.campaign.noCandidates')} hint={t('awards.campaign.noCandidatesHint')} testId="candidates-empty" />
      ) : (
        shown.map((i) => <CandidateCard key={i.id} c={c} i={i} onVoted={onVoted} />)
      )}
    </Flex>
  );
}

function CandidateCard({ c, i, onVoted }: { c: Campaign; i: Candidate; onVoted: () => void }) {
  const { t } = useTranslation();
  const { status } = useMe();
  const { message } = App.useApp();
  const location = useLocation();
  const { busy, run } = useSubmit();
  const vote = () =>
    run(
      async () => {
        await awardsApi.vote(i.id);
        void message.success(t('awards.campaign.voteOk'));
        onVoted();
      },
      (line) => void message.error(line),
    );
  return (
    <Card size="small" data-testid="candidate-card">
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text strong style={{ fontSize: '1.1em' }} data-testid="candidate-name">
            {i.awarded ? <TrophyOutlined style={{ color: '#d4380d' }} /> : null} {i.name}
          </Typography.Text>
          <Typography.Text data-testid="candidate-votes">{t('awards.campaign.votes', { n: i.votes })}</Typography.Text>
        </Flex>
        {i.kind !== 'team' && i.orgName ? <Typography.Text type="secondary">{i.orgName}</Typography.Text> : null}
        <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '…' }} style={{ margin: 0 }}>
          {i.reasons}
        </Typography.Paragraph>
        {i.awarded ? <Tag color="gold">{t('awards.campaign.awarded')}</Tag> : null}
        {c.phase !== 'voting' ? null : status === 'authenticated' ? (
          <Button type="primary" size="large" block icon={<LikeOutlined />} disabled={i.votedToday} loading={busy} onClick={() => void vote()} data-testid="vote-button">
            {i.votedToday ? t('awards.campaign.voted') : t('awards.campaign.vote')}
          </Button>
        ) : (
          <Link to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>
            <Button size="large" block data-testid="login-to-vote">
              {t('awards.campaign.loginToVote')}
            </Button>
          </Link>
        )}
      </Flex>
    </Card>
  );
}
