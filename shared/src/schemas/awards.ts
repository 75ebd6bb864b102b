import { z } from 'zod';
import { Id, InputDateTime, IsoDateTime, PageQuery, RegionCode, pageOf } from './common';
import { Day } from './stats';

/** Award campaigns (评选表彰), nominations, public voting and the honour wall (荣誉墙). */

export const AwardKind = z.enum(['volunteer', 'team', 'project']);
export type AwardKind = z.infer<typeof AwardKind>;

export const AwardCategory = z.object({
  key: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'key: a-z, 0-9, _ or -'),
  kind: AwardKind,
  /** 最美志愿者, 优秀志愿服务队, 优秀志愿服务项目 … */
  name: z.string().trim().min(1).max(40),
  /** How many may be awarded. */
  quota: z.number().int().min(1).max(500),
});
export type AwardCategory = z.infer<typeof AwardCategory>;

const ScheduleFields = z.object({ nominationOpensAt: InputDateTime, nominationClosesAt: InputDateTime, votingOpensAt: InputDateTime, votingClosesAt: InputDateTime });

function checkWindows(b: z.infer<typeof ScheduleFields>, c: z.RefinementCtx) {
  const t = (s: string) => new Date(s).getTime();
  if (t(b.nominationOpensAt) >= t(b.nominationClosesAt)) c.addIssue({ code: 'custom', path: ['nominationClosesAt'], message: '提名截止须晚于开始 / Nominations must close after they open' });
  if (t(b.nominationClosesAt) > t(b.votingOpensAt)) c.addIssue({ code: 'custom', path: ['votingOpensAt'], message: '投票须在提名截止后开始 / Voting opens after nominations close' });
  if (t(b.votingOpensAt) >= t(b.votingClosesAt)) c.addIssue({ code: 'custom', path: ['votingClosesAt'], message: '投票截止须晚于开始 / Voting must close after it opens' });
}

/** The region moves a campaign's windows (closing nominations early, opening the vote…) until it publishes. */
export const CampaignScheduleBody = ScheduleFields.superRefine(checkWindows);
export type CampaignScheduleBody = z.infer<typeof CampaignScheduleBody>;

export const CampaignCreateBody = ScheduleFields.extend({
  regionCode: RegionCode,
  title: z.string().trim().min(2).max(80),
  description: z.string().trim().max(2000).default(''),
  categories: z
    .array(AwardCategory)
    .min(1)
    .max(10)
    .refine((cs) => new Set(cs.map((c) => c.key)).size === cs.length, '类别代码不能重复 / Category keys must differ'),
  /** Minimum confirmed service hours of a volunteer candidate (the honours module's totals). */
  minHours: z.number().int().min(0).max(100_000).default(0),
  /** The service period honoured: a project's activity must take place in it. */
  periodFrom: Day,
  periodTo: Day,
}).superRefine((b, c) => {
  if (b.periodFrom > b.periodTo) c.addIssue({ code: 'custom', path: ['periodTo'], message: '开始日期不能晚于结束日期 / from must not be after to' });
  checkWindows(b, c);
});
export type CampaignCreateBody = z.infer<typeof CampaignCreateBody>;

/** Where a campaign stands by the clock: before nominations, nominating, reviewing, voting, deciding, published. */
export const CampaignPhase = z.enum(['upcoming', 'nominating', 'reviewing', 'voting', 'deciding', 'published']);
export type CampaignPhase = z.infer<typeof CampaignPhase>;

export const Campaign = z.object({
  id: Id,
  regionCode: RegionCode,
  regionName: z.string(),
  title: z.string(),
  description: z.string(),
  categories: z.array(AwardCategory),
  minHours: z.number().int(),
  periodFrom: z.string(),
  periodTo: z.string(),
  nominationOpensAt: IsoDateTime,
  nominationClosesAt: IsoDateTime,
  votingOpensAt: IsoDateTime,
  votingClosesAt: IsoDateTime,
  phase: CampaignPhase,
  publishedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type Campaign = z.infer<typeof Campaign>;
export const CampaignPage = pageOf(Campaign);

export const CampaignListQuery = PageQuery.extend({ regionCode: RegionCode.optional() });
export type CampaignListQuery = z.infer<typeof CampaignListQuery>;

export const EvidenceLink = z.object({
  url: z
    .string()
    .trim()
    .max(500)
    .url()
    .refine((u) => /^https?:\/\//i.test(u), '只接受 http(s) 链接 / http(s) links only'),
  title: z.string().trim().max(80).default(''),
});

export const NominationCreateBody = z.object({
  categoryKey: z.string().min(1).max(32),
  /** The nominating organisation (its admin nominates). */
  orgId: Id,
  /** The volunteer (user id), team (organisation id) or project (activity id). */
  subjectId: Id,
  reasons: z.string().trim().min(10).max(3000),
  evidence: z.array(EvidenceLink).max(10).default([]),
});
export type NominationCreateBody = z.infer<typeof NominationCreateBody>;

export const EvidenceParams = z.object({ id: Id, fileId: Id });
export const EvidenceUploadQuery = z.object({ title: z.string().trim().max(100).optional() });

export const NominationStatus = z.enum(['pending', 'approved', 'rejected', 'awarded', 'not_awarded']);

/** What the nominating organisation and the region's reviewers see. */
export const Nomination = z.object({
  id: Id,
  campaignId: Id,
  categoryKey: z.string(),
  kind: AwardKind,
  subjectId: Id,
  subjectName: z.string(),
  regionCode: RegionCode,
  nominatingOrgId: Id,
  nominatingOrgName: z.string(),
  reasons: z.string(),
  /** Links given with the nomination, and files attached to it (fileId, contentType: read at `url` by the organisation and the reviewers). */
  evidence: z.array(z.object({ url: z.string(), title: z.string(), fileId: z.string().optional(), contentType: z.string().optional() })),
  status: NominationStatus,
  reviewReason: z.string().nullable(),
  reviewedAt: IsoDateTime.nullable(),
  /** Votes from accounts older than the voting window. */
  votes: z.number().int(),
  /** Votes from accounts created during the voting window, counted apart. */
  newAccountVotes: z.number().int(),
  createdAt: IsoDateTime,
});
export type Nomination = z.infer<typeof Nomination>;
export const NominationPage = pageOf(Nomination);

export const NominationListQuery = PageQuery.extend({ orgId: Id.optional(), status: NominationStatus.optional(), categoryKey: z.string().max(32).optional() });
export type NominationListQuery = z.infer<typeof NominationListQuery>;

export const NominationReviewBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), reason: z.string().trim().max(500).optional() }),
  z.object({ decision: z.literal('reject'), reason: z.string().trim().min(2).max(500) }),
]);
export type NominationReviewBody = z.infer<typeof NominationReviewBody>;

/** A candidate as the public sees it: a volunteer by name only with consent to public display. */
export const Candidate = z.object({
  id: Id,
  categoryKey: z.string(),
  kind: AwardKind,
  name: z.string(),
  orgName: z.string(),
  reasons: z.string(),
  votes: z.number().int(),
  /** Signed in: whether I voted for it today (China time). */
  votedToday: z.boolean(),
  awarded: z.boolean(),
});
export const CandidatePage = pageOf(Candidate);

export const VoteResult = z.object({ nominationId: Id, votes: z.number().int(), votedToday: z.literal(true), day: z.string() });

export const PublishBody = z.object({
  /** The nominations the region decides to award (not only by votes), within each category's quota. */
  winners: z.array(Id).max(1000),
});
export type PublishBody = z.infer<typeof PublishBody>;

export const HonourWallQuery = PageQuery.extend({ regionCode: RegionCode.optional() });
export type HonourWallQuery = z.infer<typeof HonourWallQuery>;

export const HonourEntry = z.object({
  id: Id,
  campaignId: Id,
  campaignTitle: z.string(),
  categoryName: z.string(),
  kind: AwardKind,
  name: z.string(),
  orgName: z.string(),
  regionCode: RegionCode,
  awardedAt: IsoDateTime,
});
export const HonourWallPage = pageOf(HonourEntry);

/** An award on the volunteer's own record (art. 9: name, date, awarding body) with its certificate. */
export const MyAward = z.object({
  id: Id,
  campaignTitle: z.string(),
  categoryName: z.string(),
  awardingBody: z.string(),
  awardedAt: IsoDateTime,
  certificateId: Id.nullable(),
  certificateNumber: z.string().nullable(),
});
export const MyAwardPage = pageOf(MyAward);
