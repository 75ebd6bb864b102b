import type { z } from 'zod';
import type { CouncilDecisionPage as DecisionPageSchema, CouncilMeeting as MeetingSchema, CouncilTopic as TopicSchema } from '@shared/schemas/council';
import { api, type ApiBody, type ApiQuery } from '../../api/client';
import { apiQuery } from '../../api/query';

export type CouncilTopic = z.infer<typeof TopicSchema>;
export type CouncilMeeting = z.infer<typeof MeetingSchema>;
export type OverduePage = z.infer<typeof DecisionPageSchema>;

/** 小板凳议事会: topics, supports, meetings, minutes, decisions. */
export const councilApi = {
  topics: (query: ApiQuery<'/council-topics'>) => apiQuery('/council-topics', { query }),
  raise: (body: ApiBody<'/council-topics'>) => api.post('/council-topics', { body }),
  support: (topicId: string) => api.post('/council-topics/{id}/support', { params: { id: topicId } }),
  toRequest: (topicId: string, body: ApiBody<'/council-topics/{id}/request'>) => api.post('/council-topics/{id}/request', { params: { id: topicId }, body }),
  meetings: (query: ApiQuery<'/council-meetings'>) => apiQuery('/council-meetings', { query }),
  schedule: (body: ApiBody<'/council-meetings'>) => api.post('/council-meetings', { body }),
  minutes: (meetingId: string, body: ApiBody<'/council-meetings/{id}/minutes'>) => api.post('/council-meetings/{id}/minutes', { params: { id: meetingId }, body }),
  done: (decisionId: string, note: string) => api.post('/council-decisions/{id}/done', { params: { id: decisionId }, body: { note } }),
  overdue: (query: ApiQuery<'/council-decisions/overdue'>) => apiQuery('/council-decisions/overdue', { query }),
};
