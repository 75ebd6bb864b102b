import type { AwardCategory, Campaign, CampaignPhase, Nomination } from '@shared/schemas/awards';
import { AppError } from '../../lib/app-error';
import type { CampaignRow, NominationRow } from './awards.repository';

/** Where a campaign stands by the clock. */
export function phaseOf(c: CampaignRow, now: Date): CampaignPhase {
  if (c.status === 'published') return 'published';
  const t = now.getTime();
  if (t < c.nominationOpensAt.getTime()) return 'upcoming';
  if (t < c.nominationClosesAt.getTime()) return 'nominating';
  if (t < c.votingOpensAt.getTime()) return 'reviewing';
  if (t < c.votingClosesAt.getTime()) return 'voting';
  return 'deciding';
}

const PHASE_WORDS: Record<CampaignPhase, [string, string]> = {
  upcoming: ['尚未开始', 'not started yet'],
  nominating: ['正在提名', 'taking nominations'],
  reviewing: ['正在审核', 'under review'],
  voting: ['正在投票', 'voting'],
  deciding: ['正在评定结果', 'having its results decided'],
  published: ['已公布结果', 'published'],
};

/** Refuses (OUTSIDE_WINDOW) unless the campaign is in one of the phases; says which phase it is in and the windows. */
export function requirePhase(c: CampaignRow, now: Date, allowed: readonly CampaignPhase[], step: [zh: string, en: string]): void {
  const phase = phaseOf(c, now);
  if (allowed.includes(phase)) return;
  const [zh, en] = PHASE_WORDS[phase];
  throw new AppError('OUTSIDE_WINDOW', `现在不能${step[0]}：该评选${zh} / ${step[1]} is not possible now: the campaign is ${en}`, {
    phase,
    nominationOpensAt: c.nominationOpensAt.toISOString(),
    nominationClosesAt: c.nominationClosesAt.toISOString(),
    votingOpensAt: c.votingOpensAt.toISOString(),
    votingClosesAt: c.votingClosesAt.toISOString(),
  });
}

export function categoriesOf(c: CampaignRow): AwardCategory[] {
  return c.categories as AwardCategory[];
}

export function toCampaign(c: CampaignRow, now: Date, regionName: string): Campaign {
  return {
    id: c.id,
    regionCode: c.regionCode,
    regionName,
    title: c.title,
    description: c.description,
    categories: categoriesOf(c),
    minHours: c.minHours,
    periodFrom: c.periodFrom,
    periodTo: c.periodTo,
    nominationOpensAt: c.nominationOpensAt.toISOString(),
    nominationClosesAt: c.nominationClosesAt.toISOString(),
    votingOpensAt: c.votingOpensAt.toISOString(),
    votingClosesAt: c.votingClosesAt.toISOString(),
    phase: phaseOf(c, now),
    publishedAt: c.publishedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

export function toNomination(n: NominationRow, orgName: string): Nomination {
  return {
    id: n.id,
    campaignId: n.campaignId,
    categoryKey: n.categoryKey,
    kind: n.kind as Nomination['kind'],
    subjectId: n.subjectId,
    subjectName: n.subjectName,
    regionCode: n.regionCode,
    nominatingOrgId: n.nominatingOrgId,
    nominatingOrgName: orgName,
    reasons: n.reasons,
    evidence: n.evidence as Nomination['evidence'],
    status: n.status as Nomination['status'],
    reviewReason: n.reviewReason,
    reviewedAt: n.reviewedAt?.toISOString() ?? null,
    votes: n.votes,
    newAccountVotes: n.newAccountVotes,
    createdAt: n.createdAt.toISOString(),
  };
}
