import type { z } from 'zod';
import type { ServiceCategory } from '@shared/constants';
import type {
  ClaimantType,
  PublicWish as PublicWishSchema,
  RequestCreateBody,
  RequestDetail as RequestDetailSchema,
  RequestStatus as RequestStatusSchema,
  ServiceRequest as ServiceRequestSchema,
  StaffWish as StaffWishSchema,
  Suggestion as SuggestionSchema,
  WishStats as WishStatsSchema,
} from '@shared/schemas/requests';
import { api } from '../../api/client';
import type { Page, User } from '../../api/types';

export type ServiceRequest = z.infer<typeof ServiceRequestSchema>;
export type RequestDetail = z.infer<typeof RequestDetailSchema>;
export type RequestStatus = z.infer<typeof RequestStatusSchema>;
export type Suggestion = z.infer<typeof SuggestionSchema>;
export type NewRequest = z.input<typeof RequestCreateBody>;
export type PublicWish = z.infer<typeof PublicWishSchema>;
export type StaffWish = z.infer<typeof StaffWishSchema>;
export type AnyWish = PublicWish | StaffWish;
export type WishStats = z.infer<typeof WishStatsSchema>;
export type ClaimantKind = z.infer<typeof ClaimantType>;
export type WishStatus = PublicWish['status'];
export type { ServiceCategory };

export interface RequestListQuery {
  scope: 'mine' | 'queue' | 'assigned';
  status?: RequestStatus;
  regionCode?: string;
  overdue?: 'true';
  page?: number;
  pageSize?: number;
}

/** A team member as `GET /orgs/:id/members` lists them (only what these pages use). */
export interface TeamMember {
  id: string;
  userId: string;
  userName: string;
  phone: string;
  role: string;
  status: string;
}

export interface NewWish {
  title: string;
  story: string;
  /** The value in fen (money is kept in fen: shared/src/lib/money). */
  valueFen: number;
  regionCode: string;
  beneficiaryName: string;
  beneficiaryPhone?: string;
  beneficiaryAddress?: string;
  claimDays?: number;
}

const id = (s: string) => encodeURIComponent(s);

/** 四单工作法: 点单 → 派单 → 接单 → 评单. */
export const requestsApi = {
  /** `idempotencyKey`: one per submission (useKeyKeeper), so a retry never orders or reserves twice. */
  create: (body: NewRequest, idempotencyKey: string) => api.post<ServiceRequest>('/service-requests', body, { idempotencyKey }),
  list: (q: RequestListQuery, signal?: AbortSignal) => api.get<Page<ServiceRequest>>('/service-requests', { ...q }, signal),
  get: (rid: string, signal?: AbortSignal) => api.get<RequestDetail>(`/service-requests/${id(rid)}`, undefined, signal),
  suggestions: (rid: string, signal?: AbortSignal) => api.get<{ items: Suggestion[] }>(`/service-requests/${id(rid)}/suggestions`, undefined, signal),
  dispatch: (rid: string, body: { orgId?: string; userId?: string; dueAt: string; note?: string }) => api.post<ServiceRequest>(`/service-requests/${id(rid)}/dispatch`, body),
  accept: (rid: string, helperIds?: string[]) => api.post<ServiceRequest>(`/service-requests/${id(rid)}/accept`, helperIds?.length ? { helperIds } : {}),
  decline: (rid: string, reason: string) => api.post<ServiceRequest>(`/service-requests/${id(rid)}/decline`, { reason }),
  checkin: (rid: string, pos: { lat?: number; lng?: number }) => api.post<ServiceRequest>(`/service-requests/${id(rid)}/checkin`, pos),
  checkout: (rid: string, pos: { lat?: number; lng?: number }) => api.post<ServiceRequest>(`/service-requests/${id(rid)}/checkout`, pos),
  rate: (rid: string, body: { happened: boolean; stars?: number; comment?: string }) => api.post<ServiceRequest>(`/service-requests/${id(rid)}/rate`, body),
  cancel: (rid: string, reason: string) => api.post<ServiceRequest>(`/service-requests/${id(rid)}/cancel`, { reason }),
  /** The time balance (minutes) of the signed-in person, from the passbook. */
  timeBalance: async (signal?: AbortSignal) => (await api.get<{ balances: { points: number; time: number } }>('/me/passbook', { ledger: 'time', page: 1, pageSize: 1 }, signal)).balances.time,
  members: (orgId: string, signal?: AbortSignal) => api.get<Page<TeamMember>>(`/orgs/${id(orgId)}/members`, { status: 'active', page: 1, pageSize: 100 }, signal),
  people: (q: string, signal?: AbortSignal) => api.get<Page<User>>('/users', { q, page: 1, pageSize: 20 }, signal),
};

/** 点亮微心愿. */
export const wishesApi = {
  create: (body: NewWish) => api.post<StaffWish>('/wishes', body),
  list: (q: { regionCode?: string; status?: WishStatus; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<AnyWish>>('/wishes', { ...q }, signal),
  stats: (regionCode?: string, signal?: AbortSignal) => api.get<WishStats>('/wishes/stats', { regionCode }, signal),
  get: (wid: string, signal?: AbortSignal) => api.get<AnyWish>(`/wishes/${id(wid)}`, undefined, signal),
  claim: (wid: string, body: { claimantType: ClaimantKind; claimantName?: string }) => api.post<PublicWish>(`/wishes/${id(wid)}/claim`, body),
  deliver: (wid: string, body: { note: string; photoBase64?: string }) => api.post<PublicWish>(`/wishes/${id(wid)}/deliver`, body),
  confirm: (wid: string) => api.post<StaffWish>(`/wishes/${id(wid)}/confirm`),
};

export function isStaffWish(w: AnyWish): w is StaffWish {
  return 'beneficiaryName' in w;
}
