import type { z } from 'zod';
import { CSRF_COOKIE, CSRF_HEADER } from '@shared/constants';
import { isErrorBody } from '@shared/errors';
import type { VolunteerListItem as VolunteerListItemSchema, ImportJob as ImportJobSchema, Membership as MembershipSchema, OnBehalfRegisterBody, Profile as ProfileSchema, ProfileCorrectionBody, ProfileUpdateBody } from '@shared/schemas/people';
import type { OrgCreateBody, Station as StationSchema, StationCreateBody } from '@shared/schemas/orgs';
import { API_BASE, ApiError, api, buildQuery, type QueryValue } from '../../api/client';
import type { Org, Page, User } from '../../api/types';
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

const id = (s: string) => encodeURIComponent(s);

export const peopleApi = {
  myProfile: (signal?: AbortSignal) => api.get<Profile>('/me/profile', undefined, signal),
  updateMyProfile: (body: ProfileUpdate) => api.put<Profile>('/me/profile', body),
  setPublicDisplay: (on: boolean) => (on ? api.post<Profile>('/me/consents/public-display') : api.delete<Profile>('/me/consents/public-display')),
  myMemberships: (signal?: AbortSignal) => api.get<{ items: Membership[] }>('/me/memberships', undefined, signal),
  respond: (membershipId: string, accept: boolean) => api.post<{ member: Membership }>(`/memberships/${id(membershipId)}/respond`, { accept }),
  leave: (membershipId: string, reason?: string) => api.post<{ member: Membership }>(`/memberships/${id(membershipId)}/leave`, reason ? { reason } : {}),
  decide: (membershipId: string, decision: 'approve' | 'reject', reason?: string) =>
    api.post<{ member: Membership }>(`/memberships/${id(membershipId)}/decide`, { decision, ...(reason ? { reason } : {}) }),
  setRole: (membershipId: string, role: Membership['role']) => api.patch<{ member: Membership }>(`/memberships/${id(membershipId)}`, { role }),

  orgs: (query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<Org>>('/orgs', query, signal),
  org: (orgId: string, signal?: AbortSignal) => api.get<Org>(`/orgs/${id(orgId)}`, undefined, signal),
  createOrg: (body: OrgCreate) => api.post<Org>('/orgs', body),
  updateOrg: (orgId: string, body: Partial<OrgCreate>) => api.patch<Org>(`/orgs/${id(orgId)}`, body),
  join: (orgId: string, message?: string) => api.post<{ member: Membership }>(`/orgs/${id(orgId)}/join`, message ? { message } : {}),
  reviewOrg: (orgId: string, decision: 'approve' | 'reject' | 'request_changes', reason?: string) =>
    api.post<Org>(`/orgs/${id(orgId)}/review`, { decision, ...(reason ? { reason } : {}) }),
  orgState: (orgId: string, action: 'suspend' | 'reinstate' | 'dissolve', reason: string) => api.post<Org>(`/orgs/${id(orgId)}/state`, { action, reason }),
  members: (orgId: string, query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<Membership>>(`/orgs/${id(orgId)}/members`, query, signal),
  addMember: (orgId: string, userId: string, role?: Membership['role']) => api.post<{ member: Membership }>(`/orgs/${id(orgId)}/members`, { userId, ...(role ? { role } : {}) }),
  invite: (orgId: string, userId: string, role?: Membership['role']) => api.post<{ member: Membership }>(`/orgs/${id(orgId)}/invitations`, { userId, ...(role ? { role } : {}) }),
  users: (q: string, signal?: AbortSignal) => api.get<Page<User>>('/users', { q, page: 1, pageSize: 20 }, signal),

  volunteers: (query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<VolunteerRow>>('/volunteers', query, signal),
  volunteer: (userId: string, signal?: AbortSignal) => api.get<Profile>(`/volunteers/${id(userId)}`, undefined, signal),
  correct: (userId: string, body: ProfileCorrection) => api.patch<Profile>(`/volunteers/${id(userId)}`, body),
  registerOnBehalf: (body: OnBehalfBody) => api.post<Profile>('/volunteers', body),
  issueClaimCode: (userId: string) => api.post<{ code: string; expiresAt: string }>(`/users/${id(userId)}/claim-code`),
  issueResetCode: (userId: string) => api.post<{ code: string; expiresAt: string }>(`/users/${id(userId)}/reset-code`),
  importJob: (jobId: string, signal?: AbortSignal) => api.get<ImportJob>(`/imports/${id(jobId)}`, undefined, signal),

  stations: (query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<Station>>('/stations', query, signal),
  createStation: (body: StationCreate) => api.post<Station>('/stations', body),
  updateStation: (stationId: string, body: Partial<Omit<StationCreate, 'regionCode'>>) => api.patch<Station>(`/stations/${id(stationId)}`, body),
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
