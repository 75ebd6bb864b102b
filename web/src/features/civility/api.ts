import type { z } from 'zod';
import type { CivilityBoardEntry as EntrySchema, CivilityCriteria as CriteriaSchema, CivilityHousehold as HouseholdSchema, CivilityRating as RatingSchema, MyCivility as MySchema, PublicBoardEntry as PublicEntrySchema, PublicCivilityRating as PublicRatingSchema } from '@shared/schemas/civility';
import { api, type ApiBody, type ApiQuery } from '../../api/client';
import { apiQuery } from '../../api/query';

export type CivilityRating = z.infer<typeof RatingSchema>;
export type CivilityEntry = z.infer<typeof EntrySchema>;
export type CivilityCriteria = z.infer<typeof CriteriaSchema>;
export type CivilityHousehold = z.infer<typeof HouseholdSchema>;
export type MyCivility = z.infer<typeof MySchema>;
export type PublicEntry = z.infer<typeof PublicEntrySchema>;
export type PublicRating = z.infer<typeof PublicRatingSchema>;

/** 十星级文明户 and 道德红黑榜. */
export const civilityApi = {
  mine: () => apiQuery('/me/civility'),
  consent: (ratingId: string, consent: boolean, method: 'self' | 'paper' = 'self') => api.post('/civility-ratings/{id}/consent', { params: { id: ratingId }, body: { consent, method } }),
  appeal: (entryId: string, reason: string) => api.post('/civility-board/{id}/appeals', { params: { id: entryId }, body: { reason } }),
  criteria: (regionCode: string, year: number) => apiQuery('/public/civility-criteria', { query: { regionCode, year } }),
  createCriteria: (body: ApiBody<'/civility-criteria'>) => api.post('/civility-criteria', { body }),
  households: (query: ApiQuery<'/civility-households'>) => apiQuery('/civility-households', { query }),
  createHousehold: (body: ApiBody<'/civility-households'>) => api.post('/civility-households', { body }),
  rate: (body: ApiBody<'/civility-ratings'>) => api.post('/civility-ratings', { body }),
  ratings: (query: ApiQuery<'/civility-ratings'>) => apiQuery('/civility-ratings', { query }),
  board: (query: ApiQuery<'/civility-board'>) => apiQuery('/civility-board', { query }),
  createEntry: (body: ApiBody<'/civility-board'>) => api.post('/civility-board', { body }),
  review: (entryId: string, decision: 'approve' | 'reject', note?: string) => api.post('/civility-board/{id}/review', { params: { id: entryId }, body: { decision, ...(note ? { note } : {}) } }),
  answer: (appealId: string, decision: 'uphold' | 'dismiss', answer: string) => api.post('/civility-appeals/{id}/answer', { params: { id: appealId }, body: { decision, answer } }),
  publicBoard: (query: ApiQuery<'/public/civility-board'>) => apiQuery('/public/civility-board', { query }),
  publicRatings: (query: ApiQuery<'/public/civility-ratings'>) => apiQuery('/public/civility-ratings', { query }),
};
