import type { z } from 'zod';
import type {
  Campaign as CampaignSchema,
  CampaignCreateBody,
  CampaignScheduleBody,
  Candidate as CandidateSchema,
  HonourEntry as HonourEntrySchema,
  MyAward as MyAwardSchema,
  Nomination as NominationSchema,
  NominationCreateBody,
  NominationReviewBody,
  VoteResult as VoteResultSchema,
} from '@shared/schemas/awards';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { uploadFile } from '../../api/upload';

export type Campaign = z.infer<typeof CampaignSchema>;
export type Candidate = z.infer<typeof CandidateSchema>;
export type HonourEntry = z.infer<typeof HonourEntrySchema>;
export type MyAward = z.infer<typeof MyAwardSchema>;
export type Nomination = z.infer<typeof NominationSchema>;
export type VoteResult = z.infer<typeof VoteResultSchema>;

const enc = (s: string) => encodeURIComponent(s);

/** Award campaigns (评选表彰), nominations, votes, the honour wall and my awards. */
export const awardsApi = {
  campaigns: (q: { regionCode?: string | undefined; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<Campaign>>('/award-campaigns', q, signal),
  campaign: (id: string, signal?: AbortSignal) => api.get<Campaign>(`/award-campaigns/${enc(id)}`, undefined, signal),
  create: (body: z.input<typeof CampaignCreateBody>) => api.post<Campaign>('/award-campaigns', body),
  schedule: (id: string, body: CampaignScheduleBody) => api.put<Campaign>(`/award-campaigns/${enc(id)}/schedule`, body),
  candidates: (id: string, signal?: AbortSignal) => api.get<Page<Candidate>>(`/award-campaigns/${enc(id)}/candidates`, { page: 1, pageSize: 100 }, signal),
  vote: (nominationId: string) => api.post<VoteResult>(`/award-nominations/${enc(nominationId)}/votes`),
  nominations: (id: string, q: { orgId?: string | undefined }, signal?: AbortSignal) => api.get<Page<Nomination>>(`/award-campaigns/${enc(id)}/nominations`, { ...q, page: 1, pageSize: 100 }, signal),
  nominate: (id: string, body: z.input<typeof NominationCreateBody>) => api.post<Nomination>(`/award-campaigns/${enc(id)}/nominations`, body),
  /** An evidence file (picture or PDF) for a pending nomination, as the raw body. */
  attachEvidence: (nominationId: string, file: File) => uploadFile<Nomination>(`/award-nominations/${enc(nominationId)}/evidence`, file, { title: file.name.replace(/\.[^.]+$/, '').slice(0, 100) }),
  review: (nominationId: string, body: NominationReviewBody) => api.post<Nomination>(`/award-nominations/${enc(nominationId)}/review`, body),
  publish: (id: string, winners: string[]) => api.post<Campaign>(`/award-campaigns/${enc(id)}/publish`, { winners }),
  wall: (regionCode: string | undefined, page: number, pageSize: number, signal?: AbortSignal) => api.get<Page<HonourEntry>>('/honour-wall', { regionCode, page, pageSize }, signal),
  mine: (signal?: AbortSignal) => api.get<Page<MyAward>>('/me/awards', { page: 1, pageSize: 50 }, signal),
};
