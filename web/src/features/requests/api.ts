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
import { api, type ApiAnswer, type ApiBody, type ApiQuery } from '../../api/client';
import { apiQuery } from '../../api/query';

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

export type RequestListQuery = ApiQuery<'/service-requests'>;

/** A team member as `GET /orgs/{id}/members` lists them. */
export type TeamMember = ApiAnswer<'/orgs/{id}/members'>['items'][number];

export type NewWish = ApiBody<'/wishes'>;


/** 四单工作法: 点单 → 派单 → 接单 → 评单. */
export const requestsApi = {
  /** `idempotencyKey`: one per submission (useKeyKeeper), so a retry never orders or reserves twice. */
  create: (body: NewRequest, idempotencyKey: string) => api.post('/service-requests', { body, idempotencyKey }),
  list: (q: RequestListQuery) => apiQuery('/service-requests', { query: { ...q } }),
  get: (rid: string) => apiQuery('/service-requests/{id}', { params: { id: rid } }),
  suggestions: (rid: string) => apiQuery('/service-requests/{id}/suggestions', { params: { id: rid } }),
  dispatch: (rid: string, body: { orgId?: string; userId?: string; dueAt: string; note?: string }) => api.post('/service-requests/{id}/dispatch', { params: { id: rid }, body }),
  accept: (rid: string, helperIds?: string[]) => api.post('/service-requests/{id}/accept', { params: { id: rid }, body: helperIds?.length ? { helperIds } : {} }),
  decline: (rid: string, reason: string) => api.post('/service-requests/{id}/decline', { params: { id: rid }, body: { reason } }),
  checkin: (rid: string, pos: { lat?: number; lng?: number }) => api.post('/service-requests/{id}/checkin', { params: { id: rid }, body: pos }),
  checkout: (rid: string, pos: { lat?: number; lng?: number }) => api.post('/service-requests/{id}/checkout', { params: { id: rid }, body: pos }),
  rate: (rid: string, body: { happened: boolean; stars?: number; comment?: string }) => api.post('/service-requests/{id}/rate', { params: { id: rid }, body }),
  cancel: (rid: string, reason: string) => api.post('/service-requests/{id}/cancel', { params: { id: rid }, body: { reason } }),
  /** The time balance (minutes) of the signed-in person, from the passbook. */
  timeBalance: () => ({ ...apiQuery('/me/passbook', { query: { ledger: 'time', page: 1, pageSize: 1 } }), select: (p: ApiAnswer<'/me/passbook'>) => p.balances.time }),
  members: (orgId: string) => apiQuery('/orgs/{id}/members', { params: { id: orgId }, query: { status: 'active', page: 1, pageSize: 100 } }),
  people: (q: string) => apiQuery('/users', { query: { q, page: 1, pageSize: 20 } }),
};

/** 点亮微心愿. */
export const wishesApi = {
  create: (body: NewWish) => api.post('/wishes', { body }),
  list: (q: { regionCode?: string; status?: WishStatus; page?: number; pageSize?: number }) => apiQuery('/wishes', { query: { ...q } }),
  stats: (regionCode?: string) => apiQuery('/wishes/stats', { query: { regionCode } }),
  get: (wid: string) => apiQuery('/wishes/{id}', { params: { id: wid } }),
  claim: (wid: string, body: { claimantType: ClaimantKind; claimantName?: string }) => api.post('/wishes/{id}/claim', { params: { id: wid }, body }),
  deliver: (wid: string, body: { note: string; photoBase64?: string }) => api.post('/wishes/{id}/deliver', { params: { id: wid }, body }),
  confirm: (wid: string) => api.post('/wishes/{id}/confirm', { params: { id: wid } }),
};

export function isStaffWish(w: AnyWish): w is StaffWish {
  return 'beneficiaryName' in w;
}
