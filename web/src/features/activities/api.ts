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
import { api, type ApiAnswer, type ApiBody, type ApiQuery } from '../../api/client';
import { apiQuery } from '../../api/query';

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
export type DueActivity = ApiAnswer<'/activities/settlements-due'>['items'][number];
export type Roster = ApiAnswer<'/activities/{id}/attendance'>;
/** One line of a settlement; `decision` is required for a flagged attendance (settleFlags). */
export type SettleEntry = ApiBody<'/activities/{id}/settle'>['entries'][number];
/** 受益人数 recorded at settlement. */
export type Beneficiaries = NonNullable<Activity['beneficiaries']>;
export type SettleResult = ApiAnswer<'/activities/{id}/settle', 'post'>;
export type BatchResult = ApiAnswer<'/activities/review-batch', 'post'>;


export const activitiesApi = {
  list: (query: ApiQuery<'/activities'>) => apiQuery('/activities', { query }),
  get: (activityId: string) => apiQuery('/activities/{id}', { params: { id: activityId } }),
  create: (body: ActivityCreate) => api.post('/activities', { body }),
  update: (activityId: string, body: ActivityUpdate) => api.patch('/activities/{id}', { params: { id: activityId }, body }),
  submit: (activityId: string) => api.post('/activities/{id}/submit', { params: { id: activityId } }),
  review: (activityId: string, decision: 'approve' | 'reject', reason?: string) => api.post('/activities/{id}/review', { params: { id: activityId }, body: { decision, ...(reason ? { reason } : {}) } }),
  reviewBatch: (ids: string[]) => api.post('/activities/review-batch', { body: { ids, decision: 'approve' } }),
  cancel: (activityId: string, reason: string) => api.post('/activities/{id}/cancel', { params: { id: activityId }, body: { reason } }),
  signUp: (activityId: string, userId?: string) => api.post('/activities/{id}/signups', { params: { id: activityId }, body: userId ? { userId } : {} }),
  cancelMine: (activityId: string) => api.delete('/activities/{id}/signups/me', { params: { id: activityId } }),
  cancelFor: (activityId: string, userId: string) => api.delete('/activities/{id}/signups/{userId}', { params: { id: activityId, userId } }),
  activeMembers: (orgId: string) =>
    apiQuery('/orgs/{id}/members', { params: { id: orgId }, query: { status: 'active', pageSize: 100 } }),
  signups: (activityId: string) => apiQuery('/activities/{id}/signups', { params: { id: activityId } }),
  checkinCode: (activityId: string) => apiQuery('/activities/{id}/checkin-code', { params: { id: activityId } }),
  checkin: (activityId: string, body: { token: string; lat?: number; lng?: number }) => api.post('/activities/{id}/checkin', { params: { id: activityId }, body }),
  checkout: (activityId: string, body: { token: string; lat?: number; lng?: number }) => api.post('/activities/{id}/checkout', { params: { id: activityId }, body }),
  manualAttendance: (activityId: string, body: { userId: string; checkinAt: string; checkoutAt?: string; note: string }) =>
    api.post('/activities/{id}/attendance/manual', { params: { id: activityId }, body }),
  roster: (activityId: string) => apiQuery('/activities/{id}/attendance', { params: { id: activityId } }),
  settle: (activityId: string, entries: SettleEntry[], beneficiaries?: Beneficiaries) => api.post('/activities/{id}/settle', { params: { id: activityId }, body: { entries, ...(beneficiaries ? { beneficiaries } : {}) } }),
  settlementsDue: (query: ApiQuery<'/activities/settlements-due'>) => apiQuery('/activities/settlements-due', { query }),
  stations: (regionCode: string) => apiQuery('/stations', { query: { regionCode, pageSize: 50 } }),

  createRecord: (body: RetroRecord) => api.post('/service-records', { body }),
  pendingRetro: (query: ApiQuery<'/service-records/pending-approval'>) => apiQuery('/service-records/pending-approval', { query }),
  approveRetro: (recordId: string) => api.post('/service-records/{id}/approve', { params: { id: recordId } }),
  rejectRetro: (recordId: string, reason: string) => api.post('/service-records/{id}/reject', { params: { id: recordId }, body: { reason } }),
  myRecords: (query: ApiQuery<'/me/service-records'>) => apiQuery('/me/service-records', { query }),
  orgRecords: (orgId: string, query: ApiQuery<'/orgs/{id}/service-records'>) => apiQuery('/orgs/{id}/service-records', { params: { id: orgId }, query }),
  record: (recordId: string) => apiQuery('/service-records/{id}', { params: { id: recordId } }),
  dispute: (recordId: string, reason: string) => api.post('/service-records/{id}/disputes', { params: { id: recordId }, body: { reason } }),
  disputes: (query: ApiQuery<'/disputes'>) => apiQuery('/disputes', { query }),
  answerDispute: (disputeId: string, body: { decision: 'correct' | 'reject'; answer: string; minutes?: number }) =>
    api.post('/disputes/{id}/answer', { params: { id: disputeId }, body }),

  notifications: (query: ApiQuery<'/me/notifications'>) => apiQuery('/me/notifications', { query }),
  readNotification: (notificationId: string) => api.post('/me/notifications/{id}/read', { params: { id: notificationId } }),
  readAll: () => api.post('/me/notifications/read-all'),
};
