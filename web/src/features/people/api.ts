import type { z } from 'zod';
import { CSRF_COOKIE, CSRF_HEADER } from '@shared/constants';
import { isErrorBody } from '@shared/errors';
import type { VolunteerListItem as VolunteerListItemSchema, ImportJob as ImportJobSchema, Membership as MembershipSchema, OnBehalfRegisterBody, Profile as ProfileSchema, ProfileCorrectionBody, ProfileUpdateBody } from '@shared/schemas/people';
import type { OrgCreateBody, Station as StationSchema, StationCreateBody } from '@shared/schemas/orgs';
import { API_BASE, ApiError, api, buildQuery, type QueryValue, type ApiQuery } from '../../api/client';
import { apiQuery } from '../../api/query';
import { readCookie } from '../../lib/cookie';

export type Profile = z.infer<typeof ProfileSchema>;
export type VolunteerRow = z.infer<typeof VolunteerListItemSchema>;
export type Membership = z.infer<typeof MembershipSchema>;
export type ImportJob = z.infer<typeof ImportJobSchema>;
export type Station = z.infer<typeof StationSchema>;
export type ProfileUpdate = z.infer<typeof ProfileUpdateBody>;
export type ProfileCorrection = z.infer<typeof ProfileCorrectionBody>;
export type OnBehalfBody = z.infer<typeof OnBehalfRegisterBody>;
export type OrgCreate = z.infer<typeof OrgCreateBody>;
export type StationCreate = z.input<typeof StationCreateBody>;


export const peopleApi = {
  myProfile: () => apiQuery('/me/profile'),
  updateMyProfile: (body: ProfileUpdate) => api.put('/me/profile', { body }),
  setPublicDisplay: (on: boolean) => (on ? api.post('/me/consents/public-display') : api.delete('/me/consents/public-display')),
  myMemberships: () => apiQuery('/me/memberships'),
  respond: (membershipId: string, accept: boolean) => api.post('/memberships/{id}/respond', { params: { id: membershipId }, body: { accept } }),
  leave: (membershipId: string, reason?: string) => api.post('/memberships/{id}/leave', { params: { id: membershipId }, body: reason ? { reason } : {} }),
  decide: (membershipId: string, decision: 'approve' | 'reject', reason?: string) =>
    api.post('/memberships/{id}/decide', { params: { id: membershipId }, body: { decision, ...(reason ? { reason } : {}) } }),
  setRole: (membershipId: string, role: Membership['role']) => api.patch('/memberships/{id}', { params: { id: membershipId }, body: { role } }),

  orgs: (query: ApiQuery<'/orgs'>) => apiQuery('/orgs', { query }),
  org: (orgId: string) => apiQuery('/orgs/{id}', { params: { id: orgId } }),
  createOrg: (body: OrgCreate) => api.post('/orgs', { body }),
  updateOrg: (orgId: string, body: Partial<OrgCreate>) => api.patch('/orgs/{id}', { params: { id: orgId }, body }),
  join: (orgId: string, message?: string) => api.post('/orgs/{id}/join', { params: { id: orgId }, body: message ? { message } : {} }),
  reviewOrg: (orgId: string, decision: 'approve' | 'reject' | 'request_changes', reason?: string) =>
    api.post('/orgs/{id}/review', { params: { id: orgId }, body: { decision, ...(reason ? { reason } : {}) } }),
  orgState: (orgId: string, action: 'suspend' | 'reinstate' | 'dissolve', reason: string) => api.post('/orgs/{id}/state', { params: { id: orgId }, body: { action, reason } }),
  members: (orgId: string, query: ApiQuery<'/orgs/{id}/members'>) => apiQuery('/orgs/{id}/members', { params: { id: orgId }, query }),
  addMember: (orgId: string, userId: string, role?: Membership['role']) => api.post('/orgs/{id}/members', { params: { id: orgId }, body: { userId, ...(role ? { role } : {}) } }),
  invite: (orgId: string, userId: string, role?: Membership['role']) => api.post('/orgs/{id}/invitations', { params: { id: orgId }, body: { userId, ...(role ? { role } : {}) } }),
  users: (q: string) => apiQuery('/users', { query: { q, page: 1, pageSize: 20 } }),

  volunteers: (query: ApiQuery<'/volunteers'>) => apiQuery('/volunteers', { query }),
  volunteer: (userId: string) => apiQuery('/volunteers/{id}', { params: { id: userId } }),
  correct: (userId: string, body: ProfileCorrection) => api.patch('/volunteers/{id}', { params: { id: userId }, body }),
  registerOnBehalf: (body: OnBehalfBody) => api.post('/volunteers', { body }),
  issueClaimCode: (userId: string) => api.post('/users/{id}/claim-code', { params: { id: userId } }),
  issueResetCode: (userId: string) => api.post('/users/{id}/reset-code', { params: { id: userId } }),
  importJob: (jobId: string) => apiQuery('/imports/{id}', { params: { id: jobId } }),

  stations: (query: ApiQuery<'/stations'>) => apiQuery('/stations', { query }),
  createStation: (body: StationCreate) => api.post('/stations', { body }),
  updateStation: (stationId: string, body: Partial<Omit<StationCreate, 'regionCode'>>) => api.patch('/stations/{id}', { params: { id: stationId }, body }),
};

/** The link of an Excel export of what a list's filter shows (a GET: a plain link downloads it). */
export function exportHref(path: string, query: Record<string, QueryValue>): string {
  const { page: _p, pageSize: _s, ...rest } = query;
  return `${API_BASE}${path}${buildQuery(rest)}`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `POST /imports/volunteers`: the raw .xlsx as the body, with the CSRF header. */
export async function startImport(file: Blob, opts: { regionCode: string; mode: 'all_or_nothing' | 'skip_bad'; fileName: string }): Promise<ImportJob> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': XLSX_TYPE };
  const token = readCookie(document.cookie, CSRF_COOKIE);
  if (token) headers[CSRF_HEADER] = token;
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/imports/volunteers${buildQuery(opts)}`, { method: 'POST', headers, body: file, credentials: 'same-origin' });
  } catch (err) {
    throw new ApiError('NETWORK', 0, err instanceof Error ? err.message : String(err));
  }
  const data: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    if (isErrorBody(data)) throw new ApiError(data.error.code, res.status, data.error.message, data.error.details ?? {});
    throw new ApiError(res.status >= 500 ? 'UNAVAILABLE' : 'BAD_RESPONSE', res.status, `HTTP ${res.status}`);
  }
  return data as ImportJob;
}
