import type { Actor, AppContext } from '../../context';
import { withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { cityCodeOf, regionLevel } from '@shared/lib/region-code';
import { maskName } from '@shared/lib/person-name';
import type { Campaign, CampaignCreateBody, CampaignListQuery, CampaignScheduleBody, HonourWallQuery, PublishBody } from '@shared/schemas/awards';
import type { PageQuery } from '@shared/schemas/common';
import { assertNotSelfBenefit, authorize, regionTarget } from '../access/index';
import { recordAudit } from '../audit/index';
import { issueHonourCertificate } from '../honours/index';
import { notifyMany, type NotificationMessage } from '../notifications/index';
import { requireRegionPath } from '../regions/index';
import { AWARD_CAMPAIGN_MANAGE } from './awards.policy';
import * as repo from './awards.repository';
import { categoriesOf, requirePhase, toCampaign } from './awards.views';

/**
 * Award campaigns (评选表彰) of a region: created and scheduled by its admins, their results
 * decided by the region (votes inform, they do not decide) and published: the winners go on the
 * honour wall, an awarded volunteer's record holds the award (art. 9) with an honour certificate
 * verified like the service certificates. Every step is audited.
 */

export async function campaignView(ctx: AppContext, c: repo.CampaignRow): Promise<Campaign> {
  const names = await repo.regionNames(ctx.db, [c.regionCode]);
  return toCampaign(c, ctx.clock.now(), names.get(c.regionCode) ?? c.regionCode);
}

export async function requireCampaign(ctx: AppContext, id: string): Promise<repo.CampaignRow> {
  const c = await repo.findCampaign(ctx.db, id);
  if (!c) throw notFound('评选活动 campaign');
  return c;
}

export async function createCampaign(ctx: AppContext, actor: Actor, body: CampaignCreateBody): Promise<Campaign> {
  const c = await withTx(ctx.db, async (tx) => {
    const target = await regionTarget(tx, body.regionCode);
    authorize(actor, AWARD_CAMPAIGN_MANAGE, target);
    const row = await repo.insertCampaign(tx, {
      id: newId(),
      cityCode: cityCodeOf(body.regionCode),
      regionCode: body.regionCode,
      regionPath: target.regionPath,
      title: body.title,
      description: body.description,
      categories: body.categories,
      minHours: body.minHours,
      periodFrom: body.periodFrom,
      periodTo: body.periodTo,
      nominationOpensAt: new Date(body.nominationOpensAt),
      nominationClosesAt: new Date(body.nominationClosesAt),
      votingOpensAt: new Date(body.votingOpensAt),
      votingClosesAt: new Date(body.votingClosesAt),
      status: 'open',
      createdBy: actor.userId,
      createdAt: ctx.clock.now(),
    });
    await recordAudit(ctx, tx, actor, { action: 'awards.campaign.create', objectType: 'award_campaign', objectId: row.id, regionCode: row.regionCode, after: body });
    return row;
  });
  return campaignView(ctx, c);
}

/** The region moves the windows until it publishes (audited). */
export async function rescheduleCampaign(ctx: AppContext, actor: Actor, id: string, body: CampaignScheduleBody): Promise<Campaign> {
  const c = await withTx(ctx.db, async (tx) => {
    const c = await repo.findCampaign(tx, id, true);
    if (!c) throw notFound('评选活动 campaign');
    authorize(actor, AWARD_CAMPAIGN_MANAGE, await regionTarget(tx, c.regionCode));
    if (c.status === 'published') throw new AppError('INVALID_STATE', '结果已公布，不能再调整时间 / The results are published; the windows cannot move', { status: c.status });
    const set = { nominationOpensAt: new Date(body.nominationOpensAt), nominationClosesAt: new Date(body.nominationClosesAt), votingOpensAt: new Date(body.votingOpensAt), votingClosesAt: new Date(body.votingClosesAt) };
    const before = { nominationOpensAt: c.nominationOpensAt, nominationClosesAt: c.nominationClosesAt, votingOpensAt: c.votingOpensAt, votingClosesAt: c.votingClosesAt };
    const row = await repo.updateCampaign(tx, id, set);
    await recordAudit(ctx, tx, actor, { action: 'awards.campaign.schedule', objectType: 'award_campaign', objectId: id, regionCode: c.regionCode, before, after: set });
    return row;
  });
  return campaignView(ctx, c);
}

/** Public: the campaigns of a region's subtree and of the regions above it. */
export async function listCampaigns(ctx: AppContext, q: CampaignListQuery) {
  const code = q.regionCode ?? null;
  const path = code ? await requireRegionPath(ctx.db, code) : '/';
  const { limit, offset } = offsetOf(q);
  const page = await repo.campaignsAround(ctx.db, code && regionLevel(code) > 1 ? cityCodeOf(code) : null, path, limit, offset);
  const names = await repo.regionNames(ctx.db, page.items.map((c) => c.regionCode));
  const now = ctx.clock.now();
  return { total: page.total, items: page.items.map((c) => toCampaign(c, now, names.get(c.regionCode) ?? c.regionCode)) };
}

/**
 * The region decides the results (votes inform, they do not decide) after the vote closes: the
 * winners within each category's quota are awarded, the other approved candidates are not; each
 * awarded volunteer gets an honour certificate and a notice. Audited with the whole decision.
 */
export async function publishResults(ctx: AppContext, actor: Actor, id: string, body: PublishBody): Promise<Campaign> {
  const c = await withTx(ctx.db, async (tx) => {
    const c = await repo.findCampaign(tx, id, true);
    if (!c) throw notFound('评选活动 campaign');
    authorize(actor, AWARD_CAMPAIGN_MANAGE, await regionTarget(tx, c.regionCode));
    const now = ctx.clock.now();
    requirePhase(c, now, ['deciding'], ['公布结果', 'Publishing the results']);
    const winners = await repo.nominationsOf(tx, id, [...new Set(body.winners)]);
    const notApproved = winners.filter((n) => n.status !== 'approved').map((n) => n.id);
    const unknown = body.winners.filter((w) => !winners.some((n) => n.id === w));
    if (notApproved.length || unknown.length) {
      throw new AppError('VALIDATION_FAILED', '只能从审核通过的候选者中评定 / Only approved candidates of this campaign can be awarded', { fields: { winners: 'not approved candidates' }, ids: [...notApproved, ...unknown] });
    }
    const categories = categoriesOf(c);
    for (const cat of categories) {
      const n = winners.filter((w) => w.categoryKey === cat.key).length;
      if (n > cat.quota) throw new AppError('VALIDATION_FAILED', `“${cat.name}”名额为${cat.quota}个，评定了${n}个 / “${cat.name}” has ${cat.quota} places; ${n} were chosen`, { fields: { winners: 'over quota' }, categoryKey: cat.key, quota: cat.quota });
    }
    assertNotSelfBenefit(actor, {
      beneficiaryUserIds: winners.filter((w) => w.kind === 'volunteer').map((w) => w.subjectId),
      orgIds: winners.map((w) => w.subjectOrgId),
      reason: '获奖名单中有您本人或您所在的组织，须由其他工作人员公布 / You or your organisation are among the winners; another staff member must publish',
    });
    const regionName = (await repo.regionNames(tx, [c.regionCode])).get(c.regionCode) ?? c.regionCode;
    const messages: NotificationMessage[] = [];
    for (const w of winners) {
      const cat = categories.find((k) => k.key === w.categoryKey);
      let certificateId: string | null = null;
      if (w.kind === 'volunteer') {
        const cert = await issueHonourCertificate(ctx, tx, w.subjectId, { campaign: c.title, award: cat?.name ?? w.categoryKey, body: regionName }, { from: c.periodFrom, to: c.periodTo });
        certificateId = cert.id;
      }
      await repo.transitionNomination(tx, w.id, ['approved'], { status: 'awarded', awardedAt: now, certificateId });
      messages.push({
        userId: w.kind === 'volunteer' ? w.subjectId : w.createdBy,
        regionCode: w.regionCode,
        kind: 'award_granted',
        title: `荣获“${cat?.name ?? ''}”`,
        body: w.kind === 'volunteer' ? `恭喜您在“${c.title}”中荣获“${cat?.name ?? ''}”称号，荣誉证书可在“我的星级与证书”中下载。` : `“${w.subjectName}”在“${c.title}”中荣获“${cat?.name ?? ''}”。`,
        objectType: 'award_nomination',
        objectId: w.id,
      });
    }
    const others = await repo.closeOthers(tx, id);
    const row = await repo.updateCampaign(tx, id, { status: 'published', publishedAt: now });
    await recordAudit(ctx, tx, actor, {
      action: 'awards.campaign.publish',
      objectType: 'award_campaign',
      objectId: id,
      regionCode: c.regionCode,
      before: { status: c.status },
      after: { status: 'published', winners: winners.map((w) => ({ id: w.id, categoryKey: w.categoryKey, name: w.subjectName, votes: w.votes, newAccountVotes: w.newAccountVotes })), notAwarded: others },
    });
    await notifyMany(ctx, tx, messages);
    return row;
  });
  return campaignView(ctx, c);
}

/** Public honour wall (荣誉墙) of a region's subtree: a volunteer by name only with consent to public display. */
export async function honourWall(ctx: AppContext, q: HonourWallQuery) {
  const code = q.regionCode ?? null;
  const path = code ? await requireRegionPath(ctx.db, code) : '/';
  const { limit, offset } = offsetOf(q);
  const page = await repo.awardedAround(ctx.db, code && regionLevel(code) > 1 ? cityCodeOf(code) : null, path, limit, offset);
  const consenting = await repo.publicDisplayOf(ctx.db, page.items.filter((i) => i.n.kind === 'volunteer').map((i) => i.n.subjectId));
  const orgs = await repo.orgNames(ctx.db, page.items.map((i) => i.n.subjectOrgId));
  return {
    total: page.total,
    items: page.items.map(({ n, campaign }) => ({
      id: n.id,
      campaignId: campaign.id,
      campaignTitle: campaign.title,
      categoryName: categoriesOf(campaign).find((k) => k.key === n.categoryKey)?.name ?? n.categoryKey,
      kind: n.kind as 'volunteer' | 'team' | 'project',
      name: n.kind === 'volunteer' && !consenting.has(n.subjectId) ? maskName(n.subjectName) : n.subjectName,
      orgName: orgs.get(n.subjectOrgId) ?? '',
      regionCode: n.regionCode,
      awardedAt: (n.awardedAt ?? campaign.publishedAt ?? campaign.createdAt).toISOString(),
    })),
  };
}

/** The awards on my record (art. 9: name, date, awarding body) with their honour certificates. */
export async function myAwards(ctx: AppContext, actor: Actor, q: PageQuery) {
  const { limit, offset } = offsetOf(q);
  const page = await repo.awardsOfPerson(ctx.db, actor.userId, limit, offset);
  const names = await repo.regionNames(ctx.db, page.items.map((i) => i.campaign.regionCode));
  return {
    total: page.total,
    items: page.items.map(({ n, campaign, certificateNumber }) => ({
      id: n.id,
      campaignTitle: campaign.title,
      categoryName: categoriesOf(campaign).find((k) => k.key === n.categoryKey)?.name ?? n.categoryKey,
      awardingBody: names.get(campaign.regionCode) ?? campaign.regionCode,
      awardedAt: (n.awardedAt ?? campaign.createdAt).toISOString(),
      certificateId: n.certificateId,
      certificateNumber: certificateNumber ?? null,
    })),
  };
}

