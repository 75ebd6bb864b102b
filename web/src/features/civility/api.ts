import type { z } from 'zod';
import type { CivilityBoardEntry as EntrySchema, CivilityCriteria as CriteriaSchema, CivilityHousehold as HouseholdSchema, CivilityRating as RatingSchema, MyCivility as MySchema, PublicBoardEntry as PublicEntrySchema, PublicCivilityRating as PublicRatingSchema } from '@shared/schemas/civility';
import { legacyApi as api } from '../../api/use-request';

export type CivilityRating = z.infer<typeof RatingSchema>;
export type CivilityEntry = z.infer<typeof EntrySchema>;
export type CivilityCriteria = z.infer<typeof CriteriaSchema>;
export type CivilityHousehold = z.infer<typeof HouseholdSchema>;
export type MyCivility = z.infer<typeof MySchema>;
export type PublicEntry = z.infer<typeof PublicEntrySchema>;
export type PublicRating = z.infer<typeof PublicRatingSchema>;
type Page<T> = { items: T[]; total: number };
const id = (s: string) => encodeURIComponent(s);

/** 十星级文明户 and 道德红黑榜. */
export const civilityApi = {
  mine: (signal?: AbortSignal) => api.get<MyCivility>('/me/civility', undefined, signal),
  consent: (ratingId: string, consent: boolean, method: 'self' | 'paper' = 'self') => api.post<CivilityRating>(`/civility-ratings/${id(ratingId)}/consent`, { consent, method }),
  appeal: (entryId: string, reason: string) => api.post(`/civility-board/${id(entryId)}/appeals`, { reason }),
  criteria: (regionCode: string, year: number, signal?: AbortSignal) => api.get<CivilityCriteria>('/public/civility-criteria', { regionCode, year }, signal),
  createCriteria: (body: { regionCode: string; year: number; title: string; stars: Array<{ key: string; name: string; description: string }> }) => api.post<CivilityCriteria>('/civility-criteria', body),
  households: (query: { regionCode?: string; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<CivilityHousehold>>('/civility-households', query, signal),
  createHousehold: (body: { regionCode: string; address: string; headName: string }) => api.post<CivilityHousehold>('/civility-households', body),
  rate: (body: { householdId: string; criteriaId: string; stars: Array<{ key: string; earned: boolean; evidence?: string }> }) => api.post<CivilityRating>('/civility-ratings', body),
  ratings: (query: { regionCode?: string; year?: number; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<CivilityRating>>('/civility-ratings', query, signal),
  board: (query: { regionCode?: string; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<CivilityEntry>>('/civility-board', query, signal),
  createEntry: (body: { regionCode: string; board: 'red' | 'black'; title: string; deed: string; evidence: string; subjectName?: string; periodFrom: string; periodTo: string }) => api.post<CivilityEntry>('/civility-board', body),
  review: (entryId: string, decision: 'approve' | 'reject', note?: string) => api.post<CivilityEntry>(`/civility-board/${id(entryId)}/review`, { decision, ...(note ? { note } : {}) }),
  answer: (appealId: string, decision: 'uphold' | 'dismiss', answer: string) => api.post<CivilityEntry>(`/civility-appeals/${id(appealId)}/answer`, { decision, answer }),
  publicBoard: (query: { regionCode?: string; board?: 'red' | 'black'; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<PublicEntry>>('/public/civility-board', query, signal),
  publicRatings: (query: { regionCode?: string; year?: number; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<PublicRating>>('/public/civility-ratings', query, signal),
};
