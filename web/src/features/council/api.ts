import type { z } from 'zod';
import type { CouncilDecisionPage as DecisionPageSchema, CouncilMeeting as MeetingSchema, CouncilTopic as TopicSchema } from '@shared/schemas/council';
import { legacyApi as api } from '../../api/use-request';

export type CouncilTopic = z.infer<typeof TopicSchema>;
export type CouncilMeeting = z.infer<typeof MeetingSchema>;
export type OverduePage = z.infer<typeof DecisionPageSchema>;
type Page<T> = { items: T[]; total: number };
const id = (s: string) => encodeURIComponent(s);

/** 小板凳议事会: topics, supports, meetings, minutes, decisions. */
export const councilApi = {
  topics: (query: { regionCode?: string; status?: string; mine?: boolean; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<CouncilTopic>>('/council-topics', query, signal),
  raise: (body: { regionCode: string; title: string; description: string; residentId?: string }) => api.post<CouncilTopic>('/council-topics', body),
  support: (topicId: string) => api.post<CouncilTopic>(`/council-topics/${id(topicId)}/support`),
  toRequest: (topicId: string, body: { address: string; category?: string }) => api.post<CouncilTopic>(`/council-topics/${id(topicId)}/request`, body),
  meetings: (query: { regionCode?: string; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<CouncilMeeting>>('/council-meetings', query, signal),
  schedule: (body: { regionCode: string; title: string; place: string; startsAt: string; topicIds: string[] }) => api.post<CouncilMeeting>('/council-meetings', body),
  minutes: (meetingId: string, body: { minutes: string; attendees: number; decisions: Array<{ topicId: string; decision: string; ownerName: string; dueDate: string }>; closed: Array<{ topicId: string; note: string }> }) =>
    api.post<CouncilMeeting>(`/council-meetings/${id(meetingId)}/minutes`, body),
  done: (decisionId: string, note: string) => api.post<CouncilTopic>(`/council-decisions/${id(decisionId)}/done`, { note }),
  overdue: (query: { page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<OverduePage>('/council-decisions/overdue', query, signal),
};
