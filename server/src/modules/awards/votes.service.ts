import type { Actor, AppContext } from '../../context';
import { withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { chinaDate } from '../../lib/working-days';
import { hitRateLimit } from '../../plugins/rate-limit';
import { maskName } from '@shared/lib/person-name';
import type { NominationListQuery } from '@shared/schemas/awards';
import { assertNotSelfBenefit } from '../access/index';
import { isActiveMember } from '../orgs/index';
import * as repo from './awards.repository';
import { requirePhase } from './awards.views';

/**
 * Public voting: one vote per account per candidate per day (China time), kept by the unique
 * index (user, candidate, day), so that two votes sent at once count once; rate-limited per
 * account and per address; nobody votes for themselves or for a team they belong to; votes of
 * accounts created during the voting window are counted apart (the reviewers see them separately).
 */

/** Votes per account per minute, and per address per minute (the shared rate-limit counters). */
export const VOTES_PER_ACCOUNT_PER_MINUTE = 20;
export const VOTES_PER_IP_PER_MINUTE = 120;

export async function vote(ctx: AppContext, actor: Actor, nominationId: string) {
  const now = ctx.clock.now();
  await hitRateLimit(ctx.db, `award-vote:user:${actor.userId}`, VOTES_PER_ACCOUNT_PER_MINUTE, 60, now);
  await hitRateLimit(ctx.db, `award-vote:ip:${actor.ip}`, VOTES_PER_IP_PER_MINUTE, 60, now);
  return withTx(ctx.db, async (tx) => {
    const n = await repo.findNomination(tx, nominationId);
    if (!n || !['approved', 'awarded', 'not_awarded'].includes(n.status)) throw notFound('候选者 candidate');
    const c = (await repo.findCampaign(tx, n.campaignId))!;
    requirePhase(c, now, ['voting'], ['投票', 'Voting']);
    assertNotSelfBenefit(actor, { beneficiaryUserIds: n.kind === 'volunteer' ? [n.subjectId] : [], reason: '不能给自己投票 / You cannot vote for yourself' });
    if (n.kind === 'team' && (await isActiveMember(tx, n.subjectId, actor.userId))) {
      throw new AppError('SELF_BENEFIT', '不能给本人所在的队伍投票 / You cannot vote for a team you belong to', { reason: 'own_team', ownOrganisation: true });
    }
    const createdAt = await repo.accountCreatedAt(tx, actor.userId);
    const newAccount = !!createdAt && createdAt.getTime() >= c.votingOpensAt.getTime();
    const day = chinaDate(now);
    const counted = await repo.insertVote(tx, { id: newId(), cityCode: n.cityCode, campaignId: c.id, nominationId, userId: actor.userId, day, newAccount, createdAt: now });
    if (!counted) throw new AppError('ALREADY_VOTED', undefined, { day });
    const after = await repo.countVote(tx, nominationId, newAccount);
    return { nominationId, votes: after.votes, votedToday: true as const, day };
  });
}

/** Public: the approved candidates of a campaign (and, once published, whether each was awarded). */
export async function candidates(ctx: AppContext, actor: Actor | null, campaignId: string, q: NominationListQuery) {
  const c = await repo.findCampaign(ctx.db, campaignId);
  if (!c) throw notFound('评选活动 campaign');
  const { limit, offset } = offsetOf(q);
  const page = await repo.listNominations(ctx.db, campaignId, { status: ['approved', 'awarded', 'not_awarded'], categoryKey: q.categoryKey, limit, offset });
  const consenting = await repo.publicDisplayOf(ctx.db, page.items.filter((n) => n.kind === 'volunteer').map((n) => n.subjectId));
  const orgs = await repo.orgNames(ctx.db, page.items.map((n) => n.subjectOrgId));
  const voted = actor ? await repo.votedOn(ctx.db, actor.userId, page.items.map((n) => n.id), chinaDate(ctx.clock.now())) : new Set<string>();
  return {
    total: page.total,
    items: page.items.map((n) => ({
      id: n.id,
      categoryKey: n.categoryKey,
      kind: n.kind as 'volunteer' | 'team' | 'project',
      name: n.kind === 'volunteer' && !consenting.has(n.subjectId) ? maskName(n.subjectName) : n.subjectName,
      orgName: orgs.get(n.subjectOrgId) ?? '',
      reasons: n.reasons,
      votes: n.votes,
      votedToday: voted.has(n.id),
      awarded: n.status === 'awarded',
    })),
  };
}
