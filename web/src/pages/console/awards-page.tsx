import { useQuery } from '@tanstack/react-query';
import { alsoKeyed } from '../../api/query';
import { useMemo, useState } from 'react';
import { App, Button, Card, Descriptions, Flex, List, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { ownScopes, regionContains, regionRoots } from '../../features/access/grant-rules';
import { useMe } from '../../features/auth/auth-context';
import { awardsApi, type Campaign } from '../../features/awards/api';
import { CampaignForm } from '../../features/awards/campaign-form';
import { PhaseTag } from '../../features/awards/labels';
import { NominateForm } from '../../features/awards/nominate-form';
import { NominationsPanel } from '../../features/awards/review-panel';
import { useFormat } from '../../i18n/use-format';

/**
 * 评选表彰: the campaigns around my scope; a region admin starts one, reviews the nominations, moves
 * the windows and publishes; an organisation admin nominates and follows its nominations.
 */
export default function AwardsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const orgs = useMemo(() => ownScopes(grants.filter((g) => g.role === 'org_admin'), 'org'), [grants]);
  const scope = roots[0]?.code ?? grants.find((g) => g.regionCode)?.regionCode ?? undefined;
  const [reloadKey, setReloadKey] = useState(0);
  const list = useQuery(alsoKeyed(awardsApi.campaigns({ regionCode: scope, page: 1, pageSize: 50 }), reloadKey));
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = list.data?.items.find((c) => c.id === openId) ?? null;

  return (
    <Flex vertical gap={16} data-testid="awards-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('awards.console.title')}
        </Typography.Title>
        {roots.length ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-create">
            {t('awards.console.create')}
          </Button>
        ) : null}
      </Flex>
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.refetch} />
      ) : !list.data ? (
        <LoadingBlock rows={4} />
      ) : list.data.items.length === 0 ? (
        <Card>
          <EmptyState title={t('awards.console.empty')} hint={t('awards.console.emptyHint')} testId="awards-empty" />
        </Card>
      ) : (
        <Card size="small">
          <List
            dataSource={list.data.items}
            renderItem={(c) => (
              <List.Item
                data-testid="campaign-row"
                actions={[
                  <Button key="open" type={c.id === openId ? 'primary' : 'default'} size="small" onClick={() => setOpenId(c.id)} data-testid="campaign-open">
                    {t('awards.console.open')}
                  </Button>,
                ]}
              >
                <List.Item.Meta title={c.title} description={`${c.regionName} · ${c.categories.map((k) => k.name).join('、')}`} />
                <PhaseTag phase={c.phase} />
              </List.Item>
            )}
          />
        </Card>
      )}
      {open ? <CampaignDetail key={open.id} c={open} canManage={roots.some((r) => regionContains(r.code, open.regionCode))} orgs={orgs} reloadKey={reloadKey} onChanged={() => setReloadKey((k) => k + 1)} /> : null}
      <CampaignForm
        open={creating}
        roots={roots}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          void message.success(t('awards.console.created'));
          setOpenId(c.id);
          setReloadKey((k) => k + 1);
        }}
      />
    </Flex>
  );
}

function CampaignDetail({ c, canManage, orgs, reloadKey, onChanged }: { c: Campaign; canManage: boolean; orgs: { id: string; name: string }[]; reloadKey: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const { date, dateTime } = useFormat();
  const [orgId, setOrgId] = useState(orgs[0]?.id);
  return (
    <Flex vertical gap={12} data-testid="campaign-detail">
      <Card size="small" title={c.title} extra={<PhaseTag phase={c.phase} />}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'n', label: t('awards.campaign.nomination'), children: `${dateTime(c.nominationOpensAt)} – ${dateTime(c.nominationClosesAt)}` },
            { key: 'v', label: t('awards.campaign.voting'), children: `${dateTime(c.votingOpensAt)} – ${dateTime(c.votingClosesAt)}` },
            { key: 'p', label: t('awards.campaign.period'), children: `${date(c.periodFrom)} – ${date(c.periodTo)}` },
            { key: 'h', label: t('awards.console.minHours'), children: c.minHours },
            { key: 'c', label: t('awards.console.categories'), children: c.categories.map((k) => `${k.name}（${t('awards.campaign.quota', { n: k.quota })}）`).join('、') },
          ]}
        />
      </Card>
      {orgs.length && c.phase === 'nominating' ? <NominateForm campaign={c} orgs={orgs} onDone={onChanged} /> : null}
      {canManage ? <NominationsPanel campaign={c} onChanged={onChanged} reloadKey={reloadKey} /> : null}
      {!canManage && orgId ? (
        <>
          {orgs.length > 1 ? (
            <Flex gap={4} wrap>
              {orgs.map((o) => (
                <Button key={o.id} size="small" type={o.id === orgId ? 'primary' : 'default'} onClick={() => setOrgId(o.id)}>
                  {o.name}
                </Button>
              ))}
            </Flex>
          ) : null}
          <NominationsPanel campaign={c} orgId={orgId} onChanged={onChanged} reloadKey={reloadKey} />
        </>
      ) : null}
    </Flex>
  );
}
