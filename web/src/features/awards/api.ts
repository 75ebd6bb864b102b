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
import { apiQuery } from '../../api/query';
import { uploadFile } from '../../api/upload';

export type Campaign = z.infer<typeof CampaignSchema>;
export type Candidate = z.infer<typeof CandidateSchema>;
export type HonourEntry = z.infer<typeof HonourEntrySchema>;
export type MyAward = z.infer<typeof MyAwardSchema>;
export type Nomination = z.infer<typeof NominationSchema>;
export type VoteResult = z.infer<typeof VoteResultSchema>;


/** Award campaigns (评选表彰), nominations, votes, the honour wall and my awards. */
export const awardsApi = {
  campaigns: (q: { regionCode?: string | undefined; page?: number; pageSize?: number }) => apiQuery('/award-campaigns', { query: q }),
  campaign: (id: string) => apiQuery('/award-campaigns/{id}', { params: { id } }),
  create: (body: z.input<typeof CampaignCreateBody>) => api.post('/award-campaigns', { body }),
  schedule: (id: string, body: CampaignScheduleBody) => api.put('/award-campaigns/{id}/schedule', { params: { id }, body }),
  candidates: (id: string) => apiQuery('/award-campaigns/{id}/candidates', { params: { id }, query: { page: 1, pageSize: 100 } }),
  vote: (nominationId: string) => api.post('/award-nominations/{id}/votes', { params: { id: nominationId } }),
  nominations: (id: string, q: { orgId?: string | undefined }) => apiQuery('/award-campaigns/{id}/nominations', { params: { id }, query: { ...q, page: 1, pageSize: 100 } }),
  nominate: (id: string, body: z.input<typeof NominationCreateBody>) => api.post('/award-campaigns/{id}/nominations', { params: { id }, body }),
  /** An evidence file (picture or PDF) for a pending nomination, as the raw body. */
  attachEvidence: (nominationId: string, file: File) => uploadFile<Nomination>(`/award-nominations/${encodeURIComponent(nominationId)}/evidence`, file, { title: file.name.replace(/\.[^.]+$/, '').slice(0, 100) }),
  review: (nominationId: string, body: NominationReviewBody) => api.post('/award-nominations/{id}/review', { params: { id: nominationId }, body }),
  publish: (id: string, winners: string[]) => api.post('/award-campaigns/{id}/publish', { params: { id }, body: { winners } }),
  wall: (regionCode: string | undefined, page: number, pageSize: number) => apiQuery('/honour-wall', { query: { regionCode, page, pageSize } }),
  mine: () => apiQuery('/me/awards', { query: { page: 1, pageSize: 50 } }),
};
