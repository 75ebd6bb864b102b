import type { z } from 'zod';
import type {
  ComputeFlagsResult as ComputeSchema,
  Flag as FlagSchema,
  HardshipEntry as HardshipSchema,
  MonthlyReport as ReportSchema,
  MyWelfarePost as MySchema,
  Placement as PlacementSchema,
  PostCheckinCode as CodeSchema,
  PostCheckinResult as CheckinSchema,
  PostMonth as MonthSchema,
  Progress as ProgressSchema,
  PublicNotice as NoticeSchema,
  StepBody,
  WelfarePost as PostSchema,
  WelfarePostBody,
} from '@shared/schemas/posts';
import { API_BASE, buildQuery } from '../../api/client';
import { legacyApi as api } from '../../api/use-request';

export type WelfarePost = z.infer<typeof PostSchema>;
export type Placement = z.infer<typeof PlacementSchema>;
export type PostMonth = z.infer<typeof MonthSchema>;
export type Flag = z.infer<typeof FlagSchema>;
export type MonthlyReport = z.infer<typeof ReportSchema>;
export type Progress = z.infer<typeof ProgressSchema>;
export type PublicNotice = z.infer<typeof NoticeSchema>;
export type MyWelfarePost = z.infer<typeof MySchema>;
export type PostCheckinCode = z.infer<typeof CodeSchema>;
export type PostCheckinResult = z.infer<typeof CheckinSchema>;
export type HardshipEntry = z.infer<typeof HardshipSchema>;
export type ComputeResult = z.infer<typeof ComputeSchema>;
type Page<T> = { items: T[]; total: number };

const id = (s: string) => encodeURIComponent(s);

/** Public-welfare posts (公益性岗位): the console's pages, the worker's post and check-in, the public notice. */
export const postsApi = {
  list: (query: { regionCode?: string; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<WelfarePost>>('/welfare-posts', query, signal),
  get: (postId: string, signal?: AbortSignal) => api.get<WelfarePost>(`/welfare-posts/${id(postId)}`, undefined, signal),
  create: (body: WelfarePostBody) => api.post<WelfarePost>('/welfare-posts', body),
  announce: (postId: string, document: { fileName: string; contentBase64: string }) => api.post<WelfarePost>(`/welfare-posts/${id(postId)}/announce`, { document }),
  progress: (regionCode: string, signal?: AbortSignal) => api.get<Progress>('/welfare-posts/progress', { regionCode }, signal),
  placements: (query: { postId?: string; status?: string; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<Placement>>('/welfare-placements', query, signal),
  step: (placementId: string, body: StepBody) => api.post<Placement>(`/welfare-placements/${id(placementId)}/steps`, body),
  reject: (placementId: string, reason: string) => api.post<Placement>(`/welfare-placements/${id(placementId)}/reject`, { reason }),
  reviewObjection: (objectionId: string, body: { decision: 'dismiss' | 'uphold'; note: string }) => api.post<Placement>(`/welfare-objections/${id(objectionId)}/review`, body),
  month: (postId: string, month: string | undefined, signal?: AbortSignal) => api.get<PostMonth>(`/welfare-posts/${id(postId)}/month`, { month }, signal),
  record: (postId: string, body: { userId: string; day: string; note: string }) => api.post<PostCheckinResult>(`/welfare-posts/${id(postId)}/attendance`, body),
  close: (postId: string, body: { day: string; reason: string }) => api.post<PostMonth>(`/welfare-posts/${id(postId)}/closures`, body),
  confirm: (postId: string, body: { month: string; note?: string }) => api.post<PostMonth>(`/welfare-posts/${id(postId)}/confirmations`, body),
  checkinCode: (postId: string, signal?: AbortSignal) => api.get<PostCheckinCode>(`/welfare-posts/${id(postId)}/checkin-code`, undefined, signal),
  checkin: (postId: string, body: { token: string; lat?: number; lng?: number }) => api.post<PostCheckinResult>(`/welfare-posts/${id(postId)}/checkin`, body),
  mine: (signal?: AbortSignal) => api.get<MyWelfarePost>('/me/welfare-post', undefined, signal),
  computeFlags: (body: { month: string; regionCode?: string; postId?: string }) => api.post<ComputeResult>('/welfare-flags/compute', body),
  flags: (query: { month?: string; status?: string; postId?: string; regionCode?: string; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<Flag>>('/welfare-flags', query, signal),
  reviewFlag: (flagId: string, body: { decision: 'confirmed' | 'dismissed'; note: string }) => api.post<Flag>(`/welfare-flags/${id(flagId)}/review`, body),
  report: (query: { month: string; regionCode?: string; postId?: string }, signal?: AbortSignal) => api.get<MonthlyReport>('/welfare-reports/monthly', query, signal),
  reportXlsxUrl: (query: { month: string; regionCode?: string; postId?: string }) => `${API_BASE}/welfare-reports/monthly.xlsx${buildQuery(query)}`,
  hardship: (query: { regionCode: string; page?: number }, signal?: AbortSignal) => api.get<Page<HardshipEntry>>('/hardship-register', query, signal),
  notices: (query: { regionCode?: string; page?: number }, signal?: AbortSignal) => api.get<Page<PublicNotice>>('/public/welfare-notices', query, signal),
  notice: (placementId: string, signal?: AbortSignal) => api.get<PublicNotice>(`/public/welfare-notices/${id(placementId)}`, undefined, signal),
  object: (placementId: string, body: { content: string; contact?: string }) => api.post<{ id: string }>(`/public/welfare-notices/${id(placementId)}/objections`, body),
};

/** Reads a chosen file as the base64 a step's document travels in. */
export function fileToDocument(file: File): Promise<{ fileName: string; contentBase64: string }> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve({ fileName: file.name, contentBase64: String(r.result).replace(/^data:[^,]+,/, '') });
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

/** This month in China time, YYYY-MM. */
export function chinaMonth(d = new Date()): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}
export function chinaToday(d = new Date()): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
