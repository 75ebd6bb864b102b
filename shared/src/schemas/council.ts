import { z } from 'zod';
import { SERVICE_CATEGORIES } from '../constants';
import { Id, InputDateTime, IsoDateTime, PageQuery, RegionCode } from './common';
import { Day } from './stats';

/** 小板凳议事会 (residents' council): topics, supports, meetings, minutes, decisions with follow-up. */

export const TOPIC_STATUSES = ['open', 'scheduled', 'decided', 'done', 'closed'] as const;
export const TopicStatus = z.enum(TOPIC_STATUSES);

export const CouncilTopicBody = z.object({
  regionCode: RegionCode,
  title: z.string().trim().min(4).max(80),
  description: z.string().trim().min(4).max(2000),
  /** Staff typing in a topic for a resident without a smartphone (代录). */
  residentId: Id.optional(),
});
export const CouncilDecision = z.object({
  id: Id,
  meetingId: Id,
  topicId: Id,
  decision: z.string(),
  ownerName: z.string(),
  dueDate: z.string(),
  status: z.enum(['open', 'done']),
  /** Open past its due day (China time). */
  overdue: z.boolean(),
  doneAt: IsoDateTime.nullable(),
  doneNote: z.string().nullable(),
});
export const CouncilTopic = z.object({
  id: Id,
  regionCode: z.string(),
  regionName: z.string(),
  title: z.string(),
  description: z.string(),
  /** The resident who raised it, masked for everyone but themself and the community's staff. */
  raisedByName: z.string(),
  isMine: z.boolean(),
  onBehalf: z.boolean(),
  supportCount: z.number().int(),
  supportedByMe: z.boolean(),
  status: TopicStatus,
  requestId: Id.nullable(),
  closedNote: z.string().nullable(),
  meetings: z.array(z.object({ id: Id, title: z.string(), startsAt: IsoDateTime, status: z.enum(['scheduled', 'held']) })),
  decisions: z.array(CouncilDecision),
  overdue: z.boolean(),
  createdAt: IsoDateTime,
});
export const CouncilTopicPage = z.object({ items: z.array(CouncilTopic), total: z.number().int().nonnegative() });
export const CouncilTopicQuery = PageQuery.extend({ regionCode: RegionCode.optional(), status: TopicStatus.optional(), mine: z.coerce.boolean().optional() });

export const CouncilMeetingBody = z.object({
  regionCode: RegionCode,
  title: z.string().trim().min(2).max(100),
  place: z.string().trim().min(2).max(200),
  startsAt: InputDateTime,
  topicIds: z.array(Id).min(1).max(30),
});
export const CouncilMinutesBody = z.object({
  minutes: z.string().trim().min(10).max(10_000),
  attendees: z.number().int().min(1).max(10_000),
  decisions: z
    .array(z.object({ topicId: Id, decision: z.string().trim().min(2).max(1000), ownerName: z.string().trim().min(1).max(60), ownerUserId: Id.optional(), dueDate: Day }))
    .max(30)
    .default([]),
  /** Topics heard and closed without a follow-up, with the reason the residents see. */
  closed: z.array(z.object({ topicId: Id, note: z.string().trim().min(2).max(500) })).max(30).default([]),
});
export const CouncilMeeting = z.object({
  id: Id,
  regionCode: z.string(),
  regionName: z.string(),
  title: z.string(),
  place: z.string(),
  startsAt: IsoDateTime,
  status: z.enum(['scheduled', 'held']),
  minutes: z.string().nullable(),
  attendees: z.number().int().nullable(),
  topics: z.array(z.object({ id: Id, title: z.string(), status: TopicStatus, supportCount: z.number().int() })),
  decisions: z.array(CouncilDecision),
});
export const CouncilMeetingPage = z.object({ items: z.array(CouncilMeeting), total: z.number().int().nonnegative() });
export const CouncilListQuery = PageQuery.extend({ regionCode: RegionCode.optional() });
export const CouncilDecisionDoneBody = z.object({ note: z.string().trim().min(2).max(500) });
export const CouncilOverdueQuery = PageQuery.extend({ regionCode: RegionCode.optional() });
export const CouncilDecisionPage = z.object({ items: z.array(CouncilDecision.extend({ topicTitle: z.string(), regionName: z.string() })), total: z.number().int().nonnegative() });

/** A topic becomes a residents' request in one step (on behalf of the resident who raised it). */
export const TopicToRequestBody = z.object({ category: z.enum(SERVICE_CATEGORIES).default('community_governance'), address: z.string().trim().min(2).max(200) });
