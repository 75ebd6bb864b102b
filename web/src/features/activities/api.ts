import type { z } from 'zod';
import type {
  Activity as ActivitySchema,
  ActivityCreateBody,
  ActivityUpdateBody,
  Attendance as AttendanceSchema,
  CheckinCode as CheckinCodeSchema,
  Dispute as DisputeSchema,
  Notification as NotificationSchema,
  RetroRecordBody,
  RosterEntry as RosterEntrySchema,
  ServiceRecord as ServiceRecordSchema,
  Signup as SignupSchema,
} from '@shared/schemas/activities';
import type { Station as StationSchema } from '@shared/schemas/orgs';
import { api, type QueryValue } from '../../api/client';
import type { Page } from '../../api/types';

export type Activity = z.infer<typeof ActivitySchema>;
export type ActivityStatus = Activity['status'];
export type ActivityCreate = z.infer<typeof ActivityCreateBody>;
export type ActivityUpdate = z.infer<typeof ActivityUpdateBody>;
export type Signup = z.infer<typeof SignupSchema>;
export type CheckinCode = z.infer<typeof CheckinCodeSchema>;
export type Attendance = z.infer<typeof AttendanceSchema>;
export type RosterEntry = z.infer<typeof RosterEntrySchema>;
export type ServiceRecord = z.infer<typeof ServiceRecordSchema>;
export type Dispute = z.infer<typeof DisputeSchema>;
export type Notification = z.infer<typeof NotificationSchema>;
export type RetroRecord = z.infer<typeof RetroRecordBody>;
export type Station = z.infer<typeof StationSchema>;
export type DueActivity = Activity & { workingDaysLeft: number };
export interface Roster {
  items: RosterEntry[];
  settleDeadline: string;
  settledAt: string | null;
}
export interface SettleEntry {
  userId: string;
  minutes?: number;
  reason?: string;
  /** Required for a flagged attendance (settleFlags). */
  decision?: 'include' | 'exclude';
}
/** 受益人数 recorded at settlement. */
export type Beneficiaries = NonNullable<Activity['beneficiaries']>;
export interface SettleResult {
  records: ServiceRecord[];
  skipped: Array<{ userId: string; reason: 'self_benefit'; message: string }>;
  excluded: Array<{ userId: string; reason: string }>;
}
export interface BatchResult {
  approved: number;
  results: { id: string; ok: boolean; code?: string; message?: string }[];
}

const id = (s: string) => encodeURIComponent(s);

export const activitiesApi = {
  list: (query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<Activity>>('/activities', query, signal),
  get: (activityId: string, signal?: AbortSignal) => api.get<Activity>(`/activities/${id(activityId)}`, undefined, signal),
  create: (body: ActivityCreate) => api.post<Activity & { occurrences: number }>('/activities', body),
  update: (activityId: string, body: ActivityUpdate) => api.patch<Activity>(`/activities/${id(activityId)}`, body),
  submit: (activityId: string) => api.post<Activity>(`/activities/${id(activityId)}/submit`),
  review: (activityId: string, decision: 'approve' | 'reject', reason?: string) => api.post<Activity>(`/activities/${id(activityId)}/review`, { decision, ...(reason ? { reason } : {}) }),
  reviewBatch: (ids: string[]) => api.post<BatchResult>('/activities/review-batch', { ids, decision: 'approve' }),
  cancel: (activityId: string, reason: string) => api.post<Activity>(`/activities/${id(activityId)}/cancel`, { reason }),
  signUp: (activityId: string, userId?: string) => api.post<Signup>(`/activities/${id(activityId)}/signups`, userId ? { userId } : {}),
  cancelMine: (activityId: string) => api.delete(`/activities/${id(activityId)}/signups/me`),
  cancelFor: (activityId: string, userId: string) => api.delete(`/activities/${id(activityId)}/signups/${id(userId)}`),
  activeMembers: (orgId: string, signal?: AbortSignal) =>
    api.get<{ items: Array<{ userId: string; userName: string; volunteerNo: string | null }>; total: number }>(`/orgs/${id(orgId)}/members`, { status: 'active', pageSize: 100 }, signal),
  signups: (activityId: string, signal?: AbortSignal) => api.get<{ items: Signup[] }>(`/activities/${id(activityId)}/signups`, undefined, signal),
  checkinCode: (activityId: string, signal?: AbortSignal) => api.get<CheckinCode>(`/activities/${id(activityId)}/checkin-code`, undefined, signal),
  checkin: (activityId: string, body: { token: string; lat?: number; lng?: number }) => api.post<{ attendance: Attendance }>(`/activities/${id(activityId)}/checkin`, body),
  checkout: (activityId: string, body: { token: string; lat?: number; lng?: number }) => api.post<{ attendance: Attendance }>(`/activities/${id(activityId)}/checkout`, body),
  manualAttendance: (activityId: string, body: { userId: string; checkinAt: string; checkoutAt?: string; note: string }) =>
    api.post<{ attendance: Attendance }>(`/activities/${id(activityId)}/attendance/manual`, body),
  roster: (activityId: string, signal?: AbortSignal) => api.get<Roster>(`/activities/${id(activityId)}/attendance`, undefined, signal),
  settle: (activityId: string, entries: SettleEntry[], beneficiaries?: Beneficiaries) => api.post<SettleResult>(`/activities/${id(activityId)}/settle`, { entries, ...(beneficiaries ? { beneficiaries } : {}) }),
  settlementsDue: (query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<DueActivity>>('/activities/settlements-due', query, signal),
  stations: (regionCode: string, signal?: AbortSignal) => api.get<Page<Station>>('/stations', { regionCode, pageSize: 50 }, signal),

  createRecord: (body: RetroRecord) => api.post<{ serviceRecord: ServiceRecord }>('/service-records', body),
  pendingRetro: (query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<ServiceRecord>>('/service-records/pending-approval', query, signal),
  approveRetro: (recordId: string) => api.post<{ serviceRecord: ServiceRecord }>(`/service-records/${id(recordId)}/approve`),
  rejectRetro: (recordId: string, reason: string) => api.post<{ serviceRecord: ServiceRecord }>(`/service-records/${id(recordId)}/reject`, { reason }),
  myRecords: (query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<ServiceRecord>>('/me/service-records', query, signal),
  orgRecords: (orgId: string, query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<ServiceRecord>>(`/orgs/${id(orgId)}/service-records`, query, signal),
  record: (recordId: string, signal?: AbortSignal) => api.get<ServiceRecord>(`/service-records/${id(recordId)}`, undefined, signal),
  dispute: (recordId: string, reason: string) => api.post<Dispute>(`/service-records/${id(recordId)}/disputes`, { reason }),
  disputes: (query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<Dispute>>('/disputes', query, signal),
  answerDispute: (disputeId: string, body: { decision: 'correct' | 'reject'; answer: string; minutes?: number }) =>
    api.post<{ dispute: Dispute; correction: ServiceRecord | null }>(`/disputes/${id(disputeId)}/answer`, body),

  notifications: (query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<Notification> & { unread: number }>('/me/notifications', query, signal),
  readNotification: (notificationId: string) => api.post<{ updated: number }>(`/me/notifications/${id(notificationId)}/read`),
  readAll: () => api.post<{ updated: number }>('/me/notifications/read-all'),
};
